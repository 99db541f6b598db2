"""The queue is down at intake and comes back (issue 18): the page images are made within two
minutes of its return, by a real worker and a real beat, not after ten. The outage is a proxy
in front of this test's own Redis database (``outage.RedisOutage``): the worker, beat and this
process lose their connections and are refused while it is down."""

import os
import subprocess
import sys
import time
from io import StringIO

import pytest
from django.conf import settings

from documents.models import Document, FileKind
from tests.factories import make_pdf, run_intake
from tests.integration.conftest import database_url, wait_for
from tests.integration.outage import RedisOutage
from tests.integration.test_faults_real_services import broker_at

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

TWO_MINUTES = 120


def start_beat(broker: str, schedule) -> subprocess.Popen:
    """``celery beat`` as in production (docker-compose's ``beat``), on a fresh schedule."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "griffie.settings.dev",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": broker,
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "griffie",
            "beat",
            f"--schedule={schedule}",
            "--loglevel=WARNING",
        ],
        env=env,
        cwd=settings.BASE_DIR,
    )


def test_page_images_are_made_within_two_minutes_of_the_queue_coming_back(workers, tmp_path):
    outage = RedisOutage(workers.broker)
    outage.up()
    workers.broker = outage.url  # the worker, beat and this process all go through it
    beat = None
    try:
        with broker_at(outage.url):
            workers.start(concurrency=1)
            beat = start_beat(outage.url, tmp_path / "beat-schedule")
            letter = tmp_path / "brief.pdf"
            letter.write_bytes(make_pdf("Geachte raad,\n\nEen brief over de haven.\n", pages=3))

            outage.down()
            out = StringIO()
            run_intake(letter, "letter", "organisation", "--subject=Haven", stdout=out)
            assert "wordt verwerkt zodra de wachtrij terug is" in out.getvalue()
            document = Document.objects.get()
            assert document.page_images_queued_at is None
            time.sleep(15)  # down a while: the worker backs off between reconnects
            assert not document.files.filter(kind=FileKind.PAGE_IMAGE).exists()

            outage.up()
            back = time.monotonic()
            made = wait_for(
                lambda: document.files.filter(kind=FileKind.PAGE_IMAGE).count() == 3,
                TWO_MINUTES,
                0.5,
            )
            took = time.monotonic() - back
    finally:
        if beat is not None:
            beat.terminate()
            beat.wait(timeout=30)
        workers.stop_all()  # while the queue is up: a clean shutdown
        outage.down()
    assert made, f"no page images {TWO_MINUTES} s after the queue came back"
    print(f"page images made {took:.0f} s after the queue came back")
    document.refresh_from_db()
    assert document.page_images_queued_at is not None
    assert document.events.filter(action="render_failed").count() == 0
