"""Issue 17: the secrecy form picked documents from a four-line multi-select of 35 or more
items; an exclusion could be neither ended nor corrected from the screen. Now the documents
are a checkbox list searched on the server (no JavaScript needed), chosen documents stay
chosen across searches; and an exclusion can be ended early or corrected."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from confidentiality import access
from confidentiality.models import AccessLog, Exclusion, SecrecyDecision, WooGround
from people.models import BodyKind
from tests.confidentiality.helpers import member, stored_document, verify
from tests.factories import BodyFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def griffie(client):
    verify(client, UserFactory(username="griffier", griffie=True))
    return client


@pytest.fixture
def forty_documents():
    documents = [stored_document(f"Onderhoud brug {n}") for n in range(38)]
    documents.append(stored_document("Grondaankoop Havenweg"))
    documents.append(stored_document("Verkoop pand Kerkplein"))
    return documents


def _checkboxes(response) -> dict[str, bool]:
    html = response.content.decode()
    boxes = re.findall(r'<input type="checkbox" name="documents" value="(\d+)"([^>]*)>', html)
    return {pk: "checked" in attrs for pk, attrs in boxes}


def test_the_documents_are_a_searchable_checkbox_list(griffie, forty_documents):
    page = griffie.get(reverse("confidentiality:impose"))
    html = page.content.decode()
    assert "<select" not in html.split('name="documents"')[0].rsplit("<fieldset", 1)[-1]
    assert len(_checkboxes(page)) == 25  # not all forty at once…
    assert "25 van 40 stukken getoond" in html  # …and it says so
    found = griffie.get(reverse("confidentiality:impose"), {"document_query": "Havenweg"})
    havenweg = forty_documents[-2]
    assert list(_checkboxes(found)) == [str(havenweg.pk)]
    by_number = griffie.get(
        reverse("confidentiality:impose"), {"document_query": havenweg.registration_number}
    )
    assert list(_checkboxes(by_number)) == [str(havenweg.pk)]


def test_a_search_keeps_what_was_typed_and_chosen(griffie, forty_documents):
    havenweg, kerkplein = forty_documents[-2], forty_documents[-1]
    response = griffie.post(
        reverse("confidentiality:impose"),
        {
            "title": "Grondzaken",
            "documents": [havenweg.pk],
            "document_query": "Kerkplein",
            "find_documents": "1",
        },
    )
    assert response.status_code == 200
    assert not SecrecyDecision.objects.exists()  # a search saves nothing
    boxes = _checkboxes(response)
    assert boxes == {str(havenweg.pk): True, str(kerkplein.pk): False}
    assert 'value="Grondzaken"' in response.content.decode()
    assert "errorlist" not in response.content.decode()  # no "required" before saving


def test_the_chosen_documents_are_put_under_secrecy(griffie, forty_documents):
    raad = BodyFactory(name="Gemeenteraad", kind=BodyKind.RAAD)
    havenweg, kerkplein = forty_documents[-2], forty_documents[-1]
    response = griffie.post(
        reverse("confidentiality:impose"),
        {
            "title": "Grondzaken",
            "imposed_by": "college",
            "ground": WooGround.L2B,
            "documents": [havenweg.pk, kerkplein.pk],
            "provided_to": [raad.pk],
            "reference": "B&W 2026/7",
            "decided_on": "2026-11-20",
            "document_query": "Kerkplein",
        },
    )
    assert response.status_code == 302
    assert access.is_secret(havenweg) and access.is_secret(kerkplein)
    assert not access.is_secret(forty_documents[0])


@pytest.fixture
def exclusion():
    person = member(
        UserFactory(username="raadslid", raadslid=True), BodyFactory(kind=BodyKind.RAAD)
    )
    return Exclusion.objects.create(
        person=person,
        decision_reference="RB-2026-45",
        start=TODAY() - datetime.timedelta(days=10),
        end=TODAY() + datetime.timedelta(days=50),
    )


def test_an_exclusion_is_ended_from_the_screen(griffie, exclusion):
    page = griffie.get(reverse("confidentiality:exclusions")).content.decode()
    assert reverse("confidentiality:exclusion-end", args=[exclusion.pk]) in page
    assert access.active_exclusion(exclusion.person.user) is not None
    response = griffie.post(
        reverse("confidentiality:exclusion-end", args=[exclusion.pk]),
        {"access_from": TODAY().isoformat()},
    )
    assert response.status_code == 302
    exclusion.refresh_from_db()
    assert exclusion.end == TODAY() - datetime.timedelta(days=1)
    assert access.active_exclusion(exclusion.person.user) is None  # access is back today
    assert AccessLog.objects.filter(action="exclusion_ended", object_id=str(exclusion.pk)).exists()


def test_an_exclusion_cannot_end_before_it_began(exclusion):
    with pytest.raises(ValidationError, match="begint pas"):
        exclusion.end_early(exclusion.start)
    with pytest.raises(ValidationError, match="loopt al tot en met"):
        exclusion.end_early(exclusion.end + datetime.timedelta(days=5))


def test_an_exclusion_is_corrected_within_three_months(griffie, exclusion):
    url = reverse("confidentiality:exclusion-correct", args=[exclusion.pk])
    assert url in griffie.get(reverse("confidentiality:exclusions")).content.decode()
    data = {
        "person": exclusion.person.pk,
        "decision_reference": "RB-2026-46",
        "start": exclusion.start.isoformat(),
    }
    too_long = griffie.post(
        url, {**data, "end": (exclusion.start + datetime.timedelta(days=120)).isoformat()}
    )
    assert too_long.status_code == 200
    ok = griffie.post(
        url, {**data, "end": (exclusion.start + datetime.timedelta(days=30)).isoformat()}
    )
    assert ok.status_code == 302
    exclusion.refresh_from_db()
    assert exclusion.decision_reference == "RB-2026-46"
    assert exclusion.end == exclusion.start + datetime.timedelta(days=30)


def test_a_councillor_cannot_end_or_correct_an_exclusion(client, exclusion):
    verify(client, UserFactory(username="ander", raadslid=True))
    end = client.post(
        reverse("confidentiality:exclusion-end", args=[exclusion.pk]),
        {"access_from": TODAY().isoformat()},
    )
    correct = client.get(reverse("confidentiality:exclusion-correct", args=[exclusion.pk]))
    assert end.status_code == 404 and correct.status_code == 404
    exclusion.refresh_from_db()
    assert exclusion.end == TODAY() + datetime.timedelta(days=50)
