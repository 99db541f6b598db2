"""Issue 17: dates appeared in three formats (29-9-2026, 29-09-2026, 07-12-2026). Every
screen now writes the Dutch long date, "29 september 2026" (griffie/formats/nl)."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from confidentiality.access import exclusion_message
from confidentiality.models import Exclusion
from tests.factories import MeetingFactory, PersonFactory
from tests.publication.factories import published_document

NUMERIC_DATE = re.compile(r"\b\d{1,2}-\d{1,2}-\d{4}\b")
# Date formats for people: the named ones, and the same long date with the weekday or the
# seconds; "c" and "Y-m-d" are for machines (datetime attributes, sitemaps).
ALLOWED = {
    "DATE_FORMAT",
    "DATETIME_FORMAT",
    "l j F Y",
    "l j F Y, H:i",
    "j F Y, H:i:s",
    "F Y",
    "c",
    "Y-m-d",
}


def test_the_named_formats_are_the_dutch_long_date():
    day = datetime.date(2026, 9, 29)
    assert date_format(day) == "29 september 2026"
    assert date_format(day, "SHORT_DATE_FORMAT") == "29 september 2026"
    moment = datetime.datetime(2026, 12, 7, 14, 5)
    assert date_format(moment, "DATETIME_FORMAT") == "7 december 2026, 14:05"


def test_templates_use_only_the_one_date_format():
    templates = Path(settings.BASE_DIR) / "templates"
    used = {
        (path.relative_to(templates).as_posix(), fmt)
        for path in templates.rglob("*.html")
        for fmt in re.findall(r"""\|date:["']([^"']*)["']""", path.read_text())
    }
    assert {fmt for _path, fmt in used} <= ALLOWED, sorted(
        item for item in used if item[1] not in ALLOWED
    )


@pytest.mark.django_db
def test_lists_and_pages_show_no_numeric_dates(client, griffie_client, griffie_user):
    document = published_document(
        griffie_user, subject="Speeltuin Kerkweg", received_on=datetime.date(2026, 9, 29)
    )
    meeting = MeetingFactory()
    pages = [
        client.get(reverse("publication:incoming")),
        client.get(reverse("publication:search"), {"q": "Speeltuin"}),
        client.get(reverse("publication:document", args=[document.uuid])),
        griffie_client.get(reverse("documents:inbox")),
        griffie_client.get(reverse("documents:detail", args=[document.pk])),
    ]
    for response in pages:
        text = re.sub(r"<[^>]+>", " ", response.content.decode())
        assert not NUMERIC_DATE.search(text), (
            response.request["PATH_INFO"],
            NUMERIC_DATE.search(text),
        )
        assert "29 september 2026" in text, response.request["PATH_INFO"]
    assert str(meeting).endswith(f"({date_format(timezone.localtime(meeting.starts_at))})")


@pytest.mark.django_db
def test_the_exclusion_message_writes_the_long_date():
    exclusion = Exclusion(
        person=PersonFactory(),
        decision_reference="RB-1",
        start=datetime.date(2026, 9, 29),
        end=datetime.date(2026, 12, 7),
    )
    assert "van 29 september 2026 tot en met 7 december 2026" in exclusion_message(exclusion)
