"""RSS/Atom feeds of new incoming documents and of meetings (django.contrib.syndication),
and the iCal calendar (icalendar)."""

import copy
import datetime
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from icalendar import Calendar, Event

from documents.models import Document
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


class IncomingDocumentsFeed(CouncilFeed):
    list_title = gettext_lazy("Ingekomen stukken")
    list_url_name = "publication:incoming"
    description = gettext_lazy("Nieuwe ingekomen stukken op de lijst ingekomen stukken.")

    def items(self) -> QuerySet[Document]:
        return (
            public.public_documents()
            .annotate(file_size=F("publication__published_file__size"))
            .order_by("-published_at")[:50]
        )

    def item_title(self, item: Document) -> str:
        return f"{item.registration_number} {item.subject}"

    def item_description(self, item: Document) -> str:
        return _("Ontvangen %(date)s van %(sender)s.") % {
            "date": date_format(item.received_on),
            "sender": item.public_sender_term,
        }

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
