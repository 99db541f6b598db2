"""The griffie's journey in a real browser: log in, receive a letter, register it."""

import pytest

from documents.models import Document, Status
from tests.e2e.conftest import log_in_with_second_factor
from tests.factories import UserFactory, make_pdf

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_griffie_logs_in_uploads_and_registers_a_letter(page, tmp_path):
    UserFactory(username="griffier", griffie=True)
    letter = tmp_path / "brief-verkeer.pdf"
    letter.write_bytes(make_pdf("Geachte raad,\n\nGraag verkeersdrempels in de Dorpsstraat."))

    log_in_with_second_factor(page, "griffier", "geheim-wachtwoord-123")
    page.get_by_role("link", name="Stukken ontvangen").click()
    page.get_by_label("Bestanden").set_input_files(str(letter))
    page.get_by_role("button", name="Ontvangen").click()

    page.get_by_label("Onderwerp (openbaar)").fill("Verkeersdrempels Dorpsstraat")
    page.get_by_label("Naam afzender").fill("Piet Jansen")
    page.get_by_role("button", name="Opslaan").click()

    page.get_by_text("Registratie van").wait_for()
    document = Document.objects.get()
    assert document.status == Status.RECEIVED
    assert document.subject == "Verkeersdrempels Dorpsstraat"
    assert document.registered_at is not None
    assert document.public_sender_term == "inwoner"
    assert page.locator("img[alt='pagina 1']").count() == 1
