"""The griffie reviews an anonymisation in a real browser: the proposed boxes are drawn on
the page, an extra box drawn with the mouse is blacked out after a re-run, and the approval
is recorded."""

import pymupdf
import pytest

from documents import workflow
from documents.intake import receive_file
from documents.models import Document, RedactionDecision, Status
from tests.e2e.conftest import log_in
from tests.factories import UserFactory, make_pdf

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LETTER = (
    "Geachte raad,\n\nIk, Piet Jansen, woon aan de Dorpsstraat 12, 4484 AB Kortgene.\n"
    "Mijn kenmerk is GEHEIMCODE-77.\n\nMet vriendelijke groet,\n\nPiet Jansen"
)


def output_text(document) -> str:
    data = workflow.latest_anonymised(document).read_bytes()
    return "".join(page.get_text() for page in pymupdf.open(stream=data, filetype="pdf"))


def test_griffie_reviews_draws_a_box_reruns_and_approves(page):
    UserFactory(username="griffier", griffie=True)
    document = receive_file(make_pdf(LETTER), "brief.pdf").document
    Document.objects.filter(pk=document.pk).update(
        subject="Verkeer Dorpsstraat", sender_name="Piet Jansen", public_sender_term="inwoner"
    )

    log_in(page, "griffier", "geheim-wachtwoord-123")
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
