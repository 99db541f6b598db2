"""The open-data API (ODS Open Raadsinformatie shape) on DRF: public only, filtered,
paginated, throttled, GET only, errors as problem+json, schema generated."""

import datetime
import re

import pytest
from django.urls import resolve, reverse

from documents.models import Category, SenderType
from publication.cache import PUBLIC_CACHE_CONTROL
from tests.factories import AgendaItemFactory, BodyFactory, MeetingFactory, PersonFactory
from tests.publication.factories import published_document, received_document

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


def _properties(schema: dict, name: str) -> set[str]:
    return set(schema["components"]["schemas"][name]["properties"])


def test_api_is_paginated_public_only_and_matches_the_schema(client, griffie_user):
    document = published_document(griffie_user, sender_type=SenderType.ORGANISATION)
    received_document(user=griffie_user, subject="Nog niet openbaar")
    meeting = MeetingFactory()
    PersonFactory()
    schema = client.get("/api/schema.json").json()
    assert schema["openapi"].startswith("3.")

    data = client.get(reverse("publication:api-documents")).json()
    assert len(data["results"]) == 1 and data["next"] is None
    item = data["results"][0]
    assert item["informatieobjecttype"] == "ingekomen_stuk"
    assert item["vertrouwelijkheidaanduiding"] == "openbaar"
    assert item["inhoud"].endswith(
        reverse("publication:document-file", kwargs={"uuid": document.uuid})
    )
    assert set(item) == _properties(schema, "Informatieobject")
    listing = client.get(reverse("publication:api-documents")).content.decode()
    assert "Nog niet openbaar" not in listing

    m = client.get(reverse("publication:api-meeting", kwargs={"pk": meeting.pk})).json()
    assert set(m) == _properties(schema, "VergaderingDetail")
    assert m["indicatorBesloten"] is False
    listed = client.get(reverse("publication:api-meetings")).json()["results"][0]
    assert set(listed) == _properties(schema, "Vergadering")
    person = client.get(reverse("publication:api-people")).json()["results"][0]
    assert set(person) == _properties(schema, "Persoon")
    body = client.get(reverse("publication:api-bodies")).json()["results"][0]
    assert set(body) == _properties(schema, "Orgaan")
    assert client.get(reverse("publication:api-agenda-items")).status_code == 200
    for path in schema["paths"]:
        concrete = re.sub(r"\{uuid\}", str(document.uuid), re.sub(r"\{id\}", "1", path))
        assert resolve(concrete).namespace == "publication"


def test_the_schema_is_generated_not_hand_written():
    with pytest.raises(ImportError):
        import publication.openapi  # noqa: F401


def test_a_wrong_cursor_is_a_documented_404_problem(client):
    response = client.get(reverse("publication:api-documents"), {"cursor": "niet-geldig"})
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    problem = response.json()
    assert problem["status"] == 404 and problem["title"] == "Not Found"
    schema = client.get("/api/schema.json").json()
    operation = schema["paths"]["/api/v1/informatieobjecten/"]["get"]
    assert PROBLEM in operation["responses"]["404"]["content"]
    assert "cursor" in {p["name"] for p in operation["parameters"]}
    assert "page" not in {p["name"] for p in operation["parameters"]}


def test_unknown_and_hidden_resources_are_404_problems(client, griffie_user):
    hidden = received_document(user=griffie_user)
    for url in (
        reverse("publication:api-document", kwargs={"uuid": hidden.uuid}),
        "/api/v1/informatieobjecten/geen-uuid/",
        "/api/v1/vergaderingen/-1/",
        f"/api/v1/vergaderingen/{2**70}/",
        "/api/v2/",
        "/api/v1/informatieobjecten/%0A/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == PROBLEM, url


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "trace"])
def test_only_get_is_allowed(client, method):
    response = getattr(client, method)(reverse("publication:api-documents"))
    assert response.status_code == 405
    assert response["Content-Type"] == PROBLEM
    assert "POST" not in response["Allow"] and "GET" in response["Allow"]
    assert b"csrf" not in response.content.lower()


def test_filter_documents_by_period_kind_meeting_and_organisation(client, griffie_user):
    committee = BodyFactory(name="Commissie Ruimte")
    meeting = MeetingFactory(body=committee)
    old = published_document(griffie_user, subject="Oud", received_on=datetime.date(2026, 1, 5))
    petition = published_document(
        griffie_user, subject="Petitie", category=Category.PETITION, meeting=meeting
    )
    url = reverse("publication:api-documents")

    def titles(**params):
        response = client.get(url, params)
        assert response.status_code == 200
        return {d["titel"] for d in response.json()["results"]}

    assert titles() == {"Oud", "Petitie"}
    assert titles(tot="2026-01-31") == {old.subject}
    assert titles(van="2026-02-01") == {petition.subject}
    assert titles(categorie="petition") == {"Petitie"}
    assert titles(vergadering=meeting.pk) == {"Petitie"}
    assert titles(orgaan=committee.pk) == {"Petitie"}
    bad = client.get(url, {"categorie": "geen-soort", "van": "gisteren"})
    assert bad.status_code == 400 and bad["Content-Type"] == PROBLEM
    assert set(bad.json()["invalid_params"]) == {"categorie", "van"}
    empty = client.get(url, {"van": ""})  # an empty value is a mistake, not "no filter"
    assert empty.status_code == 400 and set(empty.json()["invalid_params"]) == {"van"}


