"""The public fields of a document through the anonymisation detector (ADR 0006).

Glue between the model and :mod:`documents.anonymisation.public_fields`: which fields are
public, and the options the document's own anonymisation uses.
"""

from __future__ import annotations

from dataclasses import replace

from people.service import office_holder_emails, registry_names

from .anonymisation import AnonymisationOptions
from .anonymisation.public_fields import FieldFinding, check_public_fields, neutral_subject
from .models import Document
from .workflow import options_for, own_contacts

PUBLIC_FIELDS = ("subject", "description", "public_sender_term")


def public_values(document: Document, filename: str = "") -> dict[str, str]:
    values = {name: getattr(document, name) or "" for name in PUBLIC_FIELDS}
    if filename:
        values["filename"] = filename
    return values


def public_field_findings(document: Document, filename: str = "") -> list[FieldFinding]:
    """Personal items the policy would redact, in the document's public fields (and the
    name of the file to publish). Raises whatever the detector raises: callers fail closed."""
    return check_public_fields(public_values(document, filename), options_for(document))


def proposed_subject(document: Document, findings: list[FieldFinding]) -> str:
    return neutral_subject(
        document.subject, document.category, [f for f in findings if f.field == "subject"]
    )


def griffie_text_options(**changes) -> AnonymisationOptions:
    """Options for what the griffie writes or publishes for the council itself: meeting
    documents and the titles of meetings, agenda items and activities. Read as a text from
    the college: office holders and civil servants from the registry stay (3a/3b), with
    office holders' public e-mail addresses (3a); anyone else's data is personal data."""
    options = AnonymisationOptions(
        category="letter",
        sender_type="college",
        keep_names=tuple(registry_names()),
        keep_emails=tuple(office_holder_emails()),
        own_contacts=own_contacts(),
    )
    return replace(options, **changes)


def griffie_text_findings(values: dict[str, str]) -> list[FieldFinding]:
    """Personal items in text the griffie types for the public site ({field: value}).
    Raises whatever the detector raises: callers fail closed."""
    return check_public_fields(values, griffie_text_options())
