"""Who may work in the griffie's screens: members of the griffie group only."""

from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.http import HttpRequest, HttpResponseRedirect

from .roles import is_griffie


class GriffieRequiredMixin(LoginRequiredMixin, UserPassesTestMixin):
    raise_exception = False
    request: HttpRequest

    def test_func(self) -> bool:
        return is_griffie(self.request.user)

    def handle_no_permission(self) -> HttpResponseRedirect:
        if self.request.user.is_authenticated:
            self.raise_exception = True
        return super().handle_no_permission()
