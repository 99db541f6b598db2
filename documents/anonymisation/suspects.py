"""The reviewer's net (ADR 0006): words the engine left standing in the anonymised output
that *might* be personal, for the griffie to look at.

- capitalised words that are neither Dutch dictionary words nor kept names;
- digit sequences of six or more digits;
- @handles;
- words in lower case that the name lists know as a first name or surname and that are no
  Dutch word ('kwakkelstein', 'floortje'), and any lower-case word that is no frequent Dutch
  word right after a title or a relation ('mevrouw verbeke', 'buurman przybylski'): informal
  text writes names in lower case.

The dictionary is wordfreq's Dutch word list (a maintained package). Web word lists also
hold many names, so a word that deduce's name lists know as a first name or surname counts
as a dictionary word only when deduce lists it as a common word too ('Koning', 'Groen') or
it is a frequent word (a surname such as 'Goede' above Zipf 4.5, a first name only among
the most common words). Compounds of known words count as words. Place and street names
on their own stay (no personal data), and so do the organisation's own details (the
municipality's name and the griffie's address, from the settings when Django is set up).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import pymupdf

from .lookups import get_lookups
from .recognisers.base import ROLE_NOUNS
from .types import Rect

CAPITALISED, DIGITS, HANDLE = "capitalised", "digits", "handle"
LOWER_CASE_NAME = "lower_case_name"
KIND_LABELS = {
    CAPITALISED: "woord met hoofdletter",
    LOWER_CASE_NAME: "naam in kleine letters",
    DIGITS: "cijferreeks",
    HANDLE: "@gebruikersnaam",
}

DICTIONARY_MIN_ZIPF = 2.0  # rarer strings in a web word list are mostly names and typos
SURNAME_AS_WORD_MIN_ZIPF = 4.5  # 'Goede', 'Groot', 'Burgemeester'; not 'Jansen', 'Boer'
NAME_AS_WORD_MIN_ZIPF = 6.0  # a listed name that is one of the most common words ("Maar")

# A lower-case word rarer than this that the name lists know is a name, not a word ('kees').
LOWER_NAME_MAX_ZIPF = 3.0
# After these a lower-case word that is no frequent word is probably a surname.
NAME_CONTEXT_WORDS = frozenset(
    "mevrouw meneer mevr mw dhr heer mijnheer buurman buurvrouw familie fam".split()
)
LOWER_AFTER_TITLE_MAX_ZIPF = 3.5
WORD_RE = re.compile(r"[^\W\d_][\w'’-]*[^\W\d_]|[^\W\d_]")
DIGITS_RE = re.compile(r"(?<![\d.,])\d(?:[ ]?\d){5,}(?![\d])")
HANDLE_RE = re.compile(r"(?<![\w.@])@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?")


@dataclass
class Suspect:
    """A word or number that might be personal, with every place it stands."""

    text: str
    kind: str
    occurrences: list[tuple[int, Rect]] = field(default_factory=list)

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def pages(self) -> list[int]:
        return sorted({page for page, _ in self.occurrences})

    @property
    def page_labels(self) -> str:
        """Pages as people count them: '1, 3'."""
        return ", ".join(str(page + 1) for page in self.pages)


@functools.cache
def _dutch_words() -> dict[str, float]:
    """Word -> Zipf frequency from wordfreq's large Dutch list (about a second, once)."""
    from wordfreq import cB_to_freq, get_frequency_list

    # the list comes in buckets of words of equal frequency (get_frequency_dict's source):
    # one value per bucket, set in C, halves the time of a value per word
    words: dict[str, float] = {}
    for index, bucket in enumerate(get_frequency_list("nl", wordlist="large")):
        freq = cB_to_freq(-index)
        if freq > 0:
            words.update(dict.fromkeys(bucket, math.log10(freq) + 9))
    return words


def zipf(word: str) -> float:
    """Zipf frequency of a lower-case word in Dutch web text (0: unknown; 3: once per
    million words)."""
    return _dutch_words().get(word, 0.0)


