"""Meeting documents reach the public site only through the anonymisation engine: what the
public downloads is the engine's verified output, read as an adversary would (text layer,
metadata, annotations, embedded files), and anything the engine cannot vouch for stays off
the site with the reason kept for the griffie."""

import pymupdf
import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from people.models import PersonRole
from publication.models import MeetingDocument
from publication.service import PublicationRefused, publish_meeting_document
from tests.confidentiality.helpers import verify
from tests.factories import MeetingFactory, PersonFactory, UserFactory, make_pdf
from tests.publication.factories import MeetingDocumentFactory
from tests.publication.test_leak import crawl

pytestmark = pytest.mark.django_db

MAYOR = "Karin Lodewijks"
SPEAKER = {
    "name": "Annelies Verstraate",
    "street": "Kerkstraat 14",
    "postcode": "4484 AB",
    "phone": "06-41829377",
}
PRIVATE = list(SPEAKER.values())


def besluitenlijst_pdf() -> bytes:
    """A besluitenlijst with a private person in the text, the metadata, a note and an
    embedded file, and the mayor (from the registry) in the text."""
    text = (
        f"Besluitenlijst raadsvergadering\n\nVoorzitter: {MAYOR}, burgemeester\n\n"
        f"1. Opening.\n2. Spreekrecht: mevrouw {SPEAKER['name']}, {SPEAKER['street']}, "
        f"{SPEAKER['postcode']} Kortgene, telefoon {SPEAKER['phone']}, spreekt in over de "
        f"haven.\n3. De raad stemt in met het raadsvoorstel."
    )
    pdf = pymupdf.open(stream=make_pdf(text), filetype="pdf")
    pdf.set_metadata({"author": SPEAKER["name"], "subject": f"Inspraak {SPEAKER['name']}"})
    pdf[0].add_text_annot((50, 50), f"Bel {SPEAKER['name']} terug op {SPEAKER['phone']}")
    pdf.embfile_add("inspraak.txt", f"{SPEAKER['name']}, {SPEAKER['street']}".encode())
    return pdf.tobytes()


def encrypted_pdf() -> bytes:
    pdf = pymupdf.open(stream=make_pdf("Besluitenlijst"), filetype="pdf")
    return pdf.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="geheim", owner_pw="x")


@pytest.fixture
def meeting():
    PersonFactory(name=MAYOR, role=PersonRole.BURGEMEESTER)
    return MeetingFactory(starts_at=timezone.now() - timezone.timedelta(days=1))


def upload(meeting, data: bytes, **fields) -> MeetingDocument:
    return MeetingDocumentFactory(meeting=meeting, file__data=data, **fields)


def public_download(client, md: MeetingDocument) -> pymupdf.Document:
    response = client.get(md.get_absolute_url())
    assert response.status_code == 200
    return pymupdf.open(stream=b"".join(response.streaming_content), filetype="pdf")


def what_an_adversary_reads(pdf: pymupdf.Document) -> dict[str, str]:
    return {
        "text": "\n".join(page.get_text() for page in pdf),
        "metadata": " ".join(str(v) for v in (pdf.metadata or {}).values())
        + pdf.get_xml_metadata(),
        "annotations": " ".join(str(annot.info) for page in pdf for annot in page.annots() or ()),
        "embedded files": " ".join(
            pdf.embfile_get(i).decode(errors="replace") for i in range(pdf.embfile_count())
        ),
    }


def test_a_published_besluitenlijst_carries_no_private_persons_data_anywhere(client, meeting):
    md = upload(meeting, besluitenlijst_pdf())
    publish_meeting_document(md)
    md.refresh_from_db()
    read = what_an_adversary_reads(public_download(client, md))
    read["search index"] = md.public_text
    leaks = [(where, item) for where, text in read.items() for item in PRIVATE if item in text]
    assert leaks == []
    # office holders stay (3a)
    assert MAYOR in read["text"] and MAYOR in md.public_text
    assert md.publication_report["entities"]["PERSON"] >= 1


