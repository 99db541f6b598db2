"""The client's address: REMOTE_ADDR, unless the request came through a trusted proxy."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR; X-Forwarded-For is believed only when REMOTE_ADDR is one of
    ``settings.TRUSTED_PROXIES``, and then only its right-most untrusted address (what the
    trusted proxy itself saw), never a value the client put in front."""
    remote = _valid(request.META.get("REMOTE_ADDR", "") or "")
    trusted = {_valid(p) for p in getattr(settings, "TRUSTED_PROXIES", [])} - {None}
    if remote is None or remote not in trusted:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for candidate in reversed([part for part in forwarded.split(",") if part.strip()]):
        address = _valid(candidate)
        if address is None:
            return remote
        if address not in trusted:
            return address
    return remote


def user_agent(request: HttpRequest) -> str:
    return (request.META.get("HTTP_USER_AGENT", "") or "")[:300]
