"""Caching of the public site, and the one cache policy for every response.

Server side: anonymous public pages are cached in the shared cache (Redis in production),
keyed on the public-site version, a single-row counter
(:class:`publication.models.PublicSiteVersion`) that every publish, withdrawal and secrecy
change bumps *inside its own transaction* (:func:`bump`). Unlike a "latest timestamp plus
counts" version, a counter cannot miss a change that commits after another change with a
later timestamp: every committed change adds one. Each worker re-reads the version at most
once a second, so the key is known without asking Redis, and a hit is one cache read.

The page cache rule, in one place (:class:`PublicPageCacheMiddleware`, right after
WhiteNoise; views opt in with :func:`cached_public_page`):

- Served from the cache: a GET or HEAD from a visitor who carries no cookie but a
  well-formed CSRF cookie (so no session: nobody logged in, no flash message), no
  ``Authorization``, outside the private areas and the rest of /api/. It is answered
  before sessions, CSRF, authentication, the second factor and URL resolving run. The API
  (/api/v1/) too: its key adds the ``Accept`` header (DRF negotiates the format), and its
  throttle counts the request in the same Redis round trip as the lookup; a client over its
  limit goes down to DRF, which refuses it from that count.
- Stored: only the response the whole stack finished for such a visitor and judged public
  (a 200 of a marked view with :data:`PUBLIC_CACHE_CONTROL`, no cookie set), with every
  header it carries; so a hit, and the 304 for a matching ``If-None-Match``, carry what the
  stack would have sent. SecurityMiddleware, above the cache, adds its headers to both.
- Large bodies (sitemap pages) are stored apart by digest and kept per process as well.

Browsers and shared caches (:class:`CachePolicyMiddleware`): public HTML, API and feeds
revalidate (ETag, ``max-age`` of at most a minute, ``must-revalidate``); public files are
``no-cache`` with an ETag, so a withdrawn file is never served stale; anything for a
logged-in user is ``private, no-store``.
"""

import gzip
import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import IntegrityError, transaction
from django.db.models import F, Model
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from django.utils.translation import get_language
from rest_framework.response import Response

from griffie.http import PRIVATE_CACHE_CONTROL

from .api_throttle import count_with_lookup
from .models import PublicSiteVersion

PUBLIC_MAX_AGE = 60  # seconds a browser or shared cache may keep public HTML without asking
PUBLIC_CACHE_CONTROL = f"max-age={PUBLIC_MAX_AGE}, must-revalidate"
FILE_CACHE_CONTROL = "no-cache"  # always revalidated: a withdrawal is seen at once
# Areas that are never public (the public secrecy register sets its own no-store).
PRIVATE_PREFIXES = ("/griffie/", "/raadsleden/", "/admin/", "/inloggen/", "/uitloggen/", "/start/")

_memo: dict[str, Any] = {"at": 0.0, "version": ""}


# --- the version -----------------------------------------------------------------------------
def bump() -> None:
    """Add one to the public-site version. Call it inside the transaction of the change
    (publish, withdraw, impose/lift secrecy, a document joining a closed meeting): readers
    see the new version exactly when they can see the change."""
    for _attempt in range(3):
        if PublicSiteVersion.objects.filter(pk=1).update(version=F("version") + 1):
            return
        try:  # the row is made by the migration; a flushed test database may lack it
            with transaction.atomic():
                PublicSiteVersion.objects.create(pk=1, version=1)
            return
        except IntegrityError:
            continue


def site_version() -> str:
    """The version, re-read from the database at most every PUBLIC_SITE_VERSION_SECONDS
    per worker (default 1 s: a change shows within a second). One query."""
    ttl = getattr(settings, "PUBLIC_SITE_VERSION_SECONDS", 1.0)
    now = time.monotonic()
    if ttl and now - _memo["at"] < ttl and _memo["version"]:
        return _memo["version"]
    version = PublicSiteVersion.objects.filter(pk=1).values_list("version", flat=True).first()
    _memo.update(at=now, version=str(version or 0))
    return _memo["version"]


def public_cache_key(request: HttpRequest, kind: str = "public-page") -> str:
    """The cache key of an anonymous response: the site version, the full path (with its
    query string) and the language, so any change or other filter is another key."""
    fingerprint = f"{site_version()}|{request.get_full_path()}|{get_language()}"
    return f"{kind}:" + hashlib.sha1(fingerprint.encode()).hexdigest()


