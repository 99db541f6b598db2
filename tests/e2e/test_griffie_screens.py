"""The griffie's daily screens in a real browser (axe-core checks each page, see conftest):
the inbox with status badges, a document's detail page with the afdoening and only the
publication it allows, an inspection request and a removal decision — every field found by
its label, as a screen reader finds it."""

import pytest

from publication.models import RemovalRequest, RequestStatus
from tests.e2e.conftest import log_in_with_second_factor
from tests.factories import UserFactory
from tests.publication.factories import approve_with_anonymised_file, received_document

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_griffie_records_afdoening_inspection_and_removal_decision(page):
    griffie = UserFactory(username="griffier", griffie=True)
    document = received_document(user=griffie, subject="Verzoek om verkeersdrempels")
    approved = approve_with_anonymised_file(
        received_document(user=griffie, subject="Zienswijze windpark"), griffie
    )
    removal = RemovalRequest.objects.create(
        data_description="Mijn naam staat in een brief.",
        location=f"http://testserver/stukken/{approved.uuid}/",
        contact="inwoner@example.nl",
    )

    log_in_with_second_factor(page, "griffier", "geheim-wachtwoord-123")
    page.goto(document.get_absolute_url())
    assert "Publiceren kan nu niet" not in page.content()  # vermelden kan altijd
    page.get_by_label("Afdoeningsvoorstel").select_option(label="ter kennisname")
    page.get_by_role("button", name="Afdoening opslaan").click()
    page.get_by_text("Afdoening van").wait_for()
    assert "afdoening vastgelegd" in page.locator(".history").inner_text()

    page.get_by_role("link", name="Inzage").click()
    page.get_by_label("Registratienummers").fill(document.registration_number)
    page.get_by_label("Verzoeker", exact=True).fill("Krant van Zeeland")
    page.get_by_label("Verzoek", exact=True).fill("Kopie van de brief over verkeersdrempels.")
    page.get_by_label("Contact", exact=True).fill("redactie@krant.example")
    page.get_by_role("button", name="Registreren").click()
    page.get_by_text("Inzageverzoek geregistreerd.").wait_for()

    page.get_by_role("link", name="Verwijderverzoeken").click()
    page.goto(f"/griffie/publicatie/verwijderverzoeken/{removal.pk}/")
    page.get_by_label("afwijzen").check()
    page.get_by_label("Motivering (AVG en gedragscode)").fill("De naam is al weggelakt.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.get_by_text("Besluit op het verzoek vastgelegd.").wait_for()
    removal.refresh_from_db()
    assert removal.status == RequestStatus.REFUSED
