"""Login throttling keyed on (user name, client address) and on the client address alone.

The address is :func:`confidentiality.net.client_ip`: REMOTE_ADDR unless a configured trusted
proxy forwarded the request, so a spoofed X-Forwarded-For header changes nothing.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import LoginFailure
from .net import client_ip


def _key(username: str) -> str:
    return (username or "").strip().lower()[:150]


def _since():
    return timezone.now() - timedelta(seconds=settings.LOGIN_THROTTLE_WINDOW)


def is_locked(username: str, ip: str | None) -> bool:
    recent = LoginFailure.objects.filter(created_at__gte=_since())
    if recent.filter(username=_key(username), ip=ip).count() >= (
        settings.LOGIN_THROTTLE_MAX_PER_USER_AND_IP
    ):
        return True
    return recent.filter(ip=ip).count() >= settings.LOGIN_THROTTLE_MAX_PER_IP


def record_failure(username: str, ip: str | None) -> None:
    LoginFailure.objects.create(username=_key(username), ip=ip)


def clear(username: str, ip: str | None) -> None:
    LoginFailure.objects.filter(username=_key(username), ip=ip).delete()


def purge_old() -> int:
    return LoginFailure.objects.filter(created_at__lt=_since()).delete()[0]


def request_ip(request) -> str | None:
    return client_ip(request) if request is not None else None
