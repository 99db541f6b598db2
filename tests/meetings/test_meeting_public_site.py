"""The public sees the agenda once it is published, its changes at once with 'gewijzigd op',
and the votes per fractie and per member, on the meeting page, in the API and in the iCal
and RSS feeds alike. Nothing of a besloten vergadering, and nothing the engine refused."""

import datetime

import icalendar
import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from meetings import service
from people.models import BodyKind, Fractie
from publication.models import MeetingDocument, MeetingDocumentKind
from publication.service import publish_meeting_document
from tests.factories import BodyFactory, MeetingFactory, MembershipFactory, PersonFactory, make_pdf

pytestmark = pytest.mark.django_db

MEMBERS = [
    ("Anouk Verhage", "Dorpsbelang"),
    ("Bram Lievense", "Dorpsbelang"),
    ("Dieuwke Abbing", "Kustpartij"),
]


def published(meeting, kind, title, item=None):
    md = MeetingDocument(meeting=meeting, agenda_item=item, kind=kind, title=title)
    md.file.save("stuk.pdf", ContentFile(make_pdf(f"{title}. De raad besluit.")), save=False)
    md.save()
    publish_meeting_document(md)
    return md


@pytest.fixture
def voted_meeting(settings):
    settings.PUBLIC_SITE_VERSION_SECONDS = 0  # see every change at once
    raad = BodyFactory(name="Gemeenteraad", kind=BodyKind.RAAD)
    fracties = {n: Fractie.objects.create(name=n) for n in ("Dorpsbelang", "Kustpartij")}
    people = []
    for name, fractie in MEMBERS:
        person = PersonFactory(
            name=name,
            fractie=fracties[fractie],
            address="Havenstraat 1, Kortgene",
            phone="06-12345678",
            contact_consent=False,
        )
        MembershipFactory(person=person, body=raad)
        people.append(person)
    meeting = MeetingFactory(
        body=raad,
        title="Raadsvergadering december",
        starts_at=timezone.now() - datetime.timedelta(hours=3),
        agenda_published_at=None,
    )
    item = service.add_item(meeting, title="Herinrichting haven")
    proposal = published(meeting, MeetingDocumentKind.RAADSVOORSTEL, "Raadsvoorstel haven", item)
    amendment = published(meeting, MeetingDocumentKind.AMENDEMENT, "Amendement kade", item)
    motion = published(meeting, MeetingDocumentKind.MOTIE, "Motie bankjes", item)
    service.publish_agenda(meeting)
    service.record_attendance(meeting, people)
    service.record_outcome(
        proposal,
        fractie_choices={fracties["Dorpsbelang"]: "voor", fracties["Kustpartij"]: "tegen"},
    )
    service.record_outcome(
        amendment, member_choices=dict(zip(people, ["voor", "tegen", "tegen"], strict=True))
    )
    service.record_outcome(motion, outcome="ingetrokken")
    service.record_decision(item, "De raad stelt het krediet voor de haven beschikbaar.")
    meeting.refresh_from_db()
    return meeting, item, proposal, amendment, motion


def test_the_meeting_page_shows_the_votes_per_fractie_and_per_member(client, voted_meeting):
    meeting, *_ = voted_meeting
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Raadsvoorstel haven" in page and "2 stemmen voor, 1 tegen" in page
    assert "1 stemmen voor, 2 tegen" in page and "hoofdelijke stemming" in page
    assert "Verdeeld" in page  # Dorpsbelang split on the amendment
    for name, fractie in MEMBERS:
        assert f"{name} ({fractie})" in page
    assert "ingetrokken" in page
    assert "De raad stelt het krediet voor de haven beschikbaar." in page
    assert "Agenda gewijzigd op" in page
    # office holders' names only: no address or phone without consent (3a)
    assert "Havenstraat" not in page and "06-12345678" not in page


def test_a_concept_agenda_is_not_public(client):
    meeting = MeetingFactory(agenda_published_at=None)
    service.add_item(meeting, title="Geheimpje voor later")
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Geheimpje voor later" not in page and "De agenda is nog niet bekend" in page
    api = client.get(reverse("publication:api-meeting", args=[meeting.pk])).json()
    assert api["agendapunten"] == []
    items = client.get(reverse("publication:api-agenda-items")).json()
    assert items["results"] == []


