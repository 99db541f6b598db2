"""Contact details: phone numbers and e-mail addresses."""

from __future__ import annotations

import re

from .base import _PatternRecogniser

_SEP = r"(?:[ \t]?[.\-/][ \t]?|[ \t])?\n?"
_BREAK = r"[ \t]?\n?[ \t]?"
# Country codes written after '00' that Dutch letters meet: Belgium, Germany, France, the UK,
# Luxembourg, Spain, Italy, Poland, Turkey, Morocco, Suriname, Curaçao/Caribbean, Aruba.
_FOREIGN_CODES = "32|49|33|44|352|34|39|48|90|212|597|599|297"
PHONE_RE = re.compile(
    r"(?<![\w+@])"
    r"(?:"
    # international: +31 6 12345678, +31 (0)6-12345678, 0031 113 123456, +31 (6) 12345678
    # (a line break may fall inside: '+31 6\n17242099', '+31\n6 17242099'); a number one
    # digit short is still someone's number mistyped
    rf"(?:\+|00)[ \t]?31[.\-]?{_BREAK}(?:\(0\)[ \t.\-]?)?"
    rf"(?:[1-9](?:{_SEP}\d){{7,8}}|\([1-9]\d{{0,2}}\)[ \t.\-]?\n?\d(?:{_SEP}\d){{4,7}})"
    r"|"
    # national with area code in brackets: (0113) 12 34 56, (020) 123 45 67, (06)12345678,
    # also broken after the bracket: '(075)\n1234567'
    # also with a hyphen after the bracket: '(06)-1234 5678'
    rf"\(0[1-9]\d{{0,2}}\)(?:[ \t]?-)?{_BREAK}\d(?:[ \t.\-]?\n?\d){{5,7}}"
    r"|"
    # another country: +32 470 12 34 56, +49 30 1234567, 0032 470123456; after '+' any
    # country code, after '00' only neighbouring and common ones (an order number may start
    # with '00' too)
    rf"(?:\+[1-9]\d{{0,2}}|00(?:{_FOREIGN_CODES}))[.\-]?{_BREAK}(?:\(0\)[ \t.\-]?)?"
    rf"[1-9](?:{_SEP}\d){{6,11}}"
    r"|"
    # national: 06-12345678, 0113-123456, 020 123 4567, 0612345678, 0113 - 123456
    rf"0[1-9](?:{_SEP}\d){{8}}"
    r"|"
    # information and service numbers: 0800 1234, 0900-1234567, 0906 12 345 (a citizen's
    # letter is anonymised whole; an organisation's letter loses its switchboard number too)
    rf"0(?:800|90[069])(?:{_SEP}\d){{4,7}}(?![ \t]?\d)"
    r"|"
    # nine digits after a three-digit area code: one digit short, or a Belgian landline
    # written in pairs (0xx-123456, 016 12 34 56); a hyphen or the pairs make it a number
    r"0[1-9]\d(?:[ \t]?-[ \t]?\d(?:[ \t]?\d){5}|(?:[ \t]\d\d){3})(?![ \t]?\d)"
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


class PhoneRecogniser(_PatternRecogniser):
    ENTITY = "PHONE"
    PATTERN = PHONE_RE
    SCORE = 0.85


class EmailRecogniser(_PatternRecogniser):
    ENTITY = "EMAIL"
    PATTERN = EMAIL_RE
    SCORE = 0.95


# '@name' on its own (not the middle of an e-mail address): a social-media handle.
HANDLE_RE = re.compile(r"(?<![\w.@/+-])@(?=[\w.]*[^\W\d_])\w(?:[\w.]*\w)?(?![\w@])")


class SocialHandleRecogniser(_PatternRecogniser):
    ENTITY = "SOCIAL_HANDLE"
    PATTERN = HANDLE_RE
    SCORE = 0.85

    def accepts(self, text: str, match: re.Match[str]) -> bool:
        return len(match.group()) >= 3
