"""Second factor, session timeouts, login throttling, headers and check --deploy."""

import time

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from confidentiality.middleware import LAST_SEEN_KEY, STARTED_KEY
from confidentiality.models import AccessLog
from tests.confidentiality.helpers import verify
from tests.factories import UserFactory
from tests.processes import PRODUCTION, run_python

AREA_URLS = [
    ("confidentiality:index", False),
    ("confidentiality:confidential-list", False),
    ("confidentiality:secret-list", False),
    ("confidentiality:confidential-detail", "vertrouwelijk"),
    ("confidentiality:confidential-download", "vertrouwelijk"),
    ("confidentiality:secret-detail", "geheim"),
    ("confidentiality:secret-download", "geheim"),
]


def _urls(world):
    for name, level in AREA_URLS:
        if not level:
            yield reverse(name)
        elif name.startswith("confidentiality:secret"):
            yield reverse(name, args=[world.items[level].uuid])
        else:
            yield reverse(name, args=[world.documents[level].uuid])


def test_password_without_second_factor_gets_nothing_confidential(world):
    client = Client()
    client.force_login(world.users["raadslid"])  # password step only
    for url in _urls(world):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("confidentiality:otp-verify"))
        assert b"Dorpsstraat" not in response.content and b"%PDF" not in response.content


def test_second_factor_with_a_real_totp_code(world, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp slows down guesses; not what we test here
    user = world.users["raadslid"]
    device = TOTPDevice.objects.create(user=user, name="telefoon", confirmed=True)
    client = Client()
    client.force_login(user)
    wrong = client.post(reverse("confidentiality:otp-verify"), {"token": "000000"})
    assert wrong.status_code == 200
    token = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    ok = client.post(
        reverse("confidentiality:otp-verify"),
        {"token": token, "next": reverse("confidentiality:secret-list")},
    )
    assert ok.status_code == 302 and ok["Location"] == reverse("confidentiality:secret-list")
    assert client.get(reverse("confidentiality:secret-list")).status_code == 200
    assert AccessLog.objects.filter(action="second_factor", result="denied").exists()


def test_wrong_codes_are_throttled_by_django_otp(world):
    user = world.users["raadslid"]
    device = TOTPDevice.objects.create(user=user, name="telefoon", confirmed=True)
    client = Client()
    client.force_login(user)
    client.post(reverse("confidentiality:otp-verify"), {"token": "000000"})
    token = f"{totp(device.bin_key):06d}"
    # Right code straight after a wrong one: refused until the back-off has passed.
    assert client.post(reverse("confidentiality:otp-verify"), {"token": token}).status_code == 200


def test_verify_refuses_an_external_next(world):
    user = world.users["raadslid"]
    device = TOTPDevice.objects.create(user=user, name="telefoon", confirmed=True)
    client = Client()
    client.force_login(user)
    token = f"{totp(device.bin_key):06d}"
    response = client.post(
        reverse("confidentiality:otp-verify"), {"token": token, "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("home-after-login")


def test_idle_timeout_logs_out(world):
    client = verify(Client(), world.users["raadslid"])
    assert client.get(reverse("confidentiality:index")).status_code == 200
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - settings.SESSION_IDLE_TIMEOUT - 5
    session.save()
    response = client.get(reverse("confidentiality:index"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_absolute_timeout_logs_out_even_when_active(world):
    client = verify(Client(), world.users["raadslid"])
    client.get(reverse("confidentiality:index"))
    session = client.session
    session[STARTED_KEY] = int(time.time()) - settings.SESSION_ABSOLUTE_TIMEOUT - 5
    session.save()
    response = client.get(reverse("confidentiality:index"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def _login(client, password, username="raadslid", **meta):
    return client.post(reverse("login"), {"username": username, "password": password}, **meta)


def _locked(response, client) -> bool:
    return response.status_code == 429 and "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_login_throttle_locks_user_and_address():
    UserFactory(username="raadslid")
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "fout").status_code == 200
    assert _locked(_login(client, "fout"), client)
    # Locked now: even the right password does not get in from this address …
    assert _locked(_login(client, "geheim-wachtwoord-123"), client)
    # … but another address is not locked for this user.
    elsewhere = Client(REMOTE_ADDR="198.51.100.20")
    assert _login(elsewhere, "geheim-wachtwoord-123").status_code == 302


@pytest.mark.django_db
def test_behind_an_untrusted_proxy_failures_do_not_lock_other_users(settings):
    # TRUSTED_PROXIES empty: every client seems to come from the proxy's address. Twenty
    # failures for one user name must not lock anyone else out.
    settings.TRUSTED_PROXIES = []
    UserFactory(username="raadslid")
    UserFactory(username="griffier", griffie=True)
    client = Client(REMOTE_ADDR="10.0.0.2")
    for n in range(20):
        _login(client, "fout", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert _locked(_login(client, "geheim-wachtwoord-123"), client)
    colleague = Client(REMOTE_ADDR="10.0.0.2")
    assert _login(colleague, "geheim-wachtwoord-123", username="griffier").status_code == 302


@pytest.mark.django_db
def test_spoofed_x_forwarded_for_cannot_bypass_the_throttle():
    UserFactory(username="raadslid")
    client = Client(REMOTE_ADDR="203.0.113.7")
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "fout", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    response = _login(client, "geheim-wachtwoord-123", HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert _locked(response, client)


@pytest.mark.django_db
def test_behind_a_trusted_proxy_the_lock_follows_the_forwarded_client(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    UserFactory(username="raadslid")
    attacker = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(attacker, "fout")
    assert _locked(_login(attacker, "geheim-wachtwoord-123"), attacker)
    owner = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert _login(owner, "geheim-wachtwoord-123").status_code == 302


@pytest.mark.django_db
def test_x_forwarded_for_is_used_only_behind_a_trusted_proxy(settings):
    from django.test import RequestFactory

    from confidentiality.net import client_ip

    request = RequestFactory().get("/", REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "10.1.1.1"
    settings.TRUSTED_PROXIES = ["10.1.1.1"]
    # The client can put anything in front; only the right-most address the proxy saw counts.
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.5"
    )
    assert client_ip(request) == "192.0.2.5"


def test_html_and_pdf_responses_carry_security_headers(world):
    client = verify(Client(), world.users["raadslid"])
    html = client.get(reverse("confidentiality:secret-list"))
    pdf = client.get(reverse("confidentiality:secret-download", args=[world.items["geheim"].uuid]))
    for response in (html, pdf):
        assert "no-store" in response["Cache-Control"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("attachment")


def test_public_pages_carry_csp_and_nosniff(client, db):
    response = client.get(reverse("secrecy-register:register"))
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_user_content_is_escaped(world):
    document = world.documents["vertrouwelijk"]
    document.subject = '<script>alert("x")</script>'
    document.save()
    client = verify(Client(), world.users["raadslid"])
    content = client.get(reverse("confidentiality:confidential-list")).content
    assert b"<script>alert" not in content and b"&lt;script&gt;" in content


def test_csrf_is_enforced_on_area_forms(world):
    client = Client(enforce_csrf_checks=True)
    verify(client, world.users["raadslid"])
    assert client.post(reverse("confidentiality:notices-read")).status_code == 403


def test_check_deploy_is_clean_with_production_settings():
    result = run_python("manage.py", "check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
