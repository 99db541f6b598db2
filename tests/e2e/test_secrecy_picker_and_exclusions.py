"""Issue 17 in a real browser (axe checks each page, see conftest), at 1280 and 390 px: the
griffie finds documents for a secrecy decision by searching and ticking them, not in a
four-line multi-select; and ends an exclusion from the screen."""

import datetime

import pytest
from django.utils import timezone

from confidentiality import access
from confidentiality.models import Exclusion, WooGround
from people.models import BodyKind
from tests.confidentiality.helpers import member, stored_document
from tests.e2e.conftest import MOBILE, horizontal_overflow, log_in_with_second_factor
from tests.factories import BodyFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, MOBILE])
def test_griffie_picks_documents_by_search_and_ends_an_exclusion(page, viewport):
    page.set_viewport_size(viewport)
    UserFactory(username="griffier", griffie=True)
    raad = BodyFactory(name="Gemeenteraad", kind=BodyKind.RAAD)
    for n in range(36):
        stored_document(f"Onderhoud kade {n}")
    wanted = stored_document("Grondaankoop Havenweg")
    person = member(UserFactory(username="raadslid", raadslid=True), raad)
    today = timezone.localdate()
    exclusion = Exclusion.objects.create(
        person=person,
        decision_reference="RB-2026-45",
        start=today - datetime.timedelta(days=3),
        end=today + datetime.timedelta(days=40),
    )

    log_in_with_second_factor(page, "griffier", "geheim-wachtwoord-123")
    page.goto("/raadsleden/beheer/nieuw/")
    assert page.locator("select[name=documents]").count() == 0
    page.get_by_label("Omschrijving (openbaar, zonder inhoud)").fill("Grondzaken")
    page.get_by_label("Zoek op registratienummer of onderwerp").fill("Havenweg")
    page.get_by_role("button", name="Zoeken").click()
    box = page.get_by_role(
        "checkbox", name=f"{wanted.registration_number} Grondaankoop Havenweg", exact=False
    )
    box.check()
    assert page.get_by_label("Omschrijving (openbaar, zonder inhoud)").input_value() == "Grondzaken"
    assert horizontal_overflow(page) <= 0
    page.get_by_label("Opgelegd door", exact=True).select_option("college")
    page.get_by_label("Grond (Woo art. 5.1)").select_option(WooGround.L2B)
    page.get_by_label("Verstrekt aan (alleen organen)").select_option(label="Gemeenteraad")
    page.get_by_label("Kenmerk besluit").fill("B&W 2026/7")
    page.get_by_label("Datum besluit").fill(today.isoformat())
    page.get_by_role("button", name="Vastleggen").click()
    page.get_by_text("Het besluit tot geheimhouding is vastgelegd.").wait_for()
    assert access.is_secret(wanted)

    page.goto("/raadsleden/beheer/uitsluitingen/")
    assert horizontal_overflow(page) <= 0
    page.get_by_role("button", name="Beëindigen").click()
    page.get_by_text("is beëindigd").wait_for()
    exclusion.refresh_from_db()
    assert exclusion.end == today - datetime.timedelta(days=1)