def is_compound(lower: str) -> bool:
    """Dutch writes compounds as one word ('ontwerpbestemmingsplan'): a known word (at
    least four letters) after a known word, with or without the linking -s-."""
    for i in range(3, len(lower) - 3):
        head, tail = lower[:i], lower[i:]
        if zipf(tail) < 3.0:
            continue
        if zipf(head) >= 3.0 or (head.endswith("s") and zipf(head[:-1]) >= 3.0):
            return True
    return False


STREET_ENDINGS = (
    "straat", "weg", "laan", "plein", "dijk", "singel", "kade", "gracht", "steeg", "pad",
    "dreef", "park", "erf", "hof", "markt", "dam", "wal",
)  # fmt: skip


def is_dictionary_word(word: str) -> bool:
    lower = word.lower().strip("'’-")
    if "-" in lower:  # 'Kortgene-Zuid': every part must be known
        return all(
            is_dictionary_word(part) or part in get_lookups().places
            for part in lower.split("-")
            if part
        )
    frequency = zipf(lower)
    lookups = get_lookups()
    title = word[:1].upper() + word[1:].lower()
    if frequency < DICTIONARY_MIN_ZIPF:
        # a rare word the name lists know is a name, even when it reads as a compound
        # ('Molenkruier': a known word after a known word)
        if lower not in lookups.common_words and (
            title in lookups.surnames or title in lookups.first_names
        ):
            return False
        return is_compound(lower)
    if lower in lookups.common_words:
        return True
    if title in lookups.first_names:
        return frequency >= NAME_AS_WORD_MIN_ZIPF
    if title in lookups.surnames:
        return frequency >= SURNAME_AS_WORD_MIN_ZIPF
    return True


def is_street_name(lower: str) -> bool:
    """A street name on its own is no personal data (with a house number the engine takes
    it as an address)."""
    lookups = get_lookups()
    return lower in lookups.streets or (lower.endswith(STREET_ENDINGS) and len(lower) > 6)


def _kept_words(keep: Iterable[str]) -> set[str]:
    return {w.lower() for text in keep for w in WORD_RE.findall(text or "")}


@functools.cache
def _lower_names() -> frozenset[str]:
    """First names and surnames of the name lists, in lower case, that are no Dutch word."""
    lookups = get_lookups()
    names = {n.lower() for n in lookups.first_names | lookups.surnames if n.isalpha()}
    return frozenset(
        n
        for n in names
        if len(n) >= 3 and n not in lookups.common_words and zipf(n) < LOWER_NAME_MAX_ZIPF
    )


def is_lower_case_name(word: str, previous: str = "") -> bool:
    """A lower-case word that is a name in informal text: a listed name that is no Dutch word,
    or after a title or relation ('mevrouw verbeke') any word that is no frequent one."""
    if not word.isalpha() or not word.islower() or len(word) < 3:
        return False
    if word in _lower_names():
        return True
    return (
        previous in NAME_CONTEXT_WORDS
        and word not in ROLE_NOUNS  # 'mevrouw belanghebbende': the engine's own term
        and word not in get_lookups().common_words
        and zipf(word) < LOWER_AFTER_TITLE_MAX_ZIPF
    )


