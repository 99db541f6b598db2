"""The demo council is complete enough to show every rule."""

import pytest
from django.contrib.auth import authenticate
from django.utils import timezone

from devtools.demo_data import load_demo_data, load_summary
from documents.models import Category, Document, FileKind, SenderType
from meetings.models import Meeting
from people.models import Body, Membership
from publication.models import MeetingDocument

pytestmark = pytest.mark.django_db


def test_demo_data_has_every_category_and_sender_type_as_real_pdfs():
    logins, documents = load_demo_data(process=False)
    assert len(documents) >= 30
    assert set(Document.objects.values_list("category", flat=True)) == set(Category.values)
    assert set(Document.objects.values_list("sender_type", flat=True)) == set(SenderType.values)
    for document in documents:
        original = document.files.get(kind=FileKind.ORIGINAL)
        assert original.read_bytes().startswith(b"%PDF")
        assert document.subject and document.public_sender_term
    # every printed login works
    for login in logins:
        assert authenticate(username=login.username, password=login.password) is not None
    assert {b.kind for b in Body.objects.all()} >= {"raad", "college", "commissie", "rekenkamer"}
    assert Membership.objects.filter(body__kind="commissie").count() >= 4


def test_citizens_are_never_named_in_the_public_sender_term():
    load_demo_data(process=False)
    for document in Document.objects.filter(sender_type=SenderType.CITIZEN):
        assert document.sender_name
        assert document.sender_name.lower() not in document.public_sender_term.lower()


def test_demo_meetings_fall_on_weekday_evenings():
    load_demo_data(process=False)
    for meeting in Meeting.objects.all():
        local = timezone.localtime(meeting.starts_at)
        assert local.weekday() < 5, meeting
        assert local.hour >= 18, meeting


def test_demo_has_moties_and_amendementen_with_outcomes_per_agenda_item():
    _logins, documents = load_demo_data(process=True)
    voted = MeetingDocument.objects.filter(kind__in=["motie", "amendement"])
    assert {"motie", "amendement"} <= set(voted.values_list("kind", flat=True))
    assert voted.exclude(outcome="").count() == voted.count() >= 4
    assert not voted.filter(agenda_item__isnull=True).exists()
    assert MeetingDocument.objects.filter(kind="besluit", meeting__starts_at__lt=timezone.now())
    # every meeting document of an open meeting passed the engine and is on the public site
    of_open_meetings = MeetingDocument.objects.filter(meeting__in=Meeting.objects.open())
    assert set(MeetingDocument.objects.public()) == set(of_open_meetings)
    # upcoming meetings have proposals only: nothing is voted before the meeting
    assert not voted.filter(meeting__starts_at__gt=timezone.now()).exists()
    # every stuk on the lijst ingekomen stukken has an afdoeningsvoorstel
    listed = Document.objects.filter(pk__in=[d.pk for d in documents])
    assert not listed.filter(handling_proposal="").exists()


def test_load_summary_adds_up_and_is_dutch():
    load_demo_data(process=False)
    documents_line, meetings_line = load_summary()
    total, rest = documents_line.split(" ingekomen stukken (")
    numbers = [int(part.rsplit(": ", 1)[1]) for part in rest.rstrip(").").split(", ")]
    assert int(total) == Document.objects.count() == sum(numbers)
    assert "ontvangen" in rest and "received" not in rest
    assert f"{Meeting.objects.count()} vergaderingen" in meetings_line
