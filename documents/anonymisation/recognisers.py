"""Dutch recognisers for presidio-analyzer, and the analyzer itself (built once per process).

Nothing is downloaded: the NLP engine is a blank spaCy Dutch pipeline (tokeniser only, lemma =
lower-case form) and all recognisers are rule- and lookup-based.
"""

from __future__ import annotations

import functools
import logging
import re

import spacy
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
from spacy.language import Language

from .lookups import Lookups, get_lookups

LANGUAGE = "nl"
logging.getLogger("presidio-analyzer").setLevel(logging.WARNING)

# --------------------------------------------------------------------------- validators


def bsn_valid(number: str) -> bool:
    """Elfproef for a BSN: 9 digits, sum(d_i * w_i) with weights 9..2 and -1 divisible by 11."""
    digits = re.sub(r"\D", "", number)
    if len(digits) == 8:
        digits = "0" + digits
    if len(digits) != 9 or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    total -= int(digits[8])
    return total % 11 == 0


def iban_valid(iban: str) -> bool:
    compact = re.sub(r"\s", "", iban).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", compact):
        return False
    if compact.startswith("NL") and not re.fullmatch(r"NL\d{2}[A-Z]{4}\d{10}", compact):
        return False
    rearranged = compact[4:] + compact[:4]
    numeric = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(numeric) % 97 == 1


# --------------------------------------------------------------------------- patterns

