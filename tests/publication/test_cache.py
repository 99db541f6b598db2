"""The public-site version and the cache headers: a change is never served stale."""

import datetime
import re

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from confidentiality.models import Authority, WooGround
from confidentiality.service import impose_secrecy, lift_secrecy
from documents.models import Document, SenderType
from people.models import BodyKind
from people.service import create_body
from publication.cache import site_version
from publication.models import InspectionRequest, PublicationDecision
from publication.service import withdraw_document
from tests.confidentiality.helpers import verify
from tests.publication.factories import published_document

pytestmark = pytest.mark.django_db

FAR_FUTURE = timezone.now() + datetime.timedelta(days=365)


def published(user, subject):
    return published_document(
        user,
        subject=subject,
        sender_type=SenderType.ORGANISATION,
        public_sender_term="Dorpsraad Kats",
    )


# --- the version ------------------------------------------------------------------------------
def test_a_withdrawal_invalidates_the_cached_page_even_when_another_change_has_a_later_timestamp(
    client, griffie_user
):
    withdrawn = published(griffie_user, "Havenverlichting")
    other = published(griffie_user, "Dijkversterking")
    # Another change carries a later timestamp (a clock ahead, or a transaction that started
    # later but committed first): a "latest timestamp" version never moves past it.
    Document.objects.filter(pk=other.pk).update(updated_at=FAR_FUTURE)
    PublicationDecision.objects.filter(document=other).update(
        changed_at=FAR_FUTURE, decided_at=FAR_FUTURE
    )
    url = reverse("publication:incoming")
    assert "Havenverlichting" in client.get(url).content.decode()  # now cached

    withdraw_document(withdrawn, griffie_user, "Persoonsgegevens zichtbaar")

    assert "Havenverlichting" not in client.get(url).content.decode()


def test_every_publish_withdrawal_and_secrecy_change_bumps_the_version(griffie_user):
    raad = create_body("Gemeenteraad", BodyKind.RAAD)
    before = site_version()
    document = published(griffie_user, "Havenverlichting")
    after_publish = site_version()
    decision = impose_secrecy(
        title="Onderhandeling",
        imposed_by=Authority.COLLEGE,
        ground=WooGround.L2B,
        provided_to=[raad],
        documents=[document],
    )
    after_secrecy = site_version()
    lift_secrecy(decision, by_body=raad, on=decision.decided_on, reference="R-1", actor=None)
    after_lift = site_version()
    withdraw_document(document, griffie_user, "Fout")
    after_withdrawal = site_version()
    versions = [before, after_publish, after_secrecy, after_lift, after_withdrawal]
    assert [int(v) for v in versions] == sorted({int(v) for v in versions})


def test_the_version_is_bumped_inside_the_transaction_of_the_change(griffie_user):
    document = published(griffie_user, "Havenverlichting")
    before = site_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        withdraw_document(document, griffie_user, "Fout")
        assert site_version() != before  # visible inside the transaction...
        raise RuntimeError("rolled back")
    assert site_version() == before  # ...and gone with it


def test_editing_a_published_document_in_the_registration_screen_bumps_the_version(
    griffie_user,
):
    document = published(griffie_user, "Havenverlichting")
    before = site_version()
    document.subject = "Havenverlichting Kats"
    document.save()
    assert int(site_version()) > int(before)


# --- headers ------------------------------------------------------------------------------------
def max_age(cache_control: str) -> int:
    match = re.search(r"max-age=(\d+)", cache_control)
    return int(match.group(1)) if match else 0


@pytest.mark.parametrize(
    "name", ["publication:home", "publication:incoming", "publication:meetings"]
)
def test_public_html_revalidates_within_a_minute(client, name):
    response = client.get(reverse(name))
    cache_control = response["Cache-Control"]
    assert max_age(cache_control) <= 60 and "must-revalidate" in cache_control
    assert "public" not in cache_control
    assert response["ETag"]
    again = client.get(reverse(name), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


@pytest.mark.parametrize(
    "name",
    [
        "publication:api-documents",
        "publication:feed-incoming",
        "publication:atom-incoming",
        "publication:ical",
    ],
)
def test_api_and_feeds_are_never_kept_longer_than_a_minute(client, name):
    cache_control = client.get(reverse(name))["Cache-Control"]
    assert max_age(cache_control) <= 60 and "public" not in cache_control


def test_a_public_file_is_revalidated_so_a_withdrawal_is_never_served_stale(client, griffie_user):
    document = published(griffie_user, "Havenverlichting")
    url = reverse("publication:document-file", kwargs={"uuid": document.uuid})
    first = client.get(url)
    assert first.status_code == 200 and first["Cache-Control"] == "no-cache"
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

    withdraw_document(document, griffie_user, "Fout")

    gone = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert gone.status_code == 404 and "no-cache" in gone["Cache-Control"]


def test_griffie_screens_and_public_pages_for_a_logged_in_user_are_private(griffie_client):
    for url in (reverse("documents:inbox"), reverse("publication:incoming")):
        assert griffie_client.get(url)["Cache-Control"] == "private, no-store"


def test_the_councillors_area_is_never_stored(client, griffie_user):
    verify(client, griffie_user)
    assert "no-store" in client.get(reverse("confidentiality:index"))["Cache-Control"]


# --- state changes only on POST ---------------------------------------------------------------
def test_the_inspection_zip_is_made_and_recorded_only_on_post(griffie_client):
    inspection = InspectionRequest.objects.create(
        requester="Journalist", contact="pers@example.org", description="Woo-verzoek"
    )
    url = reverse("publication:inspection-zip", kwargs={"pk": inspection.pk})
    assert griffie_client.get(url).status_code == 405
    inspection.refresh_from_db()
    assert inspection.sent_at is None
    response = griffie_client.post(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    inspection.refresh_from_db()
    assert inspection.sent_at is not None
