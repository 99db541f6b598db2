"""Every URL of the councillors' area × role × level of information, with its outcome."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from confidentiality import access
from confidentiality.models import ReadingNote, ReadingTarget, SecrecyDecision
from tests.confidentiality.helpers import verify
from tests.confidentiality.members_helpers import council_meeting, page_url, read_url

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


# --- issue 9: the roles around the area ---------------------------------------------------------
def _area_urls(world):
    for name in ("index", "confidential-list", "secret-list", "manage", "access-log"):
        yield reverse(f"confidentiality:{name}")
    for level in LEVELS:
        uuid = world.documents[level].uuid
        yield reverse("confidentiality:confidential-detail", args=[uuid])
        yield reverse("confidentiality:confidential-download", args=[uuid])
    for level in GEHEIM_READERS:
        uuid = world.items[level].uuid
        yield reverse("confidentiality:secret-detail", args=[uuid])
        yield reverse("confidentiality:secret-download", args=[uuid])


def _griffie_urls(world):
    from tests.confidentiality.test_second_factor import _griffie_urls as every_griffie_url

    yield from every_griffie_url(world)
    for level in LEVELS:
        document = world.documents[level]
        yield reverse("documents:detail", args=[document.pk])
        for record in document.files.all():
            yield reverse("documents:file", args=[document.pk, record.pk])


def _admin_urls(world):
    secret = world.documents["geheim"]
    yield reverse("admin:index")
    yield reverse("admin:documents_document_changelist")
    yield reverse("admin:documents_document_change", args=[secret.pk])
    yield reverse("admin:documents_redaction_changelist")
    yield reverse("admin:confidentiality_secrecydecision_changelist")
    yield reverse(
        "admin:confidentiality_secrecydecision_change", args=[world.decisions["geheim"].pk]
    )
    yield reverse("admin:publication_inspectionrequest_add")
    yield reverse("admin:publication_removalrequest_add")
    yield reverse("admin:people_person_changelist")


def _secret_markers(world) -> list[bytes]:
    secret = world.documents["geheim"]
    return [secret.subject.encode(), secret.registration_number.encode()]


def _vertrouwelijk_markers(world) -> list[bytes]:
    document = world.documents["vertrouwelijk"]
    return [document.subject.encode(), b"%PDF"]


def _matrix_client(world, role):
    client = Client()
    if role == "griffie_password_only":
        client.force_login(world.users["griffie"])
    elif role.endswith("_password_only"):
        client.force_login(world.users[role.removesuffix("_password_only")])
    else:
        verify(client, world.users[role])
    return client


MATRIX_ROLES = [
    "griffie_password_only",
    "superuser_password_only",
    "global_perm_password_only",
    "superuser",
    "global_perm",
    "excluded",
]


def test_count_of_unauthorised_reads_is_zero(world, capsys):
    council = council_meeting(world)
    staff = world.users["global_perm"]
    staff.is_staff = True
    staff.save()
    staff.user_permissions.add(
        *Permission.objects.filter(content_type__app_label__in=["people", "auth", "documents"])
    )
    secret_markers = _secret_markers(world)
    vertrouwelijk_markers = _vertrouwelijk_markers(world)
    urls = [
        *_area_urls(world),
        *_members_urls(world, council),
        *_griffie_urls(world),
        *_admin_urls(world),
    ]
    cells, unauthorised = 0, []
    for role in MATRIX_ROLES:
        client = _matrix_client(world, role)
        for url in urls:
            response = client.get(url)
            cells += 1
            body = response.content if response.status_code == 200 else b""
            if not hasattr(response, "streaming_content") and body:
                if any(marker in body for marker in secret_markers):
                    unauthorised.append((role, url, "geheim"))
                # Only the excluded raadslid may read vertrouwelijk originals (outside admin).
                if role != "excluded" and not url.startswith("/admin/"):
                    if any(marker in body for marker in vertrouwelijk_markers):
                        unauthorised.append((role, url, "vertrouwelijk"))
            if role.endswith("_password_only"):
                assert response.status_code in (302, 404), (role, url, response.status_code)
    with capsys.disabled():
        print(f"\naccess matrix (issue 9 roles): {cells} cells, {len(unauthorised)} unauthorised")
    assert unauthorised == []


def test_an_excluded_member_cannot_tell_a_secret_item_from_a_random_id(world):
    client = verify(Client(), world.users["excluded"])
    answers = []
    for uuid in (world.items["geheim"].uuid, "00000000-0000-4000-8000-000000000000"):
        response = client.get(reverse("confidentiality:secret-detail", args=[uuid]))
        following = client.get(reverse("confidentiality:index"))
        answers.append(
            tuple(
                re.sub(rb'name="csrfmiddlewaretoken" value="\w+"', b"", r.content)
                for r in (response, following)
            )
            + (response.status_code,)
        )
    assert answers[0] == answers[1]


# --- issue 17: reading the meeting ------------------------------------------------------------
def _members_urls(world, council):
    """Every URL of the members' reading pages, for the documents of every level."""
    yield reverse("confidentiality:meetings")
    yield reverse("confidentiality:meetings") + "?alle=1"
    yield reverse("confidentiality:meeting", args=[council.meeting.pk])
    yield reverse("confidentiality:search") + "?q=Havenweg"
    yield reverse("confidentiality:search") + "?q=Dorpsstraat"
    yield reverse("confidentiality:preferences")
    for level in LEVELS:
        uuid = world.documents[level].uuid
        yield read_url(ReadingTarget.DOCUMENT, uuid)
        yield page_url(ReadingTarget.DOCUMENT, uuid)
    for level in GEHEIM_READERS:
        uuid = world.items[level].uuid
        yield read_url(ReadingTarget.SECRET_ITEM, uuid)
        yield page_url(ReadingTarget.SECRET_ITEM, uuid)
    yield read_url(ReadingTarget.MEETING_DOCUMENT, council.proposal.uuid)
    yield page_url(ReadingTarget.MEETING_DOCUMENT, council.proposal.uuid)


