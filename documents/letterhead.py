"""Suggestions for the registration form from the letterhead: the first person or
organisation, address, e-mail address and phone number the detector finds at the top of
the letter. Suggestions only: the clerk checks and saves them."""

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
