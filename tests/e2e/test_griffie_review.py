"""The griffie reviews an anonymisation in a real browser: the proposed boxes are drawn on
the page, an extra box drawn with the mouse is blacked out after a re-run, and the approval
is recorded."""

import math

import pymupdf
import pytest

from devtools.demo_data import received_with_details
from documents.models import RedactionDecision, Status
from tests.e2e.conftest import log_in_with_second_factor
from tests.factories import UserFactory, make_pdf

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LETTER = (
    "Geachte raad,\n\nIk, Piet Jansen, woon aan de Dorpsstraat 12, 4484 AB Kortgene.\n"
    "Mijn kenmerk is GEHEIMCODE-77.\n\nMet vriendelijke groet,\n\nPiet Jansen"
)


def output_text(document) -> str:
    data = document.latest_anonymised().read_bytes()
    return "".join(page.get_text() for page in pymupdf.open(stream=data, filetype="pdf"))


def test_griffie_reviews_draws_a_box_reruns_and_approves(page):
    UserFactory(username="griffier", griffie=True)
    document = received_with_details(
        make_pdf(LETTER),
        "brief.pdf",
        subject="Verkeer Dorpsstraat",
        sender_name="Piet Jansen",
        public_sender_term="inwoner",
    )

    log_in_with_second_factor(page, "griffier", "geheim-wachtwoord-123")
    page.goto(f"/griffie/stukken/{document.pk}/")
    page.get_by_role("button", name="Anonimiseren").click()
    page.get_by_role("link", name="Anonimisering beoordelen").click()

    proposed = page.locator(".review-page .box.decision-proposed")
    assert proposed.count() >= 2
    assert proposed.first.evaluate("box => box.style.width") != ""  # positioned by review.js
    assert "GEHEIMCODE-77" in output_text(document)

    # Draw a box over the reference number with the mouse (PDF points -> screen pixels).
    figure = page.locator(".review-page").first
    image = figure.locator("img").bounding_box()
    rect = pymupdf.open(stream=make_pdf(LETTER), filetype="pdf")[0].search_for("GEHEIMCODE-77")[0]
    scale = image["width"] / 595
    page.mouse.move(image["x"] + (rect.x0 - 2) * scale, image["y"] + (rect.y0 - 2) * scale)
    page.mouse.down()
    page.mouse.move(image["x"] + (rect.x1 + 2) * scale, image["y"] + (rect.y1 + 2) * scale, steps=5)
    page.mouse.up()
    page.get_by_role("button", name="Opslaan en opnieuw uitvoeren").click()
    page.get_by_text("opnieuw uitgevoerd").wait_for()

    document.refresh_from_db()
    assert document.status == Status.IN_REVIEW
    assert (
        document.redactions.filter(is_manual=True, decision=RedactionDecision.ACCEPTED).count() == 1
    )
    assert "GEHEIMCODE-77" not in output_text(document)

    page.goto(f"/griffie/stukken/{document.pk}/beoordelen/")
    page.get_by_role("button", name="Goedkeuren").click()
    page.get_by_text("goedgekeurd").first.wait_for()
    document.refresh_from_db()
    assert document.status == Status.APPROVED
    assert document.events.filter(action="approved", actor__username="griffier").exists()


def test_griffie_types_a_box_with_the_keyboard_and_weglakt_a_suspect_in_one_click(page):
    UserFactory(username="griffier", griffie=True)
    letter = (
        "Geachte raad,\n\nHet project Zwarbelinck loopt vertraging op.\n"
        "Mijn kenmerk is GEHEIMCODE-77.\n\nMet vriendelijke groet"
    )
    document = received_with_details(
        make_pdf(letter), "brief.pdf", subject="Project", public_sender_term="inwoner"
    )
    log_in_with_second_factor(page, "griffier", "geheim-wachtwoord-123")
    page.goto(f"/griffie/stukken/{document.pk}/")
    page.get_by_role("button", name="Anonimiseren").click()
    page.get_by_role("link", name="Anonimisering beoordelen").click()

    # The reviewer's net lists the word the engine left standing; one click covers it.
    page.get_by_role("button", name="Zwarbelinck weglakken").click()
    page.get_by_text("wordt weggelakt").wait_for()

    # A box over the reference number, typed with the keyboard only (millimetres).
    rect = pymupdf.open(stream=make_pdf(letter), filetype="pdf")[0].search_for("GEHEIMCODE-77")[0]
    mm = 25.4 / 72
    page.get_by_label("Pagina", exact=True).select_option("1")
    page.get_by_label("Van links (mm)").fill(str(math.floor(rect.x0 * mm)))
    page.get_by_label("Van boven (mm)").fill(str(math.ceil(rect.y0 * mm)))
    page.get_by_label("Breedte (mm)").fill(str(math.ceil(rect.width * mm) + 2))
    height = page.get_by_label("Hoogte (mm)")
    height.fill("3")
    height.press("ArrowUp")  # the preview follows the keys
    assert height.input_value() == "4"
    assert page.locator(".review-page .keyboard-preview").count() == 1
    height.press("Enter")  # submits with 'Vlak toevoegen'
    page.get_by_text("Beoordeling opgeslagen").wait_for()
    assert document.redactions.filter(is_manual=True).count() == 2

    # Zoom makes the page images larger.
    image = page.locator(".review-page img").first
    before = image.bounding_box()["width"]
    page.get_by_role("button", name="Groter").click()
    assert image.bounding_box()["width"] > before

    page.get_by_role("button", name="Opslaan en opnieuw uitvoeren").click()
    page.get_by_text("opnieuw uitgevoerd").wait_for()
    text = output_text(document)
    assert "Zwarbelinck" not in text
    assert "GEHEIMCODE-77" not in text
    assert "vertraging" in text
    assert document.latest_anonymised().original_name.endswith("-geanonimiseerd-v2.pdf")
