"""Nothing stays stuck: documents whose anonymisation run went silent are queued again.

A run is *silent* when nothing was heard of it (queued, started, a page done) for longer
than the hard time limit allows a live run to last: its worker was killed, the hard limit
ended it, or the queue lost its message. On PostgreSQL a started run is known to be *dead*
much sooner: no process holds its run lock (``workflow.run_lock``) a minute after it was
last heard of, so a killed worker's documents come back within a minute or two, not after
the hard limit. A run that had started and died counts against
the retry budget; after the budget the document is marked failed with a reason. A run that
never started (message lost, or the queue was down when it was sent) is queued again
without counting: nothing is wrong with the document.
"""

import logging
import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import ConcurrentChange, Document, FileKind, Status
from .pages import send_page_images
from .workflow import dispatch_run, run_has_a_live_process

logger = logging.getLogger(__name__)


GAVE_UP = (
    "Het anonimiseren is %(n)d keer afgebroken zonder resultaat (de verwerking stopte of "
    "liep vast). Probeer het opnieuw; neem contact op met de beheerder als het blijft gebeuren."
)


def _dead_runs(quiet_since: datetime) -> Q:
    """Started runs quiet since ``quiet_since`` that no live process holds (PostgreSQL). The
    quiet time lets Celery's own redelivery of a killed child's task come first."""
    candidates = Document.objects.filter(
        status=Status.ANONYMISING, run_started_at__isnull=False, run_seen_at__lt=quiet_since
    ).values_list("pk", flat=True)
    dead = [pk for pk in candidates[:100] if run_has_a_live_process(pk) is False]
    # run_seen_at again in the condition: a redelivery that claims the run meanwhile is live.
    return Q(pk__in=dead, run_seen_at__lt=quiet_since)


def recover_stuck_runs(
    *,
    silent_for: timedelta | None = None,
    dead_after: timedelta | None = None,
    attempts: int | None = None,
    limit: int = 100,
) -> dict:
    """Queue again (or fail) every document whose run is silent or dead. Returns counts."""
    silent_for = silent_for or timedelta(seconds=settings.DOCUMENT_RUN_SILENCE_SECONDS)
    dead_after = dead_after or timedelta(seconds=settings.DOCUMENT_RUN_DEAD_SECONDS)
    attempts = attempts if attempts is not None else settings.DOCUMENT_RUN_ATTEMPTS
    now = timezone.now()
    cutoff = now - silent_for
    # Never heard of: the queue was down, or the process died before sending. A grace
    # period leaves a run that is being committed and sent right now alone.
    unsent = Q(run_seen_at__isnull=True, updated_at__lt=now - timedelta(seconds=30))
    silent = unsent | Q(run_seen_at__lt=cutoff) | _dead_runs(now - dead_after)
    stuck = Document.objects.filter(status=Status.ANONYMISING).filter(silent)
    counts = {"requeued": 0, "failed": 0}
    for document in stuck.order_by("run_seen_at")[:limit]:
        died = document.run_started_at is not None
        if died and document.run_attempts + 1 >= attempts:
            try:
                document.fail(GAVE_UP % {"n": document.run_attempts + 1})
            except ConcurrentChange:
                continue
            counts["failed"] += 1
            continue
        new_token = uuid.uuid4()
        with transaction.atomic():
            # Conditional on the run we saw: a worker that woke up meanwhile wins.
            updated = (
                Document.objects.filter(
                    pk=document.pk, status=Status.ANONYMISING, run_token=document.run_token
                )
                .filter(silent)
                .update(
                    run_token=new_token,
                    run_started_at=None,
                    run_seen_at=None,
                    run_attempts=document.run_attempts + (1 if died else 0),
                    updated_at=now,
                )
            )
            if not updated:
                continue
            document.record(
                "anonymisation_requeued",
                None,
                "De verwerking stopte; opnieuw in de wachtrij gezet."
                if died
                else "Opnieuw in de wachtrij gezet (de taak was niet aangekomen).",
            )
            dispatch_run(document.pk, new_token)
        counts["requeued"] += 1
    if any(counts.values()):
        logger.warning("Recovered anonymisation runs: %s", counts)
    return counts


def recover_page_images(
    *,
    unsent_after: timedelta = timedelta(seconds=30),
    lost_after: timedelta = timedelta(minutes=10),
    limit: int = 20,
) -> int:
    """Send the page-image task again for received documents that still have no page
    images. A task that never reached the queue (it was down at intake) goes on the first
    round after the queue is back, so the images are there within about two minutes of it
    (beat's interval plus the worker's reconnect); a task the queue took but lost goes
    after ``lost_after``. A document whose rendering failed has a 'render_failed' entry and
    is left alone; the registration screen renders on demand anyway."""
    now = timezone.now()
    never_sent = Q(page_images_queued_at__isnull=True, created_at__lt=now - unsent_after)
    lost = Q(page_images_queued_at__lt=now - lost_after)
    missing = (
        Document.objects.exclude(status=Status.FAILED)
        .filter(created_at__gt=now - timedelta(days=7), pages_total__gt=0)
        .filter(never_sent | lost)
        .exclude(files__kind=FileKind.PAGE_IMAGE)
        .exclude(events__action="render_failed")
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(send_page_images(pk) for pk in missing)