# Between digit groups: nothing, a space, or a separator with optional spaces around it
# ('06-12345678', '06 - 12345678', '0113 / 123456'); a line break may follow.
_SEP = r"(?:[ \t]?[.\-/][ \t]?|[ \t])?\n?"
PHONE_RE = re.compile(
    r"(?<![\w+@])"
    r"(?:"
    # international: +31 6 12345678, +31 (0)6-12345678, 0031 113 123456
    # (a line break may fall inside: '+31 6\n17242099')
    rf"(?:\+|00)31[ \t.\-]?(?:\(0\)[ \t.\-]?)?[1-9](?:{_SEP}\d){{8}}"
    r"|"
    # national with area code in brackets: (0113) 12 34 56, (020) 123 45 67
    r"\(0[1-9]\d{1,2}\)[ \t]?\d(?:[ \t.\-]?\n?\d){5,7}"
    r"|"
    # national: 06-12345678, 0113-123456, 020 123 4567, 0612345678, 0113 - 123456
    rf"0[1-9](?:{_SEP}\d){{8}}"
    r")"
    r"(?![\w@])"
)
EMAIL_RE = re.compile(
    # A line break may fall after '@', '.', '-' or before '@' (e-mail broken over two lines).
    # Letters with accents count too ('zeynep.öztürk@...').
    # Text extraction may put an empty line in such a break (two text blocks): '\n\n'.
    # OCR may read a space next to the '@' ('r.kodde @noord-beveland.nl').
    r"(?<![\w.@])(?<![\w.@]-)[^\W_][\w.%+-]*(?:-\n{1,2}[\w.%+-]+)?(?:\n{1,2}|[ ]?)@(?:\n{1,2}|[ ]?)"
    r"[A-Za-z0-9-]+(?:(?:\.\n{0,2}|-\n{1,2})[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])"
)
IBAN_RE = re.compile(
    # groups may be split by a space or a line break ('NL28 INGB\n3227 7112 79')
    r"\b[A-Z]{2}\d{2}[ \n]?[A-Z]{4}(?:[ \n]?\d){10}\b"
    r"|\b[A-Z]{2}\d{2}(?:[ \n]?[A-Z0-9]{4}){3,7}(?:[ \n]?[A-Z0-9]{1,3})?\b"
)
BSN_RE = re.compile(
    r"(?<![\w.\-])(?:\d{9}|\d{4}\.\d{2}\.\d{3}|\d{3}[ .]\d{3}[ .]\d{3})(?![\w\-]|\.\d)"
)
BSN_CONTEXT_RE = re.compile(r"(?i)\b(bsn|burgerservicenummer|sofinummer|sofi-nummer)\b")
POSTCODE_RE = re.compile(r"\b[1-9]\d{3}[ ]?(?!SA|SD|SS)[A-Z]{2}\b")
_MONTHS = (
    r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    r"|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
_DATE = rf"\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:19|20)?\d{{2}}|\d{{1,2}}[ \n](?:{_MONTHS})\.?[ \n](?:19|20)\d{{2}}"
DOB_RE = re.compile(
    rf"(?i)\b(?:geboren(?:[ ]op)?|geboortedatum|geb\.(?:[ ]?datum)?|geb(?:oren)?[ ]d\.d\.)[ \t:]*\n?[ ]?(?P<date>{_DATE})\b"
)
# Dutch licence plates, sidecodes 1-14 (letters without vowels from sidecode 4 on; we accept
# any capitals but require the dashes).
_L, _D = "[A-Z]", r"\d"
_SIDECODES = [
    (2, 2, 2, "LDD"),
    (2, 2, 2, "DDL"),
    (2, 2, 2, "DLD"),
    (2, 2, 2, "LDL"),
    (2, 2, 2, "LLD"),
    (2, 2, 2, "DLL"),
    (2, 3, 1, "DLD"),
    (1, 3, 2, "DLD"),
    (2, 3, 1, "LDL"),
    (1, 3, 2, "LDL"),
    (3, 2, 1, "LDL"),
    (1, 2, 3, "LDL"),
    (1, 2, 3, "DLD"),
    (3, 2, 1, "DLD"),
]
PLATE_RE = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(
        "-".join(
            f"{_L if kind == 'L' else _D}{{{n}}}"
            for n, kind in zip(sizes[:3], sizes[3], strict=True)
        )
        for sizes in _SIDECODES
    )
    + r")(?![\w-])"
)
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
INITIALS_RE = re.compile(r"^(?:[A-Z][a-z]?\.){1,5}$|^(?:[A-Z]\.[ ]?){1,5}$")
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
}
TOKEN_RE = re.compile(r"(?:[A-Z][a-z]?\.){1,5}|[^\W\d_](?:[\w'’]|-(?=\w))*\.?|\S")
CLOSING_RE = re.compile(
    r"(?i)^\s*(?:met\s+)?(?:(?:vriendelijke|hartelijke|collegiale|beste|warme|sportieve|"
    r"oprechte|meest\s+vriendelijke)\s+)?groet(?:en|jes)?\b[\s,.!]*$"
    r"|^\s*hoogachtend[\s,.]*$|^\s*(?:met\s+)?(?:de\s+)?(?:meeste\s+)?hoogachting[\s,.]*$"
    r"|^\s*(?:kind\s+regards|best\s+regards|regards)[\s,.]*$"
    # on behalf of: 'Namens de initiatiefnemers,', 'Namens het bestuur,'
    r"|^\s*namens\s+[^\n,]{2,50},\s*$"
    # council decisions and college letters: 'De raad voornoemd,', 'Burgemeester en
    # wethouders van Noord-Beveland,', then 'de secretaris,' / 'de burgemeester,'
    r"|^\s*de\s+raad\s+(?:voornoemd|van\s+de\s+gemeente\s+[^\n,]{2,40})[\s,.]*$"
    r"|^\s*(?:het\s+college\s+van\s+)?burgemeester\s+en\s+wethouders(?:\s+van\s+[^\n,]{2,40})?[\s,]*$"
    r"|^\s*(?:de\s+|het\s+)?(?:loco-|plv\.\s*|plaatsvervangend\s+)?(?:secretaris|gemeentesecretaris"
    r"|burgemeester|griffier|raadsgriffier|voorzitter)\s*,\s*$"
)
MAIL_HEADER_RE = re.compile(
    r"(?m)^(?:Van|Aan|Cc|CC|Bcc|From|To|Afzender)\s*:[ \t]*(?P<names>[^\n<\[]+?)[ \t]*(?:<|\[mailto:|\(|$)"
)
ORG_WORDS = {
    "stichting",
    "vereniging",
    "gemeente",
    "college",
    "raad",
    "fractie",
    "griffie",
    "provincie",
    "ministerie",
    "bv",
    "b.v.",
    "nv",
    "n.v.",
    "vof",
    "v.o.f.",
    "bestuur",
    "namens",
    "team",
    "afdeling",
    "commissie",
    "werkgroep",
    "comité",
    "comite",
    "coöperatie",
    "cooperatie",
    "dorpsraad",
    "wijkraad",
    "belangenvereniging",
    "waterschap",
    "partij",
    "club",
    "school",
}


