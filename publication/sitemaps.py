"""DiWoo sitemaps for the national Woo-index (KOOP) on :mod:`django.contrib.sitemaps`: one
sitemap index per information category (``sitemapindex-diwoo-infocatNNN.xml``), whose pages
list each published file (``loc`` is the file itself) with DiWoo metadata 0.9.8
(https://standaarden.overheid.nl/diwoo/metadata/), rendered by our own template."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from . import public
from .models import MeetingDocument, PublicationDecision
from .rules import Outcome

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
PAGE_SIZE = 1000  # a sitemap may hold 50,000 URLs; smaller pages keep responses quick


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


def _at_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _document_entry(document, documentsoort: str) -> Entry:
    return Entry(
        path=reverse("publication:document-file", kwargs={"uuid": document.uuid}),
        lastmod=document.publication.changed_at,
        title=document.subject or document.registration_number,
        created=document.received_on,
        identifier=document.registration_number,
        documentsoort=documentsoort,
        handling=RECEIVED,
        handled_at=_at_midnight(document.received_on),
    )


def _meeting_document_entry(md: MeetingDocument) -> Entry:
    return Entry(
        path=md.get_absolute_url(),
        lastmod=md.updated_at,
        title=md.title,
        created=timezone.localdate(md.published_at),
        identifier=str(md.uuid),
        documentsoort=md.get_kind_display(),
        handling=ESTABLISHED,
        handled_at=md.published_at,
    )


class Entries:
    """Several querysets as one sequence of :class:`Entry`, counted and sliced in the
    database, so the sitemap paginator pages across all of them."""

    def __init__(self, *parts: tuple[QuerySet, callable]):
        self.parts = parts

    def count(self) -> int:
        return sum(queryset.count() for queryset, _ in self.parts)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[Entry]:
        start, stop = window.start or 0, window.stop
        entries = []
        for queryset, to_entry in self.parts:
            size = queryset.count()
            if start < size and stop > 0:
                entries += [to_entry(obj) for obj in queryset[max(start, 0) : min(stop, size)]]
            start, stop = start - size, stop - size
        return entries

    def __iter__(self):
        return iter(self[0 : self.count()])


class DiwooSitemap(Sitemap):
    limit = PAGE_SIZE

    def __init__(self, infocat: str):
        self.infocat = infocat

    def items(self) -> Entries:
        documents = public.public_documents_with_file().order_by("pk")
        if self.infocat == "006":
            return Entries(
                (
                    documents.exclude(publication__outcome=Outcome.PUBLISHED_WITH_MEETING),
                    lambda d: _document_entry(d, "ingekomen stuk"),
                )
            )
        return Entries(
            (
                documents.filter(publication__outcome=Outcome.PUBLISHED_WITH_MEETING),
                lambda d: _document_entry(d, "inspreekbijdrage"),
            ),
            (public.public_meeting_documents().order_by("pk"), _meeting_document_entry),
        )

    def location(self, entry: Entry) -> str:
        return entry.path

    def lastmod(self, entry: Entry):
        return entry.lastmod

    def get_latest_lastmod(self):
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


SITEMAPS = {infocat: DiwooSitemap(infocat) for infocat in INFOCATS}


def sitemap_index(request, infocat: str):
    if infocat not in SITEMAPS:
        raise Http404
    return sitemap_views.index(
        request,
        {infocat: SITEMAPS[infocat]},
        sitemap_url_name="publication:diwoo-page",
    )


def sitemap_page(request, section: str):
    response = sitemap_views.sitemap(
        request, SITEMAPS, section=section, template_name="publication/sitemaps/page.xml"
    )
    response.context_data.update(
        infocat=INFOCATS[section],
        publisher=settings.MUNICIPALITY_TOOI,
        publisher_name=f"gemeente {settings.MUNICIPALITY_NAME}",
    )
    return response
