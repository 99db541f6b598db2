"""Shared pieces of the recognisers: the presidio base class, tokens, and the words that
say a name follows (titles, relations, salutations, offices)."""

from __future__ import annotations

import functools
import re

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

LANGUAGE = "nl"

TITLE_WORDS = {
    "heer",
    "mevrouw",
    "mevr",
    "mw",
    "dhr",
    "hr",
    "mr",
    "dr",
    "drs",
    "ir",
    "ing",
    "prof",
    "ds",
    "mej",
    "meneer",
    "mijnheer",
    "familie",
    "fam",
    "juffrouw",
    "bc",
    "bacc",
    "kand",
    # plural: 'de heren Kwakkel en Pluimers', 'de dames ...'
    "heren",
    "dames",
}
# Words that say the next capitalised words are a person's name: relatives, neighbours,
# colleagues ('mijn buurvrouw, Hoop de Vos', 'onze zoon Daan').
RELATION_WORDS = {
    "buurman",
    "buurvrouw",
    "overbuurman",
    "overbuurvrouw",
    "buurjongen",
    "buurmeisje",
    "zoon",
    "dochter",
    "vrouw",
    "man",
    "echtgenoot",
    "echtgenote",
    "partner",
    "vriend",
    "vriendin",
    "moeder",
    "vader",
    "broer",
    "zus",
    "zuster",
    "oom",
    "tante",
    "neef",
    "nicht",
    "opa",
    "oma",
    "kleinzoon",
    "kleindochter",
    "schoonmoeder",
    "schoonvader",
    "schoonzoon",
    "schoondochter",
    "collega",
    "huisgenoot",
    "huurder",
    "verhuurder",
    "bewoner",
    "bewoonster",
    # plural: 'mijn zoons Bram en Ali', 'onze kinderen Roos en Daan'
    "kinderen",
    "kleinkinderen",
    "zoons",
    "zonen",
    "dochters",
    "buren",
    "broers",
    "zussen",
    "ouders",
    # a couple, a widow, siblings: 'het echtpaar Kwakkel-Pluimers', 'de weduwe Kwakkel'
    "echtpaar",
    "echtelieden",
    "weduwe",
    "weduwnaar",
    "gebroeders",
    "gezusters",
}
# Labels and roles in forms, lists and statements: after 'Aanvrager:', 'Persoon:',
# 'Ondergetekende,' the next word is a person's name, even a surname alone.
LABEL_WORDS = frozenset(
    {
        "naam",
        "achternaam",
        "geslachtsnaam",
        "persoon",
        "aanvrager",
        "aanvraagster",
        "contactpersoon",
        "bewoner",
        "bewoonster",
        "betrokkene",
        "ondergetekende",
        "verzoeker",
        "verzoekster",
        "indiener",
        "indienster",
        "melder",
        "klager",
        "klaagster",
        "bezwaarmaker",
        "appellant",
        "eigenaar",
        "eigenaresse",
        "huurder",
        "gemachtigde",
        "getuige",
        "inspreker",
        "insprekers",
        "belanghebbende",
        "overledene",
        "erflater",
        "echtgenoot",
        "echtgenote",
        "partner",
        "cliënt",
        "client",
        "patiënt",
        "patient",
        "deelnemer",
        "leerling",
        "ouder",
        "verzorger",
        "tav",
        "t.a.v",
        # the signature of a copy or form: 'Getekend: X', 'Ondertekend, X'
        "getekend",
        "ondertekend",
        "handtekening",
    }
)
# Nouns for a person's role, among them the neutral terms the engine writes in place of a
# name ('mevrouw belanghebbende' after redaction): never a surname.
ROLE_NOUNS = LABEL_WORDS | {
    "belanghebbende",
    "organisator",
    "afzender",
    "ambtsdrager",
    "ambtenaar",
    "ondertekenaar",
    "aanvrager",
    "indiener",
    "inspreker",
    "initiatiefnemer",
    "organisatie",
    "fractie",
}
SALUTATIONS = {
    "geachte",
    "beste",
    "lieve",
    "hallo",
    "hoi",
    "dag",
    "hey",
    "goedemorgen",
    "goedemiddag",
}
OFFICE_TITLES = {
    "wethouder",
    "burgemeester",
    "loco-burgemeester",
    "raadslid",
    "griffier",
    "commissielid",
    "fractievoorzitter",
    "gemeentesecretaris",
    "secretaris",
    "voorzitter",
    "gedeputeerde",
    "statenlid",
    "minister",
    "staatssecretaris",
    "commissaris",
    "raadsgriffier",
    "ambtenaar",
    "beleidsmedewerker",
    "medewerker",
    "directeur",
    "teamleider",
    "afdelingshoofd",
}
INITIALS_RE = re.compile(
    r"^(?:(?:IJ|Chr|[A-ZÀ-ÖØ-ÞĀ-Ž][a-z]?)\.){1,5}$|^(?:[A-ZÀ-ÖØ-ÞĀ-Ž]\.[ ]?){1,5}$"
)
NOT_INITIALS = {
    "St.",
    "Nr.",
    "No.",
    "Ca.",
    "Bv.",
    "Vz.",
    "Zie.",
    "Tel.",
    "Fax.",
    "Ons.",
    "Uw.",
    "Jl.",
    "Dd.",
    # legal forms: 'Jansen B.V.'
    "B.V.",
    "N.V.",
    "C.V.",
    "U.A.",
    "V.O.F.",
}
# Abbreviated interfixes are one token each: 'v.d.', 'v/d', "d'" (in "d'Hondt").
ABBREVIATED_INTERFIX_RE = r"v\.[ ]?d\.|v/d(?![\w/])|[dD]['’](?=[A-Z])"
# The prefixes 's and 't ("'t Hart", "'s Gravesande") are one token each.
APOSTROPHE_PREFIX_RE = r"['’‘][stST](?=\s)"
# Initials, also with a diacritic ('É.', 'Ö.') and the Dutch digraph ('IJ.', 'Chr.', 'Th.').
INITIAL = r"(?:IJ|Chr|[A-ZÀ-ÖØ-ÞĀ-Ž][a-z]?)\."
TOKEN_RE = re.compile(
    rf"{ABBREVIATED_INTERFIX_RE}|{APOSTROPHE_PREFIX_RE}|{INITIAL}(?:{INITIAL}){{0,4}}"
    rf"|[^\W\d_](?:[\w'’]|-(?=\w))*\.?|\S"
)