# Organisations: known names, words that mark one (also as the end of a compound such as
# 'Rabobank', 'Thuiszorg', 'Woonstichting') and legal forms after the name.
ORG_NAMES = (
    "Albert Heijn",
    "ABN AMRO",
    "ING Bank",
    "Rabobank",
    "Triodos Bank",
    "ASN Bank",
    "SNS Bank",
    "Jumbo",
    "Lidl",
    "Aldi",
    "PostNL",
    "KPN",
    "HEMA",
    "Kruidvat",
    "Zilveren Kruis",
    "Rijkswaterstaat",
    "Staatsbosbeheer",
    "Natuurmonumenten",
    "Zeeuws Landschap",
    "Het Zeeuwse Landschap",
    "Waterschap Scheldestromen",
    "Provincie Zeeland",
    "GGD Zeeland",
    "Veiligheidsregio Zeeland",
)
ORG_MARKERS = {
    "stichting",
    "vereniging",
    "dorpsraad",
    "wijkraad",
    "dorpshuis",
    "zorg",
    "bank",
    "welzijn",
    "coöperatie",
    "cooperatie",
    "woningcorporatie",
    "woonstichting",
    "holding",
    "groep",
    "fonds",
    "supermarkt",
    "bibliotheek",
    "ziekenhuis",
    "huisartsenpraktijk",
    "makelaardij",
    "voetbalvereniging",
    "ijsclub",
    "gemeente",
    "waterschap",
    "provincie",
    "ministerie",
}
ORG_COMPOUND_ENDS = ("bank", "zorg", "stichting", "vereniging", "groep", "fonds")
LEGAL_FORMS = r"B\.V\.|BV|N\.V\.|NV|V\.O\.F\.|VOF|U\.A\.|C\.V\."
_ORG_WORD = r"[A-Z][\w'’]*(?:-[A-Z]?[\w'’]+)*"
_ORG_CONNECTOR = r"(?:(?:voor|van|de|het|der|den|op|aan)[ ])"
_ORG_TAIL = rf"(?:[ ]{_ORG_CONNECTOR}?{_ORG_WORD}){{0,3}}"
ORG_START_RE = re.compile(
    rf"(?<![\w-])(?:{'|'.join(re.escape(n) for n in ORG_NAMES)}|{_ORG_WORD})(?=[ ,.;:)\n]|$)"
)
ORG_SUFFIX_RE = re.compile(rf"(?<![\w-])(?:{_ORG_WORD}[ ]){{1,3}}(?:{LEGAL_FORMS})(?![\w])")


