"""Server-side cache of anonymous public pages, keyed on a cheap "site version": the latest
change to any document, publication decision, meeting, meeting document or secrecy decision. Any publish,
withdrawal or edit changes the version, so a cached page is never served after a change."""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.utils.translation import get_language

from confidentiality.models import SecrecyDecision, SecrecyStatus, SecretItem
from documents.models import Document
from meetings.models import Meeting

from .models import MeetingDocument, PublicationDecision

_memo = {"at": 0.0, "version": ""}


def site_version() -> str:
    """The version, re-read from the database at most every PUBLIC_SITE_VERSION_SECONDS
    per worker (default 1 s: a change shows within a second)."""
    ttl = getattr(settings, "PUBLIC_SITE_VERSION_SECONDS", 1.0)
    now = time.monotonic()
    if ttl and now - _memo["at"] < ttl and _memo["version"]:
        return _memo["version"]
    _memo.update(at=now, version=_read_site_version())
    return _memo["version"]


def _read_site_version() -> str:
    parts = [
        (PublicationDecision, "changed_at"),
        (Document, "updated_at"),
        (Meeting, "updated_at"),
        (MeetingDocument, "updated_at"),
        (SecretItem, "added_at"),
    ]
    qn = connection.ops.quote_name
    sql = "SELECT " + ", ".join(
        f"(SELECT MAX({qn(column)}) FROM {qn(model._meta.db_table)}), "
        f"(SELECT COUNT(*) FROM {qn(model._meta.db_table)})"
        for model, column in parts
    )
    # Imposing or lifting secrecy changes what is public without touching the tables above.
    sql += (
        f", (SELECT COUNT(*) FROM {qn(SecrecyDecision._meta.db_table)} WHERE {qn('status')} = %s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [SecrecyStatus.ACTIVE])
        row = cursor.fetchone()
    return hashlib.sha1(repr(row).encode()).hexdigest()[:16]


def public_cache_key(request, kind: str = "public-page") -> str:
    """The cache key of an anonymous response: the site version, the full path (with its
    query string) and the language, so any change or other filter is another key."""
    fingerprint = f"{site_version()}|{request.get_full_path()}|{get_language()}"
    return f"{kind}:" + hashlib.sha1(fingerprint.encode()).hexdigest()


def cached_public_data(request, compute):
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


def cached_public_page(view):
    """For anonymous GET requests only; logged-in users always get a fresh page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", 300)
        if not seconds or request.method != "GET" or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        key = public_cache_key(request)
        hit = cache.get(key)
        if hit is not None:
            content, content_type, cache_control = hit
            response = HttpResponse(content, content_type=content_type)
            response["Cache-Control"] = cache_control
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.cookies:
            if hasattr(response, "render"):
                response.render()
            cache.set(
                key,
                (response.content, response["Content-Type"], response.get("Cache-Control", "")),
                seconds,
            )
        return response

    return wrapper
