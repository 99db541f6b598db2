"""Dates of birth."""

from __future__ import annotations

import re

from .base import _Recogniser

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


class DateOfBirthRecogniser(_Recogniser):
    ENTITY = "DATE_OF_BIRTH"

    def analyze(self, text, entities, nlp_artifacts=None):
        return [self.result(m.start("date"), m.end("date"), 0.9) for m in DOB_RE.finditer(text)]
