"""Nothing stuck, nothing half-done, against real PostgreSQL, Redis and worker processes
(issue 10). Each fault is made on this test's own database and Redis database only: cut
connections with pg_terminate_backend on the test database's backends, a lost queue by
flushing our Redis database, "Redis down" with a broker URL at a closed port."""

import datetime
import os
import threading
import time
from contextlib import contextmanager
from io import StringIO
from unittest import mock

import pytest
import redis
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone

from documents import workflow
from documents.intake import receive_file
from documents.models import Document, FileKind, InvalidTransition, Status
from documents.recovery import recover_stuck_runs
from documents.tasks import anonymise_document
from documents.tasks import render_page_images_task as render_page_images
from griffie.celery import app as celery_app
from publication.models import PublicationDecision
from publication.service import PublicationRefused, publish_document
from tests.confidentiality.helpers import verify
from tests.factories import UserFactory, make_pdf, run_intake
from tests.integration.conftest import wait_for
from tests.publication.factories import approve_with_anonymised_file, received_document
from tests.services import require_postgresql

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

LETTER = (
    "Geachte raad,\n\nIk, Piet Jansen, woon aan de Dorpsstraat 12, 4484 AB Kortgene.\n"
    "Bel mij op 06-12345678.\n\nMet vriendelijke groet,\n\nPiet Jansen\n"
)
CLOSED_PORT = "redis://127.0.0.1:1/6"


def letters(n: int, pages: int) -> list[Document]:
    return [
        receive_file(make_pdf(LETTER, pages=pages), f"brief-{i}.pdf").document for i in range(n)
    ]


def settled(documents) -> bool:
    pks = [d.pk for d in documents]
    return not Document.objects.filter(pk__in=pks, status=Status.ANONYMISING).exists()


def assert_each_in_review_once(documents) -> None:
    for document in documents:
        document.refresh_from_db()
        assert document.status == Status.IN_REVIEW, (document.pk, document.status_reason)
        assert document.status_reason == ""
        assert document.events.filter(action="anonymisation_finished").count() == 1
        assert document.files.filter(kind=FileKind.ANONYMISED).count() == 1


