"""Dates of birth: a date with a birth word before it ('geboren op', 'geboortedatum:') or after
it in the same sentence ('op 3 mei 1990 kwam ik ter wereld', '12-4-15 is onze zoon geboren')."""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from .base import _Recogniser

_MONTHS = (
    r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    r"|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
_DATE = (
    # 12-03-1990, 1/3/90, 12.03.1990
    r"\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)?\d{2}(?!\d)"
    # ISO: 1990-03-12
    r"|(?:19|20)\d{2}-[01]?\d-[0-3]?\d(?!\d)"
    # 12 maart 1990, 1 jan. 1990 (a line break may fall inside)
    rf"|\d{{1,2}}[ \n](?:{_MONTHS})\.?[ \n](?:19|20)\d{{2}}"
)
DATE_RE = re.compile(rf"(?i)(?<![\w\-/.])(?:{_DATE})(?![\w\-/]|\.\d)")
DOB_RE = re.compile(
    rf"(?i)\b(?:geboren(?:[ ]op)?|geboortedatum|geb\.(?:[ ]?datum)?|geb(?:oren)?[ ]d\.d\.)[ \t:]*\n?[ ]?(?P<date>{_DATE})\b"
)
# A birth word, then at most a few words before the date ('geboren in Goes op',
# 'mijn geboortedatum is'); no sentence end in between.
BIRTH_BEFORE_RE = re.compile(
    r"(?i)\b(?:geboren|geboorte(?:datum|dag)?|geb\.|geb\b|ter[ \n]wereld)[^.!?;]{0,30}$"
)
# After the date in the same sentence: 'kwam ik ter wereld', 'is onze dochter geboren'.
BIRTH_AFTER_RE = re.compile(
    r"(?i)^[^.!?;]{0,45}?\b(?:geboren|ter[ \n]wereld|het[ \n]levenslicht)\b"
)


class DateOfBirthRecogniser(_Recogniser):
    ENTITY = "DATE_OF_BIRTH"

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = []
        for m in DATE_RE.finditer(text):
            before = text[max(0, m.start() - 40) : m.start()]
            after = text[m.end() : m.end() + 60]
            if BIRTH_BEFORE_RE.search(before) or BIRTH_AFTER_RE.search(after):
                results.append(self.result(m.start(), m.end(), 0.9))
        return results
