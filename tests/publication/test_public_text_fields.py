"""Text the griffie types for the public site itself (the title of a meeting, an agenda item,
an activity, a meeting document) is checked like a document from the college before it is
saved: another person's name or contact details stop the save until the griffie rephrases
or confirms; office holders from the registry stay; a failing check saves nothing."""

from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from meetings.models import AgendaItem, Meeting
from people.models import PersonRole
from publication.models import Activity
from tests.confidentiality.helpers import verify
from tests.factories import BodyFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

PRIVATE = "Hoorzitting bezwaar van mevrouw P. Verhoeckx, Lindelaan 14"


@pytest.fixture
def griffie_admin():
    return verify(Client(), UserFactory(is_staff=True, is_superuser=True, griffie=True))


def _add_meeting(client, title, *, agenda_title="Opening", **extra):
    body = BodyFactory(name="Gemeenteraad")
    return client.post(
        reverse("admin:meetings_meeting_add"),
        {
            "body": body.pk,
            "title": title,
            "starts_at_0": "2026-12-10",
            "starts_at_1": "19:30:00",
            "location": "Raadzaal",
            "agenda_items-TOTAL_FORMS": "1",
            "agenda_items-INITIAL_FORMS": "0",
            "agenda_items-0-number": "1",
            "agenda_items-0-title": agenda_title,
            "agenda_items-0-position": "1",
            **extra,
        },
    )


def test_a_private_persons_name_and_address_in_a_meeting_title_stop_the_save(griffie_admin):
    response = _add_meeting(griffie_admin, PRIVATE)

    assert response.status_code == 200
    assert not Meeting.objects.exists()
    page = response.content.decode()
    assert "Mogelijk persoonsgegevens" in page and "Lindelaan 14" in page


def test_the_griffie_may_confirm_what_may_be_public(griffie_admin):
    response = _add_meeting(griffie_admin, PRIVATE, confirm_public_text="on")

    assert response.status_code == 302
    assert Meeting.objects.get().title == PRIVATE


def test_an_office_holder_from_the_registry_stays_without_confirmation(griffie_admin):
    PersonFactory(name="Karin Lodewijks", role=PersonRole.RAADSLID)

    response = _add_meeting(griffie_admin, "Werkbezoek met raadslid Karin Lodewijks")

    assert response.status_code == 302
    assert Meeting.objects.exists()


def test_an_agenda_item_is_checked_too(griffie_admin):
    response = _add_meeting(
        griffie_admin, "Raadsvergadering december", agenda_title="Klacht van Jeroen Bakhuizen"
    )

    assert response.status_code == 200
    assert not AgendaItem.objects.exists()


def test_an_activity_description_is_checked_but_its_contact_person_is_public_by_design(
    griffie_admin,
):
    activity = {
        "title": "Informatieavond haven",
        "date": "2026-12-12",
        "contact_name": "Sanne Hoekstra",
        "contact_phone": "0113 377 377",
        "is_published": "on",
    }
    url = reverse("admin:publication_activity_add")

    griffie_admin.post(
        url, {**activity, "description": "Vragen aan buurman Gert Vissering, 06-12345678"}
    )
    assert not Activity.objects.exists()

    response = griffie_admin.post(url, {**activity, "description": "Vragen over de haven."})
    assert response.status_code == 302
    assert Activity.objects.get().contact_phone == "0113 377 377"


def test_when_the_check_itself_fails_nothing_is_saved(griffie_admin):
    with mock.patch("documents.forms.griffie_text_findings", side_effect=RuntimeError("kapot")):
        response = _add_meeting(griffie_admin, "Raadsvergadering december")

    assert response.status_code == 200
    assert "controle op persoonsgegevens is mislukt" in response.content.decode()
    assert not Meeting.objects.exists()
