"""An id the user may not read and an id that does not exist get the same answer: same
status, same template, same body, no message, and the same queries (no timing oracle)."""

import uuid

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from confidentiality.models import AccessLog
from tests.confidentiality.helpers import verify


def answer(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return {
        "status": response.status_code,
        "templates": [t.name for t in response.templates],
        "body": response.content.decode().replace(url, "<url>"),
        "messages": [str(m) for m in get_messages(response.wsgi_request)],
        "queries": len(queries),
    }


@pytest.mark.parametrize("view", ["secret-detail", "secret-download"])
def test_an_excluded_member_cannot_tell_an_existing_secret_item_from_a_random_id(
    client, world, view
):
    verify(client, world.users["excluded"])
    existing = reverse(f"confidentiality:{view}", kwargs={"uuid": world.items["geheim"].uuid})
    random = reverse(f"confidentiality:{view}", kwargs={"uuid": uuid.uuid4()})
    client.get(reverse("confidentiality:index"))  # sessions and the like warmed up

    seen_existing, seen_random = answer(client, existing), answer(client, random)

    assert seen_existing["status"] == 404
    assert seen_existing == seen_random
    # the log still tells the griffie what happened
    reasons = list(AccessLog.objects.order_by("-id").values_list("reason", flat=True)[:2])
    assert reasons == ["not_found", "excluded"]


@pytest.mark.parametrize("user", ["other_commissie", "college"])
def test_a_member_without_access_gets_the_same_answer_for_a_secret_item_and_a_random_id(
    client, world, user
):
    verify(client, world.users[user])
    existing = reverse("confidentiality:secret-detail", kwargs={"uuid": world.items["geheim"].uuid})
    random = reverse("confidentiality:secret-detail", kwargs={"uuid": uuid.uuid4()})
    client.get(reverse("confidentiality:index"))
    seen_existing, seen_random = answer(client, existing), answer(client, random)
    assert seen_existing["status"] == 404
    assert seen_existing == seen_random


def test_a_secret_document_is_not_found_in_the_vertrouwelijk_area_just_like_a_random_id(
    client, world
):
    verify(client, world.users["raadslid"])
    secret = world.documents["geheim"]
    existing = reverse("confidentiality:confidential-detail", kwargs={"uuid": secret.uuid})
    random = reverse("confidentiality:confidential-detail", kwargs={"uuid": uuid.uuid4()})
    client.get(reverse("confidentiality:index"))
    seen_existing, seen_random = answer(client, existing), answer(client, random)
    assert seen_existing["status"] == 404
    assert seen_existing == seen_random


def test_the_member_with_access_still_reads_the_item(client, world):
    verify(client, world.users["raadslid"])
    url = reverse("confidentiality:secret-detail", kwargs={"uuid": world.items["geheim"].uuid})
    assert client.get(url).status_code == 200
