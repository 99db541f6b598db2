"""The public list, a document page and a search run in a constant number of queries."""

import pytest
from django.urls import reverse

from devtools.bulk import bulk_published
from documents.models import Document
from tests.confidentiality.helpers import verify

pytestmark = pytest.mark.django_db


def published(n: int) -> list[Document]:
    return bulk_published(
        [(f"Onderwerp {i} haven", f"Tekst over de haven Onderwerp {i} haven") for i in range(n)],
        year=2026,
    )


# The site version is read once a second per worker; the tests read it each time it is asked
# for (PUBLIC_SITE_VERSION_SECONDS = 0): by the page cache and by each remembered value.


@pytest.mark.parametrize("count", [5, 50])
def test_lijst_ingekomen_stukken_is_constant(client, django_assert_num_queries, count):
    published(count)
    with django_assert_num_queries(4):  # site version twice + count + page
        response = client.get(reverse("publication:incoming"))
    assert response.status_code == 200
    assert response.content.decode().count("/bestand.pdf") == count


@pytest.mark.parametrize("count", [5, 50])
def test_document_page_is_constant(client, django_assert_num_queries, count):
    documents = published(count)
    with django_assert_num_queries(2):  # site version + document
        response = client.get(reverse("publication:document", kwargs={"uuid": documents[-1].uuid}))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [5, 50])
def test_search_is_constant(client, django_assert_num_queries, count):
    published(count)
    # site version three times + count + page + the meetings to filter on
    with django_assert_num_queries(6):
        response = client.get(reverse("publication:search"), {"q": "haven"})
    assert response.context["page_obj"].paginator.count == count


@pytest.mark.parametrize("count", [5, 50])
def test_home_is_constant(client, django_assert_num_queries, count):
    published(count)
    with django_assert_num_queries(3):
        assert client.get(reverse("publication:home")).status_code == 200


def test_the_count_of_a_list_is_kept_until_something_public_changes(
    client, django_assert_num_queries, griffie_user, settings
):
    from tests.publication.factories import published_document

    settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # without the page cache
    published(60)
    url = reverse("publication:incoming")
    assert "pagina 1 van 2" in client.get(url).content.decode()
    with django_assert_num_queries(2):  # site version + page: the count is kept
        assert "pagina 2 van 2" in client.get(url, {"page": 2}).content.decode()
    with django_assert_num_queries(3):  # another filter is another list
        client.get(url, {"van": "2026-06-01"})
    for i in range(41):
        published_document(griffie_user, subject=f"Nieuw {i}")
    assert "pagina 1 van 3" in client.get(url).content.decode()


def test_a_cached_page_costs_one_query_and_a_change_invalidates_it(
    client, django_assert_num_queries, griffie_user
):
    from tests.publication.factories import published_document

    published(5)
    url = reverse("publication:incoming")
    client.get(url)
    with django_assert_num_queries(1):  # only the site version
        assert client.get(url).status_code == 200
    new = published_document(griffie_user, subject="Nieuw gepubliceerd")
    assert new.registration_number in client.get(url).content.decode()
    # logged-in users never get the shared cached page
    verify(client, griffie_user)
    assert "Postkamer" in client.get(url).content.decode()


def test_the_public_documents_built_once_give_what_building_them_anew_gives():
    import threading

    from documents.models import Document
    from publication import public

    def anew():
        return (
            Document.objects.public()
            .select_related("publication")
            .only(*public.PUBLIC_DOCUMENT_FIELDS)
            .order_by(*public.LIST_ORDER)
        )

    published(3)
    for _ in range(3):  # copies compiled, filtered and run in between
        list(public.public_documents().filter(meeting__isnull=True)[:2])
        str(public.public_documents().values(*public.ROW_COLUMNS).query)
    assert str(public.public_documents().query) == str(anew().query)
    narrowed = public.public_documents().filter(subject__icontains="haven")[:2]
    assert str(narrowed.query) == str(anew().filter(subject__icontains="haven")[:2].query)
    assert [d.pk for d in public.public_documents()] == [d.pk for d in anew()]
    elsewhere = []
    thread = threading.Thread(target=lambda: elsewhere.append(public.public_documents()))
    thread.start()
    thread.join()
    mine = public.public_documents()
    assert elsewhere[0].query.where.children[0] is not mine.query.where.children[0]  # its own


def test_the_public_rule_does_not_depend_on_the_moment_it_is_built():
    """public_documents() keeps the rule it built for the life of a thread: a rule that read
    the clock (a secrecy term that ends, a publication date in the future) would be frozen at
    the moment the thread first built it. Such a rule must stop being kept, and this fails."""
    import datetime
    from unittest import mock

    from django.utils import timezone

    from documents.models import Document

    def rule_sql() -> str:
        sql, params = Document.objects.public().query.sql_with_params()
        return f"{sql} {params!r}"

    now = timezone.now()
    built_now = rule_sql()
    later = now + datetime.timedelta(days=400)
    with mock.patch.object(timezone, "now", return_value=later):
        assert rule_sql() == built_now


def test_every_channel_that_reads_plain_rows_reads_only_public_fields():
    """The lists, the search and the API read ``.values()`` rows, which go around the
    ``.only(*PUBLIC_DOCUMENT_FIELDS)`` of the public queryset: each of their column lists must
    stay inside that one list of public fields (a ``sender_name`` added to a row would leak)."""
    from publication import api, public

    allowed = set(public.PUBLIC_DOCUMENT_FIELDS)
    for columns in (public.ROW_COLUMNS, public.SEARCH_COLUMNS, api.DOCUMENT_COLUMNS):
        assert set(columns) <= allowed, set(columns) - allowed
