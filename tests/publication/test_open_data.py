"""Art. 2 and art. 6 requests (removal, inspection); the intake command. Feeds, iCal,
sitemaps and the API have their own test modules."""

import io
import zipfile

import pytest
from django.core.management.base import CommandError
from django.urls import reverse

from documents.models import Document, FileKind, Status
from publication.models import InspectionRequest, RemovalRequest, RequestStatus
from publication.rules import Outcome
from tests.factories import make_pdf, run_intake
from tests.publication.factories import (
    approve_with_anonymised_file,
    published_document,
    received_document,
)

pytestmark = pytest.mark.django_db
NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "diwoo": "https://standaarden.overheid.nl/diwoo/metadata/",
}


def test_removal_request_granted_withdraws_and_flags_reanonymisation(
    griffie_client, griffie_user, client
):
    document = published_document(
        griffie_user, outcome=Outcome.LISTED_ANONYMISED, reason="transparantie"
    )
    url = "http://testserver" + reverse("publication:document", kwargs={"uuid": document.uuid})
    client.post(
        reverse("publication:privacy"),
        {
            "data_description": "Mijn straatnaam staat er nog in",
            "location": url,
            "contact": "iemand@example.org",
        },
    )
    removal = RemovalRequest.objects.get()
    queue = griffie_client.get(reverse("publication:removal-queue")).content.decode()
    assert "Mijn straatnaam" in queue
    decide_url = reverse("publication:removal-decide", kwargs={"pk": removal.pk})
    assert document.registration_number in griffie_client.get(decide_url).content.decode()
    griffie_client.post(decide_url, {"decision": "granted", "reason": "Straatnaam herleidbaar"})
    removal.refresh_from_db()
    document.refresh_from_db()
    assert removal.status == RequestStatus.GRANTED and removal.decided_by == griffie_user
    assert removal.document == document
    assert document.status == Status.WITHDRAWN
    assert document.publication.needs_reanonymisation
    assert client.get(url).status_code == 404


def test_removal_request_refused_keeps_the_document(griffie_client, griffie_user):
    document = published_document(griffie_user)
    removal = RemovalRequest.objects.create(data_description="x", location="elders", contact="y")
    griffie_client.post(
        reverse("publication:removal-decide", kwargs={"pk": removal.pk}),
        {
            "decision": "refused",
            "reason": "Geen persoonsgegevens",
            "registration_number": document.registration_number,
        },
    )
    removal.refresh_from_db()
    document.refresh_from_db()
    assert removal.status == RequestStatus.REFUSED
    assert document.status == Status.PUBLISHED


def test_inspection_zip_contains_only_anonymised_versions(griffie_client, griffie_user):
    anonymised = approve_with_anonymised_file(received_document(user=griffie_user))
    only_original = received_document(user=griffie_user)
    griffie_client.post(
        reverse("publication:inspections"),
        {
            "requester": "Journalist",
            "contact": "pers@example.org",
            "description": "Woo-verzoek",
            "registration_numbers": f"{anonymised.registration_number}, "
            f"{only_original.registration_number}",
        },
    )
    inspection = InspectionRequest.objects.get()
    response = griffie_client.post(
        reverse("publication:inspection-zip", kwargs={"pk": inspection.pk})
    )
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert names == [f"{anonymised.registration_number}-geanonimiseerd.pdf", "LEESMIJ.txt"]
    assert archive.read(names[0]) == anonymised.files.get(kind=FileKind.ANONYMISED).read_bytes()
    originals = {f.read_bytes() for f in Document.objects.get(pk=only_original.pk).files.all()}
    assert not originals & {archive.read(n) for n in names}
    assert only_original.registration_number in archive.read("LEESMIJ.txt").decode()


def test_intake_command_registers_a_document(tmp_path, capsys):
    path = tmp_path / "brief.pdf"
    path.write_bytes(make_pdf("Geachte raad"))
    run_intake(
        path,
        "letter",
        "organisation",
        "--subject=Subsidie dorpshuis",
        "--received=2026-10-01",
        "--sender-name=Dorpshuis Kats",
        "--consent",
    )
    document = Document.objects.get()
    assert document.subject == "Subsidie dorpshuis"
    assert document.received_on.isoformat() == "2026-10-01"
    assert document.public_sender_term == "Dorpshuis Kats"
    assert document.registered_at is not None
    assert document.registration_number in capsys.readouterr().out


def test_intake_command_validates_like_the_form(tmp_path, capsys):
    path = tmp_path / "brief.pdf"
    path.write_bytes(make_pdf("Geachte raad"))
    with pytest.raises(CommandError):
        run_intake(path, "letter", "citizen", "--subject=Iets", "--consent=office_holder_contact")
    assert "consent_office_holder_contact" in capsys.readouterr().err
    with pytest.raises(CommandError):
        run_intake(path, "letter", "citizen")
    assert Document.objects.count() == 0
    run_intake(path, "letter", "citizen", "--subject=Iets", "--consent=publish_personal_data")
    assert Document.objects.get().consent_publish_personal_data
