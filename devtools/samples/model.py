"""Plain data classes for generated sample documents and their ground truth."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

# The same values as the engine and documents.models (one list, checked by a test).
from documents.anonymisation.types import CATEGORIES as CATEGORIES
from documents.anonymisation.types import ENTITY_TYPES as _ENGINE_ENTITY_TYPES
from documents.anonymisation.types import SENDER_TYPES as SENDER_TYPES

# Personal-data types the generator writes ground truth for: the engine's own types, less
# what is no text item (signatures, whole pages) or is kept (organisation names).
ENTITY_TYPES = tuple(
    entity for entity in _ENGINE_ENTITY_TYPES if entity not in {"SIGNATURE", "PAGE", "ORGANISATION"}
)

# Sender types that are typical for each category (the generator accepts any combination).
TYPICAL_SENDERS: dict[str, tuple[str, ...]] = {
    "letter": (
        "citizen",
        "organisation",
        "office_holder",
        "fractie",
        "civil_servant",
        "government",
        "college",
    ),
    "petition": ("citizen", "organisation"),
    "speaker": ("citizen", "organisation"),
    "view": ("citizen", "organisation"),
    "objection": ("citizen", "organisation"),
    "citizens_initiative": ("citizen",),
    "appointment": ("college", "office_holder", "civil_servant"),
    "college_answer": ("college",),
    "activity": ("organisation", "government", "civil_servant", "college"),
}


@dataclass
class Sender:
    name: str
    address: str = ""
    postcode: str = ""
    place: str = ""
    email: str = ""
    phone: str = ""
    organisation: str = ""


@dataclass
class Truth:
    # items that must NOT appear in a published output: {"type", "text", "where": [...]}
    personal: list[dict] = field(default_factory=list)
    # phrases that must survive (not personal): subject phrases, streets, places, registry names
    keep: list[str] = field(default_factory=list)
    # personal data the gedragscode allows to stay (e.g. initiators' names): neither kept nor leaked
    allowed: list[str] = field(default_factory=list)
    # {"page": int (0-based), "rect": [x0, y0, x1, y1]} where a signature is drawn
    signatures: list[dict] = field(default_factory=list)
    # 0-based pages that must be left out entirely
    omit_pages: list[int] = field(default_factory=list)


@dataclass
class SampleDocument:
    filename: str
    pdf_bytes: bytes
    category: str
    sender_type: str
    subject: str
    received_on: dt.date
    sender: Sender
    truth: Truth
    scanned: bool = False
    page_count: int = 0
    neutral_term: str = "aanvrager"
    # sender details an intake form would hold and that must go (for deny_terms)
    deny_terms: list[str] = field(default_factory=list)
    # a form of issue 8 this document was made to contain (generator.FORMS), or ""
    form: str = ""

    def describe(self) -> dict:
        d = asdict(self)
        d.pop("pdf_bytes")
        d["received_on"] = self.received_on.isoformat()
        return d
