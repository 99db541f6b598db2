"""RSS/Atom feeds of new incoming documents and of meetings (django.contrib.syndication),
and the iCal calendar (icalendar). The RSS feed of incoming documents is written out here
(:func:`incoming_rss`), byte for byte what the syndication framework writes for
:class:`IncomingDocumentsFeed`."""

import copy
import datetime
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import Feed, add_domain
from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, rfc2822_date
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.http import http_date
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.utils.xmlutils import UnserializableContentError
from icalendar import Calendar, Event

from documents.models import Document, registration_number
from meetings.models import Meeting

from . import public
from .templatetags.public_urls import uuid_path


class RequestFeed(Feed):
    """A feed that knows its request, for absolute URLs (RSS 2.0 requires an absolute
    enclosure URL; Django makes links absolute but not enclosures). One copy per request,
    since the feed instance in the URLconf is shared between threads."""

    request: HttpRequest | None = None

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)


class CouncilFeed(RequestFeed):
    """A feed of one public list: titled "<list> — gemeenteraad <name>", linking to the list."""

    list_title: str | Promise = ""
    list_url_name = ""

    def title(self) -> str:
        return _("%(list)s — gemeenteraad %(name)s") % {
            "list": self.list_title,
            "name": settings.MUNICIPALITY_NAME,
        }

    def link(self) -> str:
        return reverse(self.list_url_name)


FEED_ITEMS = 50


def newest_documents() -> QuerySet[Document]:
    """The public documents newest published first (index ``document_public_feed``), with the
    size of the published file."""
    return (
        public.public_documents()
        .annotate(file_size=F("publication__published_file__size"))
        .order_by("-published_at")
    )


def received_from(day: str, sender: str) -> str:
    return _("Ontvangen %(date)s van %(sender)s.") % {"date": day, "sender": sender}


class IncomingDocumentsFeed(CouncilFeed):
    list_title = gettext_lazy("Ingekomen stukken")
    list_url_name = "publication:incoming"
    description = gettext_lazy("Nieuwe ingekomen stukken op de lijst ingekomen stukken.")

    def items(self) -> QuerySet[Document]:
        return newest_documents()[:FEED_ITEMS]

    def item_title(self, item: Document) -> str:
        return f"{item.registration_number} {item.subject}"

    def item_description(self, item: Document) -> str:
        return received_from(date_format(item.received_on), item.public_sender_term)

    def item_link(self, item: Document) -> str:
        return uuid_path("publication:document", item.uuid)

    def item_guid(self, item: Document) -> str:
        return f"urn:uuid:{item.uuid}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Document) -> datetime.datetime | None:
        return item.published_at

    def item_updateddate(self, item: Document) -> datetime.datetime:
        return item.publication.changed_at

    def item_enclosure_url(self, item: Document) -> str | None:
        if item.publication.published_file_id and self.request is not None:
            path = uuid_path("publication:document-file", item.uuid)
            return self.request.build_absolute_uri(path)
        return None

    item_enclosure_mime_type = "application/pdf"

    def item_enclosure_length(self, item: Document) -> int:
        return getattr(item, "file_size", None) or 0  # annotated by items()


# --- the RSS feed of incoming documents, written out ---------------------------------------
# Django's syndication framework looks up every attribute of every item dynamically and
# writes through a SAX generator, from model instances: three quarters of an uncached feed
# request. Here the items come as plain rows and the XML is written as that generator writes
# it (``test_the_rss_feed_is_written_exactly_as_the_syndication_framework_writes_it``).
FEED_COLUMNS = (
    "uuid",
    "registration_year",
    "registration_sequence",
    "subject",
    "received_on",
    "public_sender_term",
    "published_at",
    "publication__changed_at",
    "publication__published_file_id",
    "file_size",
)
#: What Django's XML generator refuses in text (XML 1.0 has no control characters).
_CONTROL = re.compile(r"[\x00-\x08\x0B-\x0C\x0E-\x1F]")


def _element(name: str, text: str | None = None, attrs: dict[str, str] | None = None) -> str:
    """``SimplerXMLGenerator.addQuickElement`` with short empty elements: attributes sorted
    and quoted by ``quoteattr``, text escaped, ``<name/>`` when there is no text."""
    start = name + "".join(
        f" {key}={quoteattr(value)}" for key, value in sorted((attrs or {}).items())
    )
    if not text:
        return f"<{start}/>"
    if _CONTROL.search(text):
        raise UnserializableContentError("Control characters are not supported in XML 1.0")
    return f"<{start}>{escape(text)}</{name}>"


