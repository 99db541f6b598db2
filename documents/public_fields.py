"""The public fields of a document through the anonymisation detector (issue 8 item 7).

Glue between the model and :mod:`documents.anonymisation.public_fields`: which fields are
public, and the options the document's own anonymisation uses.
"""

from __future__ import annotations

from .anonymisation.public_fields import FieldFinding, check_public_fields, neutral_subject
from .models import Document
from .workflow import options_for

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
