"""Geheimhouding, exclusion, notices, watermarks, the access log and the public register."""

import datetime
import io

import pymupdf
import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from confidentiality import access, service
from confidentiality.access_log import csv_cell
from confidentiality.models import (
    AccessLog,
    Authority,
    Exclusion,
    InvalidSecrecyChange,
    LegalBasis,
    Notice,
    NoticeKind,
    SecrecyDecision,
    WatermarkIssue,
    WooGround,
)
from confidentiality.tasks import send_secrecy_review_reminders
from documents.models import Status
from tests.confidentiality.helpers import stored_document, verify
from tests.factories import MeetingFactory

TODAY = timezone.localdate


def test_woo_grounds_cover_lid_1_a_to_e_and_lid_2_a_to_i():
    codes = WooGround.values
    assert [c for c in codes if c.startswith("5.1.1.")] == [f"5.1.1.{x}" for x in "abcde"]
    assert [c for c in codes if c.startswith("5.1.2.")] == [f"5.1.2.{x}" for x in "abcdefghi"]
    assert "persoonlijke levenssfeer" in WooGround("5.1.2.e").label


def test_secrecy_needs_a_woo_ground(world):
    with pytest.raises(ValidationError):
        service.impose_secrecy(
            title="x", imposed_by=Authority.RAAD, ground="", provided_to=[world.raad]
        )


@pytest.mark.parametrize("recipient", ["person", "user"])
def test_secret_information_is_never_provided_to_a_person(world, recipient):
    target = world.users["raadslid"] if recipient == "user" else world.users["raadslid"].person
    with pytest.raises(ValidationError):
        service.provide_to(world.decisions["geheim"], [target])


def test_lift_only_by_the_body_that_may(world):
    decision = world.decisions["geheim"]
    with pytest.raises(InvalidSecrecyChange):
        decision.lift(world.commissie_b, TODAY(), "X", world.users["griffie"])
    # The raad may lift what was provided to it (art. 89).
    decision.lift(world.raad, TODAY(), "RB-1", world.users["griffie"])
    assert decision.status == "lifted" and decision.lifted_by_body == world.raad
    with pytest.raises(InvalidSecrecyChange):
        decision.lift(world.raad, TODAY(), "RB-2", world.users["griffie"])


def test_lifted_information_is_no_longer_secret_but_stays_unpublished(world):
    document = world.documents["geheim_lifted"]
    assert not access.is_secret(document)
    document.refresh_from_db()
    assert document.status != Status.PUBLISHED
    assert access.is_secret(world.documents["geheim"])


def test_every_secret_page_and_list_entry_states_secrecy_and_lifting_body(world):
    client = verify(Client(), world.users["raadslid"])
    item = world.items["geheim"]
    for url in (
        reverse("confidentiality:secret-list"),
        reverse("confidentiality:secret-detail", args=[item.uuid]),
    ):
        content = client.get(url).content.decode()
        assert "Op deze informatie rust geheimhouding" in content
        assert "kan worden opgeheven door: College van B&amp;W" in content


def _pdf_text(data: bytes) -> list[str]:
    with pymupdf.open(stream=io.BytesIO(data), filetype="pdf") as doc:
        return [page.get_text() for page in doc]


def test_download_is_watermarked_on_every_page_and_resolves_to_the_user(world):
    user = world.users["raadslid"]
    client = verify(Client(), user)
    response = client.get(
        reverse("confidentiality:secret-download", args=[world.items["geheim"].uuid])
    )
    issue = WatermarkIssue.objects.get(user=user)
    pages = _pdf_text(response.content)
    assert pages
    for text in pages:
        assert "GEHEIM" in text and issue.code in text
        assert (user.get_full_name() or user.username) in text
        assert "College van B&W" in text
        assert date_format(TODAY()) in text
    assert service.resolve_watermark(issue.code.lower()) == issue

    griffie = verify(Client(), world.users["griffie"])
    page = griffie.get(reverse("confidentiality:access-log"), {"code": issue.code})
    assert user.username in page.content.decode()


def test_vertrouwelijk_download_is_marked_vertrouwelijk(world):
    client = verify(Client(), world.users["raadslid"])
    response = client.get(
        reverse(
            "confidentiality:confidential-download", args=[world.documents["vertrouwelijk"].uuid]
        )
    )
    assert all("VERTROUWELIJK" in text for text in _pdf_text(response.content))


def test_exclusion_longer_than_three_months_is_refused(world):
    person = world.users["raadslid"].person
    start = datetime.date(2026, 1, 31)
    with pytest.raises(ValidationError):
        Exclusion.objects.create(
            person=person, decision_reference="R", start=start, end=datetime.date(2026, 5, 1)
        )
    Exclusion.objects.create(
        person=person, decision_reference="R", start=start, end=datetime.date(2026, 4, 29)
    )


def test_excluded_member_is_told_why_and_access_returns_by_itself(world):
    user = world.users["excluded"]
    client = verify(Client(), user)
    page = client.get(reverse("confidentiality:secret-list")).content.decode()
    assert "RB-2026-17" in page and "uitgesloten" in page
    assert str(world.items["geheim"].uuid) not in page
    assert (
        not access.notices_visible_to(
            client.get(reverse("confidentiality:index")).wsgi_request.user
        )
        .filter(kind=NoticeKind.SECRET_PROVIDED)
        .exists()
    )
    # After the end date: no cron, no action, access is back.
    Exclusion.objects.filter(person__user=user).update(
        start=TODAY() - datetime.timedelta(days=40), end=TODAY() - datetime.timedelta(days=1)
    )
    assert (
        client.get(
            reverse("confidentiality:secret-detail", args=[world.items["geheim"].uuid])
        ).status_code
        == 200
    )


