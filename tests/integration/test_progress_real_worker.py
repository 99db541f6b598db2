"""A real worker reports how far a long document is (issue 18): the inbox's figures come from
the run itself, page by page of each pass, throttled (at most about twice a second)."""

import time

import pytest
from django.urls import reverse

from documents import workflow
from documents.intake import receive_file
from documents.models import Document, RunStage, Status
from tests.factories import make_pdf

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

PAGES = 80


def test_a_real_worker_writes_reading_then_checking_progress_throttled(real_worker, griffie_client):
    text = "Geachte raad,\n\nIk, Piet Jansen, schrijf over de haven en de kade.\n" * 6
    document = receive_file(make_pdf(text, pages=PAGES), "lang.pdf").document
    workflow.queue_anonymisation(document)
    seen: list[tuple[str, int, int]] = []
    answers = []
    started = time.monotonic()
    while time.monotonic() - started < 300:
        row = Document.objects.values_list("status", "run_stage", "pages_done", "pages_total").get(
            pk=document.pk
        )
        if row[0] != Status.ANONYMISING:
            break
        if row[1] and (not seen or seen[-1] != row[1:]):
            seen.append(row[1:])
            if len(answers) < 3:
                url = reverse("documents:progress") + f"?ids={document.pk}"
                answers.append(griffie_client.get(url).json()["documents"][0])
        time.sleep(0.02)
    took = time.monotonic() - started
    print(f"{PAGES} pages in {took:.1f} s; {len(seen)} progress values seen")
    document.refresh_from_db()
    assert document.status == Status.IN_REVIEW, document.status_reason

    passes = [RunStage.READING, RunStage.DETECTING, RunStage.CHECKING]
    stages = [stage for stage, _done, _total in seen]
    assert stages == sorted(stages, key=passes.index), stages  # read, search, check
    # On a quiet machine a pass can be over between two looks, so which passes are seen
    # varies; that each is written is shown by tests/documents/test_progress.py. Here: more
    # than one pass is seen while running, in order.
    assert len(set(stages)) >= 2, stages
    reading = [done for stage, done, total in seen if stage == RunStage.READING]
    checking = [done for stage, done, total in seen if stage == RunStage.CHECKING]
    assert any(0 < done < PAGES for done in reading + checking), (
        seen
    )  # halfway, not just at the end
    assert reading == sorted(reading) and checking == sorted(checking)
    assert all(total == PAGES for _stage, _done, total in seen)
    # Throttled: far fewer distinct values than pages, about two a second at most.
    assert len(seen) <= 2 * took + 6, (len(seen), took)
    assert answers and answers[0]["state"] == "running"
    assert answers[0]["text"].startswith(
        ("Pagina's lezen", "Persoonsgegevens zoeken", "Controleren")
    )
