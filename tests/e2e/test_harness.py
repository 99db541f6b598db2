"""The browser harness itself: axe-core really runs and really reports (so 0 violations in the
journeys means something), and the public pages, the 404 page included, pass at 390 px."""

import pytest
from django.urls import reverse

from tests.e2e.conftest import MOBILE, AxeWatch, horizontal_overflow

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_axe_reports_an_image_without_alt_text_and_a_page_that_scrolls_sideways(
    browser, live_server
):
    watch = AxeWatch()
    context = browser.new_context(base_url=live_server.url, viewport=MOBILE)
    watch.attach(context)
    page = context.new_page()
    # A real page of the site, then broken on purpose and checked again.
    page.goto(reverse("publication:home"))
    watch.settle(page)
    assert watch.checked and not watch.violations
    page.evaluate(
        """() => {
          const main = document.querySelector("main");
          main.insertAdjacentHTML("beforeend", '<img src="/static/img/logo.svg">');
          const wide = document.createElement("div");
          wide.style.width = "900px";  // CSSOM: the CSP forbids inline style attributes
          wide.style.height = "2rem";
          wide.textContent = "breed";
          main.append(wide);
        }"""
    )
    result = page.evaluate("axe.run(document, {runOnly: ['wcag2a']})")
    assert "image-alt" in {v["id"] for v in result["violations"]}
    assert horizontal_overflow(page) > 0
    context.close()


def public_site(settings):
    """A meeting with an agenda and its documents, and a published letter."""
    import datetime

    from django.utils import timezone

    from publication.service import publish_meeting_document
    from tests.factories import AgendaItemFactory, MeetingFactory, UserFactory, make_pdf
    from tests.publication.factories import MeetingDocumentFactory, published_document

    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    meeting = MeetingFactory(
        title="Raadsvergadering", starts_at=timezone.now() - datetime.timedelta(days=3)
    )
    item = AgendaItemFactory(meeting=meeting, number="4", title="Bestemmingsplan Kamperland")
    for kind, title, outcome in [
        ("raadsvoorstel", "Raadsvoorstel bestemmingsplan Kamperland-Noord, met bijlagen", ""),
        ("amendement", "Amendement A1 Groen langs de Noordweg en de Zeedijk", "aangenomen"),
        ("motie", "Motie M1 Betaalbare starterswoningen", "verworpen"),
        ("besluit", "Besluit vaststelling bestemmingsplan", ""),
    ]:
        md = MeetingDocumentFactory(
            meeting=meeting,
            agenda_item=item,
            kind=kind,
            title=title,
            outcome=outcome,
            file__data=make_pdf(title),
        )
        publish_meeting_document(md)
    document = published_document(
        UserFactory(griffie=True),
        subject="Verzoek om een zebrapad bij de basisschool in Kortgene aan de Ooststraat",
        meeting=meeting,
        agenda_item=item,
        handling_proposal="college_afdoening",
    )
    return meeting, document


def test_every_public_page_fits_390px_has_a_menu_button_and_passes_axe(page, settings):
    meeting, document = public_site(settings)
    page.set_viewport_size(MOBILE)
    urls = [
        reverse("publication:home"),
        reverse("publication:meetings"),
        meeting.get_absolute_url(),
        reverse("publication:incoming"),
        reverse("publication:meeting-incoming", args=[meeting.pk]),
        reverse("publication:document", args=[document.uuid]),
        reverse("publication:people"),
        reverse("publication:activities"),
        reverse("publication:search") + "?q=zebrapad",
        reverse("publication:privacy"),
        reverse("publication:accessibility"),
        reverse("secrecy-register:register"),
        "/bestaat-niet/",
    ]
    for url in urls:
        page.goto(url)
        assert horizontal_overflow(page) <= 0, url
    # The agenda item shows its documents, numbered once, with the outcome of each vote.
    page.goto(meeting.get_absolute_url())
    agenda_item = page.locator(".agenda-item").filter(has_text="Bestemmingsplan Kamperland")
    assert agenda_item.locator("h3").inner_text() == "4. Bestemmingsplan Kamperland"
    assert "aangenomen" in agenda_item.inner_text() and "verworpen" in agenda_item.inner_text()
    # The menu is behind a button on a phone, and the button opens it.
    menu = page.get_by_role("button", name="Menu")
    link = page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Ingekomen stukken"
    )
    assert menu.get_attribute("aria-expanded") == "false" and not link.is_visible()
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true" and link.is_visible()
    link.click()
    assert "Lijst ingekomen stukken" in page.locator("h1").inner_text()


def test_unknown_address_gives_the_styled_dutch_404(page, settings):
    settings.DEBUG = False
    response = page.goto("/vergaderingen/999999/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Pagina niet gevonden"
    assert "URLconf" not in page.content()
    page.get_by_role("link", name="Naar de startpagina van de raadsinformatie").click()
    assert page.locator("h1").inner_text() == "Raadsinformatie"
