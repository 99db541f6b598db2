"""Helpers that make documents the way the real workflow does: intake, registration, an
anonymised file from the anonymisation step, approval, and publication through the service."""

import datetime

import factory
from django.utils import timezone

from documents.files import store_file
from documents.intake import receive_file
from documents.models import Category, FileKind, SenderType
from publication.models import Activity, MeetingDocument, MeetingDocumentKind
from publication.service import publish_document
from tests.factories import make_pdf

CITIZEN = {
    "name": "Hendrika van Oosterhout-Brinkman",
    "address": "Zuidkade 77, 4485 XZ Wissenkerke",
    "email": "h.oosterhout@voorbeeldmail.nl",
    "phone": "0113-987654",
}


def letter_text(subject: str, person: dict = CITIZEN) -> str:
    return (
        f"{person['name']}\n{person['address']}\n{person['phone']}\n{person['email']}\n\n"
        f"Geachte raad,\n\nBetreft: {subject}\n\nGraag vraag ik uw aandacht voor dit "
        f"onderwerp.\n\nMet vriendelijke groet,\n{person['name']}"
    )


def anonymised_text(subject: str) -> str:
    return (
        "[naam]\n[adres]\n[telefoon]\n[e-mail]\n\nGeachte raad,\n\n"
        f"Betreft: {subject}\n\nGraag vraag ik uw aandacht voor dit onderwerp.\n\n"
        "Met vriendelijke groet,\n[naam]"
    )


def received_document(
    *,
    subject: str = "Verzoek om verkeersdrempels",
    category: str = Category.LETTER,
    sender_type: str = SenderType.CITIZEN,
    person: dict = CITIZEN,
    user=None,
    **fields,
):
    """A document received through documents.intake and registered like the form does."""
    result = receive_file(
        make_pdf(letter_text(subject, person)),
        "brief.pdf",
        user=user,
        received_on=fields.pop("received_on", datetime.date(2026, 11, 2)),
    )
    document = result.document
    document.subject = subject
    document.category = category
    document.sender_type = sender_type
    document.sender_name = person["name"]
    document.sender_address = person["address"]
    document.sender_email = person["email"]
    document.sender_phone = person["phone"]
    document.public_sender_term = fields.pop("public_sender_term", "inwoner")
    document.registered_at = timezone.now()
    for key, value in fields.items():
        setattr(document, key, value)
    document.save()
    return document


def approve_with_anonymised_file(document, user=None, text: str | None = None):
    """What the anonymisation workflow leaves behind: an ANONYMISED file, reviewed, approved."""
    document.start_anonymising(user)
    store_file(
        document,
        FileKind.ANONYMISED,
        make_pdf(text or anonymised_text(document.subject)),
        "geanonimiseerd.pdf",
        "application/pdf",
    )
    document.finish_anonymising()
    document.approve(user)
    return document


def published_document(user, *, outcome=None, reason="", anonymise=True, **fields):
    document = received_document(user=user, **fields)
    if anonymise:
        approve_with_anonymised_file(document, user)
    publish_document(document, user, outcome=outcome, reason=reason)
    document.refresh_from_db()
    return document


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    title = "Werkbezoek haven Colijnsplaat"
    date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))
    description = "Rondleiding voor raadsleden."
    contact_name = "J. de Visser"
    contact_phone = "0113-111222"
    contact_email = "j.devisser@havenbedrijf.example.nl"
    contact_address = "Havenweg 3, Colijnsplaat"


class MeetingDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingDocument

    meeting = None
    kind = MeetingDocumentKind.BESLUITENLIJST
    title = "Besluitenlijst raadsvergadering"
    file = factory.django.FileField(data=b"", filename="besluitenlijst.pdf")
