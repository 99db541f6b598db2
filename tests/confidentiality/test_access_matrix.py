"""Every URL of the councillors' area × role × level of information, with its outcome."""

import pytest
from django.test import Client
from django.urls import reverse

from confidentiality import access
from confidentiality.models import SecrecyDecision
from tests.confidentiality.helpers import verify

ROLES = [
    "anonymous",
    "griffie",
    "raadslid",
    "excluded",
    "other_commissie",
    "college",
    "superuser",
    "global_perm",
]
LEVELS = ["public", "vertrouwelijk", "geheim", "geheim_lifted"]

# Who may read the full document on the vertrouwelijk path, per level.
VERTROUWELIJK_READERS = {
    "public": set(),
    "vertrouwelijk": {"griffie", "raadslid", "excluded"},
    "geheim": set(),  # a secret document never appears on the vertrouwelijk path
    "geheim_lifted": {"griffie", "raadslid", "excluded"},  # normal document again
}
# Who may read the secret item (provided to the raad), per level.
GEHEIM_READERS = {"geheim": {"raadslid"}, "geheim_lifted": set()}


def _client(world, role):
    client = Client()
    if role != "anonymous":
        verify(client, world.users[role])
    return client


def _expect(status_ok: bool, role: str) -> tuple[int, ...]:
    if role == "anonymous":
        return (302,)
    return (200,) if status_ok else (404,)


@pytest.mark.parametrize("role", ROLES)
def test_every_url_for_every_level(world, role):
    client = _client(world, role)
    problems = []

    def check(url, allowed, marker=None):
        response = client.get(url)
        expected = _expect(allowed, role)
        if response.status_code not in expected:
            problems.append(f"{url}: {response.status_code}, expected {expected}")
        if role == "anonymous" and response.status_code == 302:
            assert reverse("login") in response["Location"]
        if allowed and response.status_code == 200 and marker:
            assert marker in response.content
        return response

    lists = {
        "confidential": client.get(reverse("confidentiality:confidential-list")),
        "secret": client.get(reverse("confidentiality:secret-list")),
    }
    for level in LEVELS:
        document = world.documents[level]
        may_read = role in VERTROUWELIJK_READERS[level]
        check(reverse("confidentiality:confidential-detail", args=[document.uuid]), may_read)
        check(
            reverse("confidentiality:confidential-download", args=[document.uuid]),
            may_read,
            b"%PDF",
        )
        listed = str(document.uuid).encode() in lists["confidential"].content
        if listed != may_read:
            problems.append(f"vertrouwelijk list entry for {level}: {listed}")
        if level in GEHEIM_READERS:
            item = world.items[level]
            may_see = role in GEHEIM_READERS[level]
            check(reverse("confidentiality:secret-detail", args=[item.uuid]), may_see, b"GEHEIM")
            check(reverse("confidentiality:secret-download", args=[item.uuid]), may_see, b"%PDF")
            listed = str(item.uuid).encode() in lists["secret"].content
            if listed != may_see:
                problems.append(f"geheim list entry for {level}: {listed}")

    # Pages without an object.
    for name in ("index", "confidential-list", "secret-list"):
        check(reverse(f"confidentiality:{name}"), True)
    for name in ("manage", "access-log", "access-log-csv"):
        check(reverse(f"confidentiality:{name}"), role == "griffie")
    assert client.get(reverse("secrecy-register:register")).status_code == 200
    assert not problems, problems


@pytest.mark.parametrize("role", ["superuser", "global_perm"])
def test_superuser_and_global_permission_get_nothing_secret(world, role):
    user = world.users[role]
    client = verify(Client(), user)
    request_user = client.get(reverse("confidentiality:index")).wsgi_request.user
    assert user.has_perm(access.SECRET_PERMISSION)  # the global permission exists …
    assert not access.secret_decisions_visible_to(request_user).exists()  # … and gives nothing
    assert not access.can_access(request_user, world.items["geheim"]).allowed


def test_secret_item_is_404_not_403_and_unknown_uuid_looks_the_same(world):
    client = verify(Client(), world.users["other_commissie"])
    hidden = client.get(reverse("confidentiality:secret-detail", args=[world.items["geheim"].uuid]))
    missing = client.get(
        reverse("confidentiality:secret-detail", args=["00000000-0000-4000-8000-000000000000"])
    )
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content


def test_membership_ended_by_date_ends_access_without_group_sync(world):
    user = world.users["raadslid"]
    user.person.memberships.update(end="2023-01-01")
    client = verify(Client(), user)
    response = client.get(
        reverse("confidentiality:secret-detail", args=[world.items["geheim"].uuid])
    )
    assert response.status_code == 404


def test_access_needs_a_grant_to_the_body_not_only_membership(world):
    # Provided to the raad only: members of commissie B get nothing, even with a grant to raad.
    decision = SecrecyDecision.objects.get(pk=world.decisions["geheim"].pk)
    assert list(decision.provided_to.all()) == [world.raad]
