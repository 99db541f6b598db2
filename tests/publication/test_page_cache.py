"""The page cache answers an anonymous visitor before the rest of the middleware runs: a hit
carries exactly what the whole stack would have sent, and nobody else is ever served from it."""

import hashlib

import pytest
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.urls import path, reverse

from devtools.bulk import bulk_published
from documents.models import Document
from publication import cache as page_cache
from tests.confidentiality.helpers import verify

pytestmark = pytest.mark.django_db

SITEMAP_PAGE = "/sitemaps/diwoo-infocat006.xml"


@pytest.fixture
def document():
    return bulk_published([("Brief over de haven van Kats", "Tekst")], year=2026)[0]


def public_urls(document) -> list[str]:
    return [
        reverse("publication:home"),
        reverse("publication:incoming"),
        reverse("publication:document", kwargs={"uuid": document.uuid}),
        reverse("publication:search") + "?q=haven",
        reverse("publication:feed-incoming"),
        reverse("publication:ical"),
        SITEMAP_PAGE,
    ]


def without_cache(client, settings, url, **extra):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    try:
        return client.get(url, **extra)
    finally:
        settings.PUBLIC_PAGE_CACHE_SECONDS = 300


def rename_without_telling_the_cache(document, subject: str) -> None:
    # A queryset update sends no signal, so the site version stays: a page that shows the
    # new subject was rendered afresh, one that shows the old came from the cache.
    Document.objects.filter(pk=document.pk).update(subject=subject)


@pytest.mark.parametrize("secure", [False, True], ids=["http", "https"])
def test_a_hit_carries_the_headers_and_body_the_whole_stack_gives_an_anonymous_visitor(
    client, settings, document, django_assert_max_num_queries, secure
):
    settings.SECURE_HSTS_SECONDS = 3600  # sent on HTTPS only, by the outermost middleware
    for url in public_urls(document):
        full = without_cache(client, settings, url, secure=secure)
        miss = client.get(url, secure=secure)
        with django_assert_max_num_queries(1):  # the site version at most: from the cache
            hit = client.get(url, secure=secure)
        assert full.status_code == miss.status_code == hit.status_code == 200, url
        assert dict(hit.items()) == dict(full.items()) == dict(miss.items()), url
        assert hit.content == full.content, url
        assert not hit.cookies, url
    assert hit["X-Robots-Tag"] and hit["Content-Security-Policy"] and hit["ETag"]
    assert ("Strict-Transport-Security" in hit) == secure


def test_a_matching_etag_gets_the_304_the_whole_stack_would_send(client, settings, document):
    for url in public_urls(document):
        etag = client.get(url)["ETag"]  # fills the cache
        full = without_cache(client, settings, url, HTTP_IF_NONE_MATCH=etag)
        hit = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert full.status_code == hit.status_code == 304, url
        assert dict(hit.items()) == dict(full.items()), url
        assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_a_logged_in_user_never_gets_a_cached_page(client, griffie_user, document):
    url = reverse("publication:incoming")
    client.get(url)  # cached for anonymous visitors
    rename_without_telling_the_cache(document, "Brief over de dijk")
    assert "Brief over de haven" in client.get(url).content.decode()

    verify(client, griffie_user)
    page = client.get(url)

    assert "Brief over de dijk" in page.content.decode()
    assert "Uitloggen" in page.content.decode()
    assert page["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    "cookie, cached",
    [
        ({"csrftoken": "a" * 32}, True),  # what Django writes after a visit to the login page
        ({"csrftoken": "not-a-token"}, False),  # the stack answers with a new CSRF cookie
        ({"sessionid": "0" * 32}, False),  # any session, valid or not
        ({"messages": "x"}, False),  # a flash message is for this visitor only
        ({"anything": "x"}, False),
    ],
)
def test_only_a_request_without_session_or_other_cookies_is_served_from_the_cache(
    client, document, cookie, cached
):
    url = reverse("publication:incoming")
    client.get(url)
    rename_without_telling_the_cache(document, "Brief over de dijk")

    client.cookies.load(cookie)
    page = client.get(url).content.decode()

    assert ("Brief over de haven" in page) == cached
    assert ("Brief over de dijk" in page) != cached


