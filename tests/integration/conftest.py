import contextlib
import os
import signal
import subprocess
import sys
import time

import pytest
from celery.contrib.testing.worker import start_worker

from griffie.celery import app as celery_app
from tests.services import require_postgresql, require_redis_broker


@pytest.fixture
def real_worker(transactional_db):
    """A real Celery worker consuming from Redis, in a thread of this process."""
    require_postgresql()
    broker_url = require_redis_broker()
    previous = dict(celery_app.conf)
    celery_app.conf.update(
        task_always_eager=False,
        broker_url=broker_url,
        broker_connection_retry_on_startup=True,
    )
    with celery_app.connection_for_write() as conn:
        conn.default_channel.queue_purge(celery_app.conf.task_default_queue)
    with start_worker(
        celery_app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=30
    ) as worker:
        yield worker
    celery_app.conf.update(
        task_always_eager=previous["task_always_eager"], broker_url=previous["broker_url"]
    )


# --- worker processes of our own, for the fault tests and the killed-worker test ----------------
def database_url() -> str:
    from django.db import connection

    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_for(condition, timeout: float, interval: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False


def children_of(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(line) for line in out.split()]


class Workers:
    """Start and kill real ``celery worker`` processes against the test database."""

    def __init__(self, broker: str):
        self.broker = broker
        self.processes: list[subprocess.Popen] = []

    def start(self, concurrency: int = 1) -> subprocess.Popen:
        from django.conf import settings

        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "griffie.settings.dev",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": self.broker,
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
                f"--concurrency={concurrency}",
                "--loglevel=WARNING",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
            ],
            env=env,
            cwd=settings.BASE_DIR,
        )
        self.processes.append(process)
        assert wait_for(lambda: len(children_of(process.pid)) >= concurrency, 60), (
            "worker did not start"
        )
        assert wait_for(lambda: celery_app.control.ping(timeout=0.5), 60), "no worker answers"
        return process

    def kill(self, process: subprocess.Popen) -> None:
        """SIGKILL the main process and its pool: nothing acknowledges or requeues."""
        for pid in [process.pid, *children_of(process.pid)]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        process.wait(timeout=10)

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    self.kill(process)


@pytest.fixture
def workers(transactional_db):
    """Worker processes on an empty queue in this test's own Redis database."""
    require_postgresql()
    broker = require_redis_broker()
    eager = celery_app.conf.task_always_eager
    celery_app.conf.update(task_always_eager=False, broker_url=broker)
    with celery_app.connection_for_write() as conn:
        conn.default_channel.queue_purge(celery_app.conf.task_default_queue)
    pool = Workers(broker)
    try:
        yield pool
    finally:
        pool.stop_all()
        with celery_app.connection_for_write() as conn:
            conn.default_channel.queue_purge(celery_app.conf.task_default_queue)
        celery_app.conf.update(task_always_eager=eager)
