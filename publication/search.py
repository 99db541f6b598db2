"""Snippets for the public search: the passage of the published text around the hit. On
PostgreSQL ``ts_headline`` with the Dutch configuration (so stemmed forms are found and
marked); elsewhere a plain window around the first literal match. Only ``public_text`` is
read, never ``Document.text``."""

from django.db.models import F, Value
from django.db.models.functions import Greatest, Lower, StrIndex, Substr

# Markers the database puts around a hit; the template escapes the text, then turns them
# into <mark> (see the ``mark_hits`` filter). Control characters never occur in the text.
HIT_START, HIT_STOP = "\x02", "\x03"
WINDOW = 240


def with_snippets(documents, query: str, *, vendor: str):
    """``documents`` annotated with ``snippet``."""
    text = F("publication__public_text")
    if not query:
        return documents
    if vendor == "postgresql":
        from django.contrib.postgres.search import SearchHeadline, SearchQuery

        return documents.annotate(
            snippet=SearchHeadline(
                text,
                SearchQuery(query, config="dutch", search_type="websearch"),
                config="dutch",
                start_sel=HIT_START,
                stop_sel=HIT_STOP,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )
    position = StrIndex(Lower(text), Lower(Value(query)))
    return documents.annotate(
        snippet=Substr(text, Greatest(position - WINDOW // 3, Value(1)), WINDOW)
    )
