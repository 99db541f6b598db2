"""The closed-meeting rule: a document of a besloten vergadering is secret by law until the
raad lifts it, however it got there, and is then recorded, provided and registered."""

import datetime

import pytest
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from confidentiality import service
from confidentiality.models import LegalBasis, SecrecyDecision, SecrecyStatus
from documents.forms import RegistrationForm
from documents.models import Document
from tests.confidentiality.helpers import stored_document, verify
from tests.factories import MeetingFactory


@pytest.fixture
def closed_raad(world):
    return MeetingFactory(
        body=world.raad,
        is_closed=True,
        title="Besloten raadsvergadering grondzaken",
        starts_at=timezone.now() - datetime.timedelta(days=3),
    )


def register(client, document, **changes):
    data = {
        key: value
        for key, value in model_to_dict(document, fields=RegistrationForm._meta.fields).items()
        if value not in (None, False)
    }
    data.update(changes)
    response = client.post(reverse("documents:register", kwargs={"pk": document.pk}), data)
    assert response.status_code == 302
    return Document.objects.get(pk=document.pk)


def test_registered_against_a_closed_meeting_in_the_griffie_screen_it_is_secret_by_law(
    world, closed_raad
):
    griffie = verify(Client(), world.users["griffie"])
    minutes = register(griffie, stored_document("Verslag grondzaken"), meeting=closed_raad.pk)

    decision = SecrecyDecision.objects.get(meeting=closed_raad)
    assert decision.legal_basis == LegalBasis.CLOSED_MEETING
    assert decision.status == SecrecyStatus.ACTIVE
    assert list(decision.documents.all()) == [minutes]
    # in the public register (existence, never content) ...
    register_page = Client().get(reverse("secrecy-register:register")).content.decode()
    assert "Besloten raadsvergadering grondzaken" in register_page
    assert "Verslag grondzaken" not in register_page
    # ... and raad members can read it
    raadslid = verify(Client(), world.users["raadslid"])
    item = decision.items.get()
    assert raadslid.get(reverse("confidentiality:secret-detail", args=[item.uuid])).status_code == (
        200
    )


def test_fail_closed_a_closed_meeting_document_without_any_record_is_under_secrecy(
    world, closed_raad
):
    minutes = stored_document("Verslag grondzaken", meeting=closed_raad)
    assert SecrecyDecision.objects.count() == len(world.decisions)  # nothing recorded
    assert minutes in Document.objects.under_secrecy()
    assert minutes not in Document.objects.not_under_secrecy()


def test_a_document_added_after_the_raad_lifted_stays_secret_until_lifted_again(world, closed_raad):
    first = stored_document("Verslag deel 1", meeting=closed_raad)
    decision = service.record_closed_meeting_document(first)
    service.lift_secrecy(
        decision, by_body=world.raad, on=decision.decided_on, reference="RB-1", actor=None
    )
    later = stored_document("Verslag deel 2", meeting=closed_raad)
    service.record_if_closed_meeting(later)

    secret = set(Document.objects.under_secrecy())
    assert first not in secret and later in secret
    assert service.record_closed_meeting_document(first) == decision  # safe to call twice


def test_a_meeting_marked_closed_has_its_documents_recorded_as_secret_by_law(world):
    meeting = MeetingFactory(body=world.raad, title="Eerst openbaar")
    document = stored_document("Notitie", meeting=meeting)
    meeting.is_closed = True
    meeting.save()
    assert service.record_closed_meeting(meeting) == 1
    assert SecrecyDecision.objects.get(meeting=meeting).documents.get() == document
    assert service.record_if_closed_meeting(stored_document("Open stuk")) is None
