"""DiWoo sitemaps for the national Woo-index (KOOP) on :mod:`django.contrib.sitemaps`: one
sitemap index per information category (``sitemapindex-diwoo-infocatNNN.xml``), whose pages
list each published file (``loc`` is the file itself) with DiWoo metadata 0.9.8
(https://standaarden.overheid.nl/diwoo/metadata/), rendered by our own template."""

from __future__ import annotations

import datetime
import functools
import html
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.contrib.sitemaps.views import x_robots_tag
from django.contrib.sites.shortcuts import get_current_site
from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import connection
from django.db.models import Max, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import http_date

from documents.models import Document, registration_number

from . import public
from .cache import site_version
from .models import MeetingDocument, PublicationDecision
from .rules import Outcome
from .templatetags.public_urls import uuid_path

TOOI_KERN = "https://identifier.overheid.nl/tooi/def/thes/kern/"
INFOCATS = {
    "006": {
        "uri": TOOI_KERN + "c_8c840238",
        "label": "bij vertegenwoordigende organen ingekomen stukken",
    },
    "008": {
        "uri": TOOI_KERN + "c_db4862c3",
        "label": "vergaderstukken decentrale overheden",
    },
}
# DiWoo 0.9.8 documenthandelingen (waardelijst ccw_plooi_documenthandelingen/2)
RECEIVED = {"uri": TOOI_KERN + "c_dfcee535", "label": "ontvangst"}
ESTABLISHED = {"uri": TOOI_KERN + "c_641ecd76", "label": "vaststelling"}
# A sitemap may hold 50,000 URLs; a crawler follows the index to every page whatever their
# size. An entry with its DiWoo metadata is about 2 kB and some 25 µs of a worker's time, so
# 500 keep a page at 1 MB and within the time of an uncached public page.
PAGE_SIZE = 500
LAYOUT_SECONDS = 24 * 3600  # keyed on the site version: any change makes a new layout


@dataclass
class Entry:
    path: str
    lastmod: datetime.datetime
    title: str
    created: datetime.date
    identifier: str
    documentsoort: str
    handling: dict
    handled_at: datetime.datetime


@functools.lru_cache(maxsize=4096)  # a sitemap page holds some forty days
def _midnight(day: datetime.date, tz: datetime.tzinfo) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min), tz)


#: The columns a document entry needs, read as plain rows: 1,000 model instances per page
#: (a document and its decision each) cost more than the rest of the page.
DOCUMENT_COLUMNS = (
    "pk",
    "uuid",
    "subject",
    "registration_year",
    "registration_sequence",
    "received_on",
    "publication__changed_at",
)


def _document_entries(documentsoort: str) -> Callable[[Iterable[dict]], list[Entry]]:
    """What makes the entries of document rows: the link pattern and the zone are looked up
    once per page, not once per entry (each is a thread-local look-up)."""

    def entries(rows: Iterable[dict]) -> list[Entry]:
        placeholder = "00000000-0000-0000-0000-000000000000"
        before, after = uuid_path("publication:document-file", placeholder).split(placeholder)
        tz = timezone.get_current_timezone()
        made = []
        for row in rows:
            number = registration_number(row["registration_year"], row["registration_sequence"])
            made.append(
                Entry(
                    path=f"{before}{row['uuid']}{after}",
                    lastmod=row["publication__changed_at"],
                    title=row["subject"] or number,
                    created=row["received_on"],
                    identifier=number,
                    documentsoort=documentsoort,
                    handling=RECEIVED,
                    handled_at=_midnight(row["received_on"], tz),
                )
            )
        return made

    return entries


def _meeting_document_entry(md: MeetingDocument) -> Entry:
    published_at = md.published_at
    if published_at is None:  # never: the public queryset holds published ones only
        raise ValueError(f"meeting document {md.pk} is not published")
    return Entry(
        path=md.get_absolute_url(),
        lastmod=md.updated_at,
        title=md.title,
        created=timezone.localdate(published_at),
        identifier=str(md.uuid),
        documentsoort=md.get_kind_display(),
        handling=ESTABLISHED,
        handled_at=published_at,
    )


# A queryset (of rows or of model instances) and what makes the entries of some of them.
EntriesPart = tuple[QuerySet[Any, Any], Callable[[Iterable[Any]], list[Entry]]]


def _meeting_document_entries(meeting_documents: Iterable[MeetingDocument]) -> list[Entry]:
    return [_meeting_document_entry(md) for md in meeting_documents]