def suspects_in_text(text: str, keep: Iterable[str] = ()) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every suspect in a plain string. ``keep`` holds what is never
    a suspect: kept names and the organisation's own details (the caller reads those from
    the settings; the engine knows no Django)."""
    keep = list(keep)
    return _suspects(text, _kept_words(keep), _kept_digits(keep))


def _kept_digits(keep: list[str]) -> list[str]:
    return [re.sub(r"\D", "", t) for t in keep if re.search(r"\d{6}", re.sub(r"\D", "", t))]


def _suspects(text: str, kept: set[str], kept_digits: list[str]) -> list[tuple[int, int, str]]:
    """``suspects_in_text`` with what is kept read once (the net reads line by line)."""
    places = get_lookups().places
    found: list[tuple[int, int, str]] = []
    handles = [(m.start(), m.end()) for m in HANDLE_RE.finditer(text)]
    found += [(s, e, HANDLE) for s, e in handles]
    found += [
        (m.start(), m.end(), DIGITS)
        for m in DIGITS_RE.finditer(text)
        if not any(re.sub(r"\D", "", m.group(0)) in k for k in kept_digits)
    ]
    previous = ""
    for match in WORD_RE.finditer(text):
        word, before = match.group(0), previous
        previous = word.lower().rstrip(".")
        if word[0].islower():
            if word not in kept and is_lower_case_name(word, before):
                found.append((match.start(), match.end(), LOWER_CASE_NAME))
            continue
        if len(word) < 2:
            continue
        if any(s <= match.start() < e for s, e in handles):
            continue
        if "@" in text[max(0, match.start() - 1) : match.end() + 1]:
            continue  # part of an e-mail address: the engine's business
        lower = word.lower()
        if lower in kept:
            continue
        if is_street_name(lower):  # before places: some street names are hamlets too
            # alone it is no personal data; with a house number after it, it is an address
            number = re.match(
                r"[ ]?\d{1,5}(?:[ -]?[A-Za-z]{1,3}\b|[-/]\d{1,3})?", text[match.end() :]
            )
            if number:
                found.append((match.start(), match.end() + number.end(), CAPITALISED))
            continue
        if lower in places or is_dictionary_word(word):
            continue
        found.append((match.start(), match.end(), CAPITALISED))
    return sorted(found)


def find_suspects(
    pdf: bytes | pymupdf.Document,
    keep: Iterable[str] = (),
    *,
    words: dict[int, list[tuple]] | None = None,
) -> list[Suspect]:
    """Suspects in the text layer of a PDF, grouped by text, each with its rectangles (PDF
    points, per page) so that one click can redact all of them. ``words``: the words of
    every page (``page.get_text("words")``) when the caller read them already (verification
    does): the PDF is then not opened again."""
    keep = list(keep)
    kept, kept_digits = _kept_words(keep), _kept_digits(keep)
    groups: dict[tuple[str, str], Suspect] = {}
    if words is not None:
        for number, page_words in sorted(words.items()):
            _net_page(number, page_words, kept, kept_digits, groups)
    else:
        doc = pymupdf.open(stream=pdf, filetype="pdf") if isinstance(pdf, bytes) else pdf
        try:
            for page in doc:
                _net_page(page.number, page.get_text("words"), kept, kept_digits, groups)
        finally:
            if isinstance(pdf, bytes):
                doc.close()
    return sorted(groups.values(), key=lambda s: (s.pages[0], s.occurrences[0][1][1], s.text))


def _net_page(
    number: int,
    page_words: list[tuple],
    kept: set[str],
    kept_digits: list[str],
    groups: dict[tuple[str, str], Suspect],
) -> None:
    """The suspects of one page, line by line, added to ``groups``."""
    lines: dict[tuple[int, int], list] = {}
    for x0, y0, x1, y1, word, block, line, _ in page_words:
        lines.setdefault((block, line), []).append(((x0, y0, x1, y1), word))
    for words in lines.values():
        text, offsets = "", []
        for rect, word in words:
            if text:
                text += " "
            offsets.append((len(text), len(text) + len(word), rect))
            text += word
        for start, end, kind in _suspects(text, kept, kept_digits):
            rects = [r for s, e, r in offsets if s < end and start < e]
            if not rects:
                continue
            box = (
                min(r[0] for r in rects),
                min(r[1] for r in rects),
                max(r[2] for r in rects),
                max(r[3] for r in rects),
            )
            value = text[start:end]
            key = (kind, value.lower() if kind != DIGITS else value.replace(" ", ""))
            suspect = groups.setdefault(key, Suspect(value, kind))
            suspect.occurrences.append((number, tuple(round(c, 2) for c in box)))
