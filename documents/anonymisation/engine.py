"""The pipeline: normalise -> detect -> policy -> redact -> verify."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence, Set

import pymupdf

from .detect import detect
from .lookups import get_lookups
from .normalise import normalise
from .recognisers import get_analyzer
from .redact import redact, redaction_boxes
from .suspects import zipf
from .types import AnonymisationOptions, AnonymisationResult, Proposal, Rect
from .verify import scan_checks, verify, visual_checks
from .visual import visual_check

# Called with (pages_done, pages_total) as pages are processed.
Progress = Callable[[int, int], None]


def warm_up() -> None:
    """Build the analyzer, lookup lists and word frequencies (once per process, e.g. at
    worker start; the person rules and the reviewer's net read the frequencies)."""
    get_lookups()
    get_analyzer()
    zipf("de")


def propose(
    pdf_bytes: bytes, options: AnonymisationOptions, *, progress: Progress | None = None
) -> Proposal:
    """Normalise a copy of the PDF and find what should go; raises UnreadableDocument.

    ``progress(pages_done, pages_total)`` is called after each page is read (and OCR'd)."""
    started = time.perf_counter()
    normalised = normalise(pdf_bytes, options, progress)
    try:
        findings = detect(normalised, options)
        # pages whose text layer may differ from what a reader sees (images, spaced
        # letters, tables): read as rendered, what was missed is added (visual.py)
        checked = visual_check(normalised, findings, options)
        findings += checked.findings
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
        ocr_words=normalised.ocr_words,
        ocr_dpi=normalised.ocr_dpi,
        visual={
            n: {
                "reasons": c.reasons,
                "regions": c.regions,
                "dpi": c.dpi,
                "words": c.words,
                "images": c.images,
                "turns": c.turns,
            }
            for n, c in checked.checks.items()
        },
    )


def _text_under(proposal: Proposal, boxes: Iterable[tuple[int, Rect]]) -> list[str]:
    """Text under reviewer boxes (text layer, or the OCR words of a scan), so verification
    can check that it is gone everywhere else too."""
    texts = []
    with pymupdf.open(stream=proposal.pdf, filetype="pdf") as doc:
        for page_no, rect in boxes:
            page_no, box = int(page_no), pymupdf.Rect(rect)
            if not 0 <= page_no < doc.page_count:
                continue
            if page_no in proposal.ocr_words:
                text = " ".join(
                    word
                    for (x0, y0, x1, y1), word in proposal.ocr_words[page_no]
                    if box.contains(pymupdf.Point((x0 + x1) / 2, (y0 + y1) / 2))
                )
            else:
                text = doc[page_no].get_textbox(box)
            text = text.strip()
            if len(text) >= 3:
                texts.append(text)
    return texts


def apply_proposal(
    proposal: Proposal,
    options: AnonymisationOptions,
    rejected_ids: Set[str] = frozenset(),
    extra_boxes: Sequence[tuple[int, Rect]] = (),
    *,
    progress: Progress | None = None,
) -> AnonymisationResult:
    """Redact the accepted findings (all but ``rejected_ids``) plus reviewer boxes, then
    verify; ``output_pdf`` is None when anything that should be gone can still be read.

    ``progress(pages_done, pages_total)`` is called after each page is verified."""
    started = time.perf_counter()
    rejected = set(rejected_ids)
    applied = [f for f in proposal.findings if f.id not in rejected]
    output, omitted = redact(
        proposal,
        applied,
        category=options.category,
        extra_boxes=extra_boxes,
        title=options.title,
    )
    extra_texts = _text_under(proposal, extra_boxes) if extra_boxes else []
    boxes, _ = redaction_boxes(proposal, applied, extra_boxes)
    verification = verify(
        output,
        proposal.findings,
        options,
        rejected_ids=rejected,
        extra_texts=extra_texts,
        scans=scan_checks(proposal, boxes, omitted, options),
        visual=visual_checks(proposal, boxes),
        progress=progress,
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
        visual_pages={n: list(v["reasons"]) for n, v in proposal.visual.items()},
    )


def anonymise_pdf(
    pdf_bytes: bytes, options: AnonymisationOptions, *, progress: Progress | None = None
) -> AnonymisationResult:
    """propose + apply_proposal. ``progress`` follows the detection pass (the slow one:
    OCR) page by page and is called once more with (pages, pages) when verification is done;
    the counts never go down."""
    proposal = propose(pdf_bytes, options, progress=progress)
    result = apply_proposal(proposal, options)
    if progress is not None:
        progress(proposal.pages, proposal.pages)
    return result
