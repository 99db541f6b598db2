"""Street addresses (street + house number) and postcodes."""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from ..lookups import Lookups
from .base import _PatternRecogniser, _Recogniser
from .dates import _MONTHS

# A postcode may be broken over a line ('1234\nAB'); the recogniser checks its context.
POSTCODE_RE = re.compile(r"\b[1-9]\d{3}(?:[ ]?|[ ]?\n[ ]?)(?!SA|SD|SS)[A-Z]{2}\b")
# After the street: the house number and its additions.
_ADDITION = (
    # glued: 12a, 12bis, 12hs
    r"(?:bis|[a-zA-Z]{1,2})(?![\w])"
    # 12 A (a capital after a space: '12 in' is a number and a word)
    r"|[ ][A-Z](?![\w])"
    # 12-II, 12-2, 12 - 2, 12-hs, 12-bis, 12-A, 12-2-hoog
    r"|[ ]?-[ ]?(?:[IVX]{1,4}|\d{1,3}(?:-?(?:hoog|hg))?|hs|bis|[a-zA-Z])(?![\w])"
    # 12 bis, 12 hs, 12 II, 12 2-hoog, 12 3hg, 12 boven
    r"|[ ](?:bis|hs|huis|I{1,3}|IV|boven|beneden|\d{1,2}-?(?:hoog|hg)|\d{1,2}e[ ]etage)(?![\w])"
)
HOUSE_NUMBER_RE = re.compile(
    r"(?<![\w\-/.,])(?P<num>[1-9]\d{0,4})"
    rf"(?:{_ADDITION})?"
    r"(?:[ ](?:\d{1,2}-?(?:hoog|hg)|hs)(?![\w]))?"
    r"(?:,?[ ]bus[ ]\d{1,4}(?![\w]))?"
    r"(?![\w%€]|[.,]\d|[ ]?(?:%|euro|procent|jaar|maanden|weken|dagen|uur|keer|maal|km|m2|meter|minuten)\b"
    rf"|[ ](?:{_MONTHS})\b)"
)
DATE_START_RE = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)?\d{2}(?!\d)")
# Suffixes that make a word a street name and never a surname.
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
# Every street type after a street name: also those that end many surnames ('-veld',
# '-dijk', '-hof', '-burg') and the rarer ones.
STREET_SUFFIXES = STREET_WORD_SUFFIXES + (
    "dijk",
    "pad",
    "hof",
    "park",
    "markt",
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
    "straatje",
    "bolwerk",
    "dyk",  # Frisian 'dijk'
)
# Abbreviated street types: 'Kerkstr. 4', 'Stationsln 2', 'Dorpswg 7', 'Marktpln 1', 'Molenstg 3',
# 'Beukendrf 5', 'Heerengr 8', 'Molenhf 2', 'Kerkmrkt 1', 'Veldpd 3', 'Rozenplnts 6', 'Stadsprk 4',
# 'Oostsngl 9' (endings no Dutch word has; 'st' is left out: 'Tekst 2', 'Dienst 3').
ABBREVIATED_STREET_RE = re.compile(
    r"[a-zà-ÿ'’-]{3,}(?:str|ln|wg|pln|stg|drf|gr|hf|mrkt|pd|plnts|prk|sngl)\.?"
)


class PostcodeRecogniser(_PatternRecogniser):
    """A postcode where an address is: after a street address or a 'postcode' label, or
    before a place name. '4815 JK' alone in running text ('Sectie 4815 JK van het rapport',
    'in het jaar 1984 AB werd') is no address."""

    ENTITY = "POSTCODE"
    PATTERN = POSTCODE_RE
    SCORE = 0.8

    def __init__(self, lookups: Lookups | None = None) -> None:
        super().__init__()
        self.lookups = lookups

    def accepts(self, text: str, match: re.Match[str]) -> bool:
        return self._in_address(text, match.start(), match.end())

    def _in_address(self, text: str, start: int, end: int) -> bool:
        before = text[max(0, start - 60) : start]
        if POSTCODE_LABEL_RE.search(before):
            return True
        if AFTER_HOUSE_NUMBER_RE.search(before):
            return True  # 'Dorpsstraat 12, 1234 AB', 'Kerkweg 3a\n1234AB'
        nxt = re.match(r"[ \t,]*\n?[ \t]*([^\W\d_][\w'’-]*)", text[end : end + 40])
        if nxt is None:
            # end of text or of a line with nothing after it: an address block's last line
            rest = text[end : end + 3]
            return not rest.strip(" \t") or rest.lstrip(" \t").startswith("\n")
        word = nxt.group(1)
        if word[0].isupper() and not word.isupper():
            return True  # a place name follows: '1234 AB Wissenkerke', "1234AB 's-Gravenpolder"
        low = word.lower()
        return low.startswith(("'s", "'t")) or (
            self.lookups is not None and low in self.lookups.places
        )


