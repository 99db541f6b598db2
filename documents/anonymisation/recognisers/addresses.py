"""Street addresses (street + house number) and postcodes."""

from __future__ import annotations

import re

from ..lookups import Lookups
from .base import _Recogniser
from .dates import _MONTHS

POSTCODE_RE = re.compile(r"\b[1-9]\d{3}[ ]?(?!SA|SD|SS)[A-Z]{2}\b")
HOUSE_NUMBER_RE = re.compile(
    r"(?<![\w\-/.,])(?P<num>[1-9]\d{0,4})"
    # additions: 12a, 12 A (a capital after a space: '12 in' is a number and a word), 12-II
    r"(?:[a-zA-Z]{1,2}(?![\w])|[ ][A-Z](?![\w])|-(?:[IVX]{1,4}|\d{1,3}|hs|bis|[a-zA-Z])(?![\w])|[ ]bis(?![\w])|[ ](?:hs|I{1,3}|IV)(?![\w]))?"
    r"(?:,?[ ]bus[ ]\d{1,4}(?![\w]))?"
    r"(?![\w%€]|[.,]\d|[ ]?(?:%|euro|procent|jaar|maanden|weken|dagen|uur|km|m2|meter|minuten)\b"
    rf"|[ ](?:{_MONTHS})\b)"
)
DATE_START_RE = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)?\d{2}(?!\d)")
STREET_SUFFIXES = (
    "straat",
    "weg",
    "laan",
    "plein",
    "gracht",
    "kade",
    "dijk",
    "singel",
    "pad",
    "hof",
    "steeg",
    "dreef",
    "park",
    "plantsoen",
    "markt",
    "boulevard",
    "erf",
    "veld",
    "wal",
    "baan",
    "ring",
    "hoek",
    "haven",
    "burg",
    "dam",
    "werf",
    "polder",
    "zoom",
    "lei",
    "allee",
    "straatje",
)
# Suffixes that make a word a street name and never a surname ('-veld', '-dijk', '-hof'
# and '-burg' end many surnames too).
STREET_WORD_SUFFIXES = (
    "straat",
    "weg",
    "laan",
    "plein",
    "gracht",
    "kade",
    "singel",
    "steeg",
    "dreef",
    "plantsoen",
    "boulevard",
    "allee",
)


class PostcodeRecogniser(_Recogniser):
    ENTITY = "POSTCODE"

    def analyze(self, text, entities, nlp_artifacts=None):
        return [self.result(m.start(), m.end(), 0.8) for m in POSTCODE_RE.finditer(text)]


class AddressRecogniser(_Recogniser):
    """Street name (from the deduce/BAG street list, or ending in -straat, -weg, ...) followed
    by a house number with additions (12a, 12-II, 12 bis, bus 3)."""

    ENTITY = "ADDRESS"

    def __init__(self, lookups: Lookups):
        super().__init__()
        self.lookups = lookups

    def _street_start(self, text: str, num_start: int) -> int | None:
        line_start = text.rfind("\n", 0, num_start) + 1
        before = text[line_start:num_start]
        if not before and line_start >= 2 and text[line_start - 2] != "\n":
            # the street ends the previous line: 'wonende aan de Noordstraat\n97'
            end = line_start - 1
            line_start = text.rfind("\n", 0, end) + 1
            before = text[line_start:end] + " "
        if not before.endswith(" "):
            return None
        words = list(re.finditer(r"[\w'’.\-]+", before))[-5:]
        for k in range(len(words), 0, -1):
            chosen = words[-k:]
            first = chosen[0].group()
            if not (first[0].isupper() or first.startswith(("'s", "'t"))):
                continue
            raw = before[chosen[0].start() : chosen[-1].end()]
            candidate = raw.rstrip(",").lower()
            if candidate in self.lookups.not_streets:
                continue
            if raw.endswith(",") and candidate in self.lookups.places:
                continue  # 'Geersdijk, 20 ...': a place and a date, not an address
            if candidate in self.lookups.streets:
                return line_start + chosen[0].start()
            if k == 1 and candidate.endswith(STREET_SUFFIXES) and candidate.isalpha():
                return line_start + chosen[0].start()
        return None

    def analyze(self, text, entities, nlp_artifacts=None):
        results = []
        for m in HOUSE_NUMBER_RE.finditer(text):
            if DATE_START_RE.match(text, m.start()):
                continue  # 'Middelburg, 17-01-2026' is a place and a date
            start = self._street_start(text, m.start())
            if start is not None:
                results.append(self.result(start, m.end(), 0.85, street_end=m.start() - 1))
        return results
