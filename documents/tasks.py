"""Celery tasks: thin, by id, safe to run twice.

Time limits are set here, where the tasks are defined, from the worker's own settings; the
sender never writes them into a message (see ``documents.queueing.send``).
"""

import logging

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import (
    DatabaseError,
    InterfaceError,
    OperationalError,
    close_old_connections,
    connection,
)

from . import files, pages
from .models import ConcurrentChange, Document, Status
from .recovery import recover_page_images, recover_stuck_runs
from .workflow import RunBusy, run_anonymisation

logger = logging.getLogger(__name__)

LIMITS = {
    "soft_time_limit": settings.TASK_SOFT_TIME_LIMIT,
    "time_limit": settings.TASK_TIME_LIMIT,
}

TOO_LONG = (
    "Het anonimiseren duurde te lang (langer dan %(minutes)d minuten) en is afgebroken. "
    "Splits het stuk of probeer het opnieuw; neem contact op met de beheerder als het "
    "blijft gebeuren."
)
DATABASE_DOWN = (
    "Het anonimiseren is afgebroken omdat de database herhaaldelijk niet bereikbaar was. "
    "Probeer het opnieuw."
)


def _backoff(retries: int) -> int:
    return min(2 ** (retries + 1), 60)


def fresh_connection(*, always: bool = False) -> None:
    """Drop a connection that broke (terminated backend, restarted server), or ``always``:
    the next query opens a new one. Never inside a transaction (a task is not in one; a
    test that runs the task in-process is)."""
    if connection.in_atomic_block:
        return
    close_old_connections()
    if connection.connection is not None and (always or not connection.is_usable()):
        connection.close()


def record_failure(document_id: int, run_token: str | None, reason: str) -> None:
    """Mark the run failed with a reason the griffie understands, on a fresh connection;
    a run that is no longer current is left alone. If even that fails, the document stays
    'wordt geanonimiseerd' and the recovery task finishes the job."""
    for _attempt in range(3):
        fresh_connection()
        try:
            document = Document.objects.filter(pk=document_id).first()
            if document is None or document.status != Status.ANONYMISING:
                return
            if run_token and str(document.run_token) != str(run_token):
                return
            document.fail(reason)
            return
        except ConcurrentChange:
            return
        except DatabaseError:
            logger.warning("Could not record the failure of %s; retrying", document_id)
            fresh_connection(always=True)
    logger.error("Failure of document %s not recorded: %s", document_id, reason)


# The task functions end in _task so they are not taken for the helpers they call; their
# names on the queue stay as they were (messages in flight during an upgrade still match).
@shared_task(
    name="documents.tasks.render_page_images",
    bind=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
    **LIMITS,
)
def render_page_images_task(self: Task, *, document_id: int) -> int:
    document = Document.objects.filter(pk=document_id).first()
    if document is None:
        logger.warning("Document %s no longer exists", document_id)
        return 0
    try:
        return pages.render_page_images(document)
    except OSError:
        raise
    except (OperationalError, InterfaceError) as exc:  # a cut connection: again, fresh
        fresh_connection(always=True)
        raise self.retry(exc=exc, countdown=_backoff(self.request.retries)) from exc
    except Exception as exc:  # a broken file must not crash the worker
        logger.exception("Rendering pages of %s failed", document_id)
        document.record("render_failed", None, f"Pagina's konden niet worden weergegeven: {exc}")
        return 0


@shared_task(bind=True, max_retries=6, **LIMITS)
def anonymise_document(self: Task, *, document_id: int, run_token: str | None = None) -> None:
    """Anonymise one document. Re-delivered after a worker dies (acks_late), it starts over
    from the working PDF: nothing is published before the griffie approves. A message for a
    run that is no longer the document's current one does nothing."""
    try:
        document = Document.objects.filter(pk=document_id).first()
        if document is None:
            logger.warning("Document %s no longer exists", document_id)
            return
        run_anonymisation(document, run_token)
    except RunBusy as exc:
        # Another process holds the document: a second delivery of this run (it then finds
        # the run finished and exits quietly), or an older run that is about to find it
        # was superseded. Look again shortly; a live run ends within the hard limit.
        raise self.retry(
            exc=exc, countdown=5, max_retries=(LIMITS["time_limit"] // 5) + 12
        ) from exc
    except SoftTimeLimitExceeded:
        fresh_connection()
        record_failure(
            document_id, run_token, TOO_LONG % {"minutes": LIMITS["soft_time_limit"] // 60}
        )
    except (OperationalError, InterfaceError, OSError) as exc:
        # A cut database connection or unreachable storage: start over on a fresh
        # connection, with backoff; give up with a reason after max_retries.
        logger.warning("Anonymising %s interrupted (%s); retrying", document_id, exc)
        fresh_connection(always=True)
        if self.request.retries >= self.max_retries:
            record_failure(document_id, run_token, DATABASE_DOWN)
            return
        raise self.retry(exc=exc, countdown=_backoff(self.request.retries)) from exc
    except Exception as exc:  # never crash the worker; the griffie sees why
        logger.exception("Anonymising document %s failed", document_id)
        record_failure(
            document_id,
            run_token,
            f"Het anonimiseren is mislukt door een fout: {type(exc).__name__}",
        )


@shared_task(**LIMITS)
def recover_documents() -> dict:
    """Beat, every minute: bring back documents whose anonymisation run went silent."""
    counts = recover_stuck_runs()
    counts["page_images"] = recover_page_images()
    return counts


@shared_task(name="documents.tasks.remove_orphan_files", **LIMITS)
def remove_orphan_files_task() -> int:
    """Beat, hourly: remove stored files that no record refers to (a run killed between
    writing its file and committing)."""
    return files.remove_orphan_files()
