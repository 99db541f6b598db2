"""Issue 17: a document put under secrecy after publication still showed "gepubliceerd" in
the griffie's detail view and was still counted under "gepubliceerd" in the inbox. It stays
published (lifting the secrecy brings it back), but the griffie's screens say it is secret
and off the public site."""

import re

import pytest
from django.urls import reverse

from confidentiality.models import Authority, WooGround
from confidentiality.service import impose_secrecy, lift_secrecy
from documents.models import SECRET_AFTER_PUBLICATION, Document, Status
from people.models import BodyKind
from people.service import create_body
from tests.publication.factories import published_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def secret_after_publication(griffie_user):
    raad = create_body("Gemeenteraad", BodyKind.RAAD)
    document = published_document(griffie_user, subject="Grondaankoop Oosthaven")
    decision = impose_secrecy(
        title="Grondaankoop",
        imposed_by=Authority.COLLEGE,
        ground=WooGround.L2B,
        provided_to=[raad],
        documents=[document],
        reference="B&W 2026-9",
    )
    return document, decision, raad


def _badge(html: str) -> str:
    return re.search(r'<span class="badge status-[^"]+">([^<]+)</span>', html).group(1)


def test_the_detail_view_does_not_say_gepubliceerd_under_secrecy(
    griffie_client, secret_after_publication
):
    document, _decision, _raad = secret_after_publication
    html = griffie_client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert _badge(html) == "geheim: van de openbare site"
    assert f"status-{SECRET_AFTER_PUBLICATION}" in html
    assert "Gepubliceerd. Opnieuw" not in html


def test_the_inbox_counts_it_apart_from_gepubliceerd(griffie_client, secret_after_publication):
    document, _decision, _raad = secret_after_publication
    html = griffie_client.get(reverse("documents:inbox")).content.decode()
    assert '<strong data-status="published">0</strong>' in html
    assert f'<strong data-status="{SECRET_AFTER_PUBLICATION}">1</strong>' in html

    published = griffie_client.get(reverse("documents:inbox") + "?status=published")
    assert document not in published.context["page_obj"]
    secret = griffie_client.get(reverse("documents:inbox") + f"?status={SECRET_AFTER_PUBLICATION}")
    assert list(secret.context["page_obj"]) == [document]


def test_after_lifting_it_shows_and_counts_as_gepubliceerd_again(
    griffie_client, griffie_user, secret_after_publication
):
    document, decision, raad = secret_after_publication
    lift_secrecy(
        decision, by_body=raad, on=decision.decided_on, reference="R-2", actor=griffie_user
    )
    assert Document.objects.get(pk=document.pk).shown_status == Status.PUBLISHED
    html = griffie_client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert _badge(html) == "gepubliceerd"
    assert Document.objects.counts_per_status()[Status.PUBLISHED] == 1
