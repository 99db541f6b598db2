"""RSS/Atom feeds read with feedparser (absolute enclosure URLs, as RSS 2.0 requires) and the
iCal calendar read with icalendar."""

import datetime
import re

import feedparser
import pytest
from django.urls import reverse
from icalendar import Calendar

from documents.models import SenderType
from meetings.models import Meeting
from publication.feeds import meetings_ical
from tests.factories import MeetingFactory
from tests.publication.factories import published_document

pytestmark = pytest.mark.django_db


def _parse(client, name):
    response = client.get(reverse(f"publication:{name}"))
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def test_feeds_parse_and_list_new_documents_and_meetings(client, griffie_user):
    document = published_document(
        griffie_user, subject="Nieuwe brief", sender_type=SenderType.ORGANISATION
    )
    MeetingFactory(title="Raad januari")
    file_url = "http://testserver" + reverse(
        "publication:document-file", kwargs={"uuid": document.uuid}
    )
    for name in ("feed-incoming", "atom-incoming"):
        feed = _parse(client, name)
        [entry] = feed.entries
        assert "Nieuwe brief" in entry.title
        assert entry.link.endswith(reverse("publication:document", kwargs={"uuid": document.uuid}))
        [enclosure] = entry.enclosures
        assert enclosure.href == file_url  # absolute, not "/stukken/..."
        assert enclosure.type == "application/pdf"
        assert int(enclosure.length) == document.publication.published_file.size > 0
    assert feed.version == "atom10"
    assert _parse(client, "feed-incoming").version == "rss20"
    for name in ("feed-meetings", "atom-meetings"):
        assert "Raad januari" in _parse(client, name).entries[0].title


def test_a_listed_document_without_a_file_has_no_enclosure(client, griffie_user):
    published_document(griffie_user, subject="Alleen op de lijst")
    [entry] = _parse(client, "feed-incoming").entries
    assert entry.enclosures == []


def test_ical_parses_with_icalendar_and_keeps_special_characters():
    MeetingFactory(title="Raad; begroting, deel 2", location="Raadzaal\\Kortgene")
    MeetingFactory(title="B" * 120, is_closed=True)
    body = meetings_ical(Meeting.objects.order_by("pk"), base_url="https://raad.example.nl/")
    text = body.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    events = Calendar.from_ical(body).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == [
        "Raad; begroting, deel 2",
        "B" * 120 + " (besloten)",
    ]
    assert str(events[0]["location"]) == "Raadzaal\\Kortgene"
    assert str(events[0]["url"]).startswith("https://raad.example.nl/vergaderingen/")
    start, end = events[0].decoded("dtstart"), events[0].decoded("dtend")
    assert end - start == datetime.timedelta(hours=2)


def test_ical_view(client):
    meeting = MeetingFactory()
    response = client.get(reverse("publication:ical"))
    assert response["Content-Type"].startswith("text/calendar")
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["uid"]) == f"meeting-{meeting.pk}@testserver"
    assert event.decoded("dtstart") == meeting.starts_at.replace(microsecond=0)


@pytest.mark.parametrize(("language", "secure"), [("nl", False), ("en", True)])
def test_the_rss_feed_is_written_exactly_as_the_syndication_framework_writes_it(
    rf, settings, language, secure
):
    from django.utils import translation

    from devtools.bulk import bulk_published
    from documents.models import Document
    from publication.feeds import IncomingDocumentsFeed, incoming_rss
    from publication.models import PublicationDecision

    settings.ALLOWED_HOSTS = ["raad.example.nl"]
    documents = bulk_published(
        [
            ("Over \"<script>\" & de 'Markt'", "Tekst"),
            ("Brief zonder bestand", "Tekst"),
            ("Brief ü en ß", "Tekst"),
        ],
        year=2026,
        days=2,
        pdf=b"%PDF-1.4 bench",
    )
    PublicationDecision.objects.filter(document=documents[1]).update(published_file=None)
    Document.objects.filter(pk=documents[2].pk).update(public_sender_term="bewoners <Zuid> & co")
    request = rf.get(
        reverse("publication:feed-incoming"), HTTP_HOST="raad.example.nl", secure=secure
    )
    with translation.override(language):
        expected = IncomingDocumentsFeed()(request)
        written = incoming_rss(request)
    assert written.content.decode() == expected.content.decode()
    assert written["Content-Type"] == expected["Content-Type"]
    assert written["Last-Modified"] == expected["Last-Modified"]
    body = written.content.decode()
    assert body.count("<item>") == 3 and body.count("<enclosure") == 2
    assert "&lt;script&gt;" in body and "&amp; co" in body  # escaped, not taken as markup
    assert ("https://" if secure else "http://") + "raad.example.nl/stukken/" in body


def test_an_empty_rss_feed_is_written_as_the_syndication_framework_writes_it(rf):
    from publication.feeds import IncomingDocumentsFeed, incoming_rss

    request = rf.get(reverse("publication:feed-incoming"))
    expected, written = IncomingDocumentsFeed()(request), incoming_rss(request)
    # Without items both say "now" as the last build: the same second, or the next.
    pattern = r"<lastBuildDate>[^<]*</lastBuildDate>"
    assert re.sub(pattern, "", written.content.decode()) == re.sub(
        pattern, "", expected.content.decode()
    )
    assert "<item>" not in written.content.decode()