def find_organisations(text: str, lookups: Lookups) -> list[tuple[int, int]]:
    """Spans of organisation names: a known name, or a word that marks an organisation
    ('Stichting', 'Rabobank', 'Thuiszorg'), with the capitalised words that follow on the line
    ('Stichting Welzijn Noord-Beveland', 'Rabobank Oosterschelde'); and names before a legal
    form ('Bouwbedrijf Visser B.V.') unless they start with a known first name (a person's
    own one-man company stays a person's name)."""
    spans: list[tuple[int, int]] = []
    names = {n.lower() for n in ORG_NAMES}
    for m in ORG_START_RE.finditer(text):
        word = m.group()
        low = word.lower()
        if low not in names:
            if low not in ORG_MARKERS and not (
                low.endswith(ORG_COMPOUND_ENDS)
                and word not in lookups.first_names
                and word not in lookups.surnames
            ):
                continue
        end = m.end()
        tail = re.match(_ORG_TAIL, text[end : end + 120])
        if tail:
            # Stop before a person's first name ('Rabobank Piet Jansen' is two things).
            previous = ""
            for part in re.finditer(rf"[ ]{_ORG_CONNECTOR}?({_ORG_WORD})", tail.group()):
                # ... unless an article leads into the name ('Tennisvereniging De Roos')
                if (
                    part.group(1) in lookups.first_names
                    and part.group(1) not in {"De", "Het"}
                    and previous not in {"De", "Het"}
                ):
                    break
                previous = part.group(1)
                end = m.end() + part.end()
        spans.append((m.start(), end))
    spans.extend(
        (m.start(), m.end())
        for m in ORG_SUFFIX_RE.finditer(text)
        if m.group().split()[0] not in lookups.first_names
    )
    return spans


# --------------------------------------------------------------------------- tokens


class Token:
    __slots__ = ("text", "start", "end", "dot", "line")

    def __init__(self, text: str, start: int, end: int, line: int):
        self.dot = text.endswith(".") and len(text) > 1
        self.text = text
        self.start = start
        self.end = end
        self.line = line

    @property
    def bare(self) -> str:
        return self.text.rstrip(".") if self.dot and not INITIALS_RE.match(self.text) else self.text

    def __repr__(self):
        return f"Token({self.text!r})"


def tokenise(text: str) -> list[Token]:
    tokens = []
    line = 0
    last = 0
    for match in TOKEN_RE.finditer(text):
        line += text.count("\n", last, match.start())
        last = match.start()
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


def is_name_word(word: str) -> bool:
    """Capitalised word that could be a surname part ('Jansen', 'Vries', 'Jansen-Bakker')."""
    return (
        len(word) > 1
        and word[0].isupper()
        and (word[1:].islower() or "-" in word or "'" in word)
        and word.replace("-", "").replace("'", "").isalpha()
    )


# --------------------------------------------------------------------------- recognisers


class _Recogniser(EntityRecognizer):
    ENTITY = ""

    def __init__(self, **kwargs):
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


class PhoneRecogniser(_Recogniser):
    ENTITY = "PHONE"

    def analyze(self, text, entities, nlp_artifacts=None):
        return [self.result(m.start(), m.end(), 0.85) for m in PHONE_RE.finditer(text)]


class EmailRecogniser(_Recogniser):
    ENTITY = "EMAIL"

    def analyze(self, text, entities, nlp_artifacts=None):
        return [self.result(m.start(), m.end(), 0.95) for m in EMAIL_RE.finditer(text)]


class IbanRecogniser(_Recogniser):
    ENTITY = "IBAN"

    def analyze(self, text, entities, nlp_artifacts=None):
        return [
            self.result(m.start(), m.end(), 0.95)
            for m in IBAN_RE.finditer(text)
            if iban_valid(m.group())
        ]


class BsnRecogniser(_Recogniser):
    ENTITY = "BSN"

    def analyze(self, text, entities, nlp_artifacts=None):
        results = []
        for m in BSN_RE.finditer(text):
            if not bsn_valid(m.group()):
                continue
            context = BSN_CONTEXT_RE.search(text, max(0, m.start() - 40), m.start())
            results.append(self.result(m.start(), m.end(), 0.95 if context else 0.6))
        return results


class PostcodeRecogniser(_Recogniser):
    ENTITY = "POSTCODE"

    def analyze(self, text, entities, nlp_artifacts=None):
        return [self.result(m.start(), m.end(), 0.8) for m in POSTCODE_RE.finditer(text)]


class DateOfBirthRecogniser(_Recogniser):
    ENTITY = "DATE_OF_BIRTH"

    def analyze(self, text, entities, nlp_artifacts=None):
        return [self.result(m.start("date"), m.end("date"), 0.9) for m in DOB_RE.finditer(text)]