class Entries:
    """Several querysets (each in primary-key order) as one sequence of :class:`Entry`, for
    the sitemap paginator, paged by key: the layout (how many rows, and the key each page
    starts at) is worked out once per public-site version and kept in the cache, so a page
    is one index range scan (``pk >= start``, ``LIMIT``) at any depth, never an OFFSET over
    200,000 rows, and nothing is counted twice."""

    def __init__(self, name: str, page_size: int, *parts: EntriesPart) -> None:
        self.name, self.page_size, self.parts = name, page_size, parts

    def layout(self) -> dict:
        key = f"sitemap-layout:{self.name}:{self.page_size}:{site_version()}"
        layout = cache.get(key)
        if layout is None:
            layout = self._measure()
            cache.set(key, layout, LAYOUT_SECONDS)
        return layout

    def _measure(self) -> dict:
        """Per part its number of rows, and for every page that starts in it, the part's
        index and the key of the first row: one window query per part."""
        counts, starts, offset = [], [], 0
        for index, (queryset, _) in enumerate(self.parts):
            phase = (-offset) % self.page_size
            sql, params = queryset.values("pk").query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pk, n, total FROM (SELECT pk, ROW_NUMBER() OVER (ORDER BY pk) - 1"
                    " AS n, COUNT(*) OVER () AS total FROM (" + sql + ") AS part) AS numbered"
                    " WHERE n %% %s = %s ORDER BY pk",
                    [*params, self.page_size, phase],
                )
                rows = cursor.fetchall()
            total = rows[0][2] if rows else queryset.count() if phase else 0
            counts.append(total)
            starts += [(index, pk) for pk, _n, _total in rows]
            offset += total
        return {"counts": counts, "starts": starts}

    def count(self) -> int:
        return sum(self.layout()["counts"])

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[Entry]:
        start = window.start or 0
        wanted = (window.stop if window.stop is not None else self.count()) - start
        layout = self.layout()
        if start % self.page_size or start // self.page_size >= len(layout["starts"]):
            return []  # the paginator asks for whole pages only
        part, key = layout["starts"][start // self.page_size]
        entries: list[Entry] = []
        for index in range(part, len(self.parts)):
            if wanted <= len(entries):
                break
            queryset, to_entries = self.parts[index]
            if index == part:
                queryset = queryset.filter(pk__gte=key)
                if queryset.model is Document:
                    # Said of the decision too: else PostgreSQL merge-joins the decisions
                    # from the first one up to the key (100,000 rows halfway).
                    queryset = queryset.filter(publication__document_id__gte=key)
            entries += to_entries(queryset[: wanted - len(entries)])
        return entries

    def __iter__(self) -> Iterator[Entry]:
        return iter(self[0 : self.count()])


class DiwooSitemap(Sitemap):
    limit = PAGE_SIZE

    def __init__(self, infocat: str) -> None:
        self.infocat = infocat

    def items(self) -> Entries:
        documents = public.public_documents_with_file().order_by("pk").values(*DOCUMENT_COLUMNS)
        if self.infocat == "006":
            return Entries(
                self.infocat,
                self.limit,
                (
                    documents.exclude(publication__outcome=Outcome.PUBLISHED_WITH_MEETING),
                    _document_entries("ingekomen stuk"),
                ),
            )
        return Entries(
            self.infocat,
            self.limit,
            (
                documents.filter(publication__outcome=Outcome.PUBLISHED_WITH_MEETING),
                _document_entries("inspreekbijdrage"),
            ),
            (public.public_meeting_documents().order_by("pk"), _meeting_document_entries),
        )

    def location(self, entry: Entry) -> str:
        return entry.path

    def lastmod(self, entry: Entry) -> datetime.datetime:
        return entry.lastmod

    def get_latest_lastmod(self) -> datetime.datetime | None:
        """Latest change in this category, withdrawals included (they stay as decisions)."""
        decisions = PublicationDecision.objects.all()
        if self.infocat == "008":
            decisions = decisions.filter(outcome=Outcome.PUBLISHED_WITH_MEETING)
            meeting_docs = MeetingDocument.objects.aggregate(m=Max("updated_at"))["m"]
        else:
            decisions = decisions.exclude(outcome=Outcome.PUBLISHED_WITH_MEETING)
            meeting_docs = None
        latest = decisions.aggregate(m=Max("changed_at"))["m"]
        return max([x for x in (latest, meeting_docs) if x], default=None)


# Typed as django.contrib.sitemaps' views take them.
SITEMAPS: dict[str, type[Sitemap[Any]] | Sitemap[Any]] = {
    infocat: DiwooSitemap(infocat) for infocat in INFOCATS
}


def sitemap_index(request: HttpRequest, infocat: str) -> TemplateResponse:
    if infocat not in SITEMAPS:
        raise Http404
    return sitemap_views.index(
        request,
        {infocat: SITEMAPS[infocat]},
        sitemap_url_name="publication:diwoo-page",
    )


@x_robots_tag
def sitemap_page(request: HttpRequest, section: str) -> HttpResponse:
    """A page of a DiWoo sitemap, as ``django.contrib.sitemaps.views.sitemap`` answers it with
    ``publication/sitemaps/page.xml`` (same 404s, ``Last-Modified`` and ``X-Robots-Tag``), but
    written out here: a page of 500 entries is about 1 MB, which the template engine took
    some 0.3 s to write, and the framework's loop over every entry (location, priority,
    alternates, …) cost a fifth of the rest. The template stays as the reference of the
    format (``test_a_sitemap_page_is_written_exactly_as_its_template_would_write_it``), and
    the tests validate this output against the XSDs."""
    sitemap = SITEMAPS.get(section)
    if not isinstance(sitemap, DiwooSitemap):
        raise Http404(f"No sitemap available for section: {section!r}")
    page = request.GET.get("p", 1)
    try:
        entries: list[Entry] = sitemap.paginator.page(page).object_list  # type: ignore[assignment]
    except EmptyPage as exc:
        raise Http404(f"Page {page} empty") from exc
    except PageNotAnInteger as exc:
        raise Http404(f"No page '{page}'") from exc
    site = f"{sitemap.get_protocol(request.scheme)}://{get_current_site(request).domain}"
    body = render_page(
        entries,
        [site + entry.path for entry in entries],
        infocat=INFOCATS[section],
        publisher=settings.MUNICIPALITY_TOOI,
        publisher_name=f"gemeente {settings.MUNICIPALITY_NAME}",
    )
    response = HttpResponse(body, content_type="application/xml")
    lastmods = [entry.lastmod for entry in entries]
    if lastmods and all(lastmods):
        response.headers["Last-Modified"] = http_date(max(lastmods).timestamp())
    return response


#: What ``html.escape`` changes: a text without any is written as it is.
_SPECIAL = re.compile("[&<>\"']")


def _escape(text: str) -> str:
    """``html.escape`` (what the template's autoescape does to a string), without its five
    replacements for the many texts that need none (links, numbers)."""
    return html.escape(text) if _SPECIAL.search(text) else text


def render_page(
    entries: Sequence[Entry],
    locations: Sequence[str],
    *,
    infocat: dict,
    publisher: str,
    publisher_name: str,
) -> str:
    """The page as ``publication/sitemaps/page.xml`` renders it. What is the same for every
    entry is escaped once, and each moment written once (many documents share a day)."""
    x = _escape
    tz = timezone.get_current_timezone()
    stamps: dict[datetime.datetime, str] = {}

    def stamp(moment: datetime.datetime) -> str:
        if moment not in stamps:
            stamps[moment] = moment.astimezone(tz).isoformat()  # the template's date:"c"
        return stamps[moment]

    by = f'resource="{x(publisher)}">{x(publisher_name)}'
    category = f'<diwoo:informatiecategorie resource="{x(infocat["uri"])}">{x(infocat["label"])}'
    handlings: dict[str, str] = {}
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/'
        'sitemap/0.9" xmlns:diwoo="https://standaarden.overheid.nl/diwoo/metadata/">'
    ]
    for e, location in zip(entries, locations, strict=True):
        handling = e.handling["uri"]
        if handling not in handlings:
            handlings[handling] = (
                f'<diwoo:soortHandeling resource="{x(handling)}">'
                f"{x(e.handling['label'])}</diwoo:soortHandeling>"
            )
        parts.append(
            f"\n  <url>\n    <loc>{x(location)}</loc>\n"
            f"    <lastmod>{stamp(e.lastmod)}</lastmod>\n"
            "    <diwoo:Document>\n      <diwoo:DiWoo>\n"
            f"        <diwoo:identifiers><diwoo:identifier>{x(e.identifier)}</diwoo:identifier>"
            "</diwoo:identifiers>\n"
            f"        <diwoo:publisher {by}</diwoo:publisher>\n"
            f"        <diwoo:verantwoordelijke {by}</diwoo:verantwoordelijke>\n"
            f"        <diwoo:titelcollectie><diwoo:officieleTitel>{x(e.title)}"
            "</diwoo:officieleTitel></diwoo:titelcollectie>\n"
            "        <diwoo:classificatiecollectie>\n"
            f"          <diwoo:informatiecategorieen>{category}</diwoo:informatiecategorie>"
            "</diwoo:informatiecategorieen>\n"
            f"          <diwoo:documentsoorten><diwoo:documentsoort>{x(e.documentsoort)}"
            "</diwoo:documentsoort></diwoo:documentsoorten>\n"
            "        </diwoo:classificatiecollectie>\n"
            f"        <diwoo:creatiedatum>{e.created.isoformat()}</diwoo:creatiedatum>\n"
            '        <diwoo:language resource="http://publications.europa.eu/resource/authority/'
            'language/NLD">Nederlands</diwoo:language>\n'
            '        <diwoo:format resource="http://publications.europa.eu/resource/authority/'
            'file-type/PDF">pdf</diwoo:format>\n'
            "        <diwoo:documenthandelingen>\n          <diwoo:documenthandeling>\n"
            f"            {handlings[handling]}\n"
            f"            <diwoo:atTime>{stamp(e.handled_at)}</diwoo:atTime>\n"
            f"            <diwoo:wasAssociatedWith {by}</diwoo:wasAssociatedWith>\n"
            "          </diwoo:documenthandeling>\n        </diwoo:documenthandelingen>\n"
            "      </diwoo:DiWoo>\n    </diwoo:Document>\n  </url>"
        )
    parts.append("\n</urlset>\n")
    return "".join(parts)
