"""The open-data API's throttle: a count per client in the shared cache, one that the page
cache (:class:`publication.cache.PublicPageCacheMiddleware`) can take together with its
lookup, so a cached API page is answered early and still counted, in one Redis round trip.

The count is a window per client: it starts at the client's first request and lasts the
rate's period (``120/minute``: 120 requests in the minute from the first; then a new
minute). DRF's own ``AnonRateThrottle`` keeps a list of every request's time instead (read,
trimmed, pickled and written back on each request: two round trips and a list of up to 120
floats); a window allows a client at most twice the rate over a moment that straddles two
windows, which is what a throttle against overload needs.

A request is counted once: where the page cache counted it, it leaves the count on the
request (``request.META[COUNTED]``) and DRF's throttle judges that count.
"""

import hashlib
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from rest_framework.request import Request
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from griffie.caches import get_and_count

#: Where the page cache leaves its count of this request: (count, seconds left of the window).
COUNTED = "griffie.api_throttle_count"


class AnonymousThrottle(AnonRateThrottle):
    """Per client IP (DRF's ``get_ident``), counted in the default (shared) cache; rate from
    API_ANON_THROTTLE_RATE. A refused request gets DRF's 429 with ``Retry-After``."""

    def __init__(self) -> None:  # the rate is read per request (settings may change)
        self.rate: str | None = None
        self.left = 0.0

    def get_rate(self) -> str | None:
        rate = (settings.API_ANON_THROTTLE_RATE or "").strip()
        return None if rate.lower() in ("", "0", "off", "none") else rate

    def limits(self) -> tuple[int, int] | None:
        """(requests, seconds) of the rate, or None when the API is not throttled."""
        self.rate = self.get_rate()
        if self.rate is None:
            return None
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return self.num_requests, self.duration

    def counter(self, request: HttpRequest | Request) -> str:
        ident = self.get_ident(request) or ""  # an X-Forwarded-For may be long: hashed
        return "api-throttle:" + hashlib.sha1(ident.encode()).hexdigest()

    def allow_request(self, request: Request, view: APIView) -> bool:
        limits = self.limits()
        if limits is None:
            return True
        allowed, duration = limits
        counted = request.META.get(COUNTED)
        if counted is None:
            _, count, self.left = get_and_count(cache, None, self.counter(request), duration)
        else:
            count, self.left = counted
        return count <= allowed

    def wait(self) -> float:
        return max(self.left, 1.0)


def count_with_lookup(request: HttpRequest, key: str) -> tuple[Any, bool]:
    """The cache entry under ``key``, and whether this client may have it: counts the request
    in the same round trip and leaves the count on it for DRF's throttle below."""
    throttle = AnonymousThrottle()
    limits = throttle.limits()
    if limits is None:
        return cache.get(key), True
    allowed, duration = limits
    entry, count, left = get_and_count(cache, key, throttle.counter(request), duration)
    request.META[COUNTED] = (count, left)
    return entry, count <= allowed
