"""Issue 17, in a real browser at 1280 px and at 390 px (axe-core checks every page, 0
violations; no page scrolls sideways at 390 px): the griffie creates a meeting, builds its
agenda with documents (a sub-item by the buttons, without dragging), publishes it, records
the attendance, the votes per fractie and per member and the besluitenlijst; then the public
sees the agenda and the votes."""

import datetime

import pytest
from django.utils import timezone

from people.models import BodyKind, Fractie
from tests.e2e.conftest import (
    MOBILE,
    AxeWatch,
    check_public_pages_on_mobile,
    horizontal_overflow,
    is_public,
    log_in_with_second_factor,
    path_of,
)
from tests.factories import BodyFactory, MembershipFactory, PersonFactory, UserFactory, make_pdf

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
MEMBERS = [
    ("Anouk Verhage", "Dorpsbelang"),
    ("Bram Lievense", "Dorpsbelang"),
    ("Dieuwke Abbing", "Kustpartij"),
]


@pytest.fixture(params=[DESKTOP, MOBILE], ids=["1280px", "390px"])
def sized_page(request, browser, live_server):
    """A page at the given width; afterwards every page seen passed axe, no page scrolled
    sideways, and the public pages pass again at 390 px (conftest's check)."""
    watch = AxeWatch()
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport=request.param)
    watch.attach(context)
    page = context.new_page()
    page.set_default_timeout(20000)
    overflow: list[str] = []
    OVERFLOW[id(page)] = overflow
    yield page, watch, context
    OVERFLOW.pop(id(page), None)
    watch.settle(page)
    context.close()
    public = list(dict.fromkeys(path_of(u) for u in watch.checked if is_public(u)))
    problems = watch.violations + overflow
    problems += check_public_pages_on_mobile(browser, live_server.url, public)
    assert watch.checked, "axe-core checked no page at all"
    assert not problems, "\n".join(problems)


@pytest.fixture
def council(db):
    raad = BodyFactory(name="Gemeenteraad", kind=BodyKind.RAAD)
    fracties = {n: Fractie.objects.create(name=n) for n in ("Dorpsbelang", "Kustpartij")}
    for name, fractie in MEMBERS:
        person = PersonFactory(name=name, fractie=fracties[fractie])
        MembershipFactory(person=person, body=raad, start=datetime.date(2022, 3, 30))
    UserFactory(username="griffier", griffie=True)
    return raad


def pdf_file(name: str, text: str) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": make_pdf(text)}


def item_row(page, title: str):
    return page.locator("li.agenda-row").filter(has=page.get_by_role("heading", name=title))


OVERFLOW: dict[int, list[str]] = {}


def click_and_wait(page, locator) -> None:
    """Click, wait for the next page, and note it when that page scrolls sideways."""
    with page.expect_navigation():
        locator.click()
    page.wait_for_load_state("load")
    extra = horizontal_overflow(page)
    if extra > 0 and id(page) in OVERFLOW:
        OVERFLOW[id(page)].append(f"{page.url}: scrolls sideways by {extra}px")