def test_with_consent_names_stay_but_metadata_notes_and_attachments_go(client, meeting):
    md = upload(meeting, besluitenlijst_pdf(), personal_data_consent=True)
    publish_meeting_document(md)
    read = what_an_adversary_reads(public_download(client, md))
    assert SPEAKER["name"] in read.pop("text")
    assert {where: text for where, text in read.items() if SPEAKER["name"] in text} == {}


@pytest.mark.parametrize(
    "data", [encrypted_pdf(), b"%PDF-1.7 afgebroken"], ids=["encrypted", "broken"]
)
def test_an_unreadable_file_is_refused_and_not_public_on_any_channel(client, meeting, data):
    published = upload(meeting, make_pdf("Agenda"), title="Agenda raadsvergadering")
    publish_meeting_document(published)
    refused = upload(meeting, data, title="Besluitenlijst onleesbaar")
    with pytest.raises(PublicationRefused) as refusal:
        publish_meeting_document(refused)

    assert "niet te lezen" in refusal.value.reason
    refused.refresh_from_db()
    assert refused.published_at is None and not refused.public_file
    assert refused.publication_report["refused"] == refusal.value.reason
    pages = crawl(client)
    assert published.get_absolute_url() in pages  # the crawl reached the meeting's documents
    assert [p for p, text in pages.items() if "onleesbaar" in text or str(refused.uuid) in p] == []


def test_a_meeting_document_published_before_the_engine_is_not_public(client, meeting):
    legacy = upload(meeting, make_pdf("Besluitenlijst"), published_at=timezone.now())
    assert not MeetingDocument.objects.public().filter(pk=legacy.pk).exists()
    assert client.get(legacy.get_absolute_url()).status_code == 404
    assert legacy.title not in client.get(meeting.get_absolute_url()).content.decode()


def test_publishing_again_replaces_the_public_file(
    client, meeting, django_capture_on_commit_callbacks
):
    md = upload(meeting, make_pdf("Eerste versie"))
    publish_meeting_document(md)
    first = md.public_file.name
    md.file.save("nieuw.pdf", ContentFile(make_pdf("Tweede versie")))
    with django_capture_on_commit_callbacks(execute=True):
        publish_meeting_document(md)
    assert "Tweede versie" in public_download(client, md)[0].get_text()
    assert md.public_file.name != first and not md.public_file.storage.exists(first)


def test_a_refused_new_version_takes_the_earlier_one_off_the_site(client, meeting):
    md = upload(meeting, make_pdf("Eerste versie"))
    publish_meeting_document(md)
    md.file.save("nieuw.pdf", ContentFile(encrypted_pdf()))
    with pytest.raises(PublicationRefused):
        publish_meeting_document(md)
    md.refresh_from_db()
    assert md.published_at is None and not md.public_file
    assert client.get(md.get_absolute_url()).status_code == 404


def admin_publish(client, *documents):
    client = verify(client, UserFactory(is_staff=True, is_superuser=True, griffie=True))
    response = client.post(
        reverse("admin:publication_meetingdocument_changelist"),
        {"action": "publish", "_selected_action": [md.pk for md in documents]},
        follow=True,
    )
    return [(m.level_tag, m.message) for m in response.context["messages"]]


def test_the_admin_action_tells_the_griffie_why_a_document_was_refused(client, meeting):
    refused = upload(meeting, encrypted_pdf(), title="Besluitenlijst versleuteld")
    [(level, message)] = admin_publish(client, refused)
    refused.refresh_from_db()
    assert level == "error"
    assert message == f"Besluitenlijst versleuteld: {refused.publication_report['refused']}"
    assert "niet te lezen" in message


def test_the_admin_action_reports_what_the_engine_removed(client, meeting):
    md = upload(meeting, besluitenlijst_pdf(), title="Besluitenlijst")
    [(level, message)] = admin_publish(client, md)
    assert level == "success"
    assert message.startswith("Besluitenlijst: gepubliceerd; ")
    assert "gegevens verwijderd (" in message and "naam: " in message
    assert "metadata geleegd" in message
    form = client.get(reverse("admin:publication_meetingdocument_change", args=[md.pk]))
    assert message.removeprefix("Besluitenlijst: ") in form.content.decode()
    assert 'name="personal_data_consent"' in form.content.decode()
