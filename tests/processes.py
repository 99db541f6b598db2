"""A fresh Python process in the project folder, under other settings: what only a new process
shows (production settings, the apps and modules they load, ``check --deploy``)."""

import os
import subprocess
import sys

from django.conf import settings

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "griffie.settings.production",
    "SECRET_KEY": "x7!Qm2#pLr9$wZ4^tK8&vN1*bH6(cJ3)yD5_fG0+sA-eU" * 2,
    "ALLOWED_HOSTS": "example.nl",
}


def run_python(*args: str, env: dict[str, str], timeout: int = 120) -> subprocess.CompletedProcess:
    """``python *args`` with ``env`` over this process's environment, less the test run's
    DJANGO_ALLOW_ASYNC_UNSAFE (set by the conftest; production never sets it)."""
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env={**inherited, **env},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