def terminate_other_backends() -> int:
    """Cut every connection to this test database except our own."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def in_threads(*functions):
    """Run the functions at the same instant, each in its own thread with its own database
    connection; returns what each returned or raised."""
    barrier = threading.Barrier(len(functions))
    results: list = [None] * len(functions)

    def run(index, function):
        try:
            barrier.wait()
            results[index] = function()
        except Exception as exc:
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


@contextmanager
def broker_at(url: str):
    """Point this process's Celery app at another broker (its connection pools too).
    Celery reads CELERY_BROKER_URL from the environment before its configuration."""
    previous = celery_app.conf.broker_url
    previous_env = os.environ.get("CELERY_BROKER_URL")

    def use(broker: str) -> None:
        os.environ["CELERY_BROKER_URL"] = broker
        celery_app.conf.broker_url = broker
        celery_app._pool = None  # kombu keeps one pool per URL; drop our references
        celery_app.amqp._producer_pool = None

    use(url)
    try:
        yield
    finally:
        use(previous)
        if previous_env is None:
            os.environ.pop("CELERY_BROKER_URL")


# --- database connections cut mid-task ------------------------------------------------------
def test_backends_terminated_mid_task_leave_no_document_stuck_or_failed(workers):
    workers.start(concurrency=2)
    documents = letters(3, pages=40)
    for document in documents:
        workflow.queue_anonymisation(document)
    runs = Document.objects.filter(pk__in=[d.pk for d in documents], run_started_at__isnull=False)
    assert wait_for(lambda: runs.count() >= 2, 120), "the workers did not start"

    # Cut the workers' connections while they work, again every half second (each page's
    # progress update opens a new one) for at least a second and until two were cut, so the
    # cut lands mid-task however fast or slow the machine is.
    cut, started = 0, time.monotonic()
    while time.monotonic() - started < 8:
        cut += terminate_other_backends()
        if cut >= 2 and time.monotonic() - started >= 1.0:
            break
        time.sleep(0.5)
    assert cut >= 2, "no worker connection was cut"

    assert wait_for(lambda: settled(documents), 120, 0.5), "documents stayed stuck"
    assert_each_in_review_once(documents)


# --- the queue lost after a worker kill -----------------------------------------------------
def test_queue_lost_after_a_worker_kill_the_recovery_task_brings_the_documents_back(workers):
    first = workers.start(concurrency=1)
    documents = letters(2, pages=12)
    for document in documents:
        workflow.queue_anonymisation(document)
    started = Document.objects.filter(pk=documents[0].pk, run_started_at__isnull=False)
    assert wait_for(started.exists, 120), "the worker did not start"

    workers.kill(first)  # main process and pool: nothing is acknowledged or put back
    redis.Redis.from_url(workers.broker).flushdb()  # Redis restarted without its data
    time.sleep(0.5)
    assert Document.objects.filter(status=Status.ANONYMISING).count() == 2

    workers.start(concurrency=1)
    # What beat does every minute, with "silent" shortened from the hard limit to 1 s.
    counts = recover_stuck_runs(silent_for=datetime.timedelta(seconds=1))
    Document.objects.filter(run_seen_at__isnull=True).update(
        updated_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    counts_unsent = recover_stuck_runs(silent_for=datetime.timedelta(seconds=1))
    assert counts["requeued"] + counts_unsent["requeued"] == 2
    assert counts["failed"] == counts_unsent["failed"] == 0

    assert wait_for(lambda: settled(documents), 120, 0.5), "documents were not brought back"
    assert_each_in_review_once(documents)
    killed = documents[0]
    killed.refresh_from_db()
    assert killed.run_attempts == 1  # the run that died counts against the budget


# --- the whole worker killed: its run lock tells, long before the hard limit ------------------
def test_a_whole_worker_killed_mid_run_is_noticed_by_its_free_run_lock(workers):
    first = workers.start(concurrency=1)
    [document] = letters(1, pages=12)
    workflow.queue_anonymisation(document)
    started = Document.objects.filter(pk=document.pk, run_started_at__isnull=False)
    assert wait_for(started.exists, 120), "the worker did not start"
    # Main process and pool killed: the message stays unacknowledged in Redis until the
    # visibility timeout (the hard limit + 60 s); PostgreSQL frees the run lock at once.
    workers.kill(first)
    assert wait_for(lambda: workflow.run_has_a_live_process(document.pk) is False, 10)

    workers.start(concurrency=1)
    # What beat does every minute, with the one-minute wait for redelivery shortened to 1 s
    # and "silent" left at the hard limit: only the free lock can tell that this run died.
    time.sleep(1.1)
    assert recover_stuck_runs(dead_after=datetime.timedelta(seconds=1)) == {
        "requeued": 1,
        "failed": 0,
    }
    assert wait_for(lambda: settled([document]), 120, 0.5), "the document was not brought back"
    assert_each_in_review_once([document])


# --- the same task delivered twice at once --------------------------------------------------
def test_the_same_task_delivered_twice_at_once_gives_one_good_result(workers):
    workers.start(concurrency=2)
    documents = letters(2, pages=10)
    for document in documents:
        with broker_at(CLOSED_PORT):  # queue the run without sending it
            workflow.queue_anonymisation(document)
        document.refresh_from_db()
        message = {"document_id": document.pk, "run_token": str(document.run_token)}
        anonymise_document.apply_async(kwargs=message)
        anonymise_document.apply_async(kwargs=message)

    assert wait_for(lambda: settled(documents), 120, 0.5), "documents stayed stuck"
    assert_each_in_review_once(documents)
    for document in documents:
        assert not document.events.filter(action="failed").exists()


# --- 20 simultaneous intakes ----------------------------------------------------------------
def test_twenty_simultaneous_intakes_all_get_their_own_number():
    require_postgresql()
    data = make_pdf(LETTER)
    on = datetime.date(2026, 11, 2)
    with mock.patch.object(render_page_images, "apply_async"):  # not the point here
        results = in_threads(
            *[lambda i=i: receive_file(data, f"brief-{i}.pdf", received_on=on) for i in range(20)]
        )
    failures = [r for r in results if isinstance(r, Exception)]
    assert failures == []
    numbers = sorted(r.document.registration_sequence for r in results)
    assert numbers == list(range(1, 21))
    assert Document.objects.filter(registration_year=2026).count() == 20


# --- publishing racing re-anonymising, two clerks publishing --------------------------------
def test_publish_racing_re_anonymise_has_one_winner_and_a_consistent_document():
    require_postgresql()
    user = UserFactory(griffie=True)
    outcomes = []
    with mock.patch.object(anonymise_document, "apply_async"):  # the race is the point
        for _round in range(6):
            document = approve_with_anonymised_file(received_document(user=user), user)
            results = in_threads(
                lambda d=document: publish_document(Document.objects.get(pk=d.pk), user),
                lambda d=document: workflow.queue_anonymisation(Document.objects.get(pk=d.pk)),
            )
            document.refresh_from_db()
            lost = [r for r in results if isinstance(r, InvalidTransition | PublicationRefused)]
            assert len(lost) == 1, results
            # The loser is told the truth: the document changed under it (a race inside the
            # transition), or publishing checked the new status first (a race before it).
            assert any(
                words in str(lost[0])
                for words in ("intussen gewijzigd", "niet toegestaan", "kan niet met de status")
            ), lost[0]
            decision = PublicationDecision.objects.filter(document=document).first()
            if document.status == Status.PUBLISHED:
                assert decision is not None and decision.withdrawn_at is None
                assert not document.events.filter(action="anonymisation_started").count() > 1
            else:
                assert document.status == Status.ANONYMISING
                assert decision is None
                assert not document.events.filter(action="published").exists()
            outcomes.append(document.status)
    assert set(outcomes) <= {Status.PUBLISHED, Status.ANONYMISING}


def test_two_clerks_publishing_at_once_one_success_one_history_entry():
    require_postgresql()
    user = UserFactory(griffie=True)
    document = approve_with_anonymised_file(received_document(user=user), user)
    results = in_threads(
        *[lambda: publish_document(Document.objects.get(pk=document.pk), user) for _ in range(2)]
    )
    successes = [r for r in results if isinstance(r, PublicationDecision)]
    refusals = [r for r in results if isinstance(r, PublicationRefused)]
    assert len(successes) == 1 and len(refusals) == 1, results
    assert "gewijzigd" in refusals[0].reason or "al gepubliceerd" in refusals[0].reason
    assert document.events.filter(action="published").count() == 1
    assert document.events.filter(action="publication_decision").count() == 1


# --- Redis stopped --------------------------------------------------------------------------
def test_intake_and_anonymise_while_redis_is_stopped_are_saved_honest_and_recovered(
    workers, tmp_path, client
):
    path = tmp_path / "brief.pdf"
    path.write_bytes(make_pdf(LETTER, pages=2))
    user = UserFactory(griffie=True)
    verify(client, user)
    out, err = StringIO(), StringIO()
    with broker_at(CLOSED_PORT):
        started = time.monotonic()
        run_intake(
            path,
            "letter",
            "organisation",
            "--subject=Verkeer",
            "--public-sender-term=organisatie",
            stdout=out,
            stderr=err,
        )
        document = Document.objects.get()
        response = client.post(reverse("documents:anonymise", args=[document.pk]), follow=True)
        took = time.monotonic() - started
    assert "wordt verwerkt zodra de wachtrij terug is" in out.getvalue()
    assert "Traceback" not in err.getvalue()
    assert response.status_code == 200
    assert "wordt verwerkt zodra de wachtrij terug is" in response.content.decode()
    assert took < 15, f"waiting for the broker took {took:.1f} s"
    document.refresh_from_db()
    assert document.registered_at is not None
    assert document.status == Status.ANONYMISING and document.run_seen_at is None

    # Redis is back: beat's recovery task sends the run; a worker finishes it.
    workers.start(concurrency=1)
    Document.objects.filter(pk=document.pk).update(
        updated_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert recover_stuck_runs()["requeued"] == 1
    assert wait_for(lambda: settled([document]), 60, 0.5), "the run was not recovered"
    assert_each_in_review_once([document])


# --- a truncated PDF ------------------------------------------------------------------------
def test_truncated_pdfs_are_kept_as_failed_with_a_reason_in_the_browser_and_the_command(
    client, tmp_path
):
    require_postgresql()
    user = UserFactory(griffie=True)
    verify(client, user)
    data = make_pdf("Hallo wereld\n" * 40, pages=3)
    from django.core.files.uploadedfile import SimpleUploadedFile

    with broker_at(CLOSED_PORT):
        for length in range(60, 400, 7):
            upload = SimpleUploadedFile(f"kapot-{length}.pdf", data[:length], "application/pdf")
            response = client.post(reverse("documents:upload"), {"files": [upload]})
            assert response.status_code in (200, 302), length
        path = tmp_path / "kapot.pdf"
        path.write_bytes(data[:185])
        err = StringIO()
        with pytest.raises(Exception) as refused:
            run_intake(path, "letter", "citizen", stderr=err, stdout=StringIO())
    assert type(refused.value).__name__ == "CommandError"
    for document in Document.objects.all():
        assert document.status in (Status.RECEIVED, Status.FAILED)
        if document.status == Status.FAILED:
            assert document.status_reason
        assert document.files.filter(kind=FileKind.ORIGINAL).exists()
    assert Document.objects.filter(status=Status.FAILED).exists()
