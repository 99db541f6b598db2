"""A worker process killed in the middle of anonymising leaves nothing half-done: the task
is delivered again and finishes; nothing is approved or published on the way."""

import os
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from documents import workflow
from documents.intake import receive_file
from documents.models import FileKind, Status
from griffie.celery import app as celery_app
from tests.factories import make_pdf
from tests.services import require_postgresql, require_redis_broker

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

LETTER = (
    "Geachte raad,\n\nIk, Piet Jansen, woon aan de Dorpsstraat 12, 4484 AB Kortgene.\n"
    "Bel mij op 06-12345678.\n\nMet vriendelijke groet,\n\nPiet Jansen\n"
)


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def children_of(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(line) for line in out.split()]


def wait_for(condition, timeout: float):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def worker_process():
    require_postgresql()
    broker = require_redis_broker()
    celery_app.conf.update(task_always_eager=False, broker_url=broker)
    with celery_app.connection_for_write() as conn:
        conn.default_channel.queue_purge(celery_app.conf.task_default_queue)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "griffie.settings.dev",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": broker,
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "griffie",
            "worker",
            "--pool=prefork",
            "--concurrency=1",
            "--loglevel=WARNING",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ],
        env=env,
        cwd=settings.BASE_DIR,
    )
    try:
        assert wait_for(lambda: celery_app.control.ping(timeout=0.5), 60), "worker did not start"
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        celery_app.conf.update(task_always_eager=True)


def test_a_killed_worker_process_leaves_the_document_reprocessable(worker_process):
    document = receive_file(make_pdf(LETTER, pages=300), "lange-brief.pdf").document
    children = children_of(worker_process.pid)
    assert len(children) == 1

    workflow.queue_anonymisation(document)
    runs = document.events.filter(action="anonymisation_run")
    assert wait_for(runs.exists, 30), "the worker did not start the task"
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
