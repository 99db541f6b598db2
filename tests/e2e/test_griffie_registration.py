"""Registration in a real browser: the letterhead fills in the sender, the agenda-item choice
follows the chosen meeting, and a name in the subject gets a neutral proposal."""

import pytest

from documents.intake import receive_file
from documents.models import Document
from tests.e2e.conftest import log_in_with_second_factor
from tests.factories import AgendaItemFactory, UserFactory, make_pdf

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LETTER = (
    "Stichting Speeltuin De Wip\nMolenweg 3\n4484 AB Kortgene\n\nGeachte raad,\n\n"
    "Wij vragen aandacht voor de speeltuin.\n\nMet vriendelijke groet"
)


def test_griffie_registers_with_suggestions_agenda_items_and_a_neutral_subject(page):
    UserFactory(username="griffier", griffie=True)
    wanted = AgendaItemFactory(title="Speeltuinen")
    other = AgendaItemFactory(title="Begroting 2027")
    document = receive_file(make_pdf(LETTER), "brief.pdf").document

    log_in_with_second_factor(page, "griffier", "geheim-wachtwoord-123")
    page.goto(f"/griffie/stukken/{document.pk}/registreren/")
    assert page.locator(".register-document img").count() == 1
    assert page.get_by_label("Naam afzender").input_value() == "Stichting Speeltuin De Wip"
    assert "Molenweg 3" in page.get_by_label("Adres afzender").input_value()

    page.get_by_label("Vergadering").select_option(str(wanted.meeting.pk))
    options = page.get_by_label("Agendapunt").locator("option").all_inner_texts()
    assert str(wanted) in options and str(other) not in options
    assert not page.get_by_role(
        "button", name="Agendapunten van deze vergadering tonen"
    ).is_visible()
    page.get_by_label("Agendapunt").select_option(str(wanted.pk))

    page.get_by_label("Onderwerp (openbaar)").fill("Brief van mevrouw Jansen over de speeltuin")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.get_by_text("Mogelijk persoonsgegevens").wait_for()
    page.get_by_role("button", name="Dit onderwerp gebruiken").click()
    page.get_by_text("Registratie van").wait_for()

    document = Document.objects.get(pk=document.pk)
    assert document.subject == "Brief over de speeltuin"
    assert document.agenda_item == wanted
    assert document.sender_name == "Stichting Speeltuin De Wip"
