"""Plain data types of the anonymisation contract (docs/anonymisation-interface.md)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Literal

from griffie.errors import ReasonError

Rect = tuple[float, float, float, float]
# What becomes of a finding in the published copy.
Action = Literal["redact", "keep"]

CATEGORIES = (
    "letter",
    "petition",
    "speaker",
    "view",
    "objection",
    "citizens_initiative",
    "appointment",
    "college_answer",
    "activity",
)
SENDER_TYPES = (
    "citizen",
    "organisation",
    "college",
    "office_holder",
    "civil_servant",
    "fractie",
    "government",
)
ENTITY_TYPES = (
    "PERSON",
    "ADDRESS",
    "POSTCODE",
    "PHONE",
    "EMAIL",
    "IBAN",
    "BSN",
    "DATE_OF_BIRTH",
    "RESIDENCE",  # place of residence ('wonende te X', the place after a home postcode)
    "BIRTHPLACE",  # place of birth ('geboren te X')
    "LICENCE_PLATE",
    "ID_NUMBER",  # passport, identity card, driving licence, client number
    "SOCIAL_HANDLE",  # @name
    "SIGNATURE",
    "PAGE",
    "ORGANISATION",  # kept: an organisation's name, no personal data
)


class UnreadableDocument(ReasonError):  # noqa: N818 - name fixed by the contract
    """The input cannot be anonymised (encrypted, broken, empty); ``reason`` says why."""


@dataclass(frozen=True)
class AnonymisationOptions:
    category: str = "letter"
    sender_type: str = "citizen"
    # Registry: office holders and civil servants whose names stay (art. 3a/3b).
    keep_names: tuple[str, ...] = ()
    # Sender details from intake: always treated as personal data of this document.
    deny_terms: tuple[str, ...] = ()
    # Art. 4: neutral term replacing the sender's name.
    neutral_term: str = "aanvrager"
    # 3c explicit request / 3e no objection: publish with personal data.
    consent_personal_data: bool = False
    # Addresses that stay: the municipality's own (the gemeentehuis) and, for letters from an
    # organisation or government body, that sender's own address (street + number, postcode,
    # place). Every other street address in an organisation's letter is redacted (3c).
    keep_addresses: tuple[str, ...] = ()
    # Office holders' public registry e-mail addresses (3a: name and e-mail are published).
    # Civil servants' e-mail addresses never belong here (3b).
    keep_emails: tuple[str, ...] = ()
    # The griffie's and the municipality's own contact details (postal addresses, phone,
    # e-mail), never redacted wherever they stand (letterheads, footers, 't.a.v.' blocks).
    # The Django side fills them from its settings (documents.workflow.own_contacts).
    own_contacts: tuple[str, ...] = ()
    # Published title (/Title of the output PDF): the document's public subject, or a neutral
    # title; empty gives the neutral title of the category (redact.NEUTRAL_TITLES).
    title: str = ""
    ocr_language: str = "nld"
    # OCR resolution bounds. A scan is read at its own resolution, clamped to
    # [ocr_min_dpi, ocr_dpi]: upsampling a 150 dpi scan to 200 recovers 7 pt text, and reading
    # at 300 dpi found no word that 200 dpi missed (7-9 pt text) while costing a third more
    # Tesseract time, so 300 dpi scans are read at 200 (docs/benchmarks.md).
    ocr_dpi: int = 200
    ocr_min_dpi: int = 200
    # Lowest resolution for re-reading the neighbourhood of redacted boxes on scans during
    # verification (the detection resolution is used when it is higher).
    verify_ocr_dpi: int = 150

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"unknown category {self.category!r}")
        if self.sender_type not in SENDER_TYPES:
            raise ValueError(f"unknown sender_type {self.sender_type!r}")
        # Accept lists from callers but keep the dataclass hashable.
        object.__setattr__(self, "keep_names", tuple(self.keep_names))
        object.__setattr__(self, "deny_terms", tuple(self.deny_terms))
        object.__setattr__(self, "keep_addresses", tuple(self.keep_addresses))
        object.__setattr__(self, "keep_emails", tuple(self.keep_emails))
        object.__setattr__(self, "own_contacts", tuple(self.own_contacts))


def contact_lines(values: Iterable[str]) -> tuple[str, ...]:
    """Contact details as the engine matches them, one line each ('Postbus 7',
    '4490 AA Wissenkerke', '0113 377 300', 'griffie@…'), from values that may hold several
    lines (a literal '\\n' or a comma separates them)."""
    lines: list[str] = []
    for value in values:
        for line in (value or "").replace("\\n", "\n").replace(",", "\n").splitlines():
            if line.strip() and line.strip() not in lines:
                lines.append(line.strip())
    return tuple(lines)


@dataclass
class Finding:
    id: str
    page: int  # 0-based
    rects: list[Rect]
    entity_type: str
    text: str
    replacement: str
    action: Action
    reason: str
    # Extra detail for reviewers and for the policy: sender, registry, other.
    role: str = "other"
    source: str = ""
    score: float = 1.0

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Proposal:
    """The normalised PDF (a copy, never the original) plus what the engine found."""

    pdf: bytes
    findings: list[Finding]
    pages: int
    ocr_pages: list[int] = field(default_factory=list)
    # What normalisation removed: metadata, attachments, JavaScript, ...
    removed: list[str] = field(default_factory=list)
    seconds: float = 0.0
    # OCR words of scanned pages as read during detection: page -> [(rect, word), ...].
    # Verification uses them to check what stays visible outside the redaction boxes (those
    # pixels are unchanged); without them it falls back to OCR of the whole output page.
    ocr_words: dict[int, list[tuple[Rect, str]]] = field(default_factory=dict)
    # Resolution at which each scanned page was read.
    ocr_dpi: dict[int, int] = field(default_factory=dict)
    # Typed pages whose text layer was not trusted (visual.py): page -> {"reasons": [...],
    # "regions": [rect, ...] read by OCR, "dpi": resolution}. Verification reads them again.
    visual: dict[int, dict] = field(default_factory=dict)


@dataclass
class Verification:
    ok: bool
    leaks: list[str] = field(default_factory=list)
    reason: str = ""
    # The output's words per page as verification read them (``page.get_text("words")``):
    # the reviewer's net reads the same words without opening the output again.
    words: dict[int, list[tuple]] = field(default_factory=dict, repr=False, compare=False)


@dataclass
class AnonymisationResult:
    output_pdf: bytes | None
    findings: list[Finding]
    pages: int
    seconds: float
    verification: Verification
    omitted_pages: list[int] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    # Typed pages read as a reader sees them (visual.py): page -> reasons.
    visual_pages: dict[int, list[str]] = field(default_factory=dict)

    def report(self) -> dict:
        redacted: dict[str, int] = {}
        kept: dict[str, int] = {}
        for finding in self.findings:
            target = redacted if finding.action == "redact" else kept
            target[finding.entity_type] = target.get(finding.entity_type, 0) + 1
        return {
            "ok": self.output_pdf is not None,
            "pages": self.pages,
            "seconds": round(self.seconds, 3),
            "entities": dict(sorted(redacted.items())),
            "kept": dict(sorted(kept.items())),
            "omitted_pages": list(self.omitted_pages),
            "ocr_pages": list(self.ocr_pages),
            "visual_pages": {str(k): list(v) for k, v in sorted(self.visual_pages.items())},
            "removed": list(self.removed),
            "verification": {
                "ok": self.verification.ok,
                "reason": self.verification.reason,
                "leaks": list(self.verification.leaks),
            },
        }
