"""Councillors read the meeting (issue 17): the agenda with every document a member may read,
reading page by page with the watermark, private notes and search — each by the existing
reading rule."""

import datetime

import pymupdf
import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from confidentiality import reading, service
from confidentiality.models import (
    AccessLog,
    ReadingNote,
    ReadingTarget,
    WatermarkIssue,
)
from confidentiality.watermark import page_image
from tests.confidentiality.helpers import member, stored_document, verify
from tests.confidentiality.members_helpers import council_meeting, page_url, read_url
from tests.factories import AgendaItemFactory, MeetingFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(world):
    return council_meeting(world)


def _get(world, role, url):
    return verify(Client(), world.users[role]).get(url)


# --- the meeting ---------------------------------------------------------------------------------
def test_a_raadslid_sees_public_vertrouwelijk_and_geheim_side_by_side_per_agenda_item(
    world, council
):
    agenda = reading.member_meeting(
        _get(world, "raadslid", "/raadsleden/").wsgi_request.user, council.meeting
    )
    by_item = {
        row.item.pk: {(r.target_type, str(r.uuid)) for r in row.readables} for row in agenda.rows
    }
    assert by_item[council.proposal_item.pk] == {
        (ReadingTarget.MEETING_DOCUMENT, str(council.proposal.uuid)),
        (ReadingTarget.DOCUMENT, str(world.documents["vertrouwelijk"].uuid)),
    }
    assert by_item[council.secret_item_agenda.pk] == {
        (ReadingTarget.SECRET_ITEM, str(world.items["geheim"].uuid))
    }


