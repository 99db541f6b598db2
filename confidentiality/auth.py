"""Login throttling for every password form (site and admin): django-axes."""

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest


class AxesBackend(AxesStandaloneBackend):
    """django-axes, locking a user name from one address. A login without an HTTP request
    (the shell, the test client's ``login()``) has no address to key on and no attacker
    behind it; it is passed on to the next backend instead of raising."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> AbstractBaseUser | None:
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
