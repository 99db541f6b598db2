"""Celery tasks: thin, safe to run twice."""

from celery import shared_task


@shared_task
def send_secrecy_review_reminders() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): remind the griffie of secrecy whose end or review date
    is near."""
    from .service import send_review_reminders

    return send_review_reminders()


@shared_task
def notify_new_document(*, target_type: str, target_uuid: str, body_id: int | None = None) -> int:
    """A new document reached a body or meeting: record whom to tell (queued on commit)."""
    from .notifications import create_notifications

    return create_notifications(target_type, target_uuid, body_id)


@shared_task
def send_member_notification(*, notification_id: int) -> bool:
    """The immediate e-mail of one notification (safe to run twice: sent once)."""
    from .notifications import send_one

    return send_one(notification_id)


@shared_task
def send_member_digests() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): the digest mail of every member with new documents."""
    from .notifications import send_digests

    return send_digests()


@shared_task
def delete_expired_reading_notes() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): delete the private notes of members whose term ended."""
    from .reading import delete_expired_notes

    return delete_expired_notes()
