"""Snippets for the public search: the passage of the published text around the hit. On
PostgreSQL ``ts_headline`` with the Dutch configuration (so stemmed forms are found and
marked); elsewhere a plain window around the first literal match. Only ``public_text`` is
read, never ``Document.text``. :func:`tidy_snippet` then makes it readable: whole words
only (no snippet begins or ends in the middle of a word) and no OCR noise from scanned
letters (stray symbols, runs of single characters)."""

import re

from django.db.models import F, QuerySet, Value
from django.db.models.functions import Concat, Greatest, Lower, StrIndex, Substr

from documents.models import Document

# Markers the database puts around a hit; the template escapes the text, then turns them
# into <mark> (see the ``mark_hits`` filter). Control characters never occur in the text.
HIT_START, HIT_STOP = "\x02", "\x03"
WINDOW = 240


def with_snippets(documents: QuerySet[Document], query: str, *, vendor: str) -> QuerySet[Document]:
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
    # One character of context on each side (a space in front of the text), so
    # tidy_snippet can tell a word cut by the window from a whole one.
    padded = Concat(Value(" "), text)
    position = StrIndex(Lower(padded), Lower(Value(query)))
    return documents.annotate(
        snippet=Substr(padded, Greatest(position - WINDOW // 3 - 1, Value(1)), WINDOW + 2)
    )


# Punctuation that belongs in running text; anything else in a word is OCR noise.
TEXT_PUNCTUATION = set(".,;:!?()[]'\"‘’“”-–—/%€&§+*…")
ELLIPSIS = "…"


def _is_noise(token: str) -> bool:
    if token.isalnum():  # most words: no symbol at all
        return False
    if HIT_START in token or HIT_STOP in token:
        return False  # never drop a hit
    letters = sum(ch.isalnum() for ch in token)
    odd = sum(not ch.isalnum() and ch not in TEXT_PUNCTUATION for ch in token)
    if letters == 0:
        return token not in {"-", "–", "—", "…", "&", "§", "€", "%"}
    return odd > 0 and odd >= letters


def _without_single_character_runs(tokens: list[str]) -> list[str]:
    """Drop runs of three or more one-character tokens ("i l 1 r"): scan debris."""
    kept, run = [], []
    for token in [*tokens, ""]:
        if len(token) == 1 and token.isalnum():
            run.append(token)
            continue
        if len(run) < 3:
            kept.extend(run)
        run = []
        if token:
            kept.append(token)
    return kept


def tidy_snippet(snippet: str | None, *, windowed: bool) -> str:
    """A readable snippet. ``windowed``: it came from the plain window (one character of
    context on each side); a word cut at either end is dropped and "…" put in its place.
    ts_headline's fragments start and end on words already."""
    if not snippet:
        return ""
    text = snippet
    lead = trail = ""
    if windowed:
        if text[:1].isspace():
            text = text[1:]
        else:  # the window began inside a word: drop it
            text = text.split(None, 1)[1] if len(text.split(None, 1)) > 1 else ""
            lead = ELLIPSIS + " "
        if len(snippet) >= WINDOW + 2:  # cut at the end too
            if not text[-1:].isspace():
                text = text.rsplit(None, 1)[0] if len(text.split()) > 1 else text
            trail = " " + ELLIPSIS
    tokens = [token for token in text.split() if not _is_noise(token)]
    tokens = _without_single_character_runs(tokens)
    body = " ".join(tokens)
    body = re.sub(r"\s+([,.;:!?])", r"\1", body)
    return f"{lead}{body}{trail}".strip() if body else ""
