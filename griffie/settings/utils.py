"""Read settings from the environment, each with a default and a reason.

Every variable the application reads goes through :func:`config`, so that
``docs/configuration.md`` can list them all (see ``ENVIRONMENT_VARIABLES``).
"""

import os
from dataclasses import dataclass
from typing import Any

_UNSET = object()


@dataclass(frozen=True)
class EnvironmentVariable:
    name: str
    default: object
    help_text: str


ENVIRONMENT_VARIABLES: dict[str, EnvironmentVariable] = {}


def _cast(value: str, default: object) -> bool | int | list[str] | str:
    if isinstance(default, bool):
        return value.strip().lower() in ("1", "true", "yes", "on")
    if isinstance(default, int):
        return int(value)
    if isinstance(default, list):
        return [item.strip() for item in value.split(",") if item.strip()]
    return value


# Any: the type follows ``default`` (a string when there is none).
def config(name: str, default: object = _UNSET, *, help_text: str = "") -> Any:
    """Return the environment variable ``name`` cast to the type of ``default``."""
    ENVIRONMENT_VARIABLES[name] = EnvironmentVariable(
        name, None if default is _UNSET else default, help_text
    )
    value = os.environ.get(name)
    if value is None or value == "":
        if default is _UNSET:
            raise RuntimeError(f"Environment variable {name} is required: {help_text}")
        return default
    return _cast(value, default)
