"""Links to public documents by uuid without a full ``reverse`` per link: a list page has two
per row, a sitemap page a thousand, and ``reverse`` was a large share of their time. The
URL pattern is reversed once (per script prefix) with a placeholder, which is replaced."""

import functools
import uuid

from django import template
from django.urls import get_script_prefix, reverse

register = template.Library()
_PLACEHOLDER = str(uuid.UUID(int=0))


@functools.cache
def _pattern(name: str, prefix: str) -> str:
    return reverse(name, kwargs={"uuid": _PLACEHOLDER})


def uuid_path(name: str, value: uuid.UUID | str) -> str:
    """``reverse(name, kwargs={"uuid": value})`` for a URL whose only argument is a uuid."""
    value = value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    return _pattern(name, get_script_prefix()).replace(_PLACEHOLDER, str(value))


@register.filter
def document_path(value: uuid.UUID | str) -> str:
    return uuid_path("publication:document", value)


@register.filter
def document_file_path(value: uuid.UUID | str) -> str:
    return uuid_path("publication:document-file", value)
