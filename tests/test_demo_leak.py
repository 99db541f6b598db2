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


def personal_items() -> set[str]:
    """What is personal in some demo original, less what another demo document publishes
    by right (a civil servant's phone in an activity announcement, 3h, is public there)."""
    items, public_elsewhere = set(), set()
    for sample in demo_documents():
        public_elsewhere |= {normalise(k) for k in sample.truth.keep}
        allowed = {normalise(a) for a in sample.truth.allowed}
        for item in sample.truth.personal:
            text = normalise(item["text"])
            if len(text) >= 5 and text not in allowed:
                items.add(text)
        if sample.sender_type == "citizen":
            items |= {normalise(v) for v in (sample.sender.email, sample.sender.phone) if v}
    return items - public_elsewhere


def test_no_personal_data_from_the_demo_originals_reaches_the_public_site(client, settings):
    settings.SITE_URL = "http://testserver"
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    _logins, documents = load_demo_data()
    published = [
        d for d in documents if d.__class__.objects.get(pk=d.pk).status == Status.PUBLISHED
    ]
    assert len(published) >= 10, "the demo should publish most of its documents"

    pages = crawl(client)
    assert any(path.endswith(".pdf") for path in pages), "no published file was crawled"
    needles = personal_items()
    leaks = [
        (path, item) for path, text in pages.items() for item in needles if item in normalise(text)
    ]
    assert leaks == []
