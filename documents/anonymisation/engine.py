"""The pipeline: normalise -> detect -> policy -> redact -> verify."""

from __future__ import annotations

import time
from collections.abc import Iterable

import pymupdf

from .detect import detect
from .lookups import get_lookups
from .normalise import normalise
from .recognisers import get_analyzer
from .redact import redact
from .types import AnonymisationOptions, AnonymisationResult, Proposal, Rect
from .verify import verify


def warm_up() -> None:
    """Build the analyzer and lookup lists (once per process, e.g. at worker start)."""
    get_lookups()
    get_analyzer()


def propose(pdf_bytes: bytes, options: AnonymisationOptions) -> Proposal:
    """Normalise a copy of the PDF and find what should go; raises UnreadableDocument."""
    started = time.perf_counter()
    normalised = normalise(pdf_bytes, options)
    try:
        findings = detect(normalised, options)
        pdf = normalised.doc.tobytes(garbage=3, deflate=True)
        pages = normalised.doc.page_count
    finally:
        normalised.doc.close()
    return Proposal(
        pdf=pdf,
        findings=findings,
        pages=pages,
        ocr_pages=normalised.ocr_pages,
        removed=normalised.removed,
        seconds=time.perf_counter() - started,
    )


def _text_under(pdf: bytes, boxes: Iterable[tuple[int, Rect]]) -> list[str]:
    texts = []
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        for page_no, rect in boxes:
            if 0 <= int(page_no) < doc.page_count:
                text = doc[int(page_no)].get_textbox(pymupdf.Rect(rect)).strip()
                if len(text) >= 3:
                    texts.append(text)
    return texts


def apply_proposal(
    proposal: Proposal,
    options: AnonymisationOptions,
    rejected_ids: set[str] = frozenset(),
    extra_boxes: list[tuple[int, Rect]] = (),
) -> AnonymisationResult:
    """Redact the accepted findings (all but ``rejected_ids``) plus reviewer boxes, then
    verify; ``output_pdf`` is None when anything that should be gone can still be read."""
    started = time.perf_counter()
    rejected = set(rejected_ids)
    applied = [f for f in proposal.findings if f.id not in rejected]
    output, omitted = redact(proposal, applied, category=options.category, extra_boxes=extra_boxes)
    extra_texts = _text_under(proposal.pdf, extra_boxes) if extra_boxes else []
    verification = verify(
        output, proposal.findings, options, rejected_ids=rejected, extra_texts=extra_texts
    )
    return AnonymisationResult(
        output_pdf=output if verification.ok else None,
        findings=proposal.findings,
        pages=proposal.pages,
        seconds=proposal.seconds + time.perf_counter() - started,
        verification=verification,
        omitted_pages=omitted,
        ocr_pages=proposal.ocr_pages,
        removed=proposal.removed,
    )


def anonymise_pdf(pdf_bytes: bytes, options: AnonymisationOptions) -> AnonymisationResult:
    return apply_proposal(propose(pdf_bytes, options), options)
