"""Management commands print what they are asked for and nothing else on start-up."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_no_axes_banner_on_stderr_of_a_management_command():
    # Regression: django-axes logged "AXES: BEGIN version …" on start-up of every command.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    assert "AXES" not in result.stderr
    assert "no issues" in result.stdout
