"""Caching of the public site, and the one cache policy for every response.

Server side: anonymous public pages are cached per worker, keyed on the public-site version,
a single-row counter (:class:`publication.models.PublicSiteVersion`) that every publish,
withdrawal and secrecy change bumps *inside its own transaction* (:func:`bump`). Unlike a
"latest timestamp plus counts" version, a counter cannot miss a change that commits after
another change with a later timestamp: every committed change adds one.

Browsers and shared caches (:class:`CachePolicyMiddleware`): public HTML, API and feeds
revalidate (ETag, ``max-age`` of at most a minute, ``must-revalidate``); public files are
``no-cache`` with an ETag, so a withdrawn file is never served stale; anything for a
logged-in user is ``private, no-store``.
"""

import hashlib
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Model
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.translation import get_language
from rest_framework.response import Response

from griffie.http import PRIVATE_CACHE_CONTROL

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

#: Headers a cached response keeps besides its content type (feeds and sitemaps set them).
KEPT_HEADERS = ("Last-Modified", "X-Robots-Tag", "Content-Disposition")


def cached_public_page(view: ViewFunction) -> ViewFunction:
    """For anonymous GET requests only; logged-in users always get a fresh page. Pages,
    feeds, the calendar and the sitemaps: keyed on the site version like everything else."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        seconds = getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", 300)
        if not seconds or request.method != "GET" or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        key = public_cache_key(request)
        hit = cache.get(key)
        if hit is not None:
            content, content_type, *kept = hit
            cached = HttpResponse(content, content_type=content_type)
            for name, value in (kept[0] if kept else {}).items():
                cached[name] = value
            return cached
        response = view(request, *args, **kwargs)
        if (
            response.status_code == 200
            and not response.cookies
            and not response.streaming
            and isinstance(response, HttpResponse)
        ):
            if hasattr(response, "render"):
                response.render()
            kept = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            cache.set(key, (response.content, response["Content-Type"], kept), seconds)
        return response

    return wrapper


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
