"""The griffie runs a meeting in its own screens, from agenda to decision, with no admin."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from meetings.models import AgendaItem, Attendance, Meeting
from people.models import Body, BodyKind, Fractie, Membership, Person
from publication.models import MeetingDocument
from tests.factories import BodyFactory, MeetingFactory, MembershipFactory, PersonFactory, make_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def raad():
    return BodyFactory(name="Gemeenteraad", kind=BodyKind.RAAD)


def pdf_upload(text: str, name: str = "stuk.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, make_pdf(text), content_type="application/pdf")


def test_the_griffie_creates_a_meeting_whose_agenda_starts_as_a_concept(griffie_client, raad):
    response = griffie_client.post(
        reverse("meetings:create"),
        {
            "body": raad.pk,
            "title": "Raadsvergadering",
            "starts_at": "2026-12-17T19:30",
            "location": "Raadzaal",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{meeting.pk}/")
    assert meeting.agenda_published_at is None
    page = griffie_client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Agenda publiceren" in page and "concept" in page


def test_a_title_with_a_private_persons_data_is_refused_with_the_reason(griffie_client, raad):
    response = griffie_client.post(
        reverse("meetings:create"),
        {
            "body": raad.pk,
            "title": "Inspraak van mevrouw Hendrika Oosterhout, 06-41829377",
            "starts_at": "2026-12-17T19:30",
        },
    )
    assert response.status_code == 200
    assert "Mogelijk persoonsgegevens" in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_closed_meeting_is_recorded_in_the_secrecy_register(griffie_client, raad):
    from confidentiality.models import SecrecyDecision

    griffie_client.post(
        reverse("meetings:create"),
        {
            "body": raad.pk,
            "title": "Besloten raadsvergadering",
            "starts_at": "2026-12-17T19:30",
            "is_closed": "on",
        },
    )
    meeting = Meeting.objects.get()
    griffie_client.post(
        reverse("meetings:document-create", args=[meeting.pk]),
        {"kind": "notulen", "title": "Verslag besloten deel", "file": pdf_upload("Verslag.")},
    )
    assert SecrecyDecision.objects.filter(meeting=meeting, status="active").exists()


def test_the_agenda_is_built_moved_and_indented_with_buttons(griffie_client):
    meeting = MeetingFactory(agenda_published_at=None)
    for title in ("Opening", "Raadsvoorstellen", "Haven"):
        griffie_client.post(reverse("meetings:item-create", args=[meeting.pk]), {"title": title})
    haven = AgendaItem.objects.get(title="Haven")
    response = griffie_client.post(
        reverse("meetings:item-move", args=[meeting.pk, haven.pk]), {"richting": "inspringen"}
    )
    assert response.status_code == 302
    haven.refresh_from_db()
    assert (haven.number, haven.parent.title) == ("2.1", "Raadsvoorstellen")
    opening = AgendaItem.objects.get(title="Opening")
    response = griffie_client.post(
        reverse("meetings:item-move", args=[meeting.pk, opening.pk]),
        {"richting": "omhoog"},
        follow=True,
    )
    assert "staat al bovenaan" in response.content.decode()


def test_drag_and_drop_posts_the_whole_order(griffie_client):
    meeting = MeetingFactory(agenda_published_at=None)
    a, b = (AgendaItem.objects.create(meeting=meeting, number="0", title=t) for t in "AB")
    griffie_client.post(
        reverse("meetings:reorder", args=[meeting.pk]), {"volgorde": f"{b.pk}:,{a.pk}:{b.pk}"}
    )
    a.refresh_from_db()
    assert (a.number, a.parent_id) == ("1.1", b.pk)
    response = griffie_client.post(
        reverse("meetings:reorder", args=[meeting.pk]), {"volgorde": "kapot"}, follow=True
    )
    assert "niet te lezen" in response.content.decode()


def test_documents_go_through_the_engine_when_the_agenda_is_published(griffie_client):
    meeting = MeetingFactory(agenda_published_at=None)
    item = AgendaItem.objects.create(meeting=meeting, number="1", title="Haven")
    response = griffie_client.post(
        reverse("meetings:document-create", args=[meeting.pk]),
        {
            "agenda_item": item.pk,
            "kind": "raadsvoorstel",
            "title": "Raadsvoorstel haven",
            "file": pdf_upload("Raadsvoorstel. Inspreker Annelies Verstraate, Kerkstraat 14."),
        },
        follow=True,
    )
    assert "wordt gepubliceerd met de agenda" in response.content.decode()
    md = MeetingDocument.objects.get()
    assert md.published_at is None
    response = griffie_client.post(reverse("meetings:publish", args=[meeting.pk]), follow=True)
    assert "De agenda staat op de website" in response.content.decode()
    md.refresh_from_db()
    assert md.published_at and "Kerkstraat" not in md.public_text
    assert "Annelies" not in md.public_text


def test_a_non_pdf_is_refused_before_it_is_stored(griffie_client):
    meeting = MeetingFactory()
    response = griffie_client.post(
        reverse("meetings:document-create", args=[meeting.pk]),
        {
            "kind": "motie",
            "title": "Motie",
            "file": SimpleUploadedFile("motie.pdf", b"tekst", content_type="application/pdf"),
        },
    )
    assert "geen PDF" in response.content.decode()
    assert not MeetingDocument.objects.exists()


@pytest.fixture
def voting_council(raad):
    dorp = Fractie.objects.create(name="Dorpsbelang")
    kust = Fractie.objects.create(name="Kustpartij")
    people = []
    for name, fractie in [
        ("Anouk Verhage", dorp),
        ("Bram Lievense", dorp),
        ("Dieuwke Abbing", kust),
    ]:
        person = PersonFactory(name=name, fractie=fractie)
        MembershipFactory(person=person, body=raad)
        people.append(person)
    meeting = MeetingFactory(body=raad, starts_at=timezone.now() - datetime.timedelta(hours=2))
    motie = MeetingDocument.objects.create(
        meeting=meeting, kind="motie", title="Motie bankjes", file="meetings/x.pdf"
    )
    return meeting, people, motie, dorp, kust


def test_attendance_then_a_vote_per_fractie_gives_the_outcome(griffie_client, voting_council):
    meeting, people, motie, dorp, kust = voting_council
    griffie_client.post(
        reverse("meetings:attendance", args=[meeting.pk]),
        {"present": [people[0].pk, people[2].pk]},
    )
    assert Attendance.objects.filter(present=True).count() == 2
    response = griffie_client.post(
        reverse("meetings:outcome", args=[meeting.pk, motie.pk]),
        {"mode": "fractie", f"fractie_{dorp.pk}": "voor", f"fractie_{kust.pk}": "tegen"},
    )
    assert response.status_code == 302
    motie.refresh_from_db()
    # one present member each way: a tie in a meeting that is not full is held over
    assert motie.outcome == "aangehouden"
    assert {(m.person.name, m.choice) for m in motie.vote.members.all()} == {
        ("Anouk Verhage", "voor"),
        ("Dieuwke Abbing", "tegen"),
    }


def test_a_roll_call_that_misses_a_member_is_refused_on_screen(griffie_client, voting_council):
    meeting, people, motie, dorp, kust = voting_council
    griffie_client.post(
        reverse("meetings:attendance", args=[meeting.pk]), {"present": [p.pk for p in people]}
    )
    response = griffie_client.post(
        reverse("meetings:outcome", args=[meeting.pk, motie.pk]),
        {"mode": "hoofdelijk", f"lid_{people[0].pk}": "voor"},
    )
    assert response.status_code == 200
    assert "ontbreekt een stem van Bram Lievense, Dieuwke Abbing" in response.content.decode()


def test_the_griffie_keeps_people_fracties_bodies_and_terms(griffie_client):
    from django.contrib.auth.models import User

    griffie_client.post(reverse("people:fractie-create"), {"name": "Dorpsbelang"})
    griffie_client.post(reverse("people:body-create"), {"name": "Presidium", "kind": "presidium"})
    body = Body.objects.get(name="Presidium")
    assert body.group.name == "orgaan: Presidium"
    login = User.objects.create_user("lid1")
    griffie_client.post(
        reverse("people:person-create"),
        {
            "name": "Anouk Verhage",
            "role": "raadslid",
            "fractie": Fractie.objects.get().pk,
            "term_start": "2022-03-30",
            "user": login.pk,
        },
    )
    person = Person.objects.get()
    griffie_client.post(
        reverse("people:membership-create", args=[person.pk]),
        {"body": body.pk, "label": "lid", "start": "2022-03-30"},
    )
    assert login.groups.filter(pk=body.group_id).exists()  # access follows at once
    membership = Membership.objects.get()
    griffie_client.post(
        reverse("people:membership-update", args=[membership.pk]),
        {"body": body.pk, "label": "lid", "start": "2022-03-30", "end": "2023-01-01"},
    )
    assert not login.groups.filter(pk=body.group_id).exists()  # term ended, access ended


def test_the_closed_meetings_secrecy_is_lifted_in_the_griffies_screen(griffie_client, raad):
    from confidentiality.models import SecrecyDecision

    meeting = MeetingFactory(
        body=raad, is_closed=True, starts_at=timezone.now() - datetime.timedelta(days=20)
    )
    griffie_client.post(
        reverse("meetings:document-create", args=[meeting.pk]),
        {"kind": "notulen", "title": "Verslag besloten deel", "file": pdf_upload("Verslag.")},
    )
    md = MeetingDocument.objects.get()
    response = griffie_client.post(
        reverse("meetings:document-publish", args=[meeting.pk, md.pk]), follow=True
    )
    assert "geheim tot de raad dat opheft" in response.content.decode()
    griffie_client.post(
        reverse("meetings:lift-secrecy", args=[meeting.pk]),
        {"on": timezone.localdate().isoformat(), "reference": "RB-2026-50"},
    )
    assert SecrecyDecision.objects.get(meeting=meeting).status == "lifted"
    griffie_client.post(reverse("meetings:document-publish", args=[meeting.pk, md.pk]))
    assert list(MeetingDocument.objects.public()) == [md]


def test_a_refused_document_is_corrected_and_published_again(griffie_client):
    meeting = MeetingFactory()  # agenda already public: a new document is published at once
    response = griffie_client.post(
        reverse("meetings:document-create", args=[meeting.pk]),
        {"kind": "bijlage", "title": "Bijlage", "file": pdf_upload("Bijlage bij het voorstel.")},
        follow=True,
    )
    md = MeetingDocument.objects.get()
    assert md.published_at is not None
    first_file = md.public_file.name
    page = griffie_client.get(reverse("meetings:document-update", args=[meeting.pk, md.pk]))
    assert page.status_code == 200 and "Laat het bestand leeg" in page.content.decode()
    response = griffie_client.post(
        reverse("meetings:document-update", args=[meeting.pk, md.pk]),
        {"kind": "bijlage", "title": "Bijlage bij het voorstel"},
        follow=True,
    )
    assert "Bijlage bij het voorstel is opgeslagen" in response.content.decode()
    md.refresh_from_db()
    assert md.title == "Bijlage bij het voorstel" and md.published_at is not None
    assert md.public_file.name != first_file  # the engine ran again on the same upload


def test_an_ingekomen_stuk_from_the_postkamer_is_put_on_an_agenda_item(griffie_client):
    from tests.confidentiality.helpers import stored_document

    meeting = MeetingFactory()
    item = AgendaItem.objects.create(meeting=meeting, number="1", title="Ingekomen stukken")
    document = stored_document("Brief over de haven")
    url = reverse("meetings:item-link-incoming", args=[meeting.pk, item.pk])
    response = griffie_client.post(url, {"registration_number": "2099-9999"}, follow=True)
    assert "Onbekend registratienummer: 2099-9999" in response.content.decode()
    response = griffie_client.post(
        url, {"registration_number": document.registration_number}, follow=True
    )
    assert f"{document.registration_number} staat bij agendapunt 1" in response.content.decode()
    document.refresh_from_db()
    assert (document.meeting, document.agenda_item) == (meeting, item)
    page = griffie_client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Brief over de haven" in page


def test_the_griffie_announces_an_activity_without_the_admin(griffie_client):
    from publication.models import Activity

    response = griffie_client.post(
        reverse("meetings:activity-create"),
        {
            "title": "Werkbezoek haven",
            "date": "2026-12-12",
            "contact_name": "J. de Visser",
            "contact_phone": "0113-111222",
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    assert Activity.objects.get().title == "Werkbezoek haven"
    refused = griffie_client.post(
        reverse("meetings:activity-create"),
        {
            "title": "Bezoek bij mevrouw Hendrika Oosterhout, Zuidkade 77",
            "date": "2026-12-13",
            "contact_name": "J. de Visser",
        },
    )
    assert "Mogelijk persoonsgegevens" in refused.content.decode()
    assert Activity.objects.count() == 1