class Token:
    __slots__ = ("text", "start", "end", "dot", "line", "bare", "low")

    def __init__(self, text: str, start: int, end: int, line: int) -> None:
        self.dot = text.endswith(".") and len(text) > 1
        self.text = text
        self.start = start
        self.end = end
        self.line = line
        # the word without a sentence's full stop; read many times per token by the rules
        self.bare = text.rstrip(".") if self.dot and not INITIALS_RE.match(text) else text
        self.low = text.lower()

    def __repr__(self) -> str:
        return f"Token({self.text!r})"


# A line at least this long that ends in a letter was wrapped by the layout: the sentence (and
# a name in it) goes on at the next line ('afgegeven aan Anna van\nDijk'). Address blocks,
# letterheads and signatures have short lines and stay separate.
SOFT_WRAP_MIN = 45


def _hard_breaks(text: str) -> list[int]:
    """Positions of line breaks that end a line (not a wrap inside running text)."""
    breaks = []
    start = 0
    for match in _NEWLINE_RE.finditer(text):
        pos = match.start()
        soft = (
            pos - start >= SOFT_WRAP_MIN
            and (text[pos - 1].isalpha() or _ENDS_IN_ABBREVIATION.search(text, start, pos))
            and pos + 1 < len(text)
            and text[pos + 1] not in "\n\t "
        )
        if not soft:
            breaks.append(pos)
        start = pos + 1
    return breaks


_NEWLINE_RE = re.compile("\n")
# A wrapped line may end in an initial or an abbreviated interfix: 'Ook S. v.d.\nDijkstra'.
_ENDS_IN_ABBREVIATION = re.compile(r"(?:\s[A-Z]\.|\sv\.[ ]?d\.|\sv/d)$")


def tokenise(text: str) -> list[Token]:
    """Words with the number of the (logical) line they are on; a line wrapped inside running
    text continues the line before it."""
    tokens = []
    breaks = _hard_breaks(text)
    line = 0
    for match in TOKEN_RE.finditer(text):
        while line < len(breaks) and breaks[line] < match.start():
            line += 1
        word = match.group()
        glued = _GLUED_RE.match(word)
        if glued and (
            (glued.group(1).lower() in TITLE_WORDS and glued.group(2)[0].isupper())
            or (glued.group(1) in _POSSESSIVES and glued.group(2) in RELATION_WORDS)
        ):
            # OCR read a space as a hyphen: 'mevrouw-Hoekstra', 'mijn-buurman'
            cut = match.start() + glued.end(1)
            tokens.append(Token(glued.group(1), match.start(), cut, line))
            tokens.append(Token(word[glued.end(1) + 1 :], cut + 1, match.end(), line))
            continue
        tokens.append(Token(word, match.start(), match.end(), line))
    return tokens


_GLUED_RE = re.compile(r"^([A-Za-z]+)-([A-Za-z][a-z]+)$")
_POSSESSIVES = {"mijn", "onze", "ons", "zijn", "haar", "hun", "uw", "de", "een"}


def is_cap(word: str) -> bool:
    return (
        bool(word)
        and word[0].isupper()
        and not word.isupper()
        or (len(word) == 1 and word.isupper())
    )


@functools.lru_cache(maxsize=65536)
def is_name_word(word: str) -> bool:
    """Capitalised word that could be a surname part ('Jansen', 'Vries', 'Jansen-Bakker')."""
    return (
        len(word) > 1
        and word[0].isupper()
        and (word[1:].islower() or "-" in word or "'" in word)
        and word.replace("-", "").replace("'", "").isalpha()
    )


class _Recogniser(EntityRecognizer):
    ENTITY = ""
    name: str  # set by EntityRecognizer.__init__; mypy cannot infer it through presidio

    def __init__(self, **kwargs) -> None:
        super().__init__(
            supported_entities=[self.ENTITY],
            supported_language=LANGUAGE,
            name=type(self).__name__,
            **kwargs,
        )

    def load(self) -> None:  # nothing to load
        pass

    def result(self, start: int, end: int, score: float = 0.85, **meta) -> RecognizerResult:
        meta.setdefault("recognizer_name", self.name)
        return RecognizerResult(self.ENTITY, start, end, score, recognition_metadata=meta)


class _PatternRecogniser(_Recogniser):
    """Every match of ``PATTERN`` that :meth:`accepts` it, with one fixed ``SCORE``."""

    PATTERN: re.Pattern
    SCORE = 0.85

    def accepts(self, text: str, match: re.Match) -> bool:
        return True

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        return [
            self.result(m.start(), m.end(), self.SCORE)
            for m in self.PATTERN.finditer(text)
            if self.accepts(text, m)
        ]