def test_a_private_path_is_never_served_from_the_cache(client):
    private = reverse("documents:inbox")
    request = RequestFactory().get(private)
    planted = (b"planted", {"Content-Type": "text/html", "Cache-Control": "max-age=60"}, "")
    page_cache.cache.set(page_cache.page_key(request), planted)

    response = client.get(private)

    assert response.content != b"planted"
    assert response.status_code == 302 and "/inloggen/" in response["Location"]


def test_a_page_is_never_stored_for_a_host_that_is_not_allowed(client):
    assert client.get(reverse("publication:home"), HTTP_HOST="elders.example").status_code == 400


def test_a_large_body_is_kept_apart_and_served_from_the_process_or_the_shared_copy(
    client, document, monkeypatch
):
    monkeypatch.setattr(page_cache, "LARGE_BODY_BYTES", 1)
    monkeypatch.setattr(page_cache, "_local_bodies", type(page_cache._local_bodies)())
    url = reverse("publication:incoming")
    first = client.get(url)
    rename_without_telling_the_cache(document, "Brief over de dijk")

    assert client.get(url).content == first.content  # the process's own copy
    page_cache._local_bodies.clear()
    assert client.get(url).content == first.content  # the shared copy
    page_cache._local_bodies.clear()
    page_cache.cache.delete(f"public-page-body:{hashlib.sha256(first.content).hexdigest()}")
    assert "Brief over de dijk" in client.get(url).content.decode()  # body gone: rendered


# A public page that carries a form: the visitor's CSRF token is in it.
@page_cache.cached_public_page
def _page_with_a_form(request):
    return HttpResponse(f'<form method="post"><input name="t" value="{get_token(request)}">')


urlpatterns = [path("formulier/", _page_with_a_form)]


def test_a_page_with_a_visitors_csrf_token_is_never_stored_nor_served_to_another(client, settings):
    """Its token unmasks to that visitor's CSRF secret; another visitor must never see it."""
    settings.ROOT_URLCONF = __name__
    first = client.get("/formulier/")
    secret = first.cookies[settings.CSRF_COOKIE_NAME].value
    # The same visitor again, now carrying the cookie the cache would otherwise accept.
    again = client.get("/formulier/")
    assert again.status_code == 200 and again.cookies  # rendered afresh, cookie renewed
    other = Client()
    answer = other.get("/formulier/")
    assert answer.cookies[settings.CSRF_COOKIE_NAME].value != secret
    assert answer.content != again.content


def test_a_large_body_goes_compressed_to_a_client_that_accepts_gzip(client, document, monkeypatch):
    import gzip

    monkeypatch.setattr(page_cache, "LARGE_BODY_BYTES", 1)
    monkeypatch.setattr(page_cache, "_local_bodies", type(page_cache._local_bodies)())
    url = reverse("publication:incoming")
    miss = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert "Content-Encoding" not in miss and "Accept-Encoding" in miss["Vary"]
    hit = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert hit["Content-Encoding"] == "gzip" and gzip.decompress(hit.content) == miss.content
    assert hit["Content-Length"] == str(len(hit.content)) and hit["ETag"] == "W/" + miss["ETag"]
    assert {
        k: v for k, v in hit.items() if k not in ("Content-Encoding", "Content-Length", "ETag")
    } == {k: v for k, v in miss.items() if k not in ("Content-Length", "ETag")}
    for refused in ("", "br", "gzip;q=0", "identity"):
        plain = client.get(url, HTTP_ACCEPT_ENCODING=refused)
        assert "Content-Encoding" not in plain and plain.content == miss.content, refused
        assert dict(plain.items()) == dict(miss.items()), refused
    page_cache._local_bodies.clear()  # from the shared copy as well
    assert gzip.decompress(client.get(url, HTTP_ACCEPT_ENCODING="gzip").content) == miss.content
    # the validator of either form gets the 304
    for etag in (miss["ETag"], hit["ETag"]):
        assert (
            client.get(url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=etag).status_code == 304
        )
