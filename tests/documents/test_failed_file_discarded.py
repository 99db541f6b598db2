"""Issue 17: a text file renamed ``.pdf`` took a registration number, was marked "mislukt"
and could be neither discarded nor corrected. Now a file that by its bytes is not a PDF,
scan or e-mail is refused at upload, before a number is given; and a document that failed
anyway (an encrypted or damaged PDF) can be discarded with a reason, in its history."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.intake import UploadRefused, receive_file
from documents.models import Document, InvalidTransition, RegistrationCounter, Status
from tests.factories import make_pdf

pytestmark = pytest.mark.django_db

TEXT = b"Geachte griffie,\nHierbij mijn reactie.\nMet vriendelijke groet\n"


def test_a_text_file_renamed_pdf_is_refused_without_a_number():
    with pytest.raises(UploadRefused, match="niet ondersteund") as refused:
        receive_file(TEXT, "reactie.pdf")
    assert "geen registratienummer" in refused.value.reason
    assert Document.objects.count() == 0
    assert not RegistrationCounter.objects.filter(last__gt=0).exists()
    # the next real document gets the first number
    assert receive_file(make_pdf(), "brief.pdf").document.registration_sequence == 1


def test_the_upload_page_says_why_and_stores_nothing(griffie_client):
    upload = SimpleUploadedFile("reactie.pdf", TEXT, content_type="application/pdf")
    response = griffie_client.post(reverse("documents:upload"), {"files": [upload]})
    html = response.content.decode()
    assert response.status_code == 200
    assert "reactie.pdf: Dit bestandstype wordt niet ondersteund" in html
    assert "geen registratienummer" in html
    assert Document.objects.count() == 0


def _failed() -> Document:
    document = receive_file(make_pdf()[:200], "kapot.pdf").document
    assert document.status == Status.FAILED
    return document


def test_a_failed_document_is_discarded_with_a_reason_in_its_history(griffie_user):
    document = _failed()
    document.discard(griffie_user, "Afzender stuurt een leesbare versie.")
    document.refresh_from_db()
    assert document.status == Status.DISCARDED
    event = document.events.latest("created_at")
    assert (event.action, event.actor, event.detail) == (
        "discarded",
        griffie_user,
        "Afzender stuurt een leesbare versie.",
    )


def test_discarding_needs_a_reason_and_a_failed_document(griffie_user):
    document = _failed()
    with pytest.raises(ValidationError):
        document.discard(griffie_user, "  ")
    received = receive_file(make_pdf(), "brief.pdf").document
    with pytest.raises(InvalidTransition):
        received.discard(griffie_user, "dubbel")
    assert Document.objects.get(pk=document.pk).status == Status.FAILED


def test_the_griffie_discards_from_the_detail_page(griffie_client):
    document = _failed()
    detail = griffie_client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert reverse("documents:discard", args=[document.pk]) in detail
    response = griffie_client.post(
        reverse("documents:discard", args=[document.pk]), {"reason": "Dubbel ontvangen."}
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == Status.DISCARDED
    html = griffie_client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert "afgevoerd" in html and "Dubbel ontvangen." in html


def test_only_the_griffie_discards(client):
    from tests.confidentiality.helpers import verify
    from tests.factories import UserFactory

    document = _failed()
    verify(client, UserFactory(raadslid=True))
    response = client.post(reverse("documents:discard", args=[document.pk]), {"reason": "x"})
    assert response.status_code == 403
    assert Document.objects.get(pk=document.pk).status == Status.FAILED