def incoming_rss(request: HttpRequest) -> HttpResponse:
    """The RSS 2.0 feed of :class:`IncomingDocumentsFeed`, as its ``__call__`` answers."""
    channel = IncomingDocumentsFeed()
    domain, secure = get_current_site(request).domain, request.is_secure()
    base = add_domain(domain, "/", secure)[:-1]  # scheme and host, as every link gets them
    page_prefix, file_prefix, suffix, file_suffix = _document_url_parts(base)
    rows = list(newest_documents().values(*FEED_COLUMNS)[:FEED_ITEMS])
    days: dict[datetime.date, str] = {}
    items = []
    latest: datetime.datetime | None = None
    for row in rows:
        day = row["received_on"]
        if day not in days:
            days[day] = date_format(day)
        number = registration_number(row["registration_year"], row["registration_sequence"])
        pubdate, updated = row["published_at"], row["publication__changed_at"]
        for moment in (updated, pubdate):
            if moment and (latest is None or moment > latest):
                latest = moment
        uuid = str(row["uuid"])
        parts = [
            _element("title", f"{number} {row['subject']}"),
            _element("link", f"{page_prefix}{uuid}{suffix}"),
            _element("description", received_from(days[day], row["public_sender_term"])),
        ]
        if pubdate is not None:
            parts.append(_element("pubDate", rfc2822_date(pubdate)))
        parts.append(_element("guid", f"urn:uuid:{uuid}", {"isPermaLink": "false"}))
        if row["publication__published_file_id"]:
            parts.append(
                _element(
                    "enclosure",
                    "",
                    {
                        "url": f"{file_prefix}{uuid}{file_suffix}",
                        "length": str(row["file_size"] or 0),
                        "type": channel.item_enclosure_mime_type,
                    },
                )
            )
        items.append("<item>" + "".join(parts) + "</item>")
    latest = latest or datetime.datetime.now(tz=datetime.UTC)
    head = [
        _element("title", channel.title()),
        _element("link", add_domain(domain, channel.link(), secure)),
        _element("description", str(channel.description)),
        _element(
            "atom:link", None, {"rel": "self", "href": add_domain(domain, request.path, secure)}
        ),
        _element("language", channel.language or get_language()),
        _element("lastBuildDate", rfc2822_date(latest)),
    ]
    body = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">'
        f"<channel>{''.join(head)}{''.join(items)}</channel></rss>"
    )
    response = HttpResponse(body, content_type=Rss201rev2Feed.content_type)
    response.headers["Last-Modified"] = http_date(latest.timestamp())
    return response


def _document_url_parts(base: str) -> tuple[str, str, str, str]:
    """What comes before and after the uuid in the absolute URL of a document's page and of
    its file (the patterns reversed once; ``iri_to_uri`` as the feed applies it)."""
    placeholder = "00000000-0000-0000-0000-000000000000"
    page = iri_to_uri(base + uuid_path("publication:document", placeholder))
    file = iri_to_uri(base + uuid_path("publication:document-file", placeholder))
    page_prefix, suffix = page.split(placeholder)
    file_prefix, file_suffix = file.split(placeholder)
    return page_prefix, file_prefix, suffix, file_suffix


class IncomingDocumentsAtomFeed(IncomingDocumentsFeed):
    feed_type = Atom1Feed
    subtitle = IncomingDocumentsFeed.description


class MeetingsFeed(CouncilFeed):
    list_title = gettext_lazy("Vergaderingen")
    list_url_name = "publication:meetings"
    description = gettext_lazy("Vergaderingen van de raad en zijn commissies.")

    def items(self) -> QuerySet[Meeting]:
        return public.public_meetings().order_by("-starts_at")[:50]

    def item_title(self, item: Meeting) -> str:
        return (
            f"{item.title} — {date_format(timezone.localtime(item.starts_at), 'DATETIME_FORMAT')}"
        )

    def item_description(self, item: Meeting) -> str:
        if item.is_closed:
            return _("Besloten vergadering.")
        summary = public.meeting_summary(item)
        return f"{item.body.name}, {item.location}" + (f"\n\n{summary}" if summary else "")

    def item_link(self, item: Meeting) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Meeting) -> datetime.datetime:
        return item.starts_at

    def item_updateddate(self, item: Meeting) -> datetime.datetime:
        return item.updated_at


class MeetingsAtomFeed(MeetingsFeed):
    feed_type = Atom1Feed
    subtitle = MeetingsFeed.description


def meetings_ical(
    meetings: Iterable[Meeting], *, base_url: str, now: datetime.datetime | None = None
) -> bytes:
    """The meetings as an RFC 5545 calendar (escaping and line folding by ``icalendar``)."""
    now = now or timezone.now()
    host = urlsplit(base_url).hostname or "localhost"
    calendar = Calendar()
    calendar.add("prodid", f"-//Griffie {settings.MUNICIPALITY_NAME}//Raadsinformatie//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add(
        "x-wr-calname",
        _("Vergaderingen gemeenteraad %(name)s") % {"name": settings.MUNICIPALITY_NAME},
    )
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{host}")
        event.add("dtstamp", now.astimezone(datetime.UTC))
        event.add("dtstart", meeting.starts_at.astimezone(datetime.UTC))
        ends = meeting.ends_at or meeting.starts_at + datetime.timedelta(hours=2)
        event.add("dtend", ends.astimezone(datetime.UTC))
        event.add("last-modified", meeting.updated_at.astimezone(datetime.UTC))
        summary = _("%(title)s (besloten)") if meeting.is_closed else "%(title)s"
        event.add("summary", summary % {"title": meeting.title})
        event.add("location", meeting.location)
        event.add("url", base_url.rstrip("/") + meeting.get_absolute_url())
        description = "" if meeting.is_closed else public.meeting_summary(meeting)
        if description:  # the agenda, decisions and votes, as on the meeting page
            event.add("description", description)
        calendar.add_component(event)
    return calendar.to_ical()


def ical_view(request: HttpRequest) -> HttpResponse:
    meetings = public.public_meetings().order_by("starts_at")
    body = meetings_ical(meetings, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="vergaderingen.ics"'
    return response
