"""Issue 17: the filter dropdowns on the search page and in the inbox were unstyled. Every
filter bar's select and input now carries the NL Design System classes."""

import re

import pytest
from django.urls import reverse

from griffie.filters import SELECT_CLASSES, TEXTBOX_CLASSES

pytestmark = pytest.mark.django_db


def _filter_controls(html: str) -> list[tuple[str, str]]:
    bar = re.search(r'<form[^>]*class="[^"]*filters[^"]*".*?</form>', html, re.S).group(0)
    controls = re.findall(r"<(select|input)\b([^>]*)>", bar)
    return [(tag, attrs) for tag, attrs in controls if 'type="hidden"' not in attrs]


def _assert_styled(html: str) -> None:
    controls = _filter_controls(html)
    assert any(tag == "select" for tag, _attrs in controls)
    for tag, attrs in controls:
        wanted = SELECT_CLASSES if tag == "select" else TEXTBOX_CLASSES
        assert f'class="{wanted}"' in attrs, (tag, attrs)


def test_the_public_search_filters_are_styled(client):
    _assert_styled(client.get(reverse("publication:search"), {"q": "brief"}).content.decode())


def test_the_inbox_filters_are_styled(griffie_client):
    _assert_styled(griffie_client.get(reverse("documents:inbox")).content.decode())
