"""Step 5: true redaction with PyMuPDF on a copy of the normalised PDF."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Sequence

import pymupdf

from .types import Finding, Proposal, Rect

FILL = (0.86, 0.86, 0.86)  # light grey: visibly redacted, text stays legible around it
PLACEHOLDERS = {
    "petition": "Lijst met ondertekenaars niet gepubliceerd (gedragscode art. 3c)",
    "citizens_initiative": "Ondersteuningsverklaringen niet gepubliceerd (gedragscode art. 3e)",
}
DEFAULT_PLACEHOLDER = "Pagina niet gepubliceerd (gedragscode art. 3)"
# /Title when the caller passes none: what the document is, never who sent it.
NEUTRAL_TITLES = {
    "letter": "Ingekomen brief",
    "petition": "Petitie",
    "speaker": "Inspreekbijdrage",
    "view": "Zienswijze",
    "objection": "Bezwaarschrift",
    "citizens_initiative": "Burgerinitiatief",
    "appointment": "Benoeming",
    "college_answer": "Antwoord van het college",
    "activity": "Activiteit",
}
LANGUAGE = "nl"


def published_title(title: str, category: str) -> str:
    return " ".join(title.split()) or NEUTRAL_TITLES.get(category, "Ingekomen stuk")


def set_document_info(doc: pymupdf.Document, title: str) -> None:
    """The only metadata a published PDF carries: its title and its language (catalog
    /Lang), with viewers told to show the title (PDF/UA); no author, creator, producer,
    dates or XMP."""
    doc.set_metadata({})
    doc.del_xml_metadata()
    doc.set_metadata({"title": title})
    catalog = doc.pdf_catalog()
    if doc.xref_get_key(catalog, "Info")[0] != "null":
        doc.xref_set_key(catalog, "Info", "null")  # not a catalog key; MuPDF leaves one
    doc.xref_set_key(catalog, "Lang", pymupdf.get_pdf_str(LANGUAGE))
    doc.xref_set_key(catalog, "ViewerPreferences", "<</DisplayDocTitle true>>")
    info = doc.xref_get_key(-1, "Info")
    if info[0] == "xref":
        info_xref = int(info[1].split()[0])
        for key in ("Producer", "Creator", "CreationDate", "ModDate"):
            if doc.xref_get_key(info_xref, key)[0] != "null":
                doc.xref_set_key(info_xref, key, "null")


def _text_layer_words(
    words: list[tuple[Rect, str]], boxes: list[pymupdf.Rect]
) -> list[tuple[pymupdf.Rect, str]]:
    """OCR words of a scan whose pixels no redaction box touches: the redacted image shows
    exactly these pixels, so they are what OCR of the redacted image reads there. A word a
    box touches at all is left out (its visible half may be half a phone number)."""
    edges = [tuple(box) for box in boxes]
    kept = []
    for rect, word in words:
        x0, y0, x1, y1 = rect
        if x1 <= x0 or y1 <= y0 or not word.strip():
            continue
        if any(x0 < bx1 and bx0 < x1 and y0 < by1 and by0 < y1 for bx0, by0, bx1, by1 in edges):
            continue
        kept.append((pymupdf.Rect(rect), word))
    return kept


def add_text_layer(page: pymupdf.Page, words: list[tuple[pymupdf.Rect, str]]) -> int:
    """Invisible text (render mode 3) over a scan, word by word in reading order: makes it
    searchable and readable by screen readers. Returns the number of words written."""
    if not words:
        return 0
    writer = pymupdf.TextWriter(page.rect)
    font = _font()
    written = 0
    for rect, word in sorted(words, key=lambda w: (round(w[0].y1 / 4), w[0].x0)):
        size = max(min(rect.height * 0.85, rect.width / max(_unit_width(word), 0.01)), 3.5)
        writer.append((rect.x0, rect.y1 - rect.height * 0.2), word + " ", font=font, fontsize=size)
        written += 1
    writer.write_text(page, render_mode=3)
    return written


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


def _grow(rect: pymupdf.Rect, sideways: bool = False) -> pymupdf.Rect:
    """OCR word boxes are tight and may be off by a pixel or two: pixels go with a margin,
    in proportion to the text's height (its box's width when it runs down the page)."""
    height = rect.width if sideways else rect.height
    pad = min(height * 0.25 + 1.5, 6.0)  # a whole image (an identity card) no wider
    return pymupdf.Rect(rect.x0 - pad, rect.y0 - pad, rect.x1 + pad, rect.y1 + pad)


def redaction_boxes(
    proposal: Proposal,
    findings: list[Finding],
    extra_boxes: Sequence[tuple[int, Rect]] = (),
) -> tuple[dict[int, list[tuple[pymupdf.Rect, str, bool]]], set[int]]:
    """The boxes that ``redact`` applies, per page (box, replacement, _), and omitted pages.
    Verification uses the same boxes to know which pixels of a scan have changed."""
    per_page: dict[int, list[tuple[pymupdf.Rect, str, bool]]] = defaultdict(list)
    ocr_pages = set(proposal.ocr_pages)
    # image areas of typed pages read by OCR (visual.py): their words are OCR boxes too;
    # with the turn at which they were read (90 or 270: their text runs down the page)
    read = {
        page: list(
            zip(
                [pymupdf.Rect(r) for r in check.get("regions", ())],
                [*check.get("turns", ()), *[0] * len(check.get("regions", ()))],
                strict=False,
            )
        )
        for page, check in proposal.visual.items()
    }
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
            elif turns := [
                turn
                for region, turn in read.get(finding.page, ())
                if region.contains((box.tl + box.br) / 2)
            ]:
                box = _grow(box, sideways=turns[0] in (90, 270))
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
    extra_boxes: Sequence[tuple[int, Rect]] = (),
    title: str = "",
) -> tuple[bytes, list[int]]:
    """Apply the redact findings (plus reviewer boxes), give each scanned page an invisible
    text layer of what stays readable on it, and set the title and language; returns the
    PDF and omitted pages."""
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

    # the text in images of typed pages (visual.py), where no redaction touches it
    for page_no, check in sorted(proposal.visual.items()):
        if check.get("words") and page_no not in omitted and 0 <= page_no < doc.page_count:
            boxes = [box for box, _, _ in per_page.get(page_no, [])]
            add_text_layer(doc[page_no], _text_layer_words(check["words"], boxes))
    for page_no, words in sorted(proposal.ocr_words.items()):
        if page_no in omitted or not 0 <= page_no < doc.page_count:
            continue
        boxes = [box for box, _, _ in per_page.get(page_no, [])]
        add_text_layer(doc[page_no], _text_layer_words(words, boxes))

    placeholder = PLACEHOLDERS.get(category, DEFAULT_PLACEHOLDER)
    for page_no in sorted(omitted):
        width, height = doc[page_no].rect.width, doc[page_no].rect.height
        doc.delete_page(page_no)
        page = doc.new_page(page_no, width=width, height=height)
        page.insert_textbox(
            pymupdf.Rect(60, 80, width - 60, 200), placeholder, fontsize=12, fontname="helv"
        )

    set_document_info(doc, published_title(title, category))
    output = doc.tobytes(garbage=4, deflate=True, clean=True)
    doc.close()
    return output, sorted(omitted)
