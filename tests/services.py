"""Real services for integration tests: present, or skipped — but under CI=true a missing
service is a failure, never a silent skip."""

import os

import pytest
from django.db import connection


def _missing(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)


def require_postgresql() -> None:
    if connection.vendor != "postgresql":
        _missing("the tests do not run on PostgreSQL (set DATABASE_URL)")


def require_redis_broker() -> str:
    url = os.environ.get("CELERY_BROKER_URL", "")
    if not url.startswith("redis://"):
        _missing("no Redis broker configured (set CELERY_BROKER_URL)")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError as exc:
        _missing(f"Redis at {url} does not answer: {exc}")
    return url


def require_chromium() -> str:
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not os.path.exists(path):
        _missing(f"no Chromium at {path} (apt-get install chromium)")
    return path
