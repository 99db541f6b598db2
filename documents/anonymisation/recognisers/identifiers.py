"""Identifiers: IBAN, BSN, licence plates, identity documents, client numbers."""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from stdnum import iban as stdnum_iban
from stdnum.be import nn as belgian_national_number
from stdnum.nl import bsn

from .base import _PatternRecogniser, _Recogniser


def bsn_valid(number: str) -> bool:
    """Elfproef for a BSN (``stdnum.nl.bsn``); 8 digits count with a leading zero."""
    digits = re.sub(r"\D", "", number)
    if len(digits) not in (8, 9) or not digits.strip("0"):
        return False
    return bsn.is_valid(digits.zfill(9))


def iban_valid(iban: str) -> bool:
    """A valid IBAN (``stdnum.iban``: country format and check digits)."""
    compact = re.sub(r"\s", "", iban).upper()
    if compact.startswith("NL") and not NL_IBAN_RE.fullmatch(compact):
        return False
    return stdnum_iban.is_valid(compact)


def iban_shaped(iban: str) -> bool:
    """An account number in the form of an IBAN, whatever its check digits: a mistyped
    account number is still someone's. The country's format must hold (length, letters
    where the bank code goes); only the two check digits may be wrong."""
    compact = re.sub(r"\s", "", iban).upper()
    if compact.startswith("NL") and len(compact) == 18:
        # OCR confusions in the check digits and the account number
        compact = "NL" + compact[2:4].translate(_OCR_DIGITS) + compact[4:8]
        compact += re.sub(r"\s", "", iban)[8:].translate(_OCR_DIGITS)
    if iban_valid(compact):
        return True
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", compact):
        return False
    if compact.startswith("NL"):
        return bool(NL_IBAN_RE.fullmatch(compact))
    country, bban = compact[:2], compact[4:]
    try:
        fixed = country + stdnum_iban.calc_check_digits(country + "00" + bban) + bban
    except ValueError:
        return False
    return stdnum_iban.is_valid(fixed)


# --------------------------------------------------------------------------- patterns

# Between digit groups: nothing, a space, or a separator with optional spaces around it

IBAN_RE = re.compile(
    # groups may be split by a space or a line break ('NL28 INGB\n3227 7112 79')
    r"\b[A-Z]{2}\d{2}[ \n]?[A-Z]{4}(?:[ \n]?\d){10}\b"
    r"|\b[A-Z]{2}\d{2}(?:[ \n]?[A-Z0-9]{4}){3,7}(?:[ \n]?[A-Z0-9]{1,3})?\b"
    # a Dutch IBAN as OCR reads it: O for 0, S for 5, I or l for 1 ('NLOS INGB 5209 9255 11')
    r"|\bNL[\dOSIl]{2}[ \n]?[A-Z]{4}(?:[ \n]?[\dOSIl]){10}\b"
)
_OCR_DIGITS = str.maketrans("OSIl", "0511")
BSN_RE = re.compile(
    r"(?<![\w.\-])(?:\d{9}|\d{4}\.\d{2}\.\d{3}|\d{3}[ .]\d{3}[ .]\d{3})(?![\w\-]|\.\d)"
)
BSN_CONTEXT_RE = re.compile(r"(?i)\b(bsn|burgerservicenummer|sofinummer|sofi-nummer)\b")
# The label right before the number: 'BSN 123456789', 'BSN-nummer: ...', 'burgerservicenummer
# is ...'. A number after it goes even when it fails the elfproef (a typo is still someone's).
BSN_LABEL_RE = re.compile(
    r"(?i)\b(?:bsn|burgerservicenummer|sofinummer|sofi-nummer)(?:-?nummer)?"
    r"(?:[ \t]*[:.]|[ \t]+(?:is|was|nummer|nr\.?))*[ \t]*\n?[ \t]*$"
)
NL_IBAN_RE = re.compile(r"NL\d{2}[A-Z]{4}\d{10}")

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


class IbanRecogniser(_PatternRecogniser):
    ENTITY = "IBAN"
    PATTERN = IBAN_RE
    SCORE = 0.95

    def accepts(self, text: str, match: re.Match[str]) -> bool:
        return iban_shaped(match.group())