class LicencePlateRecogniser(_Recogniser):
    ENTITY = "LICENCE_PLATE"

    def analyze(self, text, entities, nlp_artifacts=None):
        return [
            self.result(m.start(), m.end(), 0.8)
            for m in PLATE_RE.finditer(text)
            if any(ch.isalpha() for ch in m.group())
        ]


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


class OrganisationRecogniser(_Recogniser):
    """Organisation names, kept: they are not personal data, and marking them stops
    'Albert Heijn' or 'Rabobank Oosterschelde' from being taken for a person."""

    ENTITY = "ORGANISATION"

    def __init__(self, lookups: Lookups):
        super().__init__()
        self.lookups = lookups

    def analyze(self, text, entities, nlp_artifacts=None):
        return [
            self.result(s, e, 0.8, source="organisation")
            for s, e in find_organisations(text, self.lookups)
        ]


class PersonRecogniser(_Recogniser):
    """Names in name context: after a title or salutation, initials + surname, a known first
    name + known surname, the name under a closing phrase, names in e-mail headers.

    A surname that is also a Dutch word (Visser, Bakker, Roos, de Wit) is never taken on its
    own; it needs one of the contexts above, or is spread later from a name already found."""

    ENTITY = "PERSON"

    def __init__(self, lookups: Lookups):
        super().__init__()
        self.lk = lookups

    # -- helpers
    def _interfix_len(self, tokens: list[Token], i: int) -> int:
        for size in (3, 2, 1):
            chunk = tokens[i : i + size]
            if len(chunk) == size and all(t.line == tokens[i].line for t in chunk):
                if tuple(t.text.lower() for t in chunk) in self.lk.interfixes:
                    return size
        return 0

    def _surname(
        self, tokens: list[Token], i: int, *, known_only: bool, allow_common: bool = False
    ) -> int:
        """Index after a surname starting at i (with interfix and double surname), or -1."""
        n = len(tokens)
        j = i + self._interfix_len(tokens, i) if i < n else i
        had_interfix = j > i
        if j >= n or tokens[j].line != tokens[i].line:
            return -1
        word = tokens[j].bare
        if not is_name_word(word) or word.lower() in self.lk.not_name_words:
            return -1
        if known_only and not had_interfix and word not in self.lk.surnames:
            if not ("-" in word and any(p in self.lk.surnames for p in word.split("-"))):
                return -1
        if word.lower() in self.lk.common_words and not had_interfix and not allow_common:
            return -1
        j += 1
        # double surname: Jansen-de Vries (token 'Jansen-de' + 'Vries'), or Jansen - Bakker
        tail = word.rsplit("-", 1)[1].lower() if "-" in word else ""
        if tail and tail in self.lk.interfix_words and j < n and tokens[j].line == tokens[i].line:
            after = self._surname(tokens, j, known_only=False)
            if after > 0:
                return after
        if (
            j + 1 < n
            and tokens[j].text == "-"
            and tokens[j].line == tokens[i].line
            and not self._place_like(tokens[j + 1].bare)
        ):
            after = self._surname(tokens, j + 1, known_only=False)
            if after > 0:
                return after
        return j

    def _given(self, tokens: list[Token], i: int) -> int:
        """Index after first names and/or initials starting at i."""
        j = i
        while j < len(tokens) and j - i < 4 and tokens[j].line == tokens[i].line:
            word = tokens[j].text
            if INITIALS_RE.match(word) and word not in NOT_INITIALS:
                j += 1
            elif self._first_name(tokens[j]):
                j += 1
            else:
                break
        return j

    def _given_surname(
        self, tokens: list[Token], i: int, *, known_only: bool, allow_common: bool = False
    ) -> tuple[int, int]:
        """First names/initials from i, then a surname; when the first names swallowed the
        surname ('Piet Jansen': 'Jansen' is also a first name), give words back one by one."""
        g = self._given(tokens, i)
        s = self._surname(tokens, g, known_only=known_only, allow_common=allow_common)
        back = g
        while s < 0 and back - 1 > i:
            back -= 1
            s = self._surname(tokens, back, known_only=known_only, allow_common=allow_common)
            if s > 0:
                g = back
        return g, s

    def _first_name(self, token: Token) -> bool:
        word = token.text
        if token.dot or not is_name_word(word) or word.lower() in self.lk.interfix_words:
            return False
        if word in self.lk.first_names:
            return True
        # double first names: 'Joshua-Ben', 'Anne-Marie'
        parts = word.split("-")
        return len(parts) > 1 and all(p in self.lk.first_names for p in parts)

    def _loose_name(self, tokens: list[Token], k: int) -> int:
        """After a strong name context (a title such as 'mevrouw', 'de heer', 'mr.', or a
        relation such as 'mijn buurvrouw,'): initials, capitalised words and interfixes on
        one line, ending on a capitalised word ('Bliek', 'Van Hagen', 'T.A. van Oorschot',
        'Hoop de Vos'). Surnames that are also words ('Mulder', 'De Haan') count here.
        Returns the index after the name, or -1."""
        n = len(tokens)
        j, end = k, -1
        while j < n and j - k < 7 and tokens[j].line == tokens[k].line:
            word = tokens[j].text
            if INITIALS_RE.match(word) and word not in NOT_INITIALS:
                j += 1
                continue
            size = self._interfix_len(tokens, j)
            if size:
                j += size
                continue
            bare = tokens[j].bare
            low = bare.lower()
            if (
                is_name_word(bare)
                and low not in self.lk.not_name_words
                and low not in OFFICE_TITLES
                and low not in ORG_WORDS
            ):
                j += 1
                end = j
                if tokens[j - 1].dot:
                    break
                continue
            break
        return end

    @staticmethod
    def _mid_sentence(text: str, tokens: list[Token], i: int) -> bool:
        """The token does not start a sentence (nor the text, a line after a full stop, or a
        line of a list/letterhead)."""
        if i == 0:
            return False
        before = text[: tokens[i].start].rstrip()
        if not before or before[-1] in ".!?:;\u2022-*":
            return False
        prev = tokens[i - 1]
        return prev.line == tokens[i].line or before[-1] in ",abcdefghijklmnopqrstuvwxyz"

    def _place_like(self, word: str) -> bool:
        """A street or place name ('Noordlandsweg' in 'Burak Yilmaz - Noordlandsweg 52')."""
        low = word.lower()
        return low in self.lk.streets or low in self.lk.places or low.endswith(STREET_WORD_SUFFIXES)

    def _is_title(self, token: Token) -> bool:
        if len(token.text.rstrip(".")) >= 2 and token.text.rstrip(".").isupper():
            return False  # 'BC', 'DR' in a postcode, 'MR' in a heading
        word = token.text.rstrip(".").lower()
        return word in TITLE_WORDS or word in self.lk.prefixes

    # -- main
    def analyze(self, text, entities, nlp_artifacts=None):
        tokens = tokenise(text)
        found: list[tuple[int, int, str]] = []
        n = len(tokens)
        i = 0
        while i < n:
            tok = tokens[i]
            word = tok.text
            end = -1
            source = ""
            start_idx = i
            if self._is_title(tok) or (word.lower() in SALUTATIONS and i + 1 < n):
                # skip a chain of titles: 'de heer mr. dr.'
                k = i
                while k < n and (
                    self._is_title(tokens[k]) or tokens[k].text.lower() in SALUTATIONS
                ):
                    k += 1
                if (
                    k < n
                    and tokens[k].text.lower() == "de"
                    and k + 1 < n
                    and self._is_title(tokens[k + 1])
                ):
                    k += 2
                strong = any(self._is_title(tokens[x]) for x in range(i, k))
                loose = self._loose_name(tokens, k) if strong and k < n else -1
                g, s = self._given_surname(tokens, k, known_only=False)
                if loose > k and tokens[loose - 1].line == tok.line:
                    start_idx, end, source = k, loose, "title"
                elif s > 0 and tokens[s - 1].line == tok.line:
                    start_idx, end, source = k, s, "title"
                elif g > k:  # 'Beste Piet'
                    start_idx, end, source = k, g, "title"
            elif INITIALS_RE.match(word) and word not in NOT_INITIALS:
                g, s = self._given_surname(tokens, i, known_only=False)
                if s > 0:
                    end, source = s, "initials"
            elif word.lower() in RELATION_WORDS and i + 1 < n:
                k = i + 1 + (tokens[i + 1].text == ",")
                loose = self._loose_name(tokens, k) if k < n else -1
                if loose > k and (
                    loose - k >= 2
                    or self._first_name(tokens[k])
                    or tokens[k].bare in self.lk.surnames
                ):
                    start_idx, end, source = k, loose, "relation"
            elif self._first_name(tok):
                g, s = self._given_surname(tokens, i, known_only=True)
                if s > 0:
                    end, source = s, "first_name"
                elif word.lower() not in self.lk.common_words:
                    # A first name that is no Dutch word, then a capitalised word that is no
                    # word, place or street either: 'Joshua-Ben Lutterveld'.
                    g, s = self._given_surname(tokens, i, known_only=False, allow_common=True)
                    last = tokens[s - 1].bare.lower() if s > 0 else ""
                    if (
                        s > g
                        and (
                            last not in self.lk.common_words
                            or (s == g + 1 and tokens[g].bare in self.lk.surnames)
                        )
                        and not last.endswith(STREET_WORD_SUFFIXES)
                        and last not in ORG_WORDS
                        and last not in OFFICE_TITLES
                    ):
                        end, source = s, "first_name"
            elif self._mid_sentence(text, tokens, i):
                # 'Hoop de Vos' in running text: a capitalised word that does not start a
                # sentence, then an interfix and a known surname.
                size = self._interfix_len(tokens, i + 1)
                j = i + 1 + size
                if (
                    size
                    and j < n
                    and tokens[j].line == tok.line
                    and tokens[i + 1].text.islower()
                    and is_name_word(tokens[j].bare)
                    and tokens[j].bare in self.lk.surnames
                    and tokens[j].bare.lower() not in self.lk.places
                    and is_name_word(word)
                    and word.lower() not in self.lk.not_name_words
                    and word.lower() not in OFFICE_TITLES
                    and word.lower() not in ORG_WORDS
                    and word.lower() not in self.lk.places
                    and word.lower() not in self.lk.streets
                ):
                    end, source = j + 1, "interfix"
            if end > start_idx:
                span_start, span_end = tokens[start_idx].start, tokens[end - 1].end
                if text[span_end - 1] == "." and not INITIALS_RE.match(tokens[end - 1].text):
                    span_end -= 1
                candidate = text[span_start:span_end]
                if source in {"title", "relation"} or (
                    candidate.lower() not in self.lk.places
                    and candidate.lower() not in self.lk.streets
                ):
                    found.append((span_start, span_end, source))
                i = end
                continue
            i += 1
        found.extend(self._mail_headers(text))
        found.extend(self._signatures(text))
        organisations = find_organisations(text, self.lk)
        return [
            self.result(s, e, 0.85, source=src)
            for s, e, src in found
            if not any(s < oe and os < e for os, oe in organisations)
        ]

    def _name_line(self, line: str) -> bool:
        # OCR may read a speck as ':' or ';' after a word inside the name ('K. van den:
        # Nuwenhuijzen'); a colon after the first word is a label ('Tel: ...') and stays.
        words = line.split()
        if len(words) > 2:
            line = " ".join(
                [words[0]] + [re.sub(r"(?<=\w)[:;]$", "", w) for w in words[1:-1]] + [words[-1]]
            )
        words = line.split()
        if not 1 <= len(words) <= 6 or any(ch.isdigit() or ch in "@:/" for ch in line):
            return False
        if any(w.lower().strip(",.") in ORG_WORDS for w in words):
            return False
        if line.strip().lower() in self.lk.places:
            return False
        caps = [w for w in words if is_cap(w.strip(",.")) or INITIALS_RE.match(w)]
        rest = [w for w in words if w not in caps]
        if not caps or any(
            tuple(w.lower().split()) not in self.lk.interfixes
            and w.lower() not in self.lk.interfix_words
            for w in rest
        ):
            return False
        # a signature name has at least one word we know as a name, or initials, or two caps
        known = any(
            w.strip(",.") in self.lk.first_names
            or w.strip(",.") in self.lk.surnames
            or INITIALS_RE.match(w)
            for w in caps
        )
        return known or len(caps) >= 2

    def _signatures(self, text: str):
        lines = list(re.finditer(r"[^\n]+", text))
        for idx, m in enumerate(lines):
            if len(m.group()) > 60 or not CLOSING_RE.match(m.group()):
                continue
            named = False
            for nxt in lines[idx + 1 : idx + 5]:
                if text.count("\n", m.end(), nxt.start()) > 6:
                    break
                line = nxt.group().strip()
                if self._name_line(line):
                    lead = len(nxt.group()) - len(nxt.group().lstrip())
                    yield (
                        nxt.start() + lead,
                        nxt.start() + lead + len(line.rstrip(",.")),
                        "signature",
                    )
                    # Go on with the next line: OCR may read the scribble as a short 'name'
                    # above the printed one, and two signatories sign one under the other.
                    named = True
                elif named:
                    break

    def _mail_headers(self, text: str):
        for m in MAIL_HEADER_RE.finditer(text):
            names = m.group("names")
            offset = m.start("names")
            for part in re.finditer(r"[^;,]+", names):
                chunk = part.group().strip().strip("'\"")
                if "@" in chunk or not chunk:
                    continue
                words = chunk.split()
                if 1 <= len(words) <= 6 and any(is_name_word(w) for w in words):
                    lead = part.group().find(chunk)
                    start = offset + part.start() + lead
                    yield (start, start + len(chunk), "mail_header")