def cached_public_data(
    request: HttpRequest, compute: Callable[[], Response]
) -> tuple[Any, Response | None]:
    """``compute()``'s response data from the cache when nothing public changed since; for
    the API, whose throttling and content negotiation must still run on every request."""
    seconds = getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", 300)
    if not seconds:
        return None, compute()
    key = public_cache_key(request, "public-api")
    data = cache.get(key)
    if data is not None:
        return data, None
    response = compute()
    if response.status_code == 200:
        cache.set(key, response.data, seconds)
    return None, response


ViewFunction = Callable[..., HttpResponseBase]


def cached_public_page(view: ViewFunction) -> ViewFunction:
    """Mark a public view whose anonymous GET response may be kept in the page cache: pages,
    feeds, the calendar and the sitemaps. :class:`PublicPageCacheMiddleware` does the
    caching, so a hit answers before the rest of the middleware runs; the view itself only
    ever renders."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        return view(request, *args, **kwargs)

    wrapper.public_page_cache = True  # type: ignore[attr-defined]
    return wrapper


# --- the early page cache ----------------------------------------------------------------------
#: The API answered early: its throttle is counted with the lookup
#: (:func:`publication.api_throttle.count_with_lookup`) and the negotiated format (the
#: ``Accept`` header) is part of the key. The rest of /api/ (the schema, unknown paths) is
#: never answered early.
API_PREFIX = "/api/v1/"
NOT_EARLY_PREFIXES = ("/api/",)
#: Headers the middleware below the cache policy adds to every response, a 304 included.
EVERY_RESPONSE_HEADERS = ("X-Frame-Options", "Content-Security-Policy")
#: What Django's CSRF middleware writes as a cookie: 32 letters and digits. Any other value
#: makes it write a new cookie, so such a request is not served from the cache.
CSRF_SECRET_LENGTH = 32
#: A body this large (a sitemap page: 2 MB) is stored apart, by its digest, and each process
#: keeps the ones it served last (up to LOCAL_BODIES_BYTES): the lookup stays one small read,
#: and moving 2 MB out of Redis and unpickling it cost more than the rest of the hit.
LARGE_BODY_BYTES = 256 * 1024
LOCAL_BODIES_BYTES = 32 * 1024 * 1024

GZIP = ":gzip"  # the key of a large body's gzip form: its digest and this

_local_bodies: OrderedDict[str, bytes] = OrderedDict()
_local_bodies_lock = threading.Lock()


def _may_use_cache(request: HttpRequest) -> bool:
    """An anonymous visitor: a GET or HEAD with no cookie but a well-formed CSRF cookie (no
    session, so no login; no flash message), no credentials, and outside the private areas.
    Everything else goes through the whole middleware stack and renders afresh."""
    path = request.path
    if request.method not in ("GET", "HEAD"):
        return False
    if path.startswith(NOT_EARLY_PREFIXES) and not path.startswith(API_PREFIX):
        return False
    if is_private_path(path):
        return False
    meta = request.META
    if "HTTP_AUTHORIZATION" in meta or "HTTP_IF_MATCH" in meta:
        return False
    if "HTTP_IF_UNMODIFIED_SINCE" in meta:  # a 412 from the cache policy: leave it to the stack
        return False
    for name, value in request.COOKIES.items():
        if name != settings.CSRF_COOKIE_NAME:
            return False
        if len(value) != CSRF_SECRET_LENGTH or not (value.isascii() and value.isalnum()):
            return False
    return True


def page_key(request: HttpRequest) -> str | None:
    """The key of the page for this URL (scheme and host included: feeds write absolute
    links) in this site version, or None when the host is not allowed (the stack answers)."""
    try:
        url = request.build_absolute_uri()
    except DisallowedHost:
        return None
    fingerprint = f"{site_version()}|{url}|{get_language()}"
    if request.path.startswith(API_PREFIX):  # DRF answers per Accept (a 406 for what it lacks)
        fingerprint += "|" + request.META.get("HTTP_ACCEPT", "")
    return "public-page:" + hashlib.sha1(fingerprint.encode()).hexdigest()


def _may_store(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Only what the whole stack produced for an anonymous visitor and judged public: a 200
    of a marked view, ``PUBLIC_CACHE_CONTROL`` from :class:`CachePolicyMiddleware`, and no
    cookie set."""
    match = getattr(request, "resolver_match", None)
    user = getattr(request, "user", None)
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Cache-Control") == PUBLIC_CACHE_CONTROL
        and match is not None
        and getattr(match.func, "public_page_cache", False)
        and not (user is not None and user.is_authenticated)
    )


