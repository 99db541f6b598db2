"""The public site: pages, closed meetings, files reachable only when published and allowed."""

import os
import uuid

import pytest
from django.db import connection
from django.urls import reverse

from documents.intake import receive_file
from documents.models import Category, Document, FileKind, SenderType
from meetings.models import Meeting
from people.models import PersonRole
from publication import public
from publication.rules import Outcome
from publication.service import publish_meeting_document, withdraw_document
from tests.factories import AgendaItemFactory, MeetingFactory, PersonFactory, make_pdf
from tests.publication.factories import (
    ActivityFactory,
    MeetingDocumentFactory,
    approve_with_anonymised_file,
    published_document,
    received_document,
)

pytestmark = pytest.mark.django_db


def file_url(document):
    return reverse("publication:document-file", kwargs={"uuid": document.uuid})


def page_url(document):
    return reverse("publication:document", kwargs={"uuid": document.uuid})


@pytest.mark.parametrize(
    "name", ["home", "meetings", "incoming", "people", "activities", "search", "privacy"]
)
def test_public_pages_open_without_login(client, name):
    response = client.get(reverse(f"publication:{name}"))
    assert response.status_code == 200
    assert 'lang="nl"' in response.content.decode()


def test_lijst_ingekomen_stukken_shows_the_neutral_term_never_the_sender(client, griffie_user):
    document = published_document(griffie_user, subject="Parkeren bij de haven")
    html = client.get(reverse("publication:incoming")).content.decode()
    assert document.registration_number in html
    assert "Parkeren bij de haven" in html
    assert "inwoner" in html
    assert document.sender_name not in html
    assert file_url(document) not in html  # listed only: no file


def test_list_per_period_and_per_meeting(client, griffie_user):
    meeting = MeetingFactory()
    inside = published_document(griffie_user, subject="Binnen", meeting=meeting)
    published_document(
        griffie_user, subject="Buiten", received_on=__import__("datetime").date(2025, 1, 5)
    )
    html = client.get(reverse("publication:incoming"), {"van": "2026-01-01"}).content.decode()
    assert "Binnen" in html and "Buiten" not in html
    html = client.get(
        reverse("publication:meeting-incoming", kwargs={"pk": meeting.pk})
    ).content.decode()
    assert inside.registration_number in html and "Buiten" not in html


def test_meeting_page_with_agenda_besluitenlijst_and_insprekers(client, griffie_user):
    item = AgendaItemFactory(title="Bestemmingsplan Kortgene")
    meeting = item.meeting
    speaker = published_document(
        griffie_user,
        subject="Inspreekbijdrage haven",
        category=Category.SPEAKER,
        meeting=meeting,
        public_sender_term="inspreker",
    )
    on_item = published_document(
        griffie_user,
        subject="Brief over het plan",
        meeting=meeting,
        agenda_item=item,
        sender_type=SenderType.ORGANISATION,
        public_sender_term="Dorpsraad",
    )
    md = MeetingDocumentFactory(meeting=meeting, file__data=make_pdf("Besluitenlijst"))
    publish_meeting_document(md)
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Bestemmingsplan Kortgene" in html
    assert "Besluitenlijst" in html and md.get_absolute_url() in html
    assert "Inspreekbijdrage haven" in html and file_url(speaker) in html
    assert on_item.registration_number in html
    response = client.get(md.get_absolute_url())
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_a_closed_meeting_shows_only_that_it_exists(client, griffie_user):
    meeting = MeetingFactory(is_closed=True, title="Besloten raadsvergadering")
    AgendaItemFactory(meeting=meeting, title="Grondaankoop perceel geheim")
    document = published_document(
        griffie_user,
        subject="Stuk bij besloten vergadering",
        sender_type=SenderType.ORGANISATION,
    )
    # Linked to the closed meeting after publication (publishing it there is refused:
    # what belongs to a besloten vergadering is secret by law).
    Document.objects.filter(pk=document.pk).update(meeting=meeting)
    md = MeetingDocumentFactory(meeting=meeting, file__data=make_pdf("Geheim"))
    publish_meeting_document(md)
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Besloten raadsvergadering" in html and "besloten vergadering" in html
    assert "Grondaankoop" not in html
    assert "Stuk bij besloten vergadering" not in html
    assert client.get(md.get_absolute_url()).status_code == 404
    assert client.get(page_url(document)).status_code == 404
    api = client.get(reverse("publication:api-meeting", kwargs={"pk": meeting.pk})).json()
    assert api["indicatorBesloten"] is True and api["agendapunten"] == []


