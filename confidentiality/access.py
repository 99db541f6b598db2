"""Who of the council reads what: the access rule for vertrouwelijk and geheim information.
Every view, download, list and search of the councillors' area asks this module.

Where each rule lives:
- what is public and what is under secrecy: ``Document.objects.public()`` and
  ``.under_secrecy()`` (``documents/models.py``), chained here;
- who the user is (member of the raad, bodies today, second factor, griffie):
  ``people/roles.py``;
- what a user may read in full or as secret information: this module.

- Vertrouwelijk: full originals of the documents the gedragscode makes available to
  councillors 'via de griffie' (art. 3c, 3e, 3g); readable by members of the raad (active
  membership of a body of kind 'raad', within their term) and by the griffie.
- Geheim: information under a secrecy decision that is still in force; readable only by
  members of the bodies it was provided to, through a guardian object permission granted to
  that body's group (never to a person), and never during an exclusion.
- Everything here requires a session that passed the second factor.
"""

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from guardian.shortcuts import get_objects_for_user

from documents.models import Category, Document
from people.roles import active_bodies, is_griffie, is_raad_member, is_second_factor_verified

from .models import (
    Exclusion,
    Notice,
    NoticeKind,
    NoticeQuerySet,
    SecrecyDecision,
    SecretItem,
)

SECRET_PERMISSION = "confidentiality.access_secret_information"

# Gedragscode art. 3: what councillors may read in full 'via de griffie'.
CONFIDENTIAL_CATEGORIES = (
    Category.LETTER,
    Category.PETITION,
    Category.VIEW,
    Category.OBJECTION,
    Category.CITIZENS_INITIATIVE,
    Category.COLLEGE_ANSWER,
)


class Level:
    PUBLIC = "openbaar"
    VERTROUWELIJK = "VERTROUWELIJK"
    GEHEIM = "GEHEIM"


@dataclass(frozen=True)
class AccessDecision:
    allowed: bool
    reason: str  # a stable code, stored in the access log
    message: str = ""  # what the user may be told (never whether a secret item exists)

    def __bool__(self) -> bool:
        return self.allowed


# --- who is the user (the role checks themselves are in people/roles.py) ------------------
def active_exclusion(user: User | AnonymousUser, on: date | None = None) -> Exclusion | None:
    if user is None or not user.is_authenticated:
        return None
    on = on or timezone.localdate()
    return Exclusion.objects.active(on).filter(person__user=user).order_by("-end").first()


def can_manage(user: User | AnonymousUser) -> bool:
    """The griffie's management screens of this area (register, lifting, access log)."""
    return is_second_factor_verified(user) and is_griffie(user)


# --- querysets ---------------------------------------------------------------------------------
def is_secret(document: Document) -> bool:
    """True while the document is under secrecy, including the record of a besloten
    vergadering not yet lifted by the raad. The publication workflow must not publish a
    document for which this is true."""
    return Document.objects.under_secrecy().filter(pk=document.pk).exists()


def confidential_documents_visible_to(user: User | AnonymousUser) -> QuerySet[Document]:
    """Vertrouwelijk documents the user may read in full (gedragscode art. 3c, 3e, 3g):
    registered documents of those categories, for members of the raad and the griffie, after
    the second factor. Secret documents never appear here, whoever asks: they are only
    reachable through :func:`secret_items_visible_to`."""
    if not is_second_factor_verified(user) or not (is_raad_member(user) or is_griffie(user)):
        return Document.objects.none()
    return (
        Document.objects.registered_in(CONFIDENTIAL_CATEGORIES)
        .not_under_secrecy()
        .order_by("-received_on", "-registration_sequence")
    )


def secret_decisions_visible_to(user: User | AnonymousUser) -> QuerySet[SecrecyDecision]:
    if not is_second_factor_verified(user) or active_exclusion(user) is not None:
        return SecrecyDecision.objects.none()
    granted = get_objects_for_user(
        user,
        SECRET_PERMISSION,
        klass=SecrecyDecision.objects.active(),
        accept_global_perms=False,
        with_superuser=False,
    )
    # A guardian grant alone is not enough: the user must sit in a body the information was
    # provided to today (memberships end by date, before any group sync runs).
    return granted.filter(provided_to__in=active_bodies(user)).distinct()


