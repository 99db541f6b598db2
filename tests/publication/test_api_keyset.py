"""The API pages by key (a cursor): every item once, in order, at any depth, and a wrong
cursor is a 404 problem (a page that does not exist)."""

import datetime

import pytest
from django.urls import reverse

from devtools.bulk import bulk_published
from documents.models import Document
from publication import api
from publication.public import LIST_ORDER

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


def walk(client, url: str) -> list[str]:
    seen, pages = [], 0
    while url:
        data = client.get(url).json()
        seen += [item["uuid"] for item in data["results"]]
        url, pages = data["next"], pages + 1
        assert pages < 50, "the cursor does not advance"
    return seen


def test_following_next_lists_every_document_once_in_the_order_of_the_list(client, monkeypatch):
    monkeypatch.setattr(api.KeysetPagination, "page_size", 4)
    # 11 documents over 3 days: ties on the day are broken by the registration number
    bulk_published(
        [(f"Brief {i}", f"Tekst {i}") for i in range(11)],
        year=2026,
        first_day=datetime.date(2026, 2, 1),
        days=3,
    )
    expected = [
        str(u) for u in Document.objects.order_by(*LIST_ORDER).values_list("uuid", flat=True)
    ]
    assert walk(client, reverse("publication:api-documents")) == expected


def test_a_page_started_by_a_cursor_skips_no_rows_through_an_offset(client, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(api.KeysetPagination, "page_size", 2)
    bulk_published([(f"Brief {i}", f"Tekst {i}") for i in range(5)], year=2026)
    first = client.get(reverse("publication:api-documents")).json()
    with CaptureQueriesContext(connection) as queries:
        client.get(first["next"])
    sql = " ".join(q["sql"] for q in queries.captured_queries).upper()
    assert "OFFSET" not in sql and "COUNT(" not in sql


@pytest.mark.parametrize("cursor", ["x", "bm90IGpzb24", "WyIyMDI2LTAyLTMwIiwgMSwgMV0", "WzEsIDJd"])
def test_a_wrong_cursor_is_a_problem_not_an_error(client, cursor):
    # not base64 / not JSON / 30 February / the wrong number of values
    response = client.get(reverse("publication:api-documents"), {"cursor": cursor})
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert "cursor" in response.json()["detail"]


def test_meetings_people_and_bodies_page_by_key_as_well(client, monkeypatch):
    from tests.factories import MeetingFactory

    monkeypatch.setattr(api.KeysetPagination, "page_size", 2)
    meetings = [MeetingFactory() for _ in range(5)]
    listed = []
    url = reverse("publication:api-meetings")
    while url:
        data = client.get(url).json()
        listed += [m["id"] for m in data["results"]]
        url = data["next"]
    assert sorted(listed) == sorted(m.pk for m in meetings) and len(listed) == 5