def test_a_change_to_a_published_agenda_shows_at_once_past_the_page_cache(client, settings):
    settings.PUBLIC_SITE_VERSION_SECONDS = 0
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    meeting = MeetingFactory(agenda_published_at=None)
    service.add_item(meeting, title="Opening")
    service.publish_agenda(meeting)
    first = client.get(meeting.get_absolute_url()).content.decode()
    assert "Opening" in first and "Agenda gewijzigd op" not in first
    service.add_item(meeting, title="Vragenuur")
    second = client.get(meeting.get_absolute_url()).content.decode()
    assert "Vragenuur" in second and "Agenda gewijzigd op" in second
    feed = client.get(reverse("publication:feed-meetings")).content.decode()
    assert "Agenda gewijzigd op" in feed and "Vragenuur" in feed


def test_the_api_carries_the_same_votes_and_attendance(client, voted_meeting):
    meeting, item, proposal, amendment, motion = voted_meeting
    data = client.get(reverse("publication:api-meeting", args=[meeting.pk])).json()
    votes = {v["stuk"]: v for v in data["stemmingen"]}
    assert votes["Raadsvoorstel haven"]["uitslag"] == "aangenomen"
    assert votes["Raadsvoorstel haven"]["fracties"] == [
        {"fractie": "Dorpsbelang", "stem": "voor"},
        {"fractie": "Kustpartij", "stem": "tegen"},
    ]
    amendment_vote = votes["Amendement kade"]
    assert amendment_vote["hoofdelijk"] and (amendment_vote["voor"], amendment_vote["tegen"]) == (
        1,
        2,
    )
    assert {"naam": "Anouk Verhage", "fractie": "Dorpsbelang", "stem": "voor"} in (
        amendment_vote["leden"]
    )
    assert votes["Motie bankjes"]["uitslag"] == "ingetrokken"
    assert votes["Motie bankjes"]["leden"] == []
    assert data["agendapunten"][0]["besluit"].startswith("De raad stelt")
    assert sorted(data["presentie"]["aanwezig"]) == sorted(n for n, _f in MEMBERS)
    assert data["agendaGewijzigdOp"]
    assert "Havenstraat" not in str(data)


def test_the_ical_feed_carries_the_same_votes(client, voted_meeting):
    meeting, *_ = voted_meeting
    calendar = icalendar.Calendar.from_ical(client.get(reverse("publication:ical")).content)
    event = next(
        e for e in calendar.walk("VEVENT") if e["uid"].startswith(f"meeting-{meeting.pk}@")
    )
    description = str(event["description"])
    assert (
        "Raadsvoorstel haven: aangenomen (2 voor, 1 tegen; voor: Dorpsbelang; tegen: Kustpartij)"
        in description
    )
    assert (
        "Amendement kade: verworpen (1 voor, 2 tegen; tegen: Kustpartij; verdeeld: Dorpsbelang)"
        in description
    )
    assert "Motie bankjes: ingetrokken" in description
    assert "Besluit: De raad stelt het krediet" in description


def test_votes_on_a_document_the_engine_refused_stay_off_the_site(client, voted_meeting):
    meeting, item, proposal, *_ = voted_meeting
    proposal.file.save("kapot.pdf", ContentFile(b"geen pdf"), save=True)
    with pytest.raises(Exception):  # noqa: B017 - PublicationRefused, the reason is kept
        publish_meeting_document(proposal)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Raadsvoorstel haven" not in page and "2 stemmen voor, 1 tegen" not in page
    data = client.get(reverse("publication:api-meeting", args=[meeting.pk])).json()
    assert "Raadsvoorstel haven" not in {v["stuk"] for v in data["stemmingen"]}


def test_a_besloten_vergadering_shows_no_agenda_votes_or_attendance(client, voted_meeting):
    meeting, *_ = voted_meeting
    meeting.is_closed = True
    meeting.save()
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Anouk Verhage" not in page and "stemmen voor" not in page
    data = client.get(reverse("publication:api-meeting", args=[meeting.pk])).json()
    assert data["stemmingen"] == [] and data["presentie"] == {"aanwezig": [], "afwezig": []}
    calendar = client.get(reverse("publication:ical")).content.decode()
    assert "Raadsvoorstel haven" not in calendar