def test_filter_meetings_and_agenda_items(client):
    raad, commissie = BodyFactory(name="Raad"), BodyFactory(name="Commissie")
    january = MeetingFactory(body=raad, title="Januari")
    MeetingFactory(body=commissie, title="Commissie")
    AgendaItemFactory(meeting=january, title="Begroting")
    meetings = client.get(reverse("publication:api-meetings"), {"orgaan": raad.pk}).json()
    assert [m["naam"] for m in meetings["results"]] == ["Januari"]
    items = client.get(reverse("publication:api-agenda-items"), {"vergadering": january.pk})
    assert [i["onderwerp"] for i in items.json()["results"]] == ["Begroting"]


def test_next_link_keeps_the_filters(client, griffie_user, monkeypatch):
    from publication import api

    monkeypatch.setattr(api.KeysetPagination, "page_size", 1)
    petitions = [published_document(griffie_user, category=Category.PETITION) for _ in range(2)]
    published_document(griffie_user)
    data = client.get(reverse("publication:api-documents"), {"categorie": "petition"}).json()
    assert len(data["results"]) == 1
    assert "categorie=petition" in data["next"] and "cursor=" in data["next"]
    second = client.get(data["next"]).json()
    shown = {data["results"][0]["uuid"], second["results"][0]["uuid"]}
    assert shown == {str(p.uuid) for p in petitions} and second["next"] is None


def test_anonymous_clients_are_throttled_in_the_shared_cache(client, settings):
    settings.API_ANON_THROTTLE_RATE = "3/minute"
    url = reverse("publication:api-bodies")
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
    response = client.get(url)
    assert response.status_code == 429
    assert response["Content-Type"] == PROBLEM and int(response["Retry-After"]) > 0
    # another client (IP) is counted separately
    assert client.get(url, REMOTE_ADDR="192.0.2.7").status_code == 200


def test_api_answers_come_from_the_public_cache_until_something_changes(
    client, griffie_user, django_assert_num_queries
):
    from publication.service import withdraw_document

    document = published_document(griffie_user, subject="Eerste brief")
    url = reverse("publication:api-documents")
    assert len(client.get(url).json()["results"]) == 1
    with django_assert_num_queries(1):  # only the site version
        cached = client.get(url)
    assert cached.json()["results"][0]["titel"] == "Eerste brief"
    assert cached["Cache-Control"] == PUBLIC_CACHE_CONTROL
    withdraw_document(document, griffie_user, "fout")
    assert client.get(url).json()["results"] == []
    detail = reverse("publication:api-document", kwargs={"uuid": document.uuid})
    assert client.get(detail).status_code == 404


@pytest.mark.parametrize("rate", ["", "off", "0", "Off "])
def test_throttling_can_be_switched_off(settings, rate):
    from publication.api import AnonymousThrottle

    settings.API_ANON_THROTTLE_RATE = rate
    assert AnonymousThrottle().get_rate() is None
    settings.API_ANON_THROTTLE_RATE = "2/minute"
    assert AnonymousThrottle().get_rate() == "2/minute"


def test_the_list_read_as_rows_is_what_the_fields_give(client, griffie_user, settings):
    """The documents' list reads tuples (``DOCUMENT_COLUMNS``), not model instances: each
    item must still be DRF's own walk over the declared fields of that document."""
    import json

    from rest_framework import serializers
    from rest_framework.renderers import JSONRenderer

    from publication import public
    from publication.api import InformatieobjectSerializer

    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting)
    published_document(griffie_user, subject="Met vergadering", meeting=meeting, agenda_item=item)
    published_document(griffie_user, subject="Zonder vergadering", anonymise=False)
    serializer = InformatieobjectSerializer()
    expected = [
        serializers.ModelSerializer.to_representation(serializer, document)
        for document in public.public_documents()
    ]
    results = client.get(reverse("publication:api-documents")).json()["results"]
    assert results == json.loads(JSONRenderer().render(expected))
    assert [r["vergadering"] is None for r in results] != [False, False]


def test_the_written_out_document_is_what_the_fields_give(griffie_user):
    """``InformatieobjectSerializer.to_representation`` is written out for speed; DRF's own
    walk over the declared fields (the schema) must give the same, key order included."""
    from rest_framework import serializers

    from publication import public
    from publication.api import InformatieobjectSerializer

    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting)
    published_document(griffie_user, subject="Met vergadering", meeting=meeting, agenda_item=item)
    published_document(griffie_user, subject="Zonder vergadering")
    with_meeting, without = sorted(public.public_documents(), key=lambda d: d.meeting_id is None)
    without.publication.published_file_id = None  # a decision without a file
    without.published_at = None
    serializer = InformatieobjectSerializer()
    for document in (with_meeting, without):
        fields = serializers.ModelSerializer.to_representation(serializer, document)
        assert list(serializer.to_representation(document).items()) == list(fields.items())
    assert serializer.to_representation(with_meeting)["vergadering"].endswith(
        reverse("publication:api-meeting", kwargs={"pk": meeting.pk})
    )
    assert serializer.to_representation(without)["inhoud"] is None


@pytest.mark.parametrize("zone", ["Europe/Amsterdam", "UTC"])
def test_a_moment_is_written_as_drf_writes_it(zone):
    import zoneinfo

    from django.utils import timezone
    from rest_framework import serializers

    from publication.api import DocumentLinks

    moments = [
        datetime.datetime(2026, 7, 1, 12, 30, 5, 123456, tzinfo=datetime.UTC),  # summer time
        datetime.datetime(2026, 1, 31, 23, 59, tzinfo=datetime.UTC),  # winter, another day
        datetime.datetime(2026, 3, 29, 1, 0, tzinfo=zoneinfo.ZoneInfo("America/New_York")),
    ]
    with timezone.override(zone):
        links = DocumentLinks()
        for moment in moments:
            assert links.moment(moment) == serializers.DateTimeField().to_representation(moment)
