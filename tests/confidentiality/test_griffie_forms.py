"""The griffie records secrecy decisions and exclusions in the area (with the second factor),
not only in the admin; the same rules hold there."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from confidentiality import access
from confidentiality.models import Exclusion, Notice, NoticeKind, SecrecyDecision, WooGround
from people.models import BodyKind
from tests.confidentiality.helpers import member, stored_document, verify
from tests.factories import BodyFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def griffie(client):
    verify(client, UserFactory(username="griffier", griffie=True))
    return client


def test_the_griffie_imposes_secrecy_and_the_raad_is_told_without_content(griffie):
    raad = BodyFactory(name="Gemeenteraad", kind=BodyKind.RAAD)
    councillor = UserFactory(username="raadslid", raadslid=True)
    member(councillor, raad)
    document = stored_document("Grondaankoop Wissenkerke")
    response = griffie.post(
        reverse("confidentiality:impose"),
        {
            "title": "Grondaankoop",
            "imposed_by": "college",
            "ground": WooGround.L2B,
            "documents": [document.pk],
            "provided_to": [raad.pk],
            "reference": "B&W 2026/112",
            "decided_on": "2026-11-20",
        },
    )
    assert response.status_code == 302
    decision = SecrecyDecision.objects.get()
    assert list(decision.provided_to.all()) == [raad]
    assert access.is_secret(document)
    notice = Notice.objects.get(recipient=councillor)
    assert (notice.kind, notice.body) == (NoticeKind.SECRET_PROVIDED, raad)


def test_a_person_cannot_be_chosen_as_recipient(griffie):
    raad = BodyFactory(name="Gemeenteraad", kind=BodyKind.RAAD)
    document = stored_document("Grondaankoop")
    response = griffie.post(
        reverse("confidentiality:impose"),
        {
            "title": "Grondaankoop",
            "imposed_by": "college",
            "ground": WooGround.L2B,
            "documents": [document.pk],
            "provided_to": ["raadslid"],
            "reference": "x",
            "decided_on": "2026-11-20",
        },
    )
    assert response.status_code == 200
    assert "provided_to" in response.context["form"].errors
    assert not SecrecyDecision.objects.exists()
    assert raad.secret_information.count() == 0


def test_an_exclusion_longer_than_three_months_is_refused(griffie):
    person = member(
        UserFactory(username="raadslid", raadslid=True), BodyFactory(kind=BodyKind.RAAD)
    )
    start = timezone.localdate()
    data = {"person": person.pk, "decision_reference": "RB-2026-45", "start": start}
    too_long = griffie.post(
        reverse("confidentiality:exclusions"), {**data, "end": start + datetime.timedelta(days=100)}
    )
    assert too_long.status_code == 200
    assert not Exclusion.objects.exists()
    ok = griffie.post(
        reverse("confidentiality:exclusions"), {**data, "end": start + datetime.timedelta(days=60)}
    )
    assert ok.status_code == 302
    assert Exclusion.objects.get().person == person


def test_a_councillor_cannot_reach_the_griffie_forms(client):
    verify(client, UserFactory(username="raadslid", raadslid=True))
    assert client.get(reverse("confidentiality:impose")).status_code == 404
    assert client.get(reverse("confidentiality:exclusions")).status_code == 404
