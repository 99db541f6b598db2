"""A councillor reads the meeting in a real browser (issue 17), at 1280 px and at 390 px:
the agenda with public, vertrouwelijk and geheim documents side by side, a vertrouwelijk
document read page by page with the watermark, a private note found again by search — and
an excluded member who does not see the geheim item. axe-core checks every page (0 WCAG 2.1
AA violations) and no page of the area scrolls sideways."""

import pytest

from tests.confidentiality import conftest as confidentiality_fixtures
from tests.confidentiality.members_helpers import council_meeting
from tests.e2e.conftest import MOBILE, AxeWatch, horizontal_overflow, log_in_with_second_factor

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PASSWORD = "geheim-wachtwoord-123"

# The access tests' small council: raad, commissies, a raadslid, an excluded raadslid, ...
world = confidentiality_fixtures.world


@pytest.fixture(params=[DESKTOP, MOBILE], ids=["1280px", "390px"])
def member_page(request, browser, live_server):
    """A browser page at the given width; every page it loads is checked by axe and for
    sideways scrolling."""
    watch = AxeWatch()
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport=request.param)
    watch.attach(context)
    page = context.new_page()
    page.set_default_timeout(20000)
    overflows: list[str] = []

    def check_width(frame):
        if frame == page.main_frame and page.evaluate("document.contentType") == "text/html":
            watch.settle(page)
            overflow = horizontal_overflow(page)
            if overflow > 0:
                overflows.append(f"{page.url}: scrolls sideways by {overflow}px")

    page.check_width = lambda: check_width(page.main_frame)
    yield page
    if page.url.startswith("http"):
        watch.settle(page)
    context.close()
    assert watch.checked, "axe-core checked no page at all"
    assert not (watch.violations + overflows), "\n".join(watch.violations + overflows)


def _seen(page):
    """After each navigation: axe has run and the page is not wider than the screen."""
    page.check_width()


def test_a_member_reads_the_meeting_a_vertrouwelijk_document_and_finds_a_note(member_page, world):
    page = member_page
    council = council_meeting(world)
    letter = world.documents["vertrouwelijk"]
    log_in_with_second_factor(page, "raadslid", PASSWORD)

    page.goto("/raadsleden/")
    _seen(page)
    page.get_by_role("link", name="Vergaderingen").first.click()
    _seen(page)
    page.get_by_role("link", name="Raadsvergadering december").click()
    _seen(page)
    # Public, vertrouwelijk and geheim documents side by side, per agenda item.
    assert page.get_by_role("heading", name="4. Herinrichting Dorpsstraat").is_visible()
    assert (
        page.get_by_role("link", name="Raadsvoorstel herinrichting Dorpsstraat", exact=True).count()
        == 1
    )
    assert page.get_by_role("link", name="Besluit geheim", exact=True).count() == 1
    assert page.get_by_text("GEHEIM").first.is_visible()

    page.get_by_role(
        "link", name=f"{letter.registration_number} Brief over de Dorpsstraat", exact=True
    ).click()
    _seen(page)
    assert "VERTROUWELIJK" in page.content()
    image = page.get_by_role("img", name="Pagina 1 van 1")
    image.wait_for()
    page.wait_for_function(
        "() => { const i = document.querySelector('.reader-page img'); return i && i.complete && i.naturalWidth > 0; }"
    )
    assert page.evaluate("document.querySelector('.reader-page img').naturalWidth") > 300

    page.get_by_text("Notitie bij pagina 1").click()
    page.locator("#id_p1-text").fill("Nagaan of de omwonenden zijn gehoord")
    page.locator("#pagina-1").get_by_role("button", name="Notitie bewaren").click()
    _seen(page)
    assert page.get_by_text("Nagaan of de omwonenden zijn gehoord").is_visible()

    page.get_by_role("link", name="Zoeken").first.click()
    _seen(page)
    page.get_by_label("Zoeken in stukken en uw notities").fill("omwonenden zijn gehoord")
    page.get_by_role("button", name="Zoeken").click()
    _seen(page)
    hits = page.locator(".search-hits li")
    assert hits.count() == 1
    assert "uw notitie" in hits.first.inner_text()
    hits.first.get_by_role("link").click()
    _seen(page)
    assert page.get_by_text("Nagaan of de omwonenden zijn gehoord").is_visible()
    assert council.meeting.title in page.content()


def test_an_excluded_member_does_not_see_the_geheim_item(member_page, world):
    page = member_page
    council_meeting(world)
    log_in_with_second_factor(page, "uitgesloten", PASSWORD)
    page.goto("/raadsleden/vergaderingen/")
    _seen(page)
    page.get_by_role("link", name="Raadsvergadering december").click()
    _seen(page)
    assert page.get_by_role("heading", name="7. Grondzaken").is_visible()
    assert page.get_by_role("link", name="Besluit geheim", exact=False).count() == 0
    assert "Grondaankoop Havenweg" not in page.content()
    assert page.get_by_role("alert").inner_text().count("RB-2026-17") == 1
    # The vertrouwelijk letter stays readable: an exclusion concerns geheim information only.
    assert page.get_by_role("link", name="Lezen: ", exact=False).count() >= 2
    page.goto("/raadsleden/vertrouwelijk/")
    _seen(page)


def test_the_members_lists_fit_a_phone(member_page, world):
    """The vertrouwelijk and geheim lists, the overview and the e-mail choice at any width."""
    page = member_page
    log_in_with_second_factor(page, "raadslid", PASSWORD)
    for url in (
        "/raadsleden/",
        "/raadsleden/vertrouwelijk/",
        "/raadsleden/geheim/",
        "/raadsleden/meldingen/e-mail/",
        f"/raadsleden/vertrouwelijk/{world.documents['vertrouwelijk'].uuid}/",
        f"/raadsleden/geheim/{world.items['geheim'].uuid}/",
    ):
        page.goto(url)
        _seen(page)