POSTCODE_LABEL_RE = re.compile(r"(?i)\bpostcode\b[ \t:]*\n?[ \t]*$")
# A house number (with additions) just before the postcode.
AFTER_HOUSE_NUMBER_RE = re.compile(
    r"[A-Za-z][\w'’.-]*[ \t]+\d{1,5}[\w\- ]{0,8}[ \t]*[,;]?[ \t]*\n?[ \t]*$"
)


class AddressRecogniser(_Recogniser):
    """Street name (from the deduce/BAG street list, or ending in -straat, -weg, ...) followed
    by a house number with additions (12a, 12-II, 12 bis, bus 3)."""

    ENTITY = "ADDRESS"

    def __init__(self, lookups: Lookups) -> None:
        super().__init__()
        self.lookups = lookups

    def _street_start(self, text: str, num_start: int) -> int | None:
        line_start = text.rfind("\n", 0, num_start) + 1
        before = text[line_start:num_start]
        if line_start >= 2 and text[line_start - 2] != "\n" and len(before.split()) < 4:
            # the street ends on, or runs over from, the previous line: 'wonende aan de
            # Noordstraat\n97', 'Laan van\nMeerdervoort 12' (same length: offsets hold)
            line_start = text.rfind("\n", 0, line_start - 1) + 1
            before = text[line_start:num_start].replace("\n", " ")
        if not before.endswith(" "):
            return None
        words = list(re.finditer(r"[\w'’.\-]+", before))[-5:]
        for k in range(len(words), 0, -1):
            chosen = words[-k:]
            first = chosen[0].group()
            if not (first[0].isupper() or first.startswith(("'s", "'t"))):
                if k == 1 and self._lower_case_street(first):
                    return line_start + chosen[0].start()  # informal: 'op de veerweg 17'
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
            if k == 1 and ABBREVIATED_STREET_RE.fullmatch(candidate):
                return line_start + chosen[0].start()
        return None

    def _lower_case_street(self, word: str) -> bool:
        """A street typed in lower case (informal text): one word, not a dictionary word,
        with a suffix that only streets have ('kerkstraat', 'veerweg')."""
        if not word.isalpha() or not word.islower() or word in self.lookups.common_words:
            return False
        return any(word.endswith(s) and len(word) > len(s) + 1 for s in STREET_WORD_SUFFIXES)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = []
        for m in HOUSE_NUMBER_RE.finditer(text):
            if DATE_START_RE.match(text, m.start()):
                continue  # 'Middelburg, 17-01-2026' is a place and a date
            start = self._street_start(text, m.start())
            if start is not None:
                results.append(self.result(start, m.end(), 0.85, street_end=m.start() - 1))
        return results


# A place name: "Kortgene", "'s-Heer Arendskerke", "Bergen op Zoom", "Kapelle-Biezelinge";
# it ends on a word boundary and is no street with a house number after it.
_PLACE = (
    r"(?:'s-|'s[ \t]+|'t[ \t]+)?[A-Z][\w'’]*(?:-[\w'’]+)*"
    r"(?:[ \t]+(?:(?:aan|op|in|bij)(?:[ \t]+(?:de|den|het))?[ \t]+)?[A-Z][\w'’]*(?:-[\w'’]+)*)?"
    r"(?![\w'’-])(?![ \t]*\d)"
)
# Where someone lives or was born, in the words of a decision or a letter: 'wonende te
# Kortgene', 'woonachtig in Goes', 'woonplaats: Kamperland', 'geboren te Middelburg'.
RESIDENCE_RE = re.compile(
    r"\b(?:wonende|wonend|woonachtig|woonplaats|woont|wonen)\b[ \t]*:?[ \t]*"
    r"(?:(?:te|in|op)[ \t]+)?(?P<place>" + _PLACE + ")"
)
BIRTHPLACE_RE = re.compile(
    r"\b(?:geboren|geb\.|geboorteplaats)[ \t]*:?[ \t]*(?:(?:te|in)[ \t]+)?(?P<place>" + _PLACE + ")"
)
# Right after a person's name: 'Jan Jansen uit Kortgene', 'Jan Jansen (Goes)', 'Jan Jansen te Goes'.
AFTER_NAME_PLACE_RE = re.compile(
    r"[ \t]*,?[ \t]*(?:(?:uit|te)[ \t]+(?P<place>"
    + _PLACE
    + r")|\((?P<bracketed>"
    + _PLACE
    + r")\))"
)


def residence_places(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of places of residence ('RESIDENCE') and birth ('BIRTHPLACE')
    named as such. Whether they go is the policy's decision (3f: an appointee's do)."""
    return [
        (m.start("place"), m.end("place"), kind)
        for regex, kind in ((RESIDENCE_RE, "RESIDENCE"), (BIRTHPLACE_RE, "BIRTHPLACE"))
        for m in regex.finditer(text)
    ]


def place_after_name(text: str, end: int) -> tuple[int, int] | None:
    """The place right after a name ending at ``end`` ('… uit Kortgene', '… (Goes)')."""
    m = AFTER_NAME_PLACE_RE.match(text, end)
    if not m:
        return None
    group = "place" if m.group("place") else "bracketed"
    return m.start(group), m.end(group)