def test_members_get_a_notice_without_content(world):
    notices = Notice.objects.filter(
        recipient=world.users["raadslid"], kind=NoticeKind.SECRET_PROVIDED
    )
    assert notices.count() == 2  # both decisions were provided to the raad
    assert not Notice.objects.filter(recipient=world.users["other_commissie"]).exists()
    client = verify(Client(), world.users["raadslid"])
    page = client.get(reverse("confidentiality:index")).content.decode()
    # The notice says "geheim stuk" and the body, nothing of the decision or its content.
    assert "Geheim stuk verstrekt aan Gemeenteraad" in page
    assert "Grondaankoop" not in page and "Besluit geheim" not in page


def test_closed_meeting_minutes_are_secret_by_law_until_the_raad_lifts(world):
    meeting = MeetingFactory(
        body=world.commissie_a,
        is_closed=True,
        title="Besloten commissie",
        starts_at=timezone.now() - datetime.timedelta(days=2),
    )
    minutes = stored_document("Verslag", meeting=meeting)
    # Before the service ran: fail closed, nobody sees it on the vertrouwelijk path.
    client = verify(Client(), world.users["raadslid"])
    assert (
        client.get(reverse("confidentiality:confidential-detail", args=[minutes.uuid])).status_code
        == 404
    )
    decision = service.record_closed_meeting_document(minutes)
    assert service.record_closed_meeting_document(minutes) == decision  # safe twice
    assert decision.legal_basis == LegalBasis.CLOSED_MEETING
    assert decision.lifting_body == world.raad
    item = decision.items.get()
    assert client.get(reverse("confidentiality:secret-detail", args=[item.uuid])).status_code == 200
    other = verify(Client(), world.users["other_commissie"])
    assert other.get(reverse("confidentiality:secret-detail", args=[item.uuid])).status_code == 404
    with pytest.raises(InvalidSecrecyChange):
        decision.lift(world.commissie_a, TODAY(), "C-1", None)
    service.lift_secrecy(decision, by_body=world.raad, on=TODAY(), reference="RB-9", actor=None)
    assert not access.is_secret(minutes)


def test_secret_annex_beside_a_public_document(world):
    public = stored_document("Raadsvoorstel grondexploitatie", category="view")
    annex = stored_document("Taxatierapport")
    decision = service.impose_secrecy(
        title="Taxatie",
        imposed_by=Authority.BURGEMEESTER,
        ground=WooGround.L2B,
        provided_to=[world.raad],
        lifting_authority=Authority.BURGEMEESTER,
    )
    item = service.add_item(decision, annex, public_document=public, label="Bijlage 2")
    client = verify(Client(), world.users["raadslid"])
    assert (
        client.get(reverse("confidentiality:confidential-detail", args=[public.uuid])).status_code
        == 200
    )
    assert (
        client.get(reverse("confidentiality:confidential-detail", args=[annex.uuid])).status_code
        == 404
    )
    page = client.get(reverse("confidentiality:secret-detail", args=[item.uuid])).content.decode()
    assert "geheime bijlage" in page.lower() or "Geheime bijlage bij" in page


def test_public_register_shows_existence_never_content(world, client):
    page = client.get(reverse("secrecy-register:register")).content.decode()
    assert "Besluit geheim" in page and "economische of financi" in page
    assert "College van B&amp;W" in page and "opgeheven" in page
    assert "Grondaankoop" not in page and str(world.items["geheim"].uuid) not in page


def test_access_log_records_denials_with_opaque_ids_and_exports_csv(world):
    stranger = verify(Client(), world.users["college"])
    stranger.get(reverse("confidentiality:secret-detail", args=[world.items["geheim"].uuid]))
    entry = AccessLog.objects.get(actor=world.users["college"], action="view")
    assert entry.result == "denied" and entry.object_id == str(world.items["geheim"].uuid)
    assert entry.ip == "127.0.0.1"
    griffie = verify(Client(), world.users["griffie"])
    response = griffie.get(reverse("confidentiality:access-log-csv"))
    body = b"".join(response.streaming_content).decode()
    assert "wethouder" in body and str(world.items["geheim"].uuid) in body
    assert "Grondaankoop" not in body and "Besluit geheim" not in body
    assert csv_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"


def test_review_reminder_goes_to_the_griffie_once(world):
    SecrecyDecision.objects.filter(pk=world.decisions["geheim"].pk).update(review_on=TODAY())
    assert send_secrecy_review_reminders() == 1
    assert send_secrecy_review_reminders() == 0
    assert (
        Notice.objects.filter(recipient=world.users["griffie"], kind=NoticeKind.REVIEW_DUE).count()
        == 1
    )


def test_griffie_lifts_through_the_management_screen(world):
    griffie = verify(Client(), world.users["griffie"])
    decision = world.decisions["geheim"]
    response = griffie.post(
        reverse("confidentiality:lift", args=[decision.uuid]),
        {"by_body": world.college.pk, "on": TODAY().isoformat(), "reference": "B&W-77"},
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == "lifted"
    raadslid = verify(Client(), world.users["raadslid"])
    assert (
        raadslid.get(
            reverse("confidentiality:secret-detail", args=[world.items["geheim"].uuid])
        ).status_code
        == 404
    )