def test_griffie_runs_a_meeting_and_the_public_sees_agenda_and_votes(sized_page, council):
    page, watch, context = sized_page
    log_in_with_second_factor(page, "griffier", "geheim-wachtwoord-123")
    if page.viewport_size["width"] < 700:
        page.get_by_role("button", name="Menu").click()
    click_and_wait(page, page.get_by_role("link", name="Vergaderingen", exact=True).first)
    click_and_wait(page, page.get_by_role("link", name="Nieuwe vergadering"))

    # The meeting.
    starts = timezone.localtime() - datetime.timedelta(hours=2)
    page.get_by_label("Orgaan").select_option(label="Gemeenteraad")
    page.get_by_label("Titel").fill("Raadsvergadering haven")
    page.get_by_label("Aanvang").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Locatie").fill("Raadzaal")
    click_and_wait(page, page.get_by_role("button", name="Opslaan"))
    page.locator(".messages").get_by_text("De vergadering is aangemaakt").wait_for()

    # The agenda: three items, the third made a sub-item with the keyboard-usable button.
    for title in ("Opening", "Herinrichting haven", "Kademuur"):
        click_and_wait(page, page.get_by_role("link", name="Agendapunt toevoegen"))
        page.get_by_label("Onderwerp").fill(title)
        click_and_wait(page, page.get_by_role("button", name="Opslaan"))
    kade = item_row(page, "3. Kademuur")
    kade.get_by_role("button", name="inspringen").focus()
    click_and_wait(page, page.locator(":focus"))  # Enter on the focused button, by keyboard
    assert item_row(page, "2.1. Kademuur").count() == 1

    # Documents on the items: a raadsvoorstel and a motie.
    for kind, title, text in (
        ("raadsvoorstel", "Raadsvoorstel herinrichting haven", "Het college stelt voor."),
        ("motie", "Motie bankjes op de kade", "De raad verzoekt het college bankjes te plaatsen."),
    ):
        click_and_wait(page, page.get_by_role("link", name="Stuk toevoegen bij punt 2.1"))
        page.get_by_label("Soort").select_option(kind)
        page.get_by_label("Titel").fill(title)
        page.get_by_label("Bestand (PDF)").set_input_files(pdf_file(f"{kind}.pdf", text))
        click_and_wait(page, page.get_by_role("button", name="Toevoegen"))
        page.locator(".messages").get_by_text("wordt gepubliceerd met de agenda").wait_for()

    # Publish: every document through the engine.
    click_and_wait(page, page.get_by_role("button", name="Agenda publiceren"))
    page.locator(".messages").get_by_text("De agenda staat op de website").wait_for()
    assert page.locator(".doc-row .status-published").count() == 2

    # Attendance: everyone present (the default).
    click_and_wait(page, page.get_by_role("link", name="Presentie vastleggen").first)
    click_and_wait(page, page.get_by_role("button", name="Presentie opslaan"))
    page.locator(".messages").get_by_text("De presentie is vastgelegd").wait_for()

    # The motie: per fractie. The raadsvoorstel: a roll call.
    click_and_wait(page, page.get_by_role("link", name="Uitslag: Motie bankjes op de kade"))
    page.get_by_label("Dorpsbelang", exact=True).select_option("voor")
    page.get_by_label("Kustpartij", exact=True).select_option("tegen")
    click_and_wait(page, page.get_by_role("button", name="Uitslag opslaan"))
    page.locator(".messages").get_by_text("Motie bankjes op de kade: aangenomen").wait_for()

    click_and_wait(page, page.get_by_role("link", name="Uitslag: Raadsvoorstel herinrichting"))
    page.get_by_label("hoofdelijk (per lid)").check()
    for (name, fractie), choice in zip(MEMBERS, ("voor", "tegen", "tegen"), strict=True):
        page.get_by_label(f"{name} ({fractie})").select_option(choice)
    click_and_wait(page, page.get_by_role("button", name="Uitslag opslaan"))
    page.locator(".messages").get_by_text("Raadsvoorstel herinrichting haven: verworpen").wait_for()

    # The besluitenlijst: the decision on the item.
    click_and_wait(page, page.get_by_role("link", name="Punt 2.1 bewerken of besluit vastleggen"))
    page.get_by_label("Besluit").fill("De raad verwerpt het voorstel en neemt de motie aan.")
    click_and_wait(page, page.get_by_role("button", name="Opslaan"))
    page.locator(".messages").get_by_text("Agendapunt 2.1 is opgeslagen").wait_for()
    meeting_url = page.get_by_role("link", name="openbare pagina van deze vergadering")
    public_path = meeting_url.get_attribute("href")

    # The public, not logged in, at the same width.
    public_page = context.browser.new_context(
        base_url=page.url.split("/griffie/")[0], locale="nl-NL", viewport=page.viewport_size
    )
    watch.attach(public_page)
    anonymous = public_page.new_page()
    anonymous.goto(public_path)
    watch.settle(anonymous)
    text = anonymous.locator("main").inner_text()
    assert "2.1. Kademuur" in text and "Agenda gewijzigd op" in text
    assert "Motie bankjes op de kade" in text and "aangenomen" in text
    assert "2 stemmen voor, 1 tegen" in text  # the motie, per fractie
    assert "1 stemmen voor, 2 tegen" in text and "hoofdelijke stemming" in text
    anonymous.get_by_text("Stemmen per raadslid").first.click()
    assert "Anouk Verhage (Dorpsbelang): voor" in anonymous.locator("main").inner_text()
    assert "De raad verwerpt het voorstel en neemt de motie aan." in text
    public_page.close()
    assert any("/griffie/vergaderingen/" in url for url in watch.checked), watch.checked
    assert any(is_public(url) and "/vergaderingen/" in url for url in watch.checked)


