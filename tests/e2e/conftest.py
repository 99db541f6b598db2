"""A real browser (Debian's Chromium, driven by Playwright) against a live server.

Every page any journey loads is checked with axe-core (from node_modules, no CDN) for WCAG 2.1
A and AA: an init script runs axe after each page load and reports to Python through an
exposed binding, so journeys need not do anything. When the journey ends, every public page
it saw is loaded again at 390 px wide and must not scroll sideways. Any violation fails the
journey's test."""

import json
from pathlib import Path
from urllib.parse import urlsplit

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

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
MOBILE = {"width": 390, "height": 844}
NOT_PUBLIC = ("/griffie/", "/raadsleden/", "/admin/", "/inloggen/", "/uitloggen/", "/start/")

# Runs in every page: after load, axe checks the page and hands the result to Python.
AXE_AFTER_LOAD = """
window.addEventListener("load", () => {
  if (document.contentType !== "text/html" || !window.axe || window.top !== window) return;
  setTimeout(() => {
    window.axe.run(document, {runOnly: {type: "tag", values: __TAGS__}, resultTypes: ["violations"]})
      .then((result) => window.__axeReport(JSON.stringify({
        url: location.href,
        violations: result.violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.map((n) => n.target.join(" ") + " — " + n.failureSummary).slice(0, 5),
        })),
      })))
      .then(() => { window.__axeDone = true; });
  }, 50);
});
""".replace("__TAGS__", json.dumps(WCAG_21_AA))


def require_axe() -> Path:
    if not AXE_JS.exists():
        pytest.fail(f"axe-core missing at {AXE_JS}: run `npm ci` (make install does)")
    return AXE_JS


@pytest.fixture(scope="session")
def browser():
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class AxeWatch:
    """What axe reported for every page loaded in one browser context."""

    def __init__(self):
        self.checked: list[str] = []
        self.violations: list[str] = []

    def attach(self, context) -> None:
        context.add_init_script(path=str(require_axe()))
        context.add_init_script(script=AXE_AFTER_LOAD)
        context.expose_binding("__axeReport", lambda source, payload: self.report(payload))

    def report(self, payload: str) -> None:
        result = json.loads(payload)
        self.checked.append(result["url"])
        for violation in result["violations"]:
            nodes = "; ".join(violation["nodes"])
            self.violations.append(
                f"{result['url']}: {violation['id']} ({violation['impact']}) "
                f"{violation['help']}: {nodes}"
            )

    def settle(self, page) -> None:
        """Wait until axe has reported on the page now shown (HTML pages only)."""
        if page.is_closed():
            return
        page.wait_for_load_state("load")
        if page.evaluate("document.contentType") == "text/html":
            page.wait_for_function("() => window.__axeDone === true", timeout=20000)


def horizontal_overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def check_public_pages_on_mobile(browser, base_url: str, urls) -> list[str]:
    """Load each public page at 390 px: no sideways scrolling, and axe passes there too."""
    watch = AxeWatch()
    context = browser.new_context(base_url=base_url, locale="nl-NL", viewport=MOBILE)
    watch.attach(context)
    page = context.new_page()
    problems = []
    try:
        for url in urls:
            page.goto(url)
            watch.settle(page)
            overflow = horizontal_overflow(page)
            if overflow > 0:
                problems.append(f"{url}: scrolls sideways by {overflow}px at 390px")
    finally:
        context.close()
    return problems + watch.violations


def is_public(url: str) -> bool:
    path = urlsplit(url).path
    return not path.startswith(NOT_PUBLIC) and not path.endswith((".pdf", ".zip", ".csv"))


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.fixture
def page(browser, live_server):
    watch = AxeWatch()
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    watch.attach(context)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    watch.settle(page)
    context.close()
    public = list(dict.fromkeys(url for url in watch.checked if is_public(url)))
    problems = watch.violations + check_public_pages_on_mobile(
        browser,
        live_server.url,
        [
            urlsplit(url).path + (f"?{urlsplit(url).query}" if urlsplit(url).query else "")
            for url in public
        ],
    )
    assert watch.checked, "axe-core checked no page at all"
    assert not problems, "\n".join(problems)


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
