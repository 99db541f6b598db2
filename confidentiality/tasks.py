"""Celery tasks: thin, safe to run twice."""

from celery import shared_task


@shared_task
def send_secrecy_review_reminders() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): remind the griffie of secrecy whose end or review date
    is near."""
    from .service import send_review_reminders

    return send_review_reminders()
