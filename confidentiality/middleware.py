"""Idle and absolute session timeouts."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import gettext as _

STARTED_KEY = "_security_session_started"
LAST_SEEN_KEY = "_security_last_seen"


class SessionTimeoutMiddleware:
    """Log out a user idle for ``SESSION_IDLE_TIMEOUT`` seconds, and any user whose login is
    older than ``SESSION_ABSOLUTE_TIMEOUT`` seconds, whatever they did in between."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
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
