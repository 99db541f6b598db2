"""Lists on django-filter with one pagination template that keeps the filters on every page
(inbox, access log, removal and inspection queues, the public list), and the public search."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from confidentiality.models import AccessLog, AccessResult
from documents.models import Category, SenderType, Status
from publication.models import InspectionRequest, RemovalRequest, RequestStatus
from tests.confidentiality.helpers import verify
from tests.factories import DocumentFactory, MeetingFactory
from tests.publication.factories import published_document, received_document

pytestmark = pytest.mark.django_db
PAGINATION = "partials/pagination.html"


def _next_link(response) -> str:
    match = re.search(r'<a rel="next" href="([^"]+)"', response.content.decode())
    assert match, "no link to the next page"
    return match.group(1).replace("&amp;", "&")


def _uses_the_one_pagination_template(response) -> bool:
    return PAGINATION in [t.name for t in response.templates]


def test_access_log_page_2_keeps_the_filters(griffie_user):
    AccessLog.objects.bulk_create(
        [AccessLog(actor_name="an", action="view", result=AccessResult.ALLOWED)] * 60
        + [AccessLog(actor_name="bo", action="view", result=AccessResult.DENIED)] * 5
    )
    client = verify(Client(), griffie_user)
    first = client.get(reverse("confidentiality:access-log"), {"actor": "an"})
    assert first.context["page_obj"].paginator.count == 60
    assert _uses_the_one_pagination_template(first)
    link = _next_link(first)
    assert "actor=an" in link and "page=2" in link
    second = client.get(reverse("confidentiality:access-log") + link)
    assert {e.actor_name for e in second.context["page_obj"]} == {"an"}
    assert len(second.context["page_obj"]) == 10
    denied = client.get(reverse("confidentiality:access-log"), {"result": "denied"})
    assert denied.context["page_obj"].paginator.count == 5


def test_inbox_page_2_keeps_the_filters(griffie_client):
    DocumentFactory.create_batch(30, category=Category.PETITION, status=Status.RECEIVED)
    DocumentFactory.create_batch(3, category=Category.LETTER, status=Status.RECEIVED)
    first = griffie_client.get(
        reverse("documents:inbox"), {"category": "petition", "sort": "number"}
    )
    assert first.context["page_obj"].paginator.count == 30
    assert _uses_the_one_pagination_template(first)
    link = _next_link(first)
    assert "category=petition" in link and "sort=number" in link
    second = griffie_client.get(reverse("documents:inbox") + link)
    assert {d.category for d in second.context["page_obj"]} == {Category.PETITION}
    numbers = [d.registration_sequence for d in second.context["page_obj"]]
    assert numbers == sorted(numbers) and len(numbers) == 5


def test_removal_queue_opens_on_open_requests_and_can_show_all(griffie_client):
    RemovalRequest.objects.create(data_description="Open verzoek", location="/", contact="a")
    RemovalRequest.objects.create(
        data_description="Afgehandeld", location="/", contact="b", status=RequestStatus.REFUSED
    )
    url = reverse("publication:removal-queue")
    opened = griffie_client.get(url).content.decode()
    assert "Open verzoek" in opened and "Afgehandeld" not in opened
    everything = griffie_client.get(url, {"status": ""}).content.decode()
    assert "Open verzoek" in everything and "Afgehandeld" in everything
    refused = griffie_client.get(url, {"status": "refused"}).content.decode()
    assert "Open verzoek" not in refused and "Afgehandeld" in refused


def test_inspection_queue_is_filtered_and_still_registers(griffie_client, griffie_user):
    document = received_document(user=griffie_user)
    InspectionRequest.objects.create(requester="Journalist", contact="x", description="Woo")
    InspectionRequest.objects.create(requester="Buurtvereniging", contact="y", description="Woo")
    url = reverse("publication:inspections")
    page = griffie_client.get(url, {"q": "journ"})
    assert [r.requester for r in page.context["page_obj"]] == ["Journalist"]
    assert _uses_the_one_pagination_template(page)
    response = griffie_client.post(
        url,
        {
            "requester": "Raadslid",
            "contact": "r@example.org",
            "description": "Inzage",
            "registration_numbers": document.registration_number,
        },
    )
    assert response.status_code == 302
    assert InspectionRequest.objects.filter(requester="Raadslid").exists()
    invalid = griffie_client.post(url, {"requester": "", "registration_numbers": "9999-9999"})
    assert invalid.status_code == 200 and invalid.context["form"].errors


def test_public_list_filters_by_period_and_pages_keep_it(client, griffie_user, monkeypatch):
    from publication.views import IncomingListView

    monkeypatch.setattr(IncomingListView, "paginate_by", 1)
    for day in (3, 4):
        published_document(griffie_user, received_on=datetime.date(2026, 10, day))
    published_document(griffie_user, received_on=datetime.date(2026, 1, 1))
    first = client.get(reverse("publication:incoming"), {"van": "2026-10-01"})
    assert first.context["page_obj"].paginator.count == 2
    link = _next_link(first)
    assert "van=2026-10-01" in link and "page=2" in link
    second = client.get(reverse("publication:incoming") + link)
    assert second.context["page_obj"][0]["received_on"] == datetime.date(2026, 10, 3)


class TestSearch:
    def search(self, client, **params):
        response = client.get(reverse("publication:search"), params)
        assert response.status_code == 200
        return response

    def test_finds_only_published_documents_with_a_marked_snippet(self, client, griffie_user):
        published_document(
            griffie_user,
            subject="Brief over de haven van Kats",
            sender_type=SenderType.ORGANISATION,  # published with its (anonymised) text
        )
        received_document(user=griffie_user, subject="Nog niet gepubliceerd over de haven")
        response = self.search(client, q="haven")
        assert [d["subject"] for d in response.context["page_obj"]] == [
            "Brief over de haven van Kats"
        ]
        html = response.content.decode()
        snippet = re.search(r'<p class="snippet">(.*?)</p>', html, re.S).group(1)
        assert "Betreft: Brief over de <mark>haven</mark> van Kats" in snippet
        assert "Nog niet gepubliceerd" not in html

    def test_the_snippet_is_escaped(self, client, griffie_user):
        from tests.publication.factories import approve_with_anonymised_file

        document = received_document(
            user=griffie_user, subject="Script", sender_type=SenderType.ORGANISATION
        )
        approve_with_anonymised_file(
            document, griffie_user, text="De haven & <img src=x onerror=alert(1)> kade"
        )
        from publication.service import publish_document

        publish_document(document, griffie_user)
        html = self.search(client, q="haven").content.decode()
        results = html.split('class="search-results"', 1)[1]
        assert "<mark>haven</mark> &amp;" in results and "<img" not in results

    def test_filters_by_kind_period_and_meeting(self, client, griffie_user):
        meeting = MeetingFactory()
        published_document(
            griffie_user,
            subject="Petitie haven",
            category=Category.PETITION,
            sender_type=SenderType.ORGANISATION,
            meeting=meeting,
        )
        published_document(
            griffie_user, subject="Brief haven", received_on=datetime.date(2026, 1, 2)
        )

        def found(**filters):
            page = self.search(client, q="haven", **filters).context["page_obj"]
            return {d["subject"] for d in page}

        assert found() == {"Petitie haven", "Brief haven"}
        assert found(soort="petition") == {"Petitie haven"}
        assert found(tot="2026-06-30") == {"Brief haven"}
        assert found(vergadering=meeting.pk) == {"Petitie haven"}

    def test_says_clearly_when_nothing_is_found(self, client, griffie_user):
        published_document(griffie_user, subject="Brief over de haven")
        html = self.search(client, q="zwembad").content.decode()
        assert "Geen resultaten voor" in html and "zwembad" in html

    def test_stems_dutch_words_on_postgresql(self, client, griffie_user):
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.skip("stemming uses PostgreSQL's 'dutch' configuration")
        published_document(
            griffie_user, subject="Meer verkeersdrempels", sender_type=SenderType.ORGANISATION
        )
        response = self.search(client, q="verkeersdrempel")
        assert [d["subject"] for d in response.context["page_obj"]] == ["Meer verkeersdrempels"]
        assert "<mark>verkeersdrempels</mark>" in response.content.decode()


def test_a_wrong_filter_value_says_so_instead_of_showing_everything(client, griffie_user):
    published_document(griffie_user)
    response = client.get(reverse("publication:incoming"), {"van": "gisteren"})
    assert response.status_code == 200
    assert response.context["filter"].errors["van"]
    assert list(response.context["page_obj"]) == []
