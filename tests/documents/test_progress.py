"""Long work shows progress (issue 18): the inbox shows how far each run is (pass, pages done
of total) and what is queued; the worker writes it throttled; the JSON the inbox polls holds
status and progress only."""

import datetime
import uuid
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from documents import workflow
from documents.intake import receive_file
from documents.models import Document, RunStage, Status
from documents.progress import progress_of, summary
from tests.confidentiality.helpers import verify
from tests.factories import DocumentFactory, UserFactory, make_pdf

pytestmark = pytest.mark.django_db

MINUTE = datetime.timedelta(minutes=1)


def queued(minutes_ago: int, **fields) -> Document:
    return DocumentFactory(
        status=Status.ANONYMISING,
        run_token=uuid.uuid4(),
        run_seen_at=timezone.now() - minutes_ago * MINUTE,
        **fields,
    )


def running(stage: str, done: int, total: int, **fields) -> Document:
    return queued(
        0,
        run_started_at=timezone.now(),
        run_stage=stage,
        pages_done=done,
        pages_total=total,
        **fields,
    )


def waiting_for_the_queue() -> Document:
    return DocumentFactory(status=Status.ANONYMISING, run_token=uuid.uuid4(), run_seen_at=None)


# --- what the inbox says about each run ------------------------------------------------------
def test_queued_runs_show_their_place_first_queued_first():
    later, earlier = queued(1), queued(5)
    runs = {run.id: run for run in progress_of([later, earlier])}
    assert (runs[earlier.pk].state, runs[earlier.pk].position) == ("queued", 1)
    assert runs[later.pk].position == 2
    assert runs[later.pk].text == "in de wachtrij, plaats 2"


def test_a_running_document_shows_its_pass_and_pages_done_of_total():
    reading = running(RunStage.READING, 12, 40)
    detecting = running(RunStage.DETECTING, 40, 40)
    checking = running(RunStage.CHECKING, 3, 40)
    read, detect, check = progress_of([reading, detecting, checking])
    assert (read.state, read.pages_done, read.pages_total) == ("running", 12, 40)
    assert read.text == "Pagina's lezen: pagina 12 van 40"
    assert detect.text == "Persoonsgegevens zoeken (40 pagina's gelezen)"
    assert check.text == "Controleren: pagina 3 van 40"


def test_a_run_the_queue_never_took_says_it_waits_for_the_queue():
    (run,) = progress_of([waiting_for_the_queue()])
    assert run.state == "waiting"
    assert run.text == "wacht op de wachtrij"


def test_a_finished_document_shows_no_progress():
    (run,) = progress_of([DocumentFactory(status=Status.IN_REVIEW, pages_done=4, pages_total=4)])
    assert (run.state, run.text, run.pages_total) == ("", "", 0)
    assert run.status_label == "te beoordelen"


def test_the_summary_counts_running_queued_and_waiting_runs():
    assert summary()["busy"] is False
    running(RunStage.READING, 1, 2)
    queued(1)
    queued(2)
    waiting_for_the_queue()
    result = summary()
    assert (result["running"], result["queued"], result["waiting"]) == (1, 2, 1)
    assert result["text"] == (
        "Anonimiseren: 1 stuk wordt geanonimiseerd, 2 in de wachtrij, 1 wacht op de wachtrij."
    )


# --- the screens -----------------------------------------------------------------------------
def test_the_inbox_shows_a_progress_bar_the_queue_and_a_live_summary(griffie_client):
    document = running(RunStage.READING, 7, 30)
    queued(3)
    searching = running(RunStage.DETECTING, 30, 30)
    html = griffie_client.get(reverse("documents:inbox")).content.decode()
    assert (
        f'<progress max="30" value="7" aria-label="Voortgang {document.registration_number}">'
        in html
    )
    # no pages to count while the whole text is searched: a busy bar without a value
    assert f'<progress max="30" aria-label="Voortgang {searching.registration_number}">' in html
    assert "Pagina&#x27;s lezen: pagina 7 van 30" in html
    assert "in de wachtrij, plaats 1" in html
    assert 'role="status" data-busy="true"' in html
    assert "Anonimiseren: 2 stukken worden geanonimiseerd, 1 in de wachtrij." in html
    assert "js/inbox-progress.js" in html


