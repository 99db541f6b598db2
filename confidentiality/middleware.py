"""Idle and absolute session timeouts, and the second factor before confidential screens."""

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from griffie.http import private
from people.roles import is_second_factor_verified

STARTED_KEY = "_security_session_started"
LAST_SEEN_KEY = "_security_last_seen"


class SessionTimeoutMiddleware:
    """Log out a user idle for ``SESSION_IDLE_TIMEOUT`` seconds, and any user whose login is
    older than ``SESSION_ABSOLUTE_TIMEOUT`` seconds, whatever they did in between."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.get(STARTED_KEY)
            last_seen = session.get(LAST_SEEN_KEY)
            if started is None:
                session[STARTED_KEY] = started = now
            if last_seen is None:
                last_seen = now
            idle = now - last_seen > settings.SESSION_IDLE_TIMEOUT
            expired = now - started > settings.SESSION_ABSOLUTE_TIMEOUT
            if idle or expired:
                logout(request)  # flushes the session, the OTP verification with it
                messages.info(request, _("U bent uitgelogd omdat uw sessie is verlopen."))
            else:
                session[LAST_SEEN_KEY] = now
        return self.get_response(request)


class SecondFactorMiddleware:
    """THE place that keeps a password-only session out of every confidential screen.

    Any URL under ``SECOND_FACTOR_REQUIRED_PREFIXES`` (the griffie's screens, whatever app
    serves them, and the councillors' area) sends a logged-in user who has not passed the
    second factor to the verification page, before the view runs. Anonymous users fall
    through to the views' own login redirect. The admin is guarded by ``OTPAdminSite``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponseBase],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponseBase | None:
        if not request.path_info.startswith(tuple(settings.SECOND_FACTOR_REQUIRED_PREFIXES)):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in settings.SECOND_FACTOR_EXEMPT_URL_NAMES:
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or is_second_factor_verified(user):
            return None
        target = reverse("confidentiality:otp-verify")
        if request.method == "GET":
            target = f"{target}?{urlencode({'next': request.get_full_path()})}"
        return private(redirect(target))
