"""Links to public pages by uuid or id without a full ``reverse`` per link: a list page has
two per row, an API page three, a feed two and a sitemap page a thousand, and ``reverse`` was
a large share of their time. The URL pattern is reversed once (per script prefix) with a
placeholder, which is replaced."""

import functools
import uuid

from django import template
from django.urls import get_script_prefix, reverse

register = template.Library()
#: Per URL argument: a placeholder its converter accepts (``<uuid:uuid>``, ``<int:pk>``)
#: and that occurs nowhere else in a path.
_PLACEHOLDERS = {"uuid": str(uuid.UUID(int=0)), "pk": "918273645546372819"}


@functools.cache
def _pattern(name: str, kwarg: str, prefix: str) -> str:
    placeholder = _PLACEHOLDERS[kwarg]
    path = reverse(name, kwargs={kwarg: placeholder})
    if path.count(placeholder) != 1:
        raise ValueError(f"{name}: the placeholder of {kwarg} is not unique in {path}")
    return path


def path_to(name: str, kwarg: str, value: uuid.UUID | int | str) -> str:
    """``reverse(name, kwargs={kwarg: value})`` for a URL whose only argument is ``uuid``
    (a UUID) or ``pk`` (a positive integer)."""
    if kwarg not in _PLACEHOLDERS:
        return reverse(name, kwargs={kwarg: value})
    if kwarg == "uuid":
        text = str(value if isinstance(value, uuid.UUID) else uuid.UUID(str(value)))
    else:
        text = str(int(value))
        if not text.isdigit():  # a negative id: no URL has one, reverse says why
            return reverse(name, kwargs={kwarg: value})
    return _pattern(name, kwarg, get_script_prefix()).replace(_PLACEHOLDERS[kwarg], text)


def uuid_path(name: str, value: uuid.UUID | str) -> str:
    """``reverse(name, kwargs={"uuid": value})`` for a URL whose only argument is a uuid."""
    return path_to(name, "uuid", value)


@register.filter
def document_path(value: uuid.UUID | str) -> str:
    return uuid_path("publication:document", value)


@register.filter
def document_file_path(value: uuid.UUID | str) -> str:
    return uuid_path("publication:document-file", value)