def test_griffie_reorders_the_agenda_by_dragging(page, council):
    """Drag and drop (static/js/agenda.js): a main item dragged below another takes its
    sub-items along; the server renumbers."""
    from meetings import service
    from tests.factories import MeetingFactory

    meeting = MeetingFactory(body=council, agenda_published_at=None)
    opening = service.add_item(meeting, title="Opening")
    haven = service.add_item(meeting, title="Haven")
    service.add_item(meeting, title="Kademuur", parent=haven)
    service.add_item(meeting, title="Sluiting")
    assert opening.number == "1"

    log_in_with_second_factor(page, "griffier", "geheim-wachtwoord-123")
    page.goto(f"/griffie/vergaderingen/{meeting.pk}/")
    page.locator(".js-drag-hint").wait_for()  # the script runs: drag is offered
    with page.expect_navigation():
        item_row(page, "2. Haven").drag_to(item_row(page, "3. Sluiting"))
    page.locator(".messages").get_by_text("De volgorde van de agenda is opgeslagen").wait_for()
    titles = page.locator("li.agenda-row h3").all_inner_texts()
    assert titles == ["1. Opening", "2. Sluiting", "3. Haven", "3.1. Kademuur"]


def test_the_griffie_keeps_members_and_bodies_at_both_widths(sized_page, council):
    """Members, fracties and bodies with their terms, in the griffie's screens (no admin)."""
    from people.models import Person

    page, _watch, _context = sized_page
    log_in_with_second_factor(page, "griffier", "geheim-wachtwoord-123")
    page.goto("/griffie/personen/")
    click_and_wait(page, page.get_by_role("link", name="Nieuwe persoon"))
    page.get_by_label("Naam").fill("Evert Minderhoud")
    page.get_by_label("Functie").select_option("raadslid")
    page.get_by_label("Fractie").select_option(label="Kustpartij")
    page.get_by_label("Begin termijn").fill("2026-01-05")
    click_and_wait(page, page.get_by_role("button", name="Opslaan"))
    click_and_wait(page, page.get_by_role("link", name="Lidmaatschap toevoegen"))
    page.get_by_label("Orgaan").select_option(label="Gemeenteraad")
    page.get_by_label("Begin").fill("2026-01-05")
    click_and_wait(page, page.get_by_role("button", name="Opslaan"))
    page.locator(".messages").get_by_text("Het lidmaatschap is vastgelegd").wait_for()
    person = Person.objects.get(name="Evert Minderhoud")
    assert person.memberships.get().body == council
    for url in (
        "/griffie/organen/",
        f"/griffie/organen/{council.pk}/",
        "/griffie/fracties/",
        "/griffie/vergaderingen/activiteiten/",
        "/griffie/vergaderingen/activiteiten/nieuw/",
    ):
        page.goto(url)
        _watch.settle(page)
        assert horizontal_overflow(page) <= 0, url
        if url == "/griffie/fracties/":
            assert "Evert Minderhoud" in page.content()
