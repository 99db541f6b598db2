import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from publication.search import HIT_START, HIT_STOP

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
