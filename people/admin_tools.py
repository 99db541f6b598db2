"""Who may change what in the admin, where it decides who receives secret information.

Secret information reaches a person through the bodies they sit in (confidentiality.access):
so memberships, and the link between a person and a login, are the griffie's records, and a
login's groups and permissions are a superuser's. Staff with a password, a second factor and
model permissions still cannot make themselves a member of the raad."""

from typing import TYPE_CHECKING

from django.contrib.admin.options import BaseModelAdmin
from django.contrib.auth.models import Group
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from .roles import is_griffie

# What the admin mixins here are mixed into (ModelAdmin or an inline); for the type checker.
if TYPE_CHECKING:
    AdminBase = BaseModelAdmin
else:
    AdminBase = object


class GriffieOnlyAdmin(AdminBase):
    """Records only the griffie changes: secrecy decisions, items and exclusions (which grant
    secrets to a body) and memberships (which put a person in one). Others may only look."""

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return is_griffie(request.user) and super().has_add_permission(request, *args)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return is_griffie(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return is_griffie(request.user) and super().has_delete_permission(request, obj)


def groups_assignable_by_hand() -> QuerySet[Group]:
    """A body's group follows its memberships (people.service.sync_body_groups); giving it
    by hand would bypass the griffie's membership record."""
    return Group.objects.filter(body__isnull=True)
