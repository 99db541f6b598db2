"""The API answered early from the page cache: what DRF would have sent, counted by the same
throttle, one answer per negotiated format, and never for a request with credentials."""

import os
import uuid

import pytest
from django.urls import reverse
from rest_framework import exceptions
from rest_framework.views import APIView

from publication.api_throttle import AnonymousThrottle
from tests.confidentiality.helpers import verify
from tests.publication.factories import published_document

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


@pytest.fixture
def dispatched(monkeypatch):
    """The requests that reached DRF (a request answered early never does)."""
    calls: list[str] = []
    dispatch = APIView.dispatch

    def counting(self, request, *args, **kwargs):
        calls.append(request.get_full_path())
        return dispatch(self, request, *args, **kwargs)

    monkeypatch.setattr(APIView, "dispatch", counting)
    return calls


@pytest.fixture
def documents(griffie_user, monkeypatch):
    from publication import api

    monkeypatch.setattr(api.KeysetPagination, "page_size", 1)  # a page with a cursor onward
    return [published_document(griffie_user, subject=f"Brief {n}") for n in range(2)]


def api_urls(client, documents) -> list[str]:
    first = reverse("publication:api-documents")
    later = client.get(first).json()["next"].removeprefix("http://testserver")
    one = reverse("publication:api-document", kwargs={"uuid": documents[0].uuid})
    return [first, later, one, reverse("publication:api-bodies") + "?soort=raad"]


def uncached(client, settings, url, **extra):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    try:
        return client.get(url, **extra)
    finally:
        settings.PUBLIC_PAGE_CACHE_SECONDS = 300


def test_an_early_answer_is_what_drf_gives_and_never_reaches_drf(
    client, settings, documents, dispatched
):
    for url in api_urls(client, documents):
        full = uncached(client, settings, url)
        client.get(url)  # fills the cache
        before = len(dispatched)
        hit = client.get(url)
        assert len(dispatched) == before, f"{url} was not answered early"
        assert hit.status_code == full.status_code == 200, url
        assert dict(hit.items()) == dict(full.items()), url
        assert hit.content == full.content, url
    # a matching ETag: the stack's own 304, early too
    url = api_urls(client, documents)[0]
    etag = client.get(url)["ETag"]
    before = len(dispatched)
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert len(dispatched) == before


def test_each_negotiated_format_has_its_own_answer(client, settings, documents, dispatched):
    url = reverse("publication:api-documents")
    variants = [
        {},
        {"HTTP_ACCEPT": "application/json"},
        {"HTTP_ACCEPT": "application/json; indent=4"},
        {"HTTP_ACCEPT": "text/html"},  # DRF has no HTML renderer here: 406, never a cached 200
    ]
    for extra in variants:
        client.get(url, **extra)  # fills the cache where DRF answered 200
    for extra in variants:
        full = uncached(client, settings, url, **extra)
        again = client.get(url, **extra)
        assert again.status_code == full.status_code, extra
        assert again.content == full.content, extra
        assert dict(again.items()) == dict(full.items()), extra
    assert client.get(url, HTTP_ACCEPT="text/html").status_code == 406
    plain = client.get(url, HTTP_ACCEPT="application/json").content
    assert client.get(url, HTTP_ACCEPT="application/json; indent=4").content != plain
    # ``?format=`` is part of the query string, so of the key as well
    before = len(dispatched)
    client.get(url + "?format=json")
    assert len(dispatched) == before + 1


@pytest.mark.parametrize("page_cache", [True, False], ids=["answered-early", "drf-only"])
def test_the_throttle_counts_every_request_and_refuses_as_drf_does(
    client, settings, documents, page_cache, dispatched
):
    settings.API_ANON_THROTTLE_RATE = "3/minute"
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300 if page_cache else 0
    url = reverse("publication:api-documents")
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get(url)
    assert refused.status_code == 429
    assert refused["Content-Type"] == PROBLEM and 0 < int(refused["Retry-After"]) <= 60
    drf = exceptions.Throttled(wait=int(refused["Retry-After"]))
    assert refused.json() == {
        "type": "about:blank",
        "title": "Too Many Requests",
        "status": 429,
        "detail": str(drf.detail),
    }
    assert len(dispatched) == (2 if page_cache else 4)  # the miss and the refusal
    assert client.get(url, REMOTE_ADDR="192.0.2.7").status_code == 200  # another client


def test_early_answers_and_drf_share_one_count(client, settings, documents):
    settings.API_ANON_THROTTLE_RATE = "4/minute"
    url = reverse("publication:api-documents")
    client.get(url)
    client.get(url)  # early
    client.cookies["sessionid"] = "x" * 32  # goes down to DRF, counted there
    assert client.get(url).status_code == 200
    del client.cookies["sessionid"]
    assert client.get(url).status_code == 200  # the fourth
    assert client.get(url).status_code == 429


def test_a_request_with_credentials_is_never_answered_from_the_cache(
    client, settings, documents, griffie_user, dispatched
):
    url = reverse("publication:api-documents")
    client.get(url)
    client.get(url)
    before = len(dispatched)
    client.get(url, HTTP_AUTHORIZATION="Bearer something")
    client.cookies["sessionid"] = "x" * 32
    client.get(url)
    assert len(dispatched) == before + 2
    # a logged-in user's answer goes through DRF, and is not stored for anyone
    client.cookies.clear()
    verify(client, griffie_user)
    other = reverse("publication:api-bodies")
    assert client.get(other).status_code == 200
    client.logout()
    client.cookies.clear()
    before = len(dispatched)
    client.get(other)
    assert len(dispatched) == before + 1


def test_the_count_is_kept_with_its_window(settings):
    from django.core.cache import cache

    from griffie.caches import get_and_count

    cache.set("page", b"body")
    assert get_and_count(cache, "page", "counter", 60)[:2] == (b"body", 1)
    value, count, left = get_and_count(cache, None, "counter", 60)
    assert (value, count) == (None, 2) and 0 < left <= 60
    cache.delete("counter")
    assert get_and_count(cache, None, "counter", 60)[1] == 1


@pytest.mark.integration
def test_the_count_and_the_lookup_take_one_redis_round_trip(settings):
    from django.core.cache import caches

    from griffie.caches import get_and_count
    from tests.services import require_redis_broker

    url = os.environ.get("CACHE_URL") or require_redis_broker()
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "griffie.caches.SharedClientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
        }
    }
    cache = caches["default"]
    try:
        cache.set("page", (b"body", {"A": "b"}, ""))
        assert get_and_count(cache, "page", "counter", 60)[:2] == ((b"body", {"A": "b"}, ""), 1)
        value, count, left = get_and_count(cache, "missing", "counter", 60)
        assert (value, count) == (None, 2) and 59 < left <= 60
        assert cache.get("counter") == 2  # Django's own reading of the count
        throttle = AnonymousThrottle()
        settings.API_ANON_THROTTLE_RATE = "2/minute"
        assert throttle.limits() == (2, 60)
    finally:
        cache.delete_many(["page", "counter"])


def test_the_queryset_kept_per_thread_is_never_narrowed_by_a_request(
    client, settings, griffie_user
):
    from documents.models import Category

    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    published_document(griffie_user, category=Category.PETITION)
    published_document(griffie_user)
    url = reverse("publication:api-documents")
    assert len(client.get(url).json()["results"]) == 2
    assert len(client.get(url, {"categorie": "petition"}).json()["results"]) == 1
    first = client.get(url, {"van": "2999-01-01"})
    assert first.json()["results"] == []
    assert len(client.get(url).json()["results"]) == 2
