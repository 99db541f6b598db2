"""Organisation names: kept, and they stop person detection."""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from ..lookups import BODY_WORDS, Lookups
from .base import _Recogniser

ORG_WORDS = BODY_WORDS | {
    "bv",
    "b.v.",
    "nv",
    "n.v.",
    "vof",
    "v.o.f.",
    "namens",
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
            parts = list(re.finditer(rf"[ ]{_ORG_CONNECTOR}?({_ORG_WORD})", tail.group()))
            for index, part in enumerate(parts):
                # ... unless an article leads into the name ('Tennisvereniging De Roos'), or
                # the first name ends the organisation's name ('Stichting Femke')
                if (
                    part.group(1) in lookups.first_names
                    and part.group(1) not in {"De", "Het"}
                    and previous not in {"De", "Het"}
                    and index + 1 < len(parts)
                ):
                    break
                previous = part.group(1)
                end = m.end() + part.end()
        spans.append((m.start(), end))
    for m in ORG_SUFFIX_RE.finditer(text):
        before = m.group().split()[:-1]
        if len(before) >= 2 and before[0] in lookups.first_names:
            continue  # 'Piet Jansen B.V.': a person's own company keeps the person's name
        spans.append((m.start(), m.end()))
    # Venues and institutions named after a person: 'Johan Cruijff Arena', 'Anne Frank Huis'.
    # Not when only a register prefix stands before the word: 'Van Der Brug' is a surname.
    for m in VENUE_RE.finditer(text):
        prefix = tuple(w.lower() for w in m.group().split("\n")[-1].split()[:-1])
        if prefix not in lookups.register_interfixes:
            spans.append((m.start(), m.end()))
    return spans


_VENUE_WORDS = (
    "Arena|Stadion|Sporthal|Hal|Theater|Schouwburg|Museum|Kerk|School|Basisschool|Lyceum"
    "|College|Gymnasium|Brug|Tunnel|Sluis|Zaal|Centrum|Ziekenhuis|Kliniek|Prijs|Fonds|Huis"
    "|Toren|Park|Gemaal|Molen|Kazerne|Instituut|Academie|Bibliotheek|Plein|Stichting"
)
VENUE_RE = re.compile(
    rf"(?<![\w-])(?:(?:De|Het)[ ])?(?:[A-Z][\w'’]+(?:-[A-Z][\w'’]+)*[ \n]){{2,3}}(?:{_VENUE_WORDS})(?![\w-]|[ ]\d)"
)


# --------------------------------------------------------------------------- tokens


class OrganisationRecogniser(_Recogniser):
    """Organisation names, kept: they are not personal data, and marking them stops
    'Albert Heijn' or 'Rabobank Oosterschelde' from being taken for a person."""

    ENTITY = "ORGANISATION"

    def __init__(self, lookups: Lookups) -> None:
        super().__init__()
        self.lookups = lookups

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        return [
            self.result(s, e, 0.8, source="organisation")
            for s, e in find_organisations(text, self.lookups)
        ]
