"""Login throttling for every password form (site and admin): django-axes."""

from axes.backends import AxesStandaloneBackend


class AxesBackend(AxesStandaloneBackend):
    """django-axes, locking a user name from one address. A login without an HTTP request
    (the shell, the test client's ``login()``) has no address to key on and no attacker
    behind it; it is passed on to the next backend instead of raising."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