def test_the_progress_json_gives_status_and_progress_only(griffie_client):
    document = running(RunStage.CHECKING, 2, 5, subject="Geheime plannen", sender_name="Jan Smit")
    done = DocumentFactory(status=Status.IN_REVIEW)
    response = griffie_client.get(
        reverse("documents:progress"), {"ids": f"{document.pk},{done.pk},x,-1"}
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    data = response.json()
    runs = {run["id"]: run for run in data["documents"]}
    assert set(runs) == {document.pk, done.pk}
    assert runs[document.pk]["pages_done"] == 2 and runs[document.pk]["stage"] == "checking"
    assert runs[done.pk]["status"] == "in_review"
    assert data["counts"]["anonymising"] == 1 and data["total"] == 2
    assert data["summary"]["running"] == 1
    body = response.content.decode()
    assert "Geheime plannen" not in body and "Jan Smit" not in body


def test_only_the_griffie_gets_the_progress_json(client):
    document = running(RunStage.READING, 1, 3)
    url = reverse("documents:progress") + f"?ids={document.pk}"
    assert client.get(url).status_code == 302  # to the login
    verify(client, UserFactory(raadslid=True))
    assert client.get(url).status_code == 403


# --- the worker writes progress, throttled ---------------------------------------------------
def test_progress_of_a_500_page_document_is_written_throttled_not_per_page():
    document = running(RunStage.READING, 0, 500)
    record = workflow._progress_recorder(
        document, RunStage.READING, then=RunStage.DETECTING, interval=0.5
    )
    clock = iter(i * 0.01 for i in range(1000))  # a page every 10 ms: 5 s in all
    with (
        mock.patch.object(workflow.time, "monotonic", lambda: next(clock)),
        CaptureQueriesContext(connection) as queries,
    ):
        for page in range(1, 501):
            record(page, 500)
    writes = [q for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    assert 5 <= len(writes) <= 12  # the first page, every half second, the last page
    document.refresh_from_db()
    assert (document.pages_done, document.pages_total) == (500, 500)
    assert document.run_stage == RunStage.DETECTING


def test_a_run_reports_reading_then_checking_per_page(django_capture_on_commit_callbacks):
    document = receive_file(make_pdf("Geachte raad,\n\nEen brief.\n", pages=3), "b.pdf").document
    seen = []
    real_recorder = workflow._progress_recorder

    def spying_recorder(doc, stage, *, then="", interval=workflow.PROGRESS_INTERVAL):
        record = real_recorder(doc, stage, then=then, interval=0)  # every page, to see each

        def spy(done, total):
            record(done, total)
            seen.append(
                Document.objects.values_list("run_stage", "pages_done", "pages_total").get(
                    pk=doc.pk
                )
            )

        return spy

    with (
        mock.patch.object(workflow, "_progress_recorder", spying_recorder),
        django_capture_on_commit_callbacks(execute=True),
    ):
        workflow.queue_anonymisation(document)
    assert seen == [
        (RunStage.READING, 1, 3),
        (RunStage.READING, 2, 3),
        (RunStage.DETECTING, 3, 3),  # all pages read: the whole text is searched
        *[(RunStage.CHECKING, page, 3) for page in (1, 2, 3)],
    ]
    document.refresh_from_db()
    assert document.status == Status.IN_REVIEW


def test_the_document_page_says_how_far_its_run_is(griffie_client):
    document = running(RunStage.CHECKING, 4, 9)
    html = griffie_client.get(document.get_absolute_url()).content.decode()
    assert "Wordt geanonimiseerd. Controleren: pagina 4 van 9." in html
    queued(1)
    waiting = waiting_for_the_queue()
    html = griffie_client.get(waiting.get_absolute_url()).content.decode()
    assert "Wordt geanonimiseerd. Wacht op de wachtrij." in html
