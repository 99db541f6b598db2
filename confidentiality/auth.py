"""Password authentication with throttling, used by every login form (site and admin)."""

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from . import throttle


class ThrottledModelBackend(ModelBackend):
    """ModelBackend that refuses (without checking the password) once a user name and
    address pair, or an address, has too many recent failures."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:  # not an HTTP login (shell, test client): nothing to key on
            return super().authenticate(request, username=username, password=password, **kwargs)
        if username is None:
            from django.contrib.auth import get_user_model

            username = kwargs.get(get_user_model().USERNAME_FIELD)
        ip = throttle.request_ip(request)
        if throttle.is_locked(username or "", ip):
            throttle.record_failure(username or "", ip)
            request.login_throttled = True
            # PermissionDenied stops Django from trying the remaining backends.
            raise PermissionDenied("login throttled")
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            throttle.record_failure(username or "", ip)
        else:
            throttle.clear(username or "", ip)
        return user
