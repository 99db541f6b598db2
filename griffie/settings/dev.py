"""Development and demo: SQLite and in-process Celery unless the environment says otherwise."""

import os

os.environ.setdefault("DEBUG", "true")

from .base import *  # noqa: E402,F403

# Sample generator, demo data and bench commands: never in production (README: How it is built).
INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]  # noqa: F405

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# ``make demo`` runs with DEBUG=false so a newcomer sees the site as the public does (our
# 404 and 500 pages, not Django's technical 404 listing every URL pattern); whitenoise then
# serves static/ straight from the source folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
