"""The roles of the application and who a user is today. The public is anonymous and has none.

Roles are Django groups; membership of the raad and of other bodies follows the membership
dates and terms in ``people.models`` (not the group sync), so a term that ended counts at once.
"""

from datetime import date
from typing import TypeGuard

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from .models import Body, BodyKind, Membership, Person

GRIFFIE = "griffie"
RAADSLID = "raadslid"
COMMISSIELID = "commissielid"
COLLEGE = "college"

ROLE_GROUPS = (GRIFFIE, RAADSLID, COMMISSIELID, COLLEGE)


def has_role(user: User | AnonymousUser, role: str) -> TypeGuard[User]:
    if not user.is_authenticated:
        return False
    return user.groups.filter(name=role).exists()


def is_griffie(user: User | AnonymousUser) -> TypeGuard[User]:
    return has_role(user, GRIFFIE)


def is_second_factor_verified(user: User | AnonymousUser | None) -> TypeGuard[User]:
    """True when this session passed the second factor (django-otp)."""
    if user is None or not user.is_authenticated:
        return False
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def person_in_office(user: User | AnonymousUser, on: date) -> Person | None:
    if user is None or not user.is_authenticated:
        return None
    return Person.objects.in_office(on).filter(user=user).first()


def active_bodies(user: User | AnonymousUser, on: date | None = None) -> QuerySet[Body]:
    """Bodies the user sits in today, by membership dates and term (not by group sync)."""
    on = on or timezone.localdate()
    person = person_in_office(user, on)
    if person is None:
        return Body.objects.none()
    memberships = Membership.objects.active(on).filter(person=person)
    return Body.objects.filter(pk__in=memberships.values("body_id"))


def is_raad_member(user: User | AnonymousUser, on: date | None = None) -> bool:
    return active_bodies(user, on).filter(kind=BodyKind.RAAD).exists()


def acting_user(request: HttpRequest) -> User:
    """The logged-in user behind ``request``, for views that require a login: who acts, as
    the records name them. Anyone else is refused (never recorded as an anonymous actor)."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise PermissionDenied
    return user
