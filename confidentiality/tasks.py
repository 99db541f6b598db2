"""Celery tasks: thin, safe to run twice."""

from celery import shared_task


@shared_task
def send_secrecy_review_reminders() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): remind the griffie of secrecy whose end or review date
    is near."""
    from .service import send_review_reminders

    return send_review_reminders()


@shared_task
def purge_old_login_failures() -> int:
    """Daily: failed logins older than the throttling window are no longer needed."""
    from .throttle import purge_old

    return purge_old()