# --------------------------------------------------------------------------- analyzer


@Language.component("lower_lemma")
def _lower_lemma(doc):
    for token in doc:
        token.lemma_ = token.lower_
    return doc


class BlankDutchNlpEngine(SpacyNlpEngine):
    """presidio NLP engine on ``spacy.blank('nl')``: tokeniser only, never downloads."""

    def __init__(self):
        super().__init__(models=[{"lang_code": LANGUAGE, "model_name": "blank:nl"}])

    def load(self) -> None:
        nlp = spacy.blank(LANGUAGE)
        nlp.add_pipe("lower_lemma")
        self.nlp = {LANGUAGE: nlp}


def empty_artifacts() -> NlpArtifacts:
    """NLP artifacts without tokens: none of our recognisers reads spaCy tokens."""
    nlp = get_analyzer().nlp_engine.nlp[LANGUAGE]
    return NlpArtifacts(
        entities=[],
        tokens=nlp.make_doc(""),
        tokens_indices=[],
        lemmas=[],
        nlp_engine=get_analyzer().nlp_engine,
        language=LANGUAGE,
    )


@functools.cache
def get_analyzer() -> AnalyzerEngine:
    """presidio AnalyzerEngine for Dutch with our recognisers; built once per process."""
    lookups = get_lookups()
    nlp_engine = BlankDutchNlpEngine()
    nlp_engine.load()
    registry = RecognizerRegistry(supported_languages=[LANGUAGE])
    for recogniser in (
        PhoneRecogniser(),
        EmailRecogniser(),
        IbanRecogniser(),
        BsnRecogniser(),
        PostcodeRecogniser(),
        DateOfBirthRecogniser(),
        LicencePlateRecogniser(),
        AddressRecogniser(lookups),
        OrganisationRecogniser(lookups),
        PersonRecogniser(lookups),
    ):
        registry.add_recognizer(recogniser)
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=[LANGUAGE])
