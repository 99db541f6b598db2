"""RSS/Atom feeds of new incoming documents and of meetings, and the iCal calendar."""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from . import public


class IncomingDocumentsFeed(Feed):
    title = f"Ingekomen stukken — gemeenteraad {settings.MUNICIPALITY_NAME}"
    description = "Nieuwe ingekomen stukken op de lijst ingekomen stukken."

    def link(self):
        return reverse("publication:incoming")

    def items(self):
        return public.public_documents().order_by("-published_at")[:50]

    def item_title(self, item):
        return f"{item.registration_number} {item.subject}"

    def item_description(self, item):
        return f"Ontvangen {item.received_on:%d-%m-%Y} van {item.public_sender_term}."

    def item_link(self, item):
        return reverse("publication:document", kwargs={"uuid": item.uuid})

    def item_guid(self, item):
        return f"urn:uuid:{item.uuid}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.publication.changed_at

    def item_enclosure_url(self, item):
        if item.publication.published_file_id:
            return reverse("publication:document-file", kwargs={"uuid": item.uuid})
        return None

    item_enclosure_mime_type = "application/pdf"

    def item_enclosure_length(self, item):
        return 0


class IncomingDocumentsAtomFeed(IncomingDocumentsFeed):
    feed_type = Atom1Feed
    subtitle = IncomingDocumentsFeed.description


class MeetingsFeed(Feed):
    title = f"Vergaderingen — gemeenteraad {settings.MUNICIPALITY_NAME}"
    description = "Vergaderingen van de raad en zijn commissies."

    def link(self):
        return reverse("publication:meetings")

    def items(self):
        return public.public_meetings().order_by("-starts_at")[:50]

    def item_title(self, item):
        return f"{item.title} — {timezone.localtime(item.starts_at):%d-%m-%Y %H:%M}"

    def item_description(self, item):
        if item.is_closed:
            return "Besloten vergadering."
        return f"{item.body.name}, {item.location}"

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.starts_at

    def item_updateddate(self, item):
        return item.updated_at


class MeetingsAtomFeed(MeetingsFeed):
    feed_type = Atom1Feed
    subtitle = MeetingsFeed.description


def ical_escape(value: str) -> str:
    """RFC 5545 TEXT escaping."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def ical_fold(line: str) -> str:
    """Fold lines longer than 75 octets (RFC 5545 3.1), never inside a UTF-8 sequence."""
    out, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        limit = 75 if not out else 74
        if len(current) + len(encoded) > limit:
            out.append(current.decode("utf-8"))
            current = b""
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def _utc(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def meetings_ical(meetings, *, base_url: str, now=None) -> str:
    now = now or timezone.now()
    host = base_url.split("://", 1)[-1].split("/")[0].split(":")[0] or "localhost"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//Griffie {settings.MUNICIPALITY_NAME}//Raadsinformatie//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ical_escape('Vergaderingen gemeenteraad ' + settings.MUNICIPALITY_NAME)}",
    ]
    for meeting in meetings:
        ends = meeting.ends_at or meeting.starts_at + datetime.timedelta(hours=2)
        summary = meeting.title + (" (besloten)" if meeting.is_closed else "")
        lines += [
            "BEGIN:VEVENT",
            f"UID:meeting-{meeting.pk}@{host}",
            f"DTSTAMP:{_utc(now)}",
            f"DTSTART:{_utc(meeting.starts_at)}",
            f"DTEND:{_utc(ends)}",
            f"LAST-MODIFIED:{_utc(meeting.updated_at)}",
            f"SUMMARY:{ical_escape(summary)}",
            f"LOCATION:{ical_escape(meeting.location)}",
            f"URL:{base_url.rstrip('/')}{meeting.get_absolute_url()}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(ical_fold(line) + "\r\n" for line in lines)


def ical_view(request):
    meetings = public.public_meetings().order_by("starts_at")
    body = meetings_ical(meetings, base_url=settings.SITE_URL)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="vergaderingen.ics"'
    response["Cache-Control"] = "public, max-age=300"
    return response
