"""Fast settings for the test suite; DATABASE_URL and CELERY_BROKER_URL still apply."""

import tempfile

from .base import *  # noqa: F403

# Sample generator, demo data and bench commands: never in production (README: How it is built).
INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]  # noqa: F405

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="griffie-test-media-"))  # noqa: F405
STORAGES["default"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT  # type: ignore[index]  # noqa: F405
# Unit tests run tasks in-process; integration tests start a real worker themselves.
CELERY_TASK_ALWAYS_EAGER = True
LOGGING = {"version": 1, "disable_existing_loggers": False}