@pytest.mark.parametrize("role", ROLES)
def test_every_members_url_for_every_role(world, role):
    """The meeting, the reader and its page images, notes, search and the e-mail choice:
    each answers by the existing reading rule, for every role and level."""
    council = council_meeting(world)
    client = _client(world, role)
    problems = []

    def check(url, allowed, method="get"):
        response = getattr(client, method)(url)
        expected = _expect(allowed, role)
        if method == "post" and allowed:
            expected = (302,)
        if response.status_code not in expected:
            problems.append(f"{method} {url}: {response.status_code}, expected {expected}")
        if role == "anonymous" and response.status_code == 302:
            assert reverse("login") in response["Location"]
        return response

    for name in ("meetings", "search", "preferences"):
        check(reverse(f"confidentiality:{name}"), True)
    meeting = check(reverse("confidentiality:meeting", args=[council.meeting.pk]), True)
    search = check(reverse("confidentiality:search") + "?q=Inhoud+van", True)
    for level in LEVELS:
        uuid = world.documents[level].uuid
        may_read = role in VERTROUWELIJK_READERS[level]
        check(read_url(ReadingTarget.DOCUMENT, uuid), may_read)
        check(page_url(ReadingTarget.DOCUMENT, uuid), may_read)
        if level in GEHEIM_READERS:
            item = world.items[level]
            may_see = role in GEHEIM_READERS[level]
            check(read_url(ReadingTarget.SECRET_ITEM, item.uuid), may_see)
            check(page_url(ReadingTarget.SECRET_ITEM, item.uuid), may_see)
            listed = meeting.status_code == 200 and str(item.uuid).encode() in meeting.content
            if level == "geheim" and listed != may_see:
                problems.append(f"geheim item on the meeting page: {listed}")
            found = search.status_code == 200 and str(item.uuid).encode() in search.content
            if found != (may_see and level == "geheim"):
                problems.append(f"geheim item {level} in search: {found}")
    for url in (
        read_url(ReadingTarget.MEETING_DOCUMENT, council.proposal.uuid),
        page_url(ReadingTarget.MEETING_DOCUMENT, council.proposal.uuid),
    ):
        check(url, True)
    vertrouwelijk = str(world.documents["vertrouwelijk"].uuid).encode()
    on_page = meeting.status_code == 200 and vertrouwelijk in meeting.content
    if on_page != (role in VERTROUWELIJK_READERS["vertrouwelijk"]):
        problems.append(f"vertrouwelijk document on the meeting page: {on_page}")
    # A note: only its author may delete it (the others get the same 404 as for no note).
    note = ReadingNote.objects.create(
        author=world.users["raadslid"],
        target_type=ReadingTarget.MEETING_DOCUMENT,
        target_uuid=council.proposal.uuid,
        text="Eigen notitie",
    )
    check(reverse("confidentiality:note-delete", args=[note.pk]), role == "raadslid", "post")
    assert ReadingNote.objects.filter(pk=note.pk).exists() == (role != "raadslid")
    assert not problems, problems
