"""Issue 17: on a phone the public list lost its column labels, so nobody could tell which
text was the proposal and which the decision. At 390 px every cell now says its column."""

import pytest
from playwright.sync_api import expect

from documents.models import Handling
from tests.e2e.conftest import MOBILE
from tests.factories import UserFactory
from tests.publication.factories import published_document

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _label(cell) -> str:
    return cell.evaluate("(td) => getComputedStyle(td, '::before').content")


def test_the_public_list_keeps_its_column_labels_on_a_phone(page, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    griffie = UserFactory(griffie=True)
    document = published_document(griffie, subject="Onderhoud speeltuin Kerkweg")
    document.record_handling(griffie, proposal=Handling.COLLEGE_SETTLE, decision=Handling.COMMITTEE)
    page.set_viewport_size(MOBILE)
    page.goto("/ingekomen-stukken/")
    row = page.get_by_role("row").filter(has_text="Onderhoud speeltuin Kerkweg")
    expect(row).to_be_visible()
    assert not page.locator("table.list thead").is_visible()  # headings hidden on a phone…
    proposal = row.locator("td", has_text="in handen van het college ter afdoening")
    decision = row.locator("td", has_text="agenderen voor de commissie")
    assert _label(proposal) == '"Afdoeningsvoorstel: "'  # …but each cell says its column
    assert _label(decision) == '"Besluit raad: "'
    for cell in row.locator("td").all():
        assert _label(cell).endswith(': "'), cell.inner_text()
    # The same cells on a wide screen: the headings are back and the cells carry no label.
    page.set_viewport_size({"width": 1280, "height": 900})
    assert page.locator("table.list thead").is_visible()
    assert _label(proposal) == "none"
