"""Every URL of the griffie's meeting and member screens × every role, with its outcome.

The URLs are enumerated from the URLconf (the ``meetings`` and ``people`` namespaces), so a
screen added later is in the matrix without anyone remembering to add it. Only the griffie,
after its second factor, gets in; everybody else, the superuser included, is refused (403),
and a refused POST changes nothing."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from meetings.models import AgendaItem, Meeting
from people.models import Membership
from publication.models import MeetingDocument
from tests.confidentiality.helpers import verify
from tests.confidentiality.test_access_matrix import ROLES

NAMESPACES = ("meetings", "people")
# Views that only take a POST (the buttons): a GET is 405 for the griffie too.
POST_ONLY = {
    "meetings:publish",
    "meetings:reorder",
    "meetings:item-move",
    "meetings:item-link-incoming",
    "meetings:item-delete",
    "meetings:document-publish",
}


def _patterns():
    """(namespaced name, route) of every URL in the namespaces, walked from the URLconf."""

    def walk(patterns, prefix="", namespace=None):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                yield from walk(
                    entry.url_patterns,
                    prefix + str(entry.pattern),
                    entry.namespace or namespace,
                )
            elif isinstance(entry, URLPattern) and namespace in NAMESPACES and entry.name:
                yield f"{namespace}:{entry.name}", prefix + str(entry.pattern)

    return list(walk(get_resolver().url_patterns))


@pytest.fixture
def objects(world):
    meeting = Meeting.objects.create(body=world.raad, title="Raad", starts_at="2026-12-10T19:30Z")
    item = AgendaItem.objects.create(meeting=meeting, number="1", title="Opening")
    md = MeetingDocument.objects.create(
        meeting=meeting, agenda_item=item, kind="motie", title="Motie", file="meetings/m.pdf"
    )
    membership = Membership.objects.filter(person__user=world.users["raadslid"]).first()
    from publication.models import Activity

    activity = Activity.objects.create(title="Werkbezoek", date="2026-12-12", contact_name="X")
    return {
        "activity": activity,
        "meeting": meeting,
        "values": {
            "pk": meeting.pk,
            "item_pk": item.pk,
            "doc_pk": md.pk,
        },
        # people URLs take the pk of their own object
        "people_pk": {
            "people:person-update": membership.person_id,
            "people:membership-create": membership.person_id,
            "people:membership-update": membership.pk,
            "people:body-update": world.raad.pk,
        },
    }


def _urls(objects) -> list[tuple[str, str]]:
    from people.models import Fractie

    fractie = Fractie.objects.get_or_create(name="Dorpsbelang")[0]
    urls = []
    for name, route in _patterns():
        values = dict(objects["values"])
        if name == "meetings:activity-update":
            values["pk"] = objects["activity"].pk
        if name.startswith("people:"):
            pk = objects["people_pk"].get(name)
            values["pk"] = fractie.pk if name == "people:fractie-update" else pk
        path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m, values=values: str(values[m.group(1)]), route)
        urls.append((name, "/" + path))
    return urls


def test_the_matrix_lists_every_url_of_the_meeting_and_member_screens(objects):
    names = {name for name, _url in _urls(objects)}
    assert len(names) >= 25
    for name in names:  # each resolves back to itself
        url = dict(_urls(objects))[name]
        assert reverse(name, args=re.findall(r"/(\d+)/", url)) == url


@pytest.mark.parametrize("role", [*ROLES, "griffie_password_only"])
def test_every_meeting_and_member_url_for_every_role(world, objects, role):
    client = Client()
    if role == "griffie_password_only":
        client.force_login(world.users["griffie"])
    elif role != "anonymous":
        verify(client, world.users[role])
    before = (Meeting.objects.count(), AgendaItem.objects.count(), MeetingDocument.objects.count())
    titles = list(AgendaItem.objects.values_list("title", "position", "parent"))
    problems = []
    for name, url in _urls(objects):
        methods = ("get", "post") if role != "griffie" else ("get",)
        for method in methods:
            response = getattr(client, method)(url)
            status = response.status_code
            if role == "anonymous":
                ok = status == 302 and response["Location"].startswith(reverse("login"))
            elif role == "griffie_password_only":
                ok = status == 302 and response["Location"].startswith(
                    reverse("confidentiality:otp-verify")
                )
            elif role == "griffie":
                ok = status == (405 if name in POST_ONLY else 200)
            else:
                ok = status == 403
            if not ok:
                problems.append(f"{role} {method.upper()} {url} ({name}): {status}")
    after = (Meeting.objects.count(), AgendaItem.objects.count(), MeetingDocument.objects.count())
    assert not problems, problems
    assert after == before
    assert list(AgendaItem.objects.values_list("title", "position", "parent")) == titles
