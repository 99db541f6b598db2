"""Step 5: true redaction with PyMuPDF on a copy of the normalised PDF."""

from __future__ import annotations

import functools
from collections import defaultdict

import pymupdf

from .types import Finding, Proposal, Rect

FILL = (0.86, 0.86, 0.86)  # light grey: visibly redacted, text stays legible around it
PLACEHOLDERS = {
    "petition": "Lijst met ondertekenaars niet gepubliceerd (gedragscode art. 3c)",
    "citizens_initiative": "Ondersteuningsverklaringen niet gepubliceerd (gedragscode art. 3e)",
}
DEFAULT_PLACEHOLDER = "Pagina niet gepubliceerd (gedragscode art. 3)"


@functools.cache
def _font() -> pymupdf.Font:
    return pymupdf.Font("helv")


@functools.lru_cache(maxsize=256)
def _unit_width(text: str) -> float:
    """Width of ``text`` at font size 1 (widths scale linearly with the size)."""
    return _font().text_length(text, fontsize=1)


def _fontsize(text: str, rect: pymupdf.Rect) -> float:
    if not text:
        return 0
    size = min(10.0, rect.height * 0.72)
    width = _unit_width(text) * size
    if width > rect.width:
        size *= rect.width / width
    return size


def _shrink(rect: pymupdf.Rect) -> pymupdf.Rect:
    """Word boxes of adjacent lines may touch; keep the redaction inside its own line."""
    pad = rect.height * 0.08
    return pymupdf.Rect(rect.x0 - 0.3, rect.y0 + pad, rect.x1 + 0.3, rect.y1 - pad)


def _grow(rect: pymupdf.Rect) -> pymupdf.Rect:
    """OCR word boxes are tight and may be off by a pixel or two: pixels go with a margin."""
    pad = rect.height * 0.25 + 1.5
    return pymupdf.Rect(rect.x0 - pad, rect.y0 - pad, rect.x1 + pad, rect.y1 + pad)


def redaction_boxes(
    proposal: Proposal,
    findings: list[Finding],
    extra_boxes: list[tuple[int, Rect]] = (),
) -> tuple[dict[int, list[tuple[pymupdf.Rect, str, bool]]], set[int]]:
    """The boxes that ``redact`` applies, per page (box, replacement, _), and omitted pages.
    Verification uses the same boxes to know which pixels of a scan have changed."""
    per_page: dict[int, list[tuple[pymupdf.Rect, str, bool]]] = defaultdict(list)
    ocr_pages = set(proposal.ocr_pages)
    omitted: set[int] = set()
    for finding in findings:
        if finding.action != "redact":
            continue
        if finding.entity_type == "PAGE":
            omitted.add(finding.page)
            continue
        for k, rect in enumerate(finding.rects):
            box = pymupdf.Rect(rect)
            if finding.entity_type == "SIGNATURE":
                pass
            elif finding.page in ocr_pages:
                box = _grow(box)
            else:
                box = _shrink(box)
            per_page[finding.page].append((box, finding.replacement if k == 0 else "", True))
    for page_no, rect in extra_boxes:
        per_page[int(page_no)].append((pymupdf.Rect(rect), "", True))
    return per_page, omitted


def redact(
    proposal: Proposal,
    findings: list[Finding],
    *,
    category: str,
    extra_boxes: list[tuple[int, Rect]] = (),
) -> tuple[bytes, list[int]]:
    """Apply the redact findings (plus reviewer boxes); returns the PDF and omitted pages."""
    per_page, omitted = redaction_boxes(proposal, findings, extra_boxes)
    doc = pymupdf.open(stream=proposal.pdf, filetype="pdf")
    for page_no, boxes in sorted(per_page.items()):
        if page_no in omitted or not 0 <= page_no < doc.page_count:
            continue
        page = doc[page_no]
        for box, _, _ in boxes:
            page.add_redact_annot(box, fill=FILL, cross_out=False)
        page.apply_redactions(
            images=pymupdf.PDF_REDACT_IMAGE_PIXELS,
            graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_TOUCHED,
            text=pymupdf.PDF_REDACT_TEXT_REMOVE,
        )
        # Neutral terms, written once per page (faster than text on every redaction).
        writer = pymupdf.TextWriter(page.rect, color=(0.2, 0.2, 0.2))
        font = _font()
        wrote = False
        for box, text, _ in boxes:
            size = _fontsize(text, box)
            if size >= 3:
                baseline = box.y1 - (box.height - size) / 2 - size * 0.2
                writer.append((box.x0 + 0.5, baseline), text, font=font, fontsize=size)
                wrote = True
        if wrote:
            writer.write_text(page)

    placeholder = PLACEHOLDERS.get(category, DEFAULT_PLACEHOLDER)
    for page_no in sorted(omitted):
        width, height = doc[page_no].rect.width, doc[page_no].rect.height
        doc.delete_page(page_no)
        page = doc.new_page(page_no, width=width, height=height)
        page.insert_textbox(
            pymupdf.Rect(60, 80, width - 60, 200), placeholder, fontsize=12, fontname="helv"
        )

    doc.set_metadata({})
    doc.del_xml_metadata()
    output = doc.tobytes(garbage=4, deflate=True, clean=True)
    doc.close()
    return output, sorted(omitted)
