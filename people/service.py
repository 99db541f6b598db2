"""Public API of the people app."""

from django.contrib.auth.models import Group
from django.db import transaction

from .models import Body, Membership, Person


@transaction.atomic
def create_body(name: str, kind: str) -> Body:
    group, _ = Group.objects.get_or_create(name=f"orgaan: {name}")
    return Body.objects.create(name=name, kind=kind, group=group)


def sync_body_groups(person: Person) -> None:
    """Make the person's user a member of exactly the groups of the bodies they sit in now."""
    if person.user is None:
        return
    active_groups = {m.body.group for m in person.memberships.active().select_related("body")}
    body_groups = Group.objects.filter(body__isnull=False)
    person.user.groups.remove(*[g for g in body_groups if g not in active_groups])
    person.user.groups.add(*active_groups)


def registry_names() -> list[str]:
    """Names that stay in published documents: office holders and civil servants."""
    return list(Person.objects.values_list("name", flat=True))


def office_holder_emails() -> list[str]:
    """Public e-mail addresses that stay in published documents: office holders' (3a), never
    civil servants' (3b)."""
    return list(
        Person.objects.office_holders()
        .exclude(public_email="")
        .values_list("public_email", flat=True)
    )


@transaction.atomic
def save_person(person: Person) -> Person:
    """Save a person the griffie keeps; their login's body groups follow their memberships."""
    previous_user = None
    if person.pk:
        previous_user = Person.objects.filter(pk=person.pk).values_list("user", flat=True).first()
    person.full_clean()
    person.save()
    if previous_user and previous_user != person.user_id:
        # A login unlinked from a member loses that member's bodies at once.
        from django.contrib.auth import get_user_model

        former = get_user_model().objects.get(pk=previous_user)
        former.groups.remove(*Group.objects.filter(body__isnull=False))
    sync_body_groups(person)
    return person


@transaction.atomic
def save_body(body: Body) -> Body:
    """Create or rename a body; each body has its own group for secret information."""
    if not body.group_id:
        body.group = Group.objects.get_or_create(name=f"orgaan: {body.name}")[0]
    body.save()
    return body


@transaction.atomic
def save_membership(membership: Membership) -> None:
    """Start, change or end a membership (a term in a body); access to secret information
    follows at once (confidentiality.access reads memberships, the groups follow here)."""
    membership.save()
    sync_body_groups(membership.person)