def _store(key: str, response: HttpResponse, seconds: int) -> None:
    content = response.content
    if len(content) < LARGE_BODY_BYTES:
        cache.set(key, (content, dict(response.items()), ""), seconds)
        return
    # A large body is also kept compressed, for a client that accepts gzip (a crawler): a
    # sitemap page of 1 MB is about a tenth of that, and writing 1 MB through the socket and
    # reading it in the client cost more than the rest of the hit.
    patch_vary_headers(response, ("Accept-Encoding",))
    digest = hashlib.sha256(content).hexdigest()
    compressed = gzip.compress(content, compresslevel=6, mtime=0)
    cache.set_many(
        {f"public-page-body:{digest}": content, f"public-page-body:{digest}{GZIP}": compressed},
        seconds,
    )
    cache.set(key, (b"", dict(response.items()), digest), seconds)
    _keep_local(digest, content)
    _keep_local(digest + GZIP, compressed)


def accepts_gzip(request: HttpRequest) -> bool:
    """``Accept-Encoding`` names gzip, and not with ``q=0``."""
    for part in request.META.get("HTTP_ACCEPT_ENCODING", "").split(","):
        name, _, parameters = part.partition(";")
        if name.strip().lower() == "gzip":
            quality = parameters.replace(" ", "").lower().removeprefix("q=")
            try:
                return not parameters.strip() or float(quality) > 0
            except ValueError:
                return False
    return False


def _compressed(headers: dict[str, str], content: bytes) -> dict[str, str]:
    """The headers of the gzip form of a stored large body: its length, its encoding, and a
    weak ETag (the same validator, as Django's GZipMiddleware writes it)."""
    headers = {**headers, "Content-Encoding": "gzip", "Content-Length": str(len(content))}
    etag = headers.get("ETag", "")
    if etag.startswith('"'):
        headers["ETag"] = "W/" + etag
    return headers


def _keep_local(digest: str, content: bytes) -> None:
    with _local_bodies_lock:
        _local_bodies[digest] = content
        while sum(map(len, _local_bodies.values())) > LOCAL_BODIES_BYTES:
            _local_bodies.popitem(last=False)


def _large_body(digest: str) -> bytes | None:
    """The body with this digest: the process's own copy (the same bytes, whatever page or
    version it was stored for), else the shared one."""
    with _local_bodies_lock:
        content = _local_bodies.get(digest)
        if content is not None:
            _local_bodies.move_to_end(digest)
            return content
    content = cache.get(f"public-page-body:{digest}")
    if content is not None:
        _keep_local(digest, content)
    return content


def _from_cache(request: HttpRequest, content: bytes, headers: dict[str, str]) -> HttpResponseBase:
    """The stored response, or the 304 the stack would have given for it."""
    response = HttpResponse(content, headers=headers)
    answer = get_conditional_response(request, etag=headers.get("ETag"), response=response)
    if answer is None or answer is response:
        return response
    for name in EVERY_RESPONSE_HEADERS:  # 304: the same headers as the stack's 304
        if name in headers and name not in answer:
            answer[name] = headers[name]
    answer["Content-Length"] = str(len(answer.content))
    return answer


