"""Secret information never reaches the public site, whatever its publication status."""

import pytest
from django.urls import reverse

from confidentiality.models import Authority, WooGround
from confidentiality.service import impose_secrecy, lift_secrecy
from people.models import BodyKind
from people.service import create_body
from publication.public import public_documents
from publication.service import PublicationRefused, publish_document
from tests.publication.factories import (
    approve_with_anonymised_file,
    published_document,
    received_document,
)

pytestmark = pytest.mark.django_db


def secrecy_on(document, raad):
    return impose_secrecy(
        title="Grondaankoop",
        imposed_by=Authority.COLLEGE,
        ground=WooGround.L2B,
        provided_to=[raad],
        documents=[document],
        reference="B&W 2026-1",
    )


def test_a_secret_document_cannot_be_published(griffie_user):
    raad = create_body("Gemeenteraad", BodyKind.RAAD)
    document = approve_with_anonymised_file(received_document(subject="Grondaankoop Wissenkerke"))
    secrecy_on(document, raad)
    with pytest.raises(PublicationRefused, match="geheimhouding"):
        publish_document(document, griffie_user)


def test_secrecy_imposed_after_publication_takes_the_document_off_the_site_at_once(
    client, griffie_user
):
    raad = create_body("Gemeenteraad", BodyKind.RAAD)
    document = published_document(griffie_user, subject="Grondaankoop Wissenkerke")
    listing = reverse("publication:incoming")
    assert "Grondaankoop Wissenkerke" in client.get(listing).content.decode()

    decision = secrecy_on(document, raad)
    assert document not in public_documents()
    assert "Grondaankoop Wissenkerke" not in client.get(listing).content.decode()

    lift_secrecy(
        decision, by_body=raad, on=decision.decided_on, reference="R-1", actor=griffie_user
    )
    assert document in public_documents()