def test_document_page_and_file_with_caching_headers(client, griffie_user):
    document = published_document(
        griffie_user, sender_type=SenderType.ORGANISATION, public_sender_term="Dorpsraad Kats"
    )
    html = client.get(page_url(document)).content.decode()
    assert "Dorpsraad Kats" in html and file_url(document) in html
    response = client.get(file_url(document))
    assert response.status_code == 200
    record = document.files.get(kind=FileKind.ANONYMISED)
    assert b"".join(response.streaming_content) == record.read_bytes()
    assert response["Cache-Control"] == "no-cache"  # revalidated: never stale after withdrawal
    assert response["ETag"] == f'"{record.sha256}"'
    assert response["Last-Modified"]
    again = client.get(file_url(document), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_nothing_unpublished_is_reachable_by_guessing(client, griffie_user):
    received = received_document(user=griffie_user)
    approved = approve_with_anonymised_file(
        received_document(user=griffie_user, sender_type=SenderType.ORGANISATION)
    )
    withdrawn = published_document(griffie_user, sender_type=SenderType.ORGANISATION)
    withdraw_document(withdrawn, griffie_user, "fout")
    failed = receive_file(b"%PDF-1.4 kapot", "kapot.pdf").document
    listed = published_document(griffie_user)  # published, but without a file
    for document in (received, approved, withdrawn, failed):
        assert client.get(page_url(document)).status_code == 404
        assert client.get(file_url(document)).status_code == 404
        detail = reverse("publication:api-document", kwargs={"uuid": document.uuid})
        assert client.get(detail).status_code == 404
    assert client.get(file_url(listed)).status_code == 404
    assert client.get(f"/stukken/{uuid.uuid4()}/bestand.pdf").status_code == 404
    for document in (received, approved, withdrawn, failed, listed):
        # pks are never public identifiers
        assert client.get(f"/stukken/{document.pk}/").status_code == 404
        assert client.get(f"/stukken/{document.pk}/bestand.pdf").status_code == 404
    # the griffie's own file view is closed to the public
    original = listed.files.get(kind=FileKind.ORIGINAL)
    response = client.get(
        reverse("documents:file", kwargs={"pk": listed.pk, "file_pk": original.pk})
    )
    assert response.status_code == 302


def test_the_original_is_never_served_for_an_anonymised_outcome(client, griffie_user):
    document = published_document(griffie_user, sender_type=SenderType.ORGANISATION)
    decision = document.publication
    decision.published_file = document.files.get(kind=FileKind.ORIGINAL)  # corrupted record
    decision.save()
    assert public.public_file(document.uuid) is None
    assert client.get(file_url(document)).status_code == 404


def test_members_page_follows_art_3a_and_3b(client):
    PersonFactory(
        name="Anna Raadslid",
        public_email="anna@raad.example.nl",
        phone="06-11111111",
        address="Raadhuisstraat 1",
        contact_consent=False,
    )
    PersonFactory(name="Bert Toestemming", phone="06-22222222", contact_consent=True)
    PersonFactory(
        name="C. Ambtenaar",
        role=PersonRole.AMBTENAAR,
        department="Ruimte",
        public_email="c.ambtenaar@gemeente.example.nl",
        phone="0113-333333",
    )
    html = client.get(reverse("publication:people")).content.decode()
    assert "anna@raad.example.nl" in html
    assert "06-11111111" not in html and "Raadhuisstraat" not in html
    assert "06-22222222" in html
    assert "C. Ambtenaar" in html and "Ruimte" in html
    assert "c.ambtenaar@gemeente.example.nl" not in html and "0113-333333" not in html


def test_activities_show_contact_but_no_address_unless_unavoidable(client):
    ActivityFactory(title="Werkbezoek")
    ActivityFactory(title="Excursie", contact_address="Kaai 9, Kats", address_unavoidable=True)
    html = client.get(reverse("publication:activities")).content.decode()
    assert "J. de Visser" in html and "0113-111222" in html
    assert "Havenweg 3" not in html
    assert "Kaai 9, Kats" in html


def test_search_finds_the_published_text_only(client, griffie_user):
    published_document(
        griffie_user,
        subject="Zwembad",
        sender_type=SenderType.ORGANISATION,
        public_sender_term="Zwemvereniging",
    )
    listed = published_document(griffie_user, subject="Speeltuin")
    response = client.get(reverse("publication:search"), {"q": "aandacht"})
    html = response.content.decode()
    assert "Zwembad" in html  # from the anonymised PDF's text
    assert "Speeltuin" not in html  # listed only: its original text is never searched
    assert (
        client.get(reverse("publication:search"), {"q": "Oosterhout"})
        .context["page_obj"]
        .paginator.count
        == 0
    )
    # the subject is public, so a listed document is found by its subject
    found = client.get(reverse("publication:search"), {"q": "Speeltuin"}).content.decode()
    assert listed.registration_number in found


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="PostgreSQL full-text search runs when DATABASE_URL is postgres",
)
def test_postgresql_full_text_search_uses_dutch_stemming(client, griffie_user):
    published_document(
        griffie_user,
        subject="Verkeer",
        sender_type=SenderType.ORGANISATION,
        public_sender_term="Fietsersbond",
    )
    # 'aandacht' in the text; Dutch stemming matches different word forms of 'vragen'
    results = public.search_public_documents("vraag aandacht", vendor="postgresql")
    assert [d.subject for d in results] == ["Verkeer"]
    assert connection.vendor == "postgresql"


def test_privacy_page_takes_a_removal_request(client):
    response = client.post(
        reverse("publication:privacy"),
        {
            "data_description": "Mijn naam",
            "location": "http://example.org/stukken/x/",
            "contact": "iemand@example.org",
        },
        follow=True,
    )
    assert "Uw verzoek is ontvangen" in response.content.decode()
    from publication.models import RemovalRequest

    assert RemovalRequest.objects.get().status == "received"


def test_meetings_month_view(client):
    meeting = MeetingFactory(title="Commissie Bestuur")
    month = meeting.starts_at.strftime("%Y-%m")
    html = client.get(reverse("publication:meetings"), {"maand": month}).content.decode()
    assert "Commissie Bestuur" in html
    assert client.get(reverse("publication:meetings"), {"maand": "kapot"}).status_code == 200
    assert Meeting.objects.count() == 1


def test_public_documents_never_load_private_columns(griffie_user):
    published_document(griffie_user)
    document = public.public_documents().get()
    deferred = document.get_deferred_fields()
    for field in (
        "sender_name",
        "sender_address",
        "sender_email",
        "sender_phone",
        "text",
        "description",
    ):
        assert field in deferred
    assert Outcome(document.publication.outcome) == Outcome.LISTED_ONLY
