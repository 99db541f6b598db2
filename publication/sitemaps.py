"""DiWoo sitemaps for the national Woo-index (KOOP): one sitemap index per information
category, whose pages list each published file (``loc`` is the file itself) with DiWoo
metadata (https://standaarden.overheid.nl/diwoo/metadata/)."""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse

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
PAGE_SIZE = 1000  # a sitemap may hold 50,000 URLs; smaller pages keep responses quick


@dataclass
class Entry:
    loc: str
    lastmod: object
    title: str
    created: object
    identifier: str
    documentsoort: str


def _documents(infocat: str):
    documents = public.public_documents_with_file().order_by("pk")
    if infocat == "006":
        return documents.exclude(publication__outcome=Outcome.PUBLISHED_WITH_MEETING)
    return documents.filter(publication__outcome=Outcome.PUBLISHED_WITH_MEETING)


def _entries(infocat: str, page: int) -> list[Entry]:
    base = settings.SITE_URL.rstrip("/")
    sources = list(Paginator(_documents(infocat), PAGE_SIZE).page(page).object_list)
    entries = [
        Entry(
            loc=base + reverse("publication:document-file", kwargs={"uuid": d.uuid}),
            lastmod=d.publication.changed_at,
            title=d.subject or d.registration_number,
            created=d.received_on,
            identifier=d.registration_number,
            documentsoort="ingekomen stuk" if infocat == "006" else "inspreekbijdrage",
        )
        for d in sources
    ]
    if infocat == "008" and page == 1:
        entries += [
            Entry(
                loc=base + md.get_absolute_url(),
                lastmod=md.updated_at,
                title=md.title,
                created=md.published_at.date(),
                identifier=str(md.uuid),
                documentsoort=md.get_kind_display(),
            )
            for md in public.public_meeting_documents().order_by("pk")
        ]
    return entries


def _page_count(infocat: str) -> int:
    return max(1, Paginator(_documents(infocat), PAGE_SIZE).num_pages)


def _lastmod(infocat: str):
    """Latest change in this category, withdrawals included (they stay as decisions)."""
    decisions = PublicationDecision.objects.all()
    if infocat == "008":
        decisions = decisions.filter(outcome=Outcome.PUBLISHED_WITH_MEETING)
        md = MeetingDocument.objects.aggregate(m=Max("updated_at"))["m"]
    else:
        decisions = decisions.exclude(outcome=Outcome.PUBLISHED_WITH_MEETING)
        md = None
    latest = decisions.aggregate(m=Max("changed_at"))["m"]
    return max([x for x in (latest, md) if x], default=None)


def sitemap_index(request, infocat: str):
    if infocat not in INFOCATS:
        raise Http404
    base = settings.SITE_URL.rstrip("/")
    pages = [
        base + reverse("publication:diwoo-page", kwargs={"infocat": infocat, "page": n})
        for n in range(1, _page_count(infocat) + 1)
    ]
    body = render_to_string(
        "publication/sitemaps/index.xml", {"pages": pages, "lastmod": _lastmod(infocat)}
    )
    return HttpResponse(body, content_type="application/xml; charset=utf-8")


def sitemap_page(request, infocat: str, page: int):
    if infocat not in INFOCATS:
        raise Http404
    try:
        entries = _entries(infocat, page)
    except EmptyPage:
        raise Http404 from None
    body = render_to_string(
        "publication/sitemaps/page.xml",
        {
            "entries": entries,
            "infocat": INFOCATS[infocat],
            "publisher": settings.MUNICIPALITY_TOOI,
            "publisher_name": f"gemeente {settings.MUNICIPALITY_NAME}",
        },
    )
    return HttpResponse(body, content_type="application/xml; charset=utf-8")
