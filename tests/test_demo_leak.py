"""The whole chain on the demo council: every demo document goes through the real intake,
the real anonymiser and the real publication service; then every public URL is crawled
(pages, files, feeds, sitemaps, API, iCal) and no personal data from the originals may
appear anywhere."""

import re

import pytest

from devtools.demo_data import load_demo_data
from devtools.samples.demo import demo_documents
from documents.models import Status
from tests.publication.test_leak import crawl

pytestmark = pytest.mark.django_db


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def personal_items_of(sample) -> set[str]:
    """What is personal in this demo original."""
    allowed = {normalise(a) for a in sample.truth.allowed}
    items = {
        normalise(item["text"])
        for item in sample.truth.personal
        if len(normalise(item["text"])) >= 5 and normalise(item["text"]) not in allowed
    }
    if sample.sender_type == "citizen":
        items |= {normalise(v) for v in (sample.sender.email, sample.sender.phone) if v}
    return items


def test_no_personal_data_from_the_demo_originals_reaches_the_public_site(client, settings):
    """A value personal in one original may be public by right in another (a civil servant's
    phone in an activity announcement, 3h): it may then stand on the site, but never in
    the pages and file of the document where it is personal."""
    settings.SITE_URL = "http://testserver"
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    _logins, documents = load_demo_data()
    published = [
        d for d in documents if d.__class__.objects.get(pk=d.pk).status == Status.PUBLISHED
    ]
    assert len(published) >= 10, "the demo should publish most of its documents"

    pages = {path: normalise(text) for path, text in crawl(client).items()}
    assert any(path.endswith(".pdf") for path in pages), "no published file was crawled"
    # load_documents receives the samples in order of receipt, one document each
    samples = sorted(demo_documents(), key=lambda s: s.received_on)
    public_by_right = {normalise(k) for sample in samples for k in sample.truth.keep}
    leaks = []
    published_ids = {d.pk for d in published}
    for sample, document in zip(samples, documents, strict=True):
        own_pages = {p: t for p, t in pages.items() if str(document.uuid) in p}
        assert own_pages or document.pk not in published_ids, document  # it was crawled
        for item in personal_items_of(sample):
            where = own_pages if item in public_by_right else pages
            leaks += [(path, item) for path, text in where.items() if item in text]
    assert leaks == []