class PublicPageCacheMiddleware:
    """The page cache: an anonymous visitor's GET or HEAD of a public page is answered from
    the cache right after WhiteNoise, before sessions, CSRF, authentication, the second
    factor, messages and URL resolving; one cache lookup per hit.

    What is stored is the response as the whole stack finished it for an anonymous visitor
    (every header but those :class:`~django.middleware.security.SecurityMiddleware` adds
    above this one, which it adds to a hit too), so a hit carries the same headers as the
    miss that filled it. A 304 answers a matching ``If-None-Match`` as the stack would.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        seconds = getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", 300)
        key = page_key(request) if seconds and _may_use_cache(request) else None
        if key is None:
            return self.get_response(request)
        if request.path.startswith(API_PREFIX):
            entry, allowed = count_with_lookup(request, key)
            if not allowed:  # DRF's throttle gives the 429, from the count just taken
                return self.get_response(request)
        else:
            entry = cache.get(key)
        if entry is not None:
            content, headers, digest = entry
            if digest and accepts_gzip(request):
                content = _large_body(digest + GZIP)
                if content is not None:
                    headers = _compressed(headers, content)
            elif digest:
                content = _large_body(digest)
            if content is not None:
                return _from_cache(request, content, headers)
        response = self.get_response(request)
        if isinstance(response, HttpResponse) and _may_store(request, response):
            _store(key, response, seconds)
        return response


# --- headers ---------------------------------------------------------------------------------
def is_private_path(path: str) -> bool:
    return path.startswith(PRIVATE_PREFIXES)


class CachePolicyMiddleware:
    """One place that decides what browsers and shared caches may keep.

    - Anything for a logged-in user, or on a private path: ``private, no-store``.
    - A public response that already says ``no-store`` or ``no-cache`` (the register, a file
      view) keeps it; so does a page with a form (it carries a CSRF cookie): ``private``.
    - Public files (PDF) and anything but a 200: ``no-cache``.
    - Other public responses: ``max-age`` of at most a minute and ``must-revalidate``, with
      an ETag of the content, and ``304 Not Modified`` when the browser has it already.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        current = response.get("Cache-Control", "")
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or is_private_path(request.path):
            if "no-store" not in current:
                response["Cache-Control"] = PRIVATE_CACHE_CONTROL
            return response
        if "no-store" in current or "no-cache" in current:
            return response
        if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            response["Cache-Control"] = "private, no-cache"
            return response
        if (
            response.status_code != 200
            or request.method not in ("GET", "HEAD")
            or response.get("Content-Type", "").startswith("application/pdf")
        ):
            response["Cache-Control"] = FILE_CACHE_CONTROL
            return response
        response["Cache-Control"] = PUBLIC_CACHE_CONTROL
        if response.streaming or not isinstance(response, HttpResponse):
            return response
        set_response_etag(response)
        conditional = get_conditional_response(request, etag=response["ETag"], response=response)
        return response if conditional is None else conditional


# --- other public content ----------------------------------------------------------------------
# Publish, withdraw and secrecy changes bump in their services. Content that is edited
# directly (the admin, the registration form) bumps on save, in the same transaction.
DOCUMENT_PUBLIC_FIELDS = frozenset(
    {
        "subject",
        "received_on",
        "category",
        "public_sender_term",
        "meeting",
        "meeting_id",
        "agenda_item",
        "agenda_item_id",
        "status",
        "published_at",
    }
)
CONTENT_MODELS = (
    "meetings.Meeting",
    "meetings.AgendaItem",
    "meetings.Attendance",
    "meetings.Vote",
    "meetings.FractieVote",
    "meetings.MemberVote",
    "publication.MeetingDocument",
    "publication.Activity",
    "people.Person",
    "people.Membership",
    "people.Body",
    "people.Fractie",
)


def _content_changed(sender: type[Model], **kwargs: Any) -> None:
    bump()


def _document_changed(
    sender: type[Model],
    created: bool = False,
    update_fields: frozenset[str] | None = None,
    **kwargs: Any,
) -> None:
    if created:  # a new document is never public yet
        return
    if update_fields is None or DOCUMENT_PUBLIC_FIELDS.intersection(update_fields):
        bump()


def connect_signals() -> None:
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save

    for label in CONTENT_MODELS:
        model = apps.get_model(label)
        post_save.connect(_content_changed, sender=model, dispatch_uid=f"public-version-{label}")
        post_delete.connect(
            _content_changed, sender=model, dispatch_uid=f"public-version-d-{label}"
        )
    document = apps.get_model("documents.Document")
    post_save.connect(_document_changed, sender=document, dispatch_uid="public-version-doc")
    post_delete.connect(_content_changed, sender=document, dispatch_uid="public-version-doc-d")
