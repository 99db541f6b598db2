"""Issue 17: after several wrong second-factor codes the right code was refused for about
75 s with "Deze code klopt niet of is verlopen". The page now says there were too many
attempts and how long to wait; after the wait the right code works."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from confidentiality import second_factor
from confidentiality.models import AccessLog

pytestmark = pytest.mark.django_db


def _right_code(device: TOTPDevice) -> str:
    return f"{TOTP(device.bin_key).token():06d}"


def _errors(response) -> str:
    return " ".join(response.context["form"].errors["token"])


@pytest.fixture
def session(world):
    user = world.users["raadslid"]
    device = TOTPDevice.objects.create(user=user, name="telefoon", confirmed=True)
    client = Client()
    client.force_login(user)
    return client, user, device


def _wrong(client):
    return client.post(reverse("confidentiality:otp-verify"), {"token": "000000"})


def _failed_before(device, n: int, seconds_ago: float = 0):
    """The device's state after ``n`` wrong codes, the last one ``seconds_ago``. (Codes
    typed during a wait are not checked, so they do not count: typing n wrong codes in a
    row does not make n failures.)"""
    device.throttling_failure_count = n
    device.throttling_failure_timestamp = timezone.now() - timedelta(seconds=seconds_ago)
    device.save()


def test_the_right_code_during_the_wait_says_too_many_attempts_and_how_long(session):
    client, user, device = session
    _failed_before(device, 7)  # django-otp: 2**6 = 64 s after the seventh failure
    response = client.post(reverse("confidentiality:otp-verify"), {"token": _right_code(device)})
    text = _errors(response)
    assert "Te veel pogingen" in text
    assert "klopt niet" not in text
    wait = second_factor.seconds_to_wait(user)
    assert 55 <= wait <= 64
    assert f"Wacht {wait} seconden" in text or f"Wacht {wait + 1} seconden" in text
    assert AccessLog.objects.filter(action="second_factor", reason="throttled").exists()


def test_a_wrong_code_that_starts_a_long_wait_says_so(session):
    client, _user, device = session
    _failed_before(device, 4, seconds_ago=30)  # the 8 s wait is over
    text = _errors(_wrong(client))  # the fifth failure: 16 s from now
    assert "klopt niet" in text
    assert "opnieuw proberen" in text and "seconden" in text


def test_a_first_wrong_code_is_just_wrong(session):
    client, _user, _device = session
    assert _errors(_wrong(client)) == "Deze code klopt niet of is verlopen."


def test_after_the_wait_the_right_code_is_accepted(session):
    client, user, device = session
    _failed_before(device, 7, seconds_ago=65)
    assert second_factor.seconds_to_wait(user) == 0
    response = client.post(reverse("confidentiality:otp-verify"), {"token": _right_code(device)})
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(1, "1 seconde"), (75, "75 seconden"), (150, "3 minuten"), (60 * 60, "60 minuten")],
)
def test_the_wait_reads_in_seconds_or_minutes(seconds, text):
    assert second_factor.wait_text(seconds) == text
