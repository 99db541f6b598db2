"""Handing tasks to the queue after commit, without ever failing the request that did the
work: when the broker (Redis) is down, the work is saved and the caller can say so
honestly; the recovery task (``documents.tasks.recover_documents``) queues it again.

Tasks are sent by name, so dispatch flows one way: ``tasks`` imports the workflow it runs,
and nothing the tasks call imports them back. ``DocumentsConfig.ready`` registers them."""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from celery import current_app
from django.db import transaction

logger = logging.getLogger(__name__)

QUEUE_DOWN_MESSAGE = "opgeslagen; wordt verwerkt zodra de wachtrij terug is"

# The tasks this app sends (their names on the wire; tests check each is registered).
ANONYMISE_DOCUMENT = "documents.tasks.anonymise_document"
RENDER_PAGE_IMAGES = "documents.tasks.render_page_images"


@dataclass
class Dispatch:
    """What became of one queued task: ``None`` until the transaction committed, then
    whether the broker took it."""

    queued: bool | None = None

    @property
    def failed(self) -> bool:
        return self.queued is False


def send(task_name: str, **kwargs) -> bool:
    """Send now; False (and a warning in the log) when the broker cannot be reached. Time
    limits are left to the worker's own task definition: explicit ``None`` keeps the
    sender's settings out of the message."""
    task = current_app.tasks[task_name]
    try:
        task.apply_async(
            kwargs=kwargs,
            time_limit=None,
            soft_time_limit=None,
            retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.2},
        )
    except Exception as exc:  # kombu/redis raise several connection errors
        logger.warning("Could not queue %s%s: %s", task.name, kwargs, exc)
        return False
    return True


def send_on_commit(
    task_name: str, on_result: Callable[[bool | None], object] | None = None, **kwargs: Any
) -> Dispatch:
    """Queue the task ``task_name`` once the current transaction commits (at once outside
    one)."""
    dispatch = Dispatch()

    def deliver() -> None:
        dispatch.queued = send(task_name, **kwargs)
        if on_result is not None:
            on_result(dispatch.queued)

    transaction.on_commit(deliver)
    return dispatch
