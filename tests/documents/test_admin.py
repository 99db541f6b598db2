"""The back office: a superuser without the griffie role sees no secret documents."""

import pytest
from django.urls import reverse

from confidentiality.models import Authority, WooGround
from confidentiality.service import impose_secrecy
from people.models import BodyKind
from people.service import create_body
from tests.confidentiality.helpers import verify
from tests.factories import DocumentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_admin_hides_secret_documents_from_a_superuser_without_the_griffie_role(client):
    raad = create_body("Gemeenteraad", BodyKind.RAAD)
    secret = DocumentFactory(subject="Grondaankoop Wissenkerke")
    DocumentFactory(subject="Verkeersdrempels")
    impose_secrecy(
        title="Grondaankoop",
        imposed_by=Authority.COLLEGE,
        ground=WooGround.L2B,
        provided_to=[raad],
        documents=[secret],
    )
    admin = UserFactory(is_staff=True, is_superuser=True)
    verify(client, admin)
    listing = client.get(reverse("admin:documents_document_changelist")).content.decode()
    assert "Verkeersdrempels" in listing
    assert "Grondaankoop Wissenkerke" not in listing
    assert client.get(reverse("admin:documents_document_change", args=[secret.pk])).status_code in (
        302,
        404,
    )

    griffie = UserFactory(is_staff=True, is_superuser=True, griffie=True)
    verify(client, griffie)
    assert (
        "Grondaankoop Wissenkerke"
        in client.get(reverse("admin:documents_document_changelist")).content.decode()
    )


def test_the_inbox_marks_secret_documents(griffie_client):
    raad = create_body("Gemeenteraad", BodyKind.RAAD)
    secret = DocumentFactory(subject="Grondaankoop Wissenkerke")
    impose_secrecy(
        title="Grondaankoop",
        imposed_by=Authority.COLLEGE,
        ground=WooGround.L2B,
        provided_to=[raad],
        documents=[secret],
    )
    DocumentFactory(subject="Verkeersdrempels")
    html = griffie_client.get(reverse("documents:inbox")).content.decode()
    assert html.count('class="badge secret"') == 1
    detail = griffie_client.get(reverse("documents:detail", args=[secret.pk])).content.decode()
    assert "op dit stuk rust geheimhouding" in detail