def secret_items_visible_to(user: User | AnonymousUser) -> QuerySet[SecretItem]:
    return (
        SecretItem.objects.filter(decision__in=secret_decisions_visible_to(user))
        .select_related(
            "decision", "decision__lifting_body", "decision__imposed_by_body", "document"
        )
        .order_by("-decision__decided_on", "-id")
    )


def notices_visible_to(user: User | AnonymousUser) -> NoticeQuerySet:
    if not is_second_factor_verified(user):
        return Notice.objects.none()
    notices = Notice.objects.filter(recipient=user)
    if active_exclusion(user) is not None:
        notices = notices.exclude(kind=NoticeKind.SECRET_PROVIDED)
    return notices


# --- the check -----------------------------------------------------------------------------------
def can_access(user: User | AnonymousUser | None, obj: object) -> AccessDecision:
    """May ``user`` see ``obj`` (a Document on the vertrouwelijk path, a SecretItem or a
    SecrecyDecision's content)? Decided by the querysets above, so lists and single objects
    can never disagree."""
    if user is None or not user.is_authenticated:
        return AccessDecision(False, "anonymous", _("Log in om dit te zien."))
    if not is_second_factor_verified(user):
        return AccessDecision(
            False, "second_factor_required", _("Bevestig eerst uw inlog met de tweede stap.")
        )
    if isinstance(obj, Document):
        if confidential_documents_visible_to(user).filter(pk=obj.pk).exists():
            return AccessDecision(True, "vertrouwelijk")
        return AccessDecision(False, "not_visible")
    if isinstance(obj, SecretItem | SecrecyDecision):
        exclusion = active_exclusion(user)
        if exclusion is not None:
            return AccessDecision(False, "excluded", exclusion_message(exclusion))
        decision = obj.decision if isinstance(obj, SecretItem) else obj
        if secret_decisions_visible_to(user).filter(pk=decision.pk).exists():
            return AccessDecision(True, "geheim")
        return AccessDecision(False, "not_visible")
    return AccessDecision(False, "unknown_object")


def _denial(user: User | AnonymousUser, exists: bool) -> AccessDecision:
    """Why a lookup found nothing, for the access log only; the user always gets the same
    404. Asks the same questions whether or not the id exists (no timing difference)."""
    if not is_second_factor_verified(user):
        return AccessDecision(False, "second_factor_required")
    excluded = active_exclusion(user) is not None
    if not exists:
        return AccessDecision(False, "not_found")
    return AccessDecision(False, "excluded" if excluded else "not_visible")


def find_readable_document(
    user: User | AnonymousUser, uuid: UUID
) -> tuple[Document | None, AccessDecision]:
    """The vertrouwelijk document ``uuid`` if ``user`` may read it. An existing id the user
    may not read and a random id take the same queries and give the same answer."""
    document = confidential_documents_visible_to(user).filter(uuid=uuid).first()
    if document is not None:
        return document, AccessDecision(True, "vertrouwelijk")
    return None, _denial(user, Document.objects.filter(uuid=uuid).exists())


def find_readable_secret_item(
    user: User | AnonymousUser, uuid: UUID
) -> tuple[SecretItem | None, AccessDecision]:
    """The secret item ``uuid`` if ``user`` may read it, with the same queries and answer
    for an existing item the user may not read (excluded, other body) and a random id."""
    item = secret_items_visible_to(user).filter(uuid=uuid).first()
    if item is not None:
        return item, AccessDecision(True, "geheim")
    return None, _denial(user, SecretItem.objects.filter(uuid=uuid).exists())


def level_of(obj: object) -> str:
    if isinstance(obj, SecretItem | SecrecyDecision):
        return Level.GEHEIM
    if isinstance(obj, Document) and obj.category in CONFIDENTIAL_CATEGORIES:
        return Level.VERTROUWELIJK
    return Level.PUBLIC


def exclusion_message(exclusion: Exclusion) -> str:
    return _(
        "U bent bij raadsbesluit %(reference)s uitgesloten van het ontvangen van geheime "
        "informatie, van %(start)s tot en met %(end)s (Gemeentewet art. 87). Daarna krijgt u "
        "vanzelf weer toegang."
    ) % {
        "reference": exclusion.decision_reference,
        "start": date_format(exclusion.start),
        "end": date_format(exclusion.end),
    }
