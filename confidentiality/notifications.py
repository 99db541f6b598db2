"""E-mail to members when a new document reaches their body or meeting.

A mail says which meeting, which agenda item and the public subject (the document's public
subject, a meeting document's title, or the public register's description of secret
information), with a link into the area. It never carries the content of a vertrouwelijk or
geheim document. Who is told is decided by the reading rule itself: a member hears of a
document only if ``reading.find_readable`` would let them read it once logged in with the
second factor, asked again just before the mail goes out.

Each member chooses: immediately, a daily digest (the default) or no e-mail.
"""

from collections.abc import Iterable
from datetime import timedelta
from uuid import UUID

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from documents.models import Document
from documents.queueing import send_on_commit
from people.models import Body, BodyKind, Membership, Person
from publication.models import MeetingDocument

from .models import (
    MemberNotification,
    NotificationPreference,
    NotifyFrequency,
    ReadingTarget,
    SecrecyDecision,
    SecretItem,
)
from .reading import URL_KIND_OF, Readable, find_readable

# The tasks this module queues, sent by name (registered by ConfidentialityConfig.ready).
NOTIFY_NEW_DOCUMENT = "confidentiality.tasks.notify_new_document"
SEND_MEMBER_NOTIFICATION = "confidentiality.tasks.send_member_notification"

# Sent notifications are kept this long (for the member's overview), then deleted.
KEEP_SENT_DAYS = 90


def frequency_of(user: User) -> str:
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference.frequency if preference else NotifyFrequency.DAILY


def set_frequency(user: User, frequency: str) -> NotificationPreference:
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, defaults={"frequency": frequency}
    )
    if frequency == NotifyFrequency.NONE:
        MemberNotification.objects.filter(recipient=user).unsent().delete()
    return preference


# --- what happened: queued on commit, the work is done by a task -------------------------------
def _queue(target_type: str, target_uuid: UUID, body_id: int | None) -> None:
    send_on_commit(
        NOTIFY_NEW_DOCUMENT,
        target_type=str(target_type),
        target_uuid=str(target_uuid),
        body_id=body_id,
    )


def announce_document(document: Document) -> None:
    """A registered ingekomen stuk reached its meeting (or, without one, the raad)."""
    if document.registered_at is None:
        return
    body_id = None
    if document.meeting is not None:
        body_id = document.meeting.body_id
    _queue(ReadingTarget.DOCUMENT, document.uuid, body_id)


def announce_secret(decision: SecrecyDecision, body: Body) -> None:
    """Secret information was provided to ``body``: one mail per item, without content."""
    for item in decision.items.all():
        _queue(ReadingTarget.SECRET_ITEM, item.uuid, body.pk)


def announce_public_document(document: Document) -> None:
    """An ingekomen stuk was published (members who were told of the original are not told
    again)."""
    _queue(
        ReadingTarget.PUBLIC_DOCUMENT,
        document.uuid,
        document.meeting.body_id if document.meeting is not None else None,
    )


def announce_meeting_document(meeting_document: MeetingDocument) -> None:
    """A meeting document was published for its meeting."""
    _queue(ReadingTarget.MEETING_DOCUMENT, meeting_document.uuid, meeting_document.meeting.body_id)


# --- who is told ---------------------------------------------------------------------------
def _in_session(user: User) -> User:
    """``user`` as they will be once logged in with the second factor, so the reading rule
    can be asked who may read a document. Only for deciding whom to tell: never a session."""
    user.is_verified = lambda: True  # type: ignore[attr-defined]  # django-otp sets it at run time
    return user


def _readable_for(user: User, target_type: str, target_uuid: UUID) -> Readable | None:
    readable, _decision = find_readable(_in_session(user), target_type, target_uuid)
    return readable


def _members_of(bodies: QuerySet[Body]) -> QuerySet[User]:
    memberships = Membership.objects.active().filter(body__in=bodies)
    people = Person.objects.in_office().filter(memberships__in=memberships)
    return (
        get_user_model()
        .objects.filter(is_active=True, person__in=people)
        .exclude(email="")
        .distinct()
    )


def create_notifications(target_type: str, target_uuid: UUID, body_id: int | None = None) -> int:
    """Record a notification for every member of the body who may read the document and
    wants e-mail; queue the mail of those who want it at once. Safe to run twice."""
    if body_id is not None:
        bodies = Body.objects.filter(pk=body_id)
    else:
        bodies = Body.objects.filter(kind=BodyKind.RAAD)
    created = 0
    for user in _members_of(bodies):
        frequency = frequency_of(user)
        if frequency == NotifyFrequency.NONE:
            continue
        readable = _readable_for(user, target_type, target_uuid)
        if readable is None or _told_of_original(user, target_type, target_uuid):
            continue
        notification, made = MemberNotification.objects.get_or_create(
            recipient=user,
            target_type=target_type,
            target_uuid=target_uuid,
            defaults=_public_summary(readable, bodies.first()),
        )
        if made:
            created += 1
            if frequency == NotifyFrequency.IMMEDIATE:
                send_on_commit(SEND_MEMBER_NOTIFICATION, notification_id=notification.pk)
    return created


