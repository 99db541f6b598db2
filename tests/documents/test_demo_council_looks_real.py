"""Issue 17: the demo council looked like a toy: filler sentences in formal documents, an
information evening on 25 December, raadsvoorstellen and moties as one-line PDFs, and
registration numbers that did not follow the date of receipt."""

import datetime as dt

import pymupdf
import pytest
from django.utils import timezone

from devtools.calendar import easter, is_council_day, is_public_holiday, next_council_day
from devtools.demo_data import (
    load_activities,
    load_council,
    load_council_documents,
    load_demo_data,
    load_meetings,
)
from devtools.samples.demo import demo_documents
from devtools.samples.generator import COLLISIONS
from documents.models import Document
from publication.models import Activity, MeetingDocument

pytestmark = pytest.mark.django_db


def _text(data: bytes) -> str:
    return " ".join(" ".join(page.get_text().split()) for page in pymupdf.open(stream=data))


def test_the_demo_post_has_no_filler_sentences():
    for sample in demo_documents(until=dt.date(2026, 12, 7)):
        text = _text(sample.pdf_bytes)
        for sentence, _key in COLLISIONS:
            assert sentence.split("{")[0][:30] not in text, (sample.filename, sentence)


def test_the_demo_post_arrives_over_a_month_on_working_days():
    until = dt.date(2026, 12, 7)
    dates = [sample.received_on for sample in demo_documents(until=until)]
    assert min(dates) >= until - dt.timedelta(days=30) and max(dates) <= until
    assert all(day.weekday() < 5 and not is_public_holiday(day) for day in dates)
    assert len(set(dates)) >= 10  # spread over the month, not one day


def test_registration_numbers_follow_the_date_of_receipt():
    load_demo_data(process=False)
    dates = list(
        Document.objects.order_by("registration_year", "registration_sequence").values_list(
            "received_on", flat=True
        )
    )
    assert dates == sorted(dates)


@pytest.mark.parametrize(
    ("day", "holiday"),
    [
        (dt.date(2026, 12, 25), True),
        (dt.date(2026, 12, 26), True),
        (dt.date(2026, 4, 6), True),  # tweede paasdag 2026
        (dt.date(2026, 4, 27), True),
        (dt.date(2026, 5, 14), True),  # Hemelvaart 2026
        (dt.date(2026, 5, 25), True),  # tweede pinksterdag 2026
        (dt.date(2026, 12, 7), False),
    ],
)
def test_the_calendar_knows_the_dutch_public_holidays(day, holiday):
    assert easter(2026) == dt.date(2026, 4, 5)
    assert is_public_holiday(day) is holiday


def test_nothing_is_planned_on_christmas_or_in_a_recess():
    assert next_council_day(dt.date(2026, 12, 25)) == dt.date(2027, 1, 6)
    assert not is_council_day(dt.date(2026, 12, 21))  # Christmas recess
    assert not is_council_day(dt.date(2026, 8, 3))  # summer recess
    assert is_council_day(dt.date(2026, 12, 7))


def test_demo_meetings_and_activities_fall_on_council_days():
    bodies, _logins = load_council()
    meetings = load_meetings(bodies)
    load_activities()
    for meeting in meetings:
        assert is_council_day(timezone.localtime(meeting.starts_at).date()), meeting
    for activity in Activity.objects.all():
        assert is_council_day(activity.date), activity
        assert (activity.date.month, activity.date.day) != (12, 25)


def test_raadsvoorstellen_and_moties_read_like_the_real_thing():
    bodies, _logins = load_council()
    meetings = load_meetings(bodies)
    load_council_documents(meetings)
    voorstel = MeetingDocument.objects.filter(kind="raadsvoorstel").first()
    text = _text(voorstel.file.read())
    for heading in (
        "Aanleiding",
        "Voorstel",
        "Beoogd effect",
        "Argumenten",
        "Kanttekeningen",
        "Financiën",
        "Uitvoering",
        "Bijlagen",
    ):
        assert heading in text, heading
    assert len(text.split()) > 200  # not a one-liner
    motie = MeetingDocument.objects.filter(kind="motie").first()
    text = _text(motie.file.read())
    for part in ("constaterende dat", "overwegende dat", "verzoekt het college"):
        assert part in text, part
    assert "en gaat over tot de orde van de dag" in text
