"""Celery tasks: thin, safe to run twice."""

from uuid import UUID

from celery import shared_task

from .notifications import create_notifications, send_digests, send_one
from .reading import delete_expired_notes
from .service import send_review_reminders


@shared_task
def send_secrecy_review_reminders() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): remind the griffie of secrecy whose end or review date
    is near."""
    return send_review_reminders()


@shared_task
def notify_new_document(*, target_type: str, target_uuid: str, body_id: int | None = None) -> int:
    """A new document reached a body or meeting: record whom to tell (queued on commit)."""
    return create_notifications(target_type, UUID(target_uuid), body_id)


@shared_task
def send_member_notification(*, notification_id: int) -> bool:
    """The immediate e-mail of one notification (safe to run twice: sent once)."""
    return send_one(notification_id)


@shared_task
def send_member_digests() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): the digest mail of every member with new documents."""
    return send_digests()


@shared_task
def delete_expired_reading_notes() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): delete the private notes of members whose term ended."""
    return delete_expired_notes()
