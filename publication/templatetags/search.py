import html
import re
from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from documents.models import registration_number
from publication.search import HIT_START, HIT_STOP

from .public_lists import around_uuid, checked_uuid
from .public_urls import document_path

register = template.Library()


@register.filter
def mark_hits(snippet: str, query: str = "") -> str:
    """A search snippet, escaped, with the hits in <mark>: the database's markers
    (PostgreSQL) or, without them, every literal occurrence of the query."""
    text: str = str(escape(snippet or ""))
    if HIT_START in text:
        text = text.replace(HIT_START, "<mark>").replace(HIT_STOP, "</mark>")
    elif query:
        text = re.sub(f"({re.escape(escape(query))})", r"<mark>\1</mark>", text, flags=re.I)
    return mark_safe(text)  # everything was escaped first


@register.simple_tag
def search_results(rows: Iterable[dict[str, Any]], query: str) -> SafeString:
    """An ``<li>`` per hit (rows of :data:`publication.public.SEARCH_COLUMNS` with their
    snippet), written in Python: the template loop resolved some thirty variables and
    filters per hit. ``test_the_hits_say_what_the_template_said`` holds it to that loop."""
    days: dict = {}
    items = []
    x = html.escape  # what Django's escape does to a str, without its check for lazy text
    before, after = around_uuid(document_path)
    for row in rows:
        day = row["received_on"]
        if day not in days:
            days[day] = escape(date_format(day, "DATE_FORMAT")) if day else ""
        number = registration_number(row["registration_year"], row["registration_sequence"])
        snippet = row.get("snippet")
        items.append(
            "\n  <li>\n"
            f'    <a href="{before}{checked_uuid(row["uuid"])}{after}">{x(number)} '
            f"{x(str(row['subject']))}</a>\n"
            f"    <small>{days[day]} · {x(str(row['public_sender_term']))}</small>\n"
            "    "
            + (f'<p class="snippet">{mark_hits(snippet, query)}</p>' if snippet else "")
            + "\n  </li>"
        )
    return mark_safe("".join(items))  # every value above was escaped