def test_the_meeting_page_shows_each_document_with_its_level(world, council):
    response = _get(
        world, "raadslid", reverse("confidentiality:meeting", args=[council.meeting.pk])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert {"no-store", "private"} <= set(response["Cache-Control"].replace(" ", "").split(","))
    assert "Raadsvoorstel herinrichting Dorpsstraat" in html
    assert "Brief over de Dorpsstraat" in html
    assert "Besluit geheim" in html  # the secret item, by its decision's title
    assert read_url(ReadingTarget.SECRET_ITEM, world.items["geheim"].uuid) in html


def test_an_excluded_member_does_not_see_the_geheim_item(world, council):
    response = _get(
        world, "excluded", reverse("confidentiality:meeting", args=[council.meeting.pk])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Brief over de Dorpsstraat" in html  # vertrouwelijk reading is not excluded
    assert str(world.items["geheim"].uuid) not in html
    assert "Besluit geheim" not in html
    assert "Grondaankoop Havenweg" not in html
    assert "RB-2026-17" in html  # told why


def test_a_member_of_another_body_sees_only_the_public_documents(world, council):
    html = _get(
        world, "other_commissie", reverse("confidentiality:meeting", args=[council.meeting.pk])
    ).content.decode()
    assert "Raadsvoorstel herinrichting Dorpsstraat" in html
    assert "Brief over de Dorpsstraat" not in html
    assert str(world.items["geheim"].uuid) not in html


def test_a_besloten_vergadering_shows_its_agenda_only_to_the_body_it_was_provided_to(world):
    meeting = MeetingFactory(body=world.raad, title="Besloten raad", is_closed=True)
    AgendaItemFactory(meeting=meeting, number="1", title="Onderhandeling haven", position=1)
    minutes = stored_document("Verslag besloten raad", meeting=meeting)
    service.record_if_closed_meeting(minutes)
    url = reverse("confidentiality:meeting", args=[meeting.pk])
    assert "Onderhandeling haven" in _get(world, "raadslid", url).content.decode()
    for role in ("excluded", "other_commissie", "griffie"):
        html = _get(world, role, url).content.decode()
        assert "Onderhandeling haven" not in html, role
        assert "Verslag besloten raad" not in html, role


def test_the_meeting_list_shows_the_meetings_of_the_members_bodies(world, council):
    other = MeetingFactory(body=world.commissie_b, title="Commissie Ruimte november")
    html = _get(world, "raadslid", reverse("confidentiality:meetings")).content.decode()
    assert "Raadsvergadering december" in html
    assert other.title not in html
    every = _get(world, "raadslid", reverse("confidentiality:meetings") + "?alle=1")
    assert other.title in every.content.decode()


# --- reading in the browser ---------------------------------------------------------------------
def test_reading_a_vertrouwelijk_document_page_by_page_is_logged_and_watermarked(world, council):
    document = world.documents["vertrouwelijk"]
    client = verify(Client(), world.users["raadslid"])
    page = client.get(read_url(ReadingTarget.DOCUMENT, document.uuid))
    assert page.status_code == 200
    assert {"no-store", "private"} <= set(page["Cache-Control"].replace(" ", "").split(","))
    issue = WatermarkIssue.objects.get(user=world.users["raadslid"], object_id=str(document.uuid))
    image_url = page_url(ReadingTarget.DOCUMENT, document.uuid) + f"?wm={issue.code}"
    assert image_url in page.content.decode()

    image = client.get(image_url)
    assert image.status_code == 200
    assert image["Content-Type"] == "image/png"
    assert {"no-store", "private"} <= set(image["Cache-Control"].replace(" ", "").split(","))
    assert image["Content-Disposition"].startswith("inline")
    plain = page_image(
        reading.confidential_file(document).read_bytes(), 0, level=None, lines=[], code=""
    )
    assert image.content.startswith(b"\x89PNG") and image.content != plain
    assert WatermarkIssue.objects.filter(user=world.users["raadslid"]).count() == 1  # reused
    actions = set(
        AccessLog.objects.filter(object_id=str(document.uuid), result="allowed").values_list(
            "action", flat=True
        )
    )
    assert {"read", "read_page"} <= actions


def test_the_watermark_names_the_reader_and_the_code():
    pdf = pymupdf.open(stream=stored_pdf_bytes(), filetype="pdf")
    from confidentiality.watermark import stamp

    stamp(pdf[0], level="VERTROUWELIJK", lines=["Anna Raadslid"], code="WM-ABCDE-12345")
    text = pdf[0].get_text()
    assert "Anna Raadslid" in text and "WM-ABCDE-12345" in text


def stored_pdf_bytes() -> bytes:
    from tests.factories import make_pdf

    return make_pdf("Een brief.")


def test_a_page_the_document_does_not_have_is_404(world, council):
    document = world.documents["vertrouwelijk"]
    response = _get(world, "raadslid", page_url(ReadingTarget.DOCUMENT, document.uuid, page=9))
    assert response.status_code == 404


def test_a_public_meeting_document_is_read_without_watermark(world, council):
    client = verify(Client(), world.users["other_commissie"])
    assert (
        client.get(read_url(ReadingTarget.MEETING_DOCUMENT, council.proposal.uuid)).status_code
        == 200
    )
    image = client.get(page_url(ReadingTarget.MEETING_DOCUMENT, council.proposal.uuid, page=2))
    assert image.status_code == 200
    assert not WatermarkIssue.objects.exists()


@pytest.mark.parametrize(
    ("role", "target", "level"),
    [
        ("excluded", ReadingTarget.SECRET_ITEM, "geheim"),
        ("other_commissie", ReadingTarget.SECRET_ITEM, "geheim"),
        ("other_commissie", ReadingTarget.DOCUMENT, "vertrouwelijk"),
        ("college", ReadingTarget.DOCUMENT, "vertrouwelijk"),
        ("raadslid", ReadingTarget.DOCUMENT, "geheim"),  # secret: never on the vertrouwelijk path
    ],
)
def test_what_the_rule_refuses_is_a_404_for_reader_and_pages_and_is_logged(
    world, council, role, target, level
):
    uuid = (
        world.items[level].uuid
        if target == ReadingTarget.SECRET_ITEM
        else world.documents[level].uuid
    )
    client = verify(Client(), world.users[role])
    for url in (read_url(target, uuid), page_url(target, uuid)):
        assert client.get(url).status_code == 404
    assert (
        AccessLog.objects.filter(
            actor=world.users[role], object_id=str(uuid), result="denied"
        ).count()
        == 2
    )


# --- notes ---------------------------------------------------------------------------------------
NOTE = "Vragen aan de wethouder over de kosten van fase twee"


def _write_note(client, target, uuid, text=NOTE, page=None):
    prefix = f"p{page}" if page else "doc"
    data = {"prefix": prefix, f"{prefix}-text": text}
    if page:
        data[f"{prefix}-page"] = page
    return client.post(read_url(target, uuid), data)


def test_a_note_per_document_and_per_page_is_seen_only_by_its_author(world, council):
    document = world.documents["vertrouwelijk"]
    author = verify(Client(), world.users["raadslid"])
    assert _write_note(author, ReadingTarget.DOCUMENT, document.uuid).status_code == 302
    assert (
        _write_note(
            author, ReadingTarget.DOCUMENT, document.uuid, "Pagina een klopt niet", page=1
        ).status_code
        == 302
    )
    notes = ReadingNote.objects.filter(author=world.users["raadslid"])
    assert {(n.page, n.text) for n in notes} == {(None, NOTE), (1, "Pagina een klopt niet")}
    assert NOTE in author.get(read_url(ReadingTarget.DOCUMENT, document.uuid)).content.decode()
    # Another raadslid who may read the same document sees none of it.
    other = UserFactory(username="ander_raadslid", raadslid=True)
    member(other, world.raad)
    html = (
        verify(Client(), other)
        .get(read_url(ReadingTarget.DOCUMENT, document.uuid))
        .content.decode()
    )
    assert NOTE not in html and "Pagina een klopt niet" not in html
    # … nor can delete it.
    note = notes.first()
    assert (
        verify(Client(), other)
        .post(reverse("confidentiality:note-delete", args=[note.pk]))
        .status_code
        == 404
    )
    assert ReadingNote.objects.filter(pk=note.pk).exists()
    author.post(reverse("confidentiality:note-delete", args=[note.pk]))
    assert not ReadingNote.objects.filter(pk=note.pk).exists()


def test_notes_are_never_in_the_access_log_its_export_or_the_admin(world, council):
    document = world.documents["vertrouwelijk"]
    _write_note(verify(Client(), world.users["raadslid"]), ReadingTarget.DOCUMENT, document.uuid)
    for entry in AccessLog.objects.all():
        assert NOTE not in " ".join(str(v) for v in entry.__dict__.values())
    export = verify(Client(), world.users["griffie"]).get(reverse("confidentiality:access-log-csv"))
    assert NOTE.encode() not in b"".join(export.streaming_content)
    assert ReadingNote not in admin.site._registry
    assert NOTE not in str(ReadingNote.objects.get())


def test_a_note_cannot_be_written_on_a_document_the_member_may_not_read(world, council):
    client = verify(Client(), world.users["excluded"])
    response = _write_note(client, ReadingTarget.SECRET_ITEM, world.items["geheim"].uuid)
    assert response.status_code == 404
    assert not ReadingNote.objects.exists()


def test_notes_are_deleted_when_the_members_term_ends(world, council):
    document = world.documents["vertrouwelijk"]
    leaving, staying = world.users["raadslid"], world.users["excluded"]
    for user in (leaving, staying):
        ReadingNote.objects.create(
            author=user, target_type=ReadingTarget.DOCUMENT, target_uuid=document.uuid, text=NOTE
        )
    today = timezone.localdate()
    leaving.person.term_end = today - datetime.timedelta(days=1)
    leaving.person.save()
    staying.person.term_end = today  # still in office today
    staying.person.save()
    assert reading.delete_expired_notes(today) == 1
    assert list(ReadingNote.objects.values_list("author", flat=True)) == [staying.pk]
    assert reading.delete_expired_notes(today) == 0  # safe to run twice


def test_a_deactivated_account_loses_its_notes(world, council):
    user = world.users["raadslid"]
    ReadingNote.objects.create(
        author=user,
        target_type=ReadingTarget.DOCUMENT,
        target_uuid=world.documents["vertrouwelijk"].uuid,
        text=NOTE,
    )
    user.is_active = False
    user.save()
    assert reading.delete_expired_notes() == 1


def test_the_daily_task_for_notes_is_scheduled():
    from django.conf import settings

    from confidentiality.tasks import delete_expired_reading_notes

    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert delete_expired_reading_notes.name in tasks


# --- search --------------------------------------------------------------------------------------
def _search(world, role, query):
    response = _get(world, role, reverse("confidentiality:search") + f"?q={query}")
    assert response.status_code == 200
    return response.context["hits"]


def test_search_finds_vertrouwelijk_text_and_the_members_own_notes(world, council):
    document = world.documents["vertrouwelijk"]
    hits = _search(world, "raadslid", "Inhoud van Brief over")
    assert [h.title for h in hits] == [f"{document.registration_number} Brief over de Dorpsstraat"]
    _write_note(
        verify(Client(), world.users["raadslid"]), ReadingTarget.DOCUMENT, document.uuid, page=1
    )
    note_hits = [h for h in _search(world, "raadslid", "wethouder over de kosten") if h.is_note]
    assert len(note_hits) == 1 and note_hits[0].note_page == 1
    assert note_hits[0].readable_url.endswith("#pagina-1")
    # Another member finds neither the note nor, outside the raad, the vertrouwelijk text.
    assert _search(world, "excluded", "wethouder over de kosten") == []
    assert _search(world, "other_commissie", "Inhoud van Brief over") == []


def test_search_finds_geheim_text_only_for_the_bodies_it_was_provided_to(world, council):
    query = "Grondaankoop Havenweg"
    assert [h.level for h in _search(world, "raadslid", query)] == ["GEHEIM"]
    for role in ("excluded", "other_commissie", "college", "griffie"):
        assert _search(world, role, query) == [], role


def test_a_note_on_a_geheim_document_is_not_found_during_an_exclusion(world, council):
    item = world.items["geheim"]
    ReadingNote.objects.create(
        author=world.users["excluded"],
        target_type=ReadingTarget.SECRET_ITEM,
        target_uuid=item.uuid,
        text=NOTE,
    )  # written before the exclusion began
    assert _search(world, "excluded", "kosten van fase") == []


def test_search_finds_public_meeting_documents(world, council):
    hits = _search(world, "other_commissie", "Dorpsstraat te herinrichten")
    assert [h.title for h in hits] == ["Raadsvoorstel herinrichting Dorpsstraat"]


def test_a_snippet_starts_and_ends_at_whole_words():
    text = "woord " * 60 + "de begroting van het zwembad " + "ander " * 60
    before, hit, after = reading.snippet(text, "begroting")
    assert hit == "begroting"
    assert before.startswith("… woord") and after.endswith("ander …")
    assert not reading.snippet("kort", "lang")[1]


# --- second factor -----------------------------------------------------------------------------
def test_every_reading_page_needs_the_second_factor(world, council):
    client = Client()
    client.force_login(world.users["raadslid"])  # password only
    document = world.documents["vertrouwelijk"]
    note = ReadingNote.objects.create(
        author=world.users["raadslid"],
        target_type=ReadingTarget.DOCUMENT,
        target_uuid=document.uuid,
        text=NOTE,
    )
    urls = [
        reverse("confidentiality:meetings"),
        reverse("confidentiality:meeting", args=[council.meeting.pk]),
        read_url(ReadingTarget.DOCUMENT, document.uuid),
        page_url(ReadingTarget.DOCUMENT, document.uuid),
        read_url(ReadingTarget.MEETING_DOCUMENT, council.proposal.uuid),
        reverse("confidentiality:search") + "?q=kosten",
        reverse("confidentiality:preferences"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("confidentiality:otp-verify")), url
    response = client.post(reverse("confidentiality:note-delete", args=[note.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("confidentiality:otp-verify"))
    assert ReadingNote.objects.filter(pk=note.pk).exists()
    assert not AccessLog.objects.filter(action__in=["read", "read_page"]).exists()


def test_an_empty_note_is_refused(world, council):
    client = verify(Client(), world.users["raadslid"])
    uuid = world.documents["vertrouwelijk"].uuid
    assert _write_note(client, ReadingTarget.DOCUMENT, uuid, text="  ").status_code == 200
    assert _write_note(client, ReadingTarget.DOCUMENT, uuid, text="", page=1).status_code == 302
    assert not ReadingNote.objects.exists()
