"""A visitor's journey in a real browser: find a published letter in the lijst ingekomen
stukken, open it, and the sender's name is nowhere — not on the page, not in the PDF."""

import pymupdf
import pytest

from devtools.demo_data import received_with_details
from documents import workflow
from publication.rules import Outcome
from publication.service import publish_document
from tests.factories import UserFactory, make_pdf

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LETTER = (
    "Geachte leden van de gemeenteraad,\n\n"
    "Graag vraag ik aandacht voor de verkeersveiligheid bij de basisschool in Kortgene.\n"
    "Kinderen steken daar dagelijks over zonder zebrapad.\n\n"
    "Met vriendelijke groet,\n\nMevrouw W. Kraaijeveld\nOoststraat 41\n4484 CD Kortgene\n"
    "w.kraaijeveld@mailbox.example\n06-48213377"
)


def test_visitor_finds_a_published_letter_without_the_senders_name(page, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    griffie = UserFactory(griffie=True)
    document = received_with_details(
        make_pdf(LETTER),
        "brief.pdf",
        user=griffie,
        subject="Verkeersveiligheid bij de basisschool",
        sender_name="W. Kraaijeveld",
        sender_address="Ooststraat 41, 4484 CD Kortgene",
        sender_email="w.kraaijeveld@mailbox.example",
        sender_phone="06-48213377",
        public_sender_term="inwoner",
    )
    document.start_anonymising(griffie)
    workflow.run_anonymisation(document)
    document.refresh_from_db()
    assert document.status_reason == ""
    workflow.approve(document, griffie)
    publish_document(
        document,
        griffie,
        outcome=Outcome.LISTED_ANONYMISED,
        reason="Publicatie is nodig voor de controleerbaarheid (art. 3c).",
    )

    page.goto("/")
    page.get_by_role("link", name="Ingekomen stukken").first.click()
    row = page.get_by_role("row").filter(has_text="Verkeersveiligheid bij de basisschool")
    assert "inwoner" in row.inner_text()
    row.get_by_role("link", name=document.registration_number).click()
    assert "Verkeersveiligheid bij de basisschool" in page.content()
    assert "Kraaijeveld" not in page.content()

    pdf_url = page.get_by_role("link", name="Download het gepubliceerde stuk (PDF)").get_attribute(
        "href"
    )
    response = page.request.get(pdf_url)
    assert response.ok
    text = "".join(p.get_text() for p in pymupdf.open(stream=response.body(), filetype="pdf"))
    assert "verkeersveiligheid" in text.lower()
    for personal in ("Kraaijeveld", "Ooststraat 41", "4484 CD", "mailbox.example", "48213377"):
        assert personal not in text