class BsnRecogniser(_Recogniser):
    ENTITY = "BSN"

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = []
        for m in BSN_RE.finditer(text):
            labelled = BSN_LABEL_RE.search(text[max(0, m.start() - 40) : m.start()])
            if not labelled and not bsn_valid(m.group()):
                continue
            context = labelled or BSN_CONTEXT_RE.search(text, max(0, m.start() - 40), m.start())
            results.append(self.result(m.start(), m.end(), 0.95 if context else 0.6))
        return results


class LicencePlateRecogniser(_PatternRecogniser):
    ENTITY = "LICENCE_PLATE"
    PATTERN = PLATE_RE
    SCORE = 0.8

    def accepts(self, text: str, match: re.Match[str]) -> bool:
        return any(ch.isalpha() for ch in match.group())


# Identity documents. The label, then at most a few linking words ('paspoort nr.',
# 'rijbewijs met nummer', 'identiteitskaart:'), then the number: letters and digits with at
# least one digit (a passport or identity card: 9 characters; a driving licence: 10 digits).
_ID_LABEL = (
    r"paspoort|identiteitskaart|identiteitsbewijs|id-kaart|id[ ]kaart|idkaart"
    r"|identiteitsdocument|legitimatie(?:bewijs)?|documentnummer|rijbewijs"
    r"|reisdocument|verblijfsdocument|verblijfsvergunning|vreemdelingendocument"
)
# Numbers that are someone's own at an organisation: client, patient, member, policy numbers.
_CLIENT_LABEL = (
    r"klant|cli[eë]nt|pati[eë]nt|relatie|lid|lidmaatschaps|polis|verzekerden|personeels"
    r"|student|leerling|werknemers|debiteur(?:en)?|abonnee|zorgpas|dossier"
)
_LINK = r"(?:[ \t]*[:.,]|[ \t]+(?:met|het|is|was|nummer|nr\.?|no\.?|van|de))*[ \t]*\n?[ \t]*"
ID_NUMBER_RE = re.compile(
    rf"(?i:\b(?:{_ID_LABEL})(?:-?nummer|nr\.?)?){_LINK}"
    r"(?P<number>(?=[A-Z0-9]*\d)[A-Z0-9]{6,12})(?![\w-])"
)
CLIENT_NUMBER_RE = re.compile(
    rf"(?i:\b(?:{_CLIENT_LABEL})-?(?:nummer|nr\.?))(?![\w]){_LINK}"
    r"(?P<number>(?=[\w./-]*\d)[A-Za-z0-9][\w./-]{2,20}[A-Za-z0-9])(?![\w-])"
)
# A Dutch passport or identity-card number on its own: two letters, six letters or digits,
# one digit; never the letter O (ICAO document numbers since 2014).
DOCUMENT_NUMBER_RE = re.compile(
    r"(?<![\w-])(?P<number>[A-NP-Z]{2}(?=[A-NP-Z0-9]{6}\d)[A-NP-Z0-9]{6}\d)(?![\w-])"
)


class IdNumberRecogniser(_Recogniser):
    """Passport, identity-card and driving-licence numbers, and client, patient or member
    numbers after their label ('klantnummer 48213-A'). Without a label only the document
    number form (two letters, six letters or digits, a digit) counts: a bare ten-digit
    number is an order number as often as a driving licence. A Belgian national register
    number counts in its written form when its check digits hold."""

    ENTITY = "ID_NUMBER"

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results: list[RecognizerResult] = []
        for regex, score in ((ID_NUMBER_RE, 0.9), (CLIENT_NUMBER_RE, 0.85)):
            results.extend(
                self.result(m.start("number"), m.end("number"), score)
                for m in regex.finditer(text)
                if not DATE_LIKE_RE.fullmatch(m.group("number"))
            )
        results.extend(
            self.result(m.start("number"), m.end("number"), 0.7)
            for m in DOCUMENT_NUMBER_RE.finditer(text)
            if sum(ch.isdigit() for ch in m.group("number")) < 8
        )
        results.extend(
            self.result(m.start(), m.end(), 0.85)
            for m in BELGIAN_NATIONAL_NUMBER_RE.finditer(text)
            if belgian_national_number.is_valid(m.group())
        )
        return results


# A Belgian national register number as it is written: birth date, serial, check digits
# (92.03.14-217.55); the mod-97 check decides.
BELGIAN_NATIONAL_NUMBER_RE = re.compile(
    r"(?<![\w.-])\d{2}\.\d{2}\.\d{2}[-.]\d{3}\.\d{2}(?![\w-]|\.\d)"
)

DATE_LIKE_RE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")
