"""Realistic Dutch sample documents for the griffie, with ground truth for evaluation.

Public API::

    from devtools.samples import generate_corpus, generate_document, REGISTRY, SampleDocument

Everything is invented and deterministic for a seed. See ``generator.py`` for how the
gedragscode decides what counts as personal for each category and sender type.
"""

from .generator import generate_corpus, generate_document
from .model import (
    CATEGORIES,
    ENTITY_TYPES,
    SENDER_TYPES,
    TYPICAL_SENDERS,
    SampleDocument,
    Sender,
    Truth,
)
from .people import REGISTRY, bsn, elfproef, iban, iban_valid, registry_names

__all__ = [
    "CATEGORIES",
    "ENTITY_TYPES",
    "REGISTRY",
    "SENDER_TYPES",
    "TYPICAL_SENDERS",
    "SampleDocument",
    "Sender",
    "Truth",
    "bsn",
    "elfproef",
    "generate_corpus",
    "generate_document",
    "iban",
    "iban_valid",
    "registry_names",
]
