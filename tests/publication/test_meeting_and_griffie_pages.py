"""Meeting pages per agenda item, the afdoening of ingekomen stukken, and the griffie's
detail page: Publiceren only when the service can publish, readable history."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from documents.models import Handling, Status
from publication.models import MeetingDocument
from publication.service import publish_meeting_document, refusal_reason
from tests.factories import AgendaItemFactory, DocumentFactory, MeetingFactory, make_pdf
from tests.publication.factories import (
    approve_with_anonymised_file,
    published_document,
    received_document,
)

pytestmark = pytest.mark.django_db


def meeting_document(meeting, item, kind, title, outcome=""):
    record = MeetingDocument(
        meeting=meeting, agenda_item=item, kind=kind, title=title, outcome=outcome
    )
    from django.core.files.base import ContentFile

    record.file.save("stuk.pdf", ContentFile(make_pdf(title)), save=False)
    record.save()
    publish_meeting_document(record)
    return record


@pytest.fixture
def council_meeting():
    meeting = MeetingFactory(
        title="Raadsvergadering", starts_at=timezone.now() - datetime.timedelta(days=2)
    )
    opening = AgendaItemFactory(meeting=meeting, number="1.", title="Opening", position=1)
    plan = AgendaItemFactory(meeting=meeting, number="5", title="Bestemmingsplan", position=5)
    meeting_document(meeting, plan, "raadsvoorstel", "Raadsvoorstel bestemmingsplan")
    meeting_document(meeting, plan, "amendement", "Amendement A1 groen", "aangenomen")
    meeting_document(meeting, plan, "motie", "Motie M1 starters", "verworpen")
    meeting_document(meeting, plan, "besluit", "Besluit bestemmingsplan")
    return meeting, opening, plan


def agenda_item_html(page: str, title: str) -> str:
    start = page.index(f"{title}</h3>")
    end = page.find('<li class="agenda-item">', start)
    return page[start : end if end != -1 else None]


def test_meeting_page_lists_each_agenda_items_documents_with_vote_outcomes(client, council_meeting):
    meeting, _opening, plan = council_meeting
    letter = published_document(None, subject="Brief over het bestemmingsplan")
    letter.meeting, letter.agenda_item = meeting, plan
    letter.save()
    page = client.get(meeting.get_absolute_url()).content.decode()
    item = agenda_item_html(page, "Bestemmingsplan")
    for expected in (
        "Raadsvoorstel bestemmingsplan",
        "Besluit bestemmingsplan",
        "Amendement A1 groen",
        "Motie M1 starters",
        "Brief over het bestemmingsplan",
    ):
        assert expected in item
    assert "aangenomen" in item and "verworpen" in item


def test_agenda_numbers_are_not_doubled(client, council_meeting):
    meeting, *_ = council_meeting
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert '<span class="agenda-number">1.</span> Opening' in page
    assert "1.." not in page and "1. 1." not in page
    assert '<ol class="agenda">' not in page  # no list numbering on top of the own numbers


def test_only_raadsvoorstellen_moties_and_amendementen_carry_an_outcome(council_meeting):
    meeting, _opening, plan = council_meeting
    proposal = MeetingDocument.objects.get(kind="raadsvoorstel")
    proposal.outcome = "aangenomen"
    proposal.clean()  # the raad votes on its proposals too (issue 17)
    annex = MeetingDocument(meeting=meeting, kind="bijlage", title="Bijlage", outcome="aangenomen")
    with pytest.raises(ValidationError):
        annex.clean()


def test_closed_meeting_shows_no_agenda_documents(client, council_meeting):
    meeting, *_ = council_meeting
    meeting.is_closed = True
    meeting.save()
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Amendement A1 groen" not in page and "Raadsvoorstel" not in page


def test_lijst_ingekomen_stukken_shows_proposal_and_raad_decision(client):
    conform = published_document(None, subject="Brief over de haven")
    conform.record_handling(
        None, proposal=Handling.COLLEGE_SETTLE, decision=Handling.COLLEGE_SETTLE
    )
    changed = published_document(None, subject="Brief over het zwembad")
    changed.record_handling(None, proposal=Handling.NOTED, decision=Handling.COMMITTEE)
    pending = published_document(None, subject="Brief over de bibliotheek")
    pending.record_handling(None, proposal=Handling.NOTED, decision="", note="Commissie Ruimte")
    page = client.get(reverse("publication:incoming")).content.decode()

    def row(subject):
        return page[page.index(subject) : page.index("</tr>", page.index(subject))]

    assert "in handen van het college ter afdoening" in row("Brief over de haven")
    assert "conform voorstel" in row("Brief over de haven")
    assert "agenderen voor de commissie" in row("Brief over het zwembad")
    assert "nog niet besloten" in row("Brief over de bibliotheek")
    assert "Commissie Ruimte" not in page  # the internal note stays internal


def test_griffie_records_the_afdoening_and_it_lands_in_the_history(griffie_client):
    document = DocumentFactory()
    url = reverse("documents:handling", args=[document.pk])
    griffie_client.post(url, {"handling_proposal": "commissie", "handling_decision": ""})
    document.refresh_from_db()
    assert document.handling_proposal == Handling.COMMITTEE
    page = griffie_client.get(document.get_absolute_url()).content.decode()
    assert "afdoening vastgelegd" in page and "agenderen voor de commissie" in page


def test_a_decision_without_a_proposal_is_refused(griffie_client):
    document = DocumentFactory()
    griffie_client.post(
        reverse("documents:handling", args=[document.pk]), {"handling_decision": "raad"}
    )
    document.refresh_from_db()
    assert document.handling_decision == ""


def test_only_the_griffie_records_the_afdoening(client):
    document = DocumentFactory()
    client.post(reverse("documents:handling", args=[document.pk]), {"handling_proposal": "raad"})
    document.refresh_from_db()
    assert document.handling_proposal == ""


def test_detail_offers_publiceren_only_when_the_service_could_publish(griffie_client):
    anonymising = received_document()
    anonymising.start_anonymising(None)
    assert refusal_reason(anonymising, "listed_only") is not None
    page = griffie_client.get(anonymising.get_absolute_url()).content.decode()
    assert ">Publiceren</button>" not in page
    assert "Publiceren kan nu niet" in page

    approved = approve_with_anonymised_file(received_document(subject="Andere brief"))
    page = griffie_client.get(approved.get_absolute_url()).content.decode()
    assert ">Publiceren</button>" in page


def test_detail_of_a_published_document_offers_no_publiceren(griffie_client):
    document = published_document(None)
    assert document.status == Status.PUBLISHED
    page = griffie_client.get(document.get_absolute_url()).content.decode()
    assert ">Publiceren</button>" not in page and "Intrekken" in page


def test_history_names_changed_fields_by_their_labels(griffie_client):
    document = DocumentFactory()
    document.record("registration_changed", None, "subject, sender_type")
    document.record("publication_decision", None, "vermeld")
    page = griffie_client.get(document.get_absolute_url()).content.decode()
    history = page[page.index('class="history"') :]
    assert "onderwerp" in history.lower() and "soort afzender" in history.lower()
    assert "sender_type" not in history and "publication_decision" not in history
