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
