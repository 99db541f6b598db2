"""A worker process killed in the middle of anonymising leaves nothing half-done: the task
is delivered again and finishes; nothing is approved or published on the way."""

import os
import signal
import time

import pytest

from documents import workflow
from documents.intake import receive_file
from documents.models import FileKind, Status
from tests.factories import make_pdf
from tests.integration.conftest import children_of, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

LETTER = (
    "Geachte raad,\n\nIk, Piet Jansen, woon aan de Dorpsstraat 12, 4484 AB Kortgene.\n"
    "Bel mij op 06-12345678.\n\nMet vriendelijke groet,\n\nPiet Jansen\n"
)


def test_a_killed_worker_process_leaves_the_document_reprocessable(workers):
    worker_process = workers.start(concurrency=1)
    document = receive_file(make_pdf(LETTER, pages=300), "lange-brief.pdf").document
    children = children_of(worker_process.pid)
    assert len(children) == 1

    workflow.queue_anonymisation(document)
    runs = document.events.filter(action="anonymisation_run")
    # The worker first renders the 300 page images queued at intake; on a loaded machine
    # that takes a while (a generous wait, not a speed check).
    assert wait_for(runs.exists, 180), "the worker did not start the task"
    time.sleep(0.3)  # the pool process is now busy with the 300 pages
    document.refresh_from_db()
    assert document.status == Status.ANONYMISING
    os.kill(children[0], signal.SIGKILL)

    document.refresh_from_db()
    assert document.status == Status.ANONYMISING
    assert not document.files.filter(kind=FileKind.ANONYMISED).exists()

    # reject_on_worker_lost puts the task back; a fresh pool process runs it to the end
    def finished():
        document.refresh_from_db()
        return document.status != Status.ANONYMISING

    assert wait_for(finished, 240), "the task was not delivered again"
    assert document.status == Status.IN_REVIEW, document.status_reason
    assert document.files.filter(kind=FileKind.ANONYMISED).count() == 1
    assert document.events.filter(action="anonymisation_finished").count() == 1
    assert runs.count() == 2  # started, killed, delivered again
    assert children_of(worker_process.pid) != children