def _told_of_original(user: User, target_type: str, target_uuid: UUID) -> bool:
    """The published version of an ingekomen stuk whose original the member was told of."""
    return (
        target_type == ReadingTarget.PUBLIC_DOCUMENT
        and MemberNotification.objects.filter(
            recipient=user, target_type=ReadingTarget.DOCUMENT, target_uuid=target_uuid
        ).exists()
    )


def _public_summary(readable: Readable, body: Body | None) -> dict:
    """Only what may be said in a mail: the meeting, the agenda item (not of a besloten
    vergadering) and the public subject."""
    obj = readable.obj
    if isinstance(obj, SecretItem):
        subject = obj.decision.title  # the public register's description
    elif hasattr(obj, "subject"):
        subject = obj.subject  # Document.subject: the public subject
    else:
        subject = obj.title  # a meeting document's public title
    meeting = readable.meeting
    item = ""
    if meeting is not None and meeting.shows_content and readable.agenda_item is not None:
        item = str(readable.agenda_item)
    return {
        "meeting": meeting,
        "agenda_item_title": item[:320],
        "body_name": body.name if body else "",
        "public_subject": (subject or "")[:300],
    }


# --- sending -------------------------------------------------------------------------------
def _link(notification: MemberNotification) -> str:
    if notification.meeting_id:
        path = reverse("confidentiality:meeting", args=[notification.meeting_id])
    else:
        path = reverse(
            "confidentiality:read",
            args=[URL_KIND_OF[notification.target_type], notification.target_uuid],
        )
    return settings.SITE_URL.rstrip("/") + path


def _entry(notification: MemberNotification) -> dict:
    return {
        "notification": notification,
        "kind": ReadingTarget(notification.target_type).label,
        "link": _link(notification),
    }


def _claim(notifications: Iterable[MemberNotification]) -> list[MemberNotification]:
    """Mark as sent before sending, so a second run never mails the same twice."""
    now = timezone.now()
    claimed = [
        notification
        for notification in notifications
        if MemberNotification.objects.filter(pk=notification.pk, sent_at__isnull=True).update(
            sent_at=now
        )
    ]
    return claimed


def _still_readable(notifications: Iterable[MemberNotification]) -> list[MemberNotification]:
    """Asked again just before sending: a document put under secrecy since, or a member
    excluded since, is not mentioned (and the notification is dropped)."""
    keep = []
    for notification in notifications:
        if _readable_for(
            notification.recipient, notification.target_type, notification.target_uuid
        ):
            keep.append(notification)
        else:
            notification.delete()
    return keep


def _send(user: User, entries: list[dict], *, digest: bool) -> None:
    context = {
        "user": user,
        "entries": entries,
        "digest": digest,
        "preferences": settings.SITE_URL.rstrip("/") + reverse("confidentiality:preferences"),
    }
    if digest:
        subject = ngettext(
            "Raadsinformatie: %(n)d nieuw stuk voor u",
            "Raadsinformatie: %(n)d nieuwe stukken voor u",
            len(entries),
        ) % {"n": len(entries)}
    else:
        notification = entries[0]["notification"]
        where = notification.meeting or notification.body_name
        subject = _("Raadsinformatie: nieuw stuk voor %(where)s") % {"where": where}
    body = render_to_string("confidentiality/email/notification.txt", context)
    send_mail(subject, body, None, [user.email])


def send_one(notification_id: int) -> bool:
    """The immediate mail of one notification; nothing when already sent or no longer
    wanted. Safe to run twice."""
    notification = (
        MemberNotification.objects.unsent()
        .select_related("recipient", "meeting")
        .filter(pk=notification_id)
        .first()
    )
    if notification is None:
        return False
    if frequency_of(notification.recipient) != NotifyFrequency.IMMEDIATE:
        return False  # the member changed their mind: the digest (or nothing) takes it
    entries = [_entry(n) for n in _claim(_still_readable([notification]))]
    if not entries:
        return False
    try:
        _send(notification.recipient, entries, digest=False)
    except Exception:
        MemberNotification.objects.filter(pk=notification.pk).update(sent_at=None)
        raise
    return True


def send_digests() -> int:
    """Daily: one mail per member with every notification not yet sent (members who chose
    'immediately' get the ones an earlier mail missed). Returns the number of mails."""
    cutoff = timezone.now() - timedelta(days=KEEP_SENT_DAYS)
    MemberNotification.objects.filter(sent_at__lt=cutoff).delete()
    silent = NotificationPreference.objects.filter(frequency=NotifyFrequency.NONE)
    MemberNotification.objects.unsent().filter(recipient__in=silent.values("user")).delete()
    sent = 0
    recipients = (
        get_user_model()
        .objects.filter(Q(member_notifications__sent_at__isnull=True), is_active=True)
        .distinct()
    )
    for user in recipients:
        pending = list(
            MemberNotification.objects.unsent().filter(recipient=user).select_related("meeting")
        )
        for notification in pending:
            notification.recipient = user
        claimed = _claim(_still_readable(pending))
        if not claimed:
            continue
        try:
            _send(user, [_entry(n) for n in claimed], digest=True)
        except Exception:
            MemberNotification.objects.filter(pk__in=[n.pk for n in claimed]).update(sent_at=None)
            raise
        sent += 1
    return sent
