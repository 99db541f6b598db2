"""Daily housekeeping: failed logins outside the throttling window are deleted."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from confidentiality.models import LoginFailure
from confidentiality.tasks import purge_old_login_failures

pytestmark = pytest.mark.django_db


def test_old_login_failures_are_purged_and_recent_ones_kept():
    window = timedelta(seconds=settings.LOGIN_THROTTLE_WINDOW)
    LoginFailure.objects.create(username="a", created_at=timezone.now() - window * 2)
    recent = LoginFailure.objects.create(username="b")
    assert purge_old_login_failures() == 1
    assert list(LoginFailure.objects.all()) == [recent]
