"""Anonymisation engine for incoming documents (contract: docs/anonymisation-interface.md).

No Django model dependency: plain bytes and options in, plain results out.
"""

from .engine import anonymise_pdf, apply_proposal, propose, warm_up
from .types import (
    AnonymisationOptions,
    AnonymisationResult,
    Finding,
    Proposal,
    UnreadableDocument,
    Verification,
)

__all__ = [
    "AnonymisationOptions",
    "AnonymisationResult",
    "Finding",
    "Proposal",
    "UnreadableDocument",
    "Verification",
    "anonymise_pdf",
    "apply_proposal",
    "propose",
    "warm_up",
]
