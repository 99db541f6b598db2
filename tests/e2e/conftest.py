"""A real browser (Debian's Chromium, driven by Playwright) against a live server."""

import pytest

from tests.services import require_chromium

# Without these, Chromium tries to reach Google's hosts on a closed network.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser():
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def log_in(page, username: str, password: str) -> None:
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()


def current_code(device) -> str:
    from django_otp.oath import totp

    return f"{totp(device.bin_key, step=device.step, digits=device.digits):0{device.digits}d}"


def log_in_with_second_factor(page, username: str, password: str) -> None:
    """Password, then the code of the user's enrolled device (created if there is none)."""
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.get(username=username)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="telefoon", confirmed=True)
    log_in(page, username, password)
    page.get_by_label("Code uit uw authenticator-app of een reservecode").fill(current_code(device))
    page.get_by_role("button", name="Bevestigen").click()
