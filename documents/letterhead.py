"""Suggestions for the registration form from the letterhead: the first person or
organisation, address, e-mail address and phone number the detector finds at the top of
the letter, and the subject from its "Betreft:" (or "Onderwerp:") line. Suggestions only:
the clerk checks and saves them, and the subject goes through the public-fields check like
any typed subject."""

from __future__ import annotations

import logging
import re

from .anonymisation.recognisers import LANGUAGE, empty_artifacts, get_analyzer
from .models import Document, SenderType

logger = logging.getLogger(__name__)

# The letterhead: the first lines of page 1, before the salutation.
HEAD_CHARS = 1200
SALUTATION_RE = re.compile(r"(?im)^\s*(geachte|beste|hallo|aan\s+de\s+(gemeente)?raad)\b")
ADDRESS_TYPES = ("ADDRESS", "POSTCODE")
# "Betreft: ..." / "Onderwerp: ..." (also an e-mail's subject line, see conversion), in the
# first part of the letter; the subject may stand on the next line.
SUBJECT_CHARS = 3000
SUBJECT_RE = re.compile(r"(?im)^[ \t]*(?:betreft|onderwerp)\b[ \t]*[:.]?[ \t]*(.*)$")
SUBJECT_MAX = 200  # Document.subject


def subject_line(text: str) -> str:
    """The subject the letter gives itself, or ""."""
    head = text[:SUBJECT_CHARS]
    match = SUBJECT_RE.search(head)
    if match is None:
        return ""
    subject = match.group(1).strip()
    if not subject:  # "Betreft:" alone on its line: the subject is on the next one
        following = head[match.end() :].lstrip("\n").split("\n", 1)[0]
        subject = following.strip()
    subject = " ".join(subject.split()).rstrip(" .;,")
    if len(subject) > SUBJECT_MAX:
        subject = subject[:SUBJECT_MAX].rsplit(" ", 1)[0]
    return subject


def registration_suggestions(document: Document) -> dict[str, str]:
    """The sender's details (:func:`sender_suggestions`) and the subject."""
    suggestions = sender_suggestions(document)
    subject = subject_line(document.text or "")
    if subject:
        suggestions["subject"] = subject
    return suggestions


def letterhead(text: str) -> str:
    head = text[:HEAD_CHARS]
    match = SALUTATION_RE.search(head)
    return head[: match.start()] if match and match.start() > 0 else head


def sender_suggestions(document: Document) -> dict[str, str]:
    """``{"sender_name": ..., "sender_address": ..., "sender_email": ..., "sender_phone": ...,
    "sender_type": ...}`` for the fields the detector found; empty when there is no text."""
    head = letterhead(document.text or "")
    if not head.strip():
        return {}
    try:
        results = get_analyzer().analyze(head, language=LANGUAGE, nlp_artifacts=empty_artifacts())
    except Exception:  # a suggestion is never worth a failed page
        logger.exception("letterhead detection failed for document %s", document.pk)
        return {}
    results = sorted(results, key=lambda r: (r.start, -r.end))
    suggestions: dict[str, str] = {}

    def first(*types: str) -> str:
        for r in results:
            if r.entity_type in types:
                return " ".join(head[r.start : r.end].split())
        return ""

    organisation, person = first("ORGANISATION"), first("PERSON")
    name = organisation or person
    if name:
        suggestions["sender_name"] = name
        suggestions["sender_type"] = SenderType.ORGANISATION if organisation else SenderType.CITIZEN
    # The address block: the street line and the postcode line after it (with the place).
    address_parts: list[str] = []
    for r in results:
        if r.entity_type not in ADDRESS_TYPES:
            continue
        end = r.end
        if r.entity_type == "POSTCODE":
            place = re.match(r"[ ,]+([A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+)?)", head[end : end + 40])
            if place:
                end += place.end(1)
        part = " ".join(head[r.start : end].split())
        if part not in address_parts and not any(part in p for p in address_parts):
            address_parts.append(part)
        if len(address_parts) == 2:
            break
    if address_parts:
        suggestions["sender_address"] = ", ".join(address_parts)
    for field, entity_type in (("sender_email", "EMAIL"), ("sender_phone", "PHONE")):
        value = first(entity_type)
        if value:
            suggestions[field] = value
    return suggestions
