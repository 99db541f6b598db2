"""The public list, a document page and a search run in a constant number of queries."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from documents.models import Category, Document, DocumentFile, FileKind, SenderType, Status
from publication.models import PublicationDecision
from publication.rules import Outcome
from publication.service import update_search_vector
from tests.confidentiality.helpers import verify

pytestmark = pytest.mark.django_db


def bulk_published(n: int, start: int = 0) -> list[Document]:
    now = timezone.now()
    documents = Document.objects.bulk_create(
        [
            Document(
                registration_year=2026,
                registration_sequence=start + i + 1,
                received_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=i % 300),
                subject=f"Onderwerp {i} haven",
                category=Category.LETTER,
                sender_type=SenderType.ORGANISATION,
                public_sender_term="Organisatie",
                status=Status.PUBLISHED,
                published_at=now,
            )
            for i in range(n)
        ]
    )
    files = DocumentFile.objects.bulk_create(
        [
            DocumentFile(document=d, kind=FileKind.ANONYMISED, file="x.pdf", sha256="0" * 64)
            for d in documents
        ]
    )
    PublicationDecision.objects.bulk_create(
        [
            PublicationDecision(
                document=d,
                proposed_outcome=Outcome.PUBLISHED_CONTACTS_REMOVED,
                proposed_article="3c",
                outcome=Outcome.PUBLISHED_CONTACTS_REMOVED,
                published_file=f,
                public_text=f"Tekst over de haven {d.subject}",
            )
            for d, f in zip(documents, files, strict=True)
        ]
    )
    if connection.vendor == "postgresql":
        for decision in PublicationDecision.objects.all():
            update_search_vector(decision.pk, decision.document.subject)
    return documents


@pytest.mark.parametrize("count", [5, 50])
def test_lijst_ingekomen_stukken_is_constant(client, django_assert_num_queries, count):
    bulk_published(count)
    with django_assert_num_queries(3):  # site version + count + page
        response = client.get(reverse("publication:incoming"))
    assert response.status_code == 200
    assert response.content.decode().count("/bestand.pdf") == count


@pytest.mark.parametrize("count", [5, 50])
def test_document_page_is_constant(client, django_assert_num_queries, count):
    documents = bulk_published(count)
    with django_assert_num_queries(2):  # site version + document
        response = client.get(reverse("publication:document", kwargs={"uuid": documents[-1].uuid}))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [5, 50])
def test_search_is_constant(client, django_assert_num_queries, count):
    bulk_published(count)
    # site version + count + page + the meetings to filter on
    with django_assert_num_queries(4):
        response = client.get(reverse("publication:search"), {"q": "haven"})
    assert response.context["page_obj"].paginator.count == count


@pytest.mark.parametrize("count", [5, 50])
def test_home_is_constant(client, django_assert_num_queries, count):
    bulk_published(count)
    with django_assert_num_queries(3):
        assert client.get(reverse("publication:home")).status_code == 200


def test_a_cached_page_costs_one_query_and_a_change_invalidates_it(
    client, django_assert_num_queries, griffie_user
):
    from tests.publication.factories import published_document

    bulk_published(5)
    url = reverse("publication:incoming")
    client.get(url)
    with django_assert_num_queries(1):  # only the site version
        assert client.get(url).status_code == 200
    new = published_document(griffie_user, subject="Nieuw gepubliceerd")
    assert new.registration_number in client.get(url).content.decode()
    # logged-in users never get the shared cached page
    verify(client, griffie_user)
    assert "Postkamer" in client.get(url).content.decode()
