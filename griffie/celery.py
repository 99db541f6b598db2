import logging
import os
from typing import Any

from celery import Celery
from celery.signals import worker_init, worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "griffie.settings.dev")

logger = logging.getLogger(__name__)

app = Celery("griffie")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
def build_anonymiser_lookups(**kwargs) -> None:
    """Build the name lists and recognisers once, before the pool forks: never per task."""
    from documents.anonymisation import warm_up

    warm_up()


@worker_ready.connect
def warn_when_redis_forgets(sender: object = None, **kwargs: Any) -> None:
    """Redis without append-only persistence loses queued tasks on a restart: say so."""
    url = app.conf.broker_url or ""
    if not url.startswith("redis"):
        return
    try:
        import redis

        config = redis.Redis.from_url(url, socket_connect_timeout=2).config_get("appendonly")
    except Exception:  # a broker that refuses CONFIG (managed Redis) is not our concern here
        return
    if config.get("appendonly") != "yes":
        logger.warning(
            "Redis at %s runs without appendonly: queued tasks are lost when it restarts. "
            "Start it with --appendonly yes (see docker-compose.yml).",
            url,
        )
