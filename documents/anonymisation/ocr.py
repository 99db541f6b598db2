"""Tesseract OCR through PyMuPDF (MuPDF's built-in Tesseract binding)."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pymupdf

_CANDIDATES = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
)


@functools.cache
def tessdata_dir() -> str | None:
    """Folder with ``nld.traineddata``, or None when Tesseract data is not installed."""
    found = os.environ.get("TESSDATA_PREFIX")
    candidates = [found] if found else []
    try:
        candidates.append(pymupdf.get_tessdata())
    except Exception:  # noqa: BLE001 - get_tessdata raises when nothing is installed
        pass
    candidates.extend(_CANDIDATES)
    for candidate in candidates:
        if candidate and (Path(candidate) / "nld.traineddata").exists():
            return str(candidate)
    return None


def ocr_available() -> bool:
    return tessdata_dir() is not None


def ocr_textpage(page: pymupdf.Page, *, language: str, dpi: int, full: bool) -> pymupdf.TextPage:
    """OCR a page; returns a TextPage whose words are in page coordinates."""
    tessdata = tessdata_dir()
    if tessdata is None:
        raise RuntimeError("Tesseract language data (nld) is not installed")
    return page.get_textpage_ocr(dpi=dpi, language=language, full=full, tessdata=tessdata)


def native_dpi(page: pymupdf.Page) -> int:
    """Resolution of the largest image on the page (0 when there is none)."""
    best, dpi = 0.0, 0
    for info in page.get_image_info():
        bbox = pymupdf.Rect(info["bbox"])
        if bbox.is_empty or not info.get("width"):
            continue
        if abs(bbox) > best:
            best = abs(bbox)
            dpi = round(max(info["width"] / bbox.width, info["height"] / bbox.height) * 72)
    return dpi


def detection_dpi(page: pymupdf.Page, *, max_dpi: int, min_dpi: int) -> int:
    """OCR a scan at its own resolution, within [min_dpi, max_dpi]: rendering a 150 dpi scan at
    300 dpi invents no detail but costs Tesseract about a third more time."""
    native = native_dpi(page) or max_dpi
    return max(min(native, max_dpi), min(min_dpi, max_dpi))


def _ocr_regions(
    page: pymupdf.Page, regions: list[pymupdf.Rect], *, language: str, dpi: int, turn: int = 0
) -> Iterator[tuple[int, pymupdf.Rect, pymupdf.Page]]:
    """Each region of the rendered page OCR'd as its own small image: yields (region number,
    a function from a box on the OCR page to page coordinates, the one-page OCR document's
    page) for every region big enough to read. ``turn`` (90, 180, 270) renders the region
    turned clockwise by that much first, so text set sideways or upside down in it reads
    upright. (One page-sized image with everything else painted white is far slower:
    Tesseract's layout analysis of a mostly empty page costs seconds.)"""
    tessdata = tessdata_dir()
    if tessdata is None:
        raise RuntimeError("Tesseract language data (nld) is not installed")
    for number, region in enumerate(regions):
        clip = pymupdf.Rect(region) & page.rect
        if clip.is_empty or clip.width < 2 or clip.height < 2:
            continue
        matrix = pymupdf.Matrix(dpi / 72, dpi / 72).prerotate(turn)
        pix = page.get_pixmap(matrix=matrix, clip=clip, annots=False)  # RGB: OCR needs it
        if pix.width < 8 or pix.height < 8:
            continue
        if _uniform(pix):
            continue  # one colour holds no text; Tesseract's start alone costs ~13 ms
        pix.set_dpi(dpi, dpi)  # as get_pixmap(dpi=...) sets it: Tesseract reads it
        with pymupdf.open(stream=pix.pdfocr_tobytes(language=language, tessdata=tessdata)) as d:
            yield number, _to_page(clip, pix, matrix, d[0].rect, turn), d[0]


def _uniform(pix: pymupdf.Pixmap) -> bool:
    """Every pixel has the same colour (a region that redaction filled whole): nothing for
    OCR to read. Compared in C: the samples against their first pixel repeated."""
    samples = pix.samples_mv
    n = pix.n
    first = bytes(samples[:n])
    return bool(first) and samples == first * (len(samples) // n)


def _to_page(
    clip: pymupdf.Rect,
    pix: pymupdf.Pixmap,
    matrix: pymupdf.Matrix,
    ocr_rect: pymupdf.Rect,
    turn: int,
) -> Callable[[float, float, float, float], tuple[float, float, float, float]]:
    """Boxes on the OCR page (the pixmap at its resolution) back to page coordinates."""
    sx, sy = pix.width / ocr_rect.width, pix.height / ocr_rect.height
    if not turn:
        cx, cy = clip.width / ocr_rect.width, clip.height / ocr_rect.height
        return lambda x0, y0, x1, y1: (
            clip.x0 + x0 * cx,
            clip.y0 + y0 * cy,
            clip.x0 + x1 * cx,
            clip.y0 + y1 * cy,
        )
    back = ~matrix

    def to_page(x0: float, y0: float, x1: float, y1: float) -> tuple:
        box = pymupdf.Rect(pix.x + x0 * sx, pix.y + y0 * sy, pix.x + x1 * sx, pix.y + y1 * sy)
        box = box * back
        box.normalize()
        return tuple(box)

    return to_page


def ocr_regions_text(
    page: pymupdf.Page, regions: list[pymupdf.Rect], *, language: str, dpi: int, turn: int = 0
) -> str:
    """OCR only ``regions`` of the rendered page, each as its own small image."""
    return "\n".join(
        ocr_page.get_text()
        for _number, _to, ocr_page in _ocr_regions(
            page, regions, language=language, dpi=dpi, turn=turn
        )
    )


def image_coverage(page: pymupdf.Page) -> float:
    """Share of the page area covered by images (0..1, overlaps counted once roughly)."""
    area = abs(page.rect)
    if not area:
        return 0.0
    covered = 0.0
    for info in page.get_image_info():
        bbox = pymupdf.Rect(info["bbox"]) & page.rect
        if not bbox.is_empty:
            covered += abs(bbox)
    return min(covered / area, 1.0)


def ocr_region_words(
    page: pymupdf.Page, regions: list[pymupdf.Rect], *, language: str, dpi: int, turn: int = 0
) -> list[tuple]:
    """OCR ``regions`` of the rendered page, each as its own small image (as
    ``ocr_regions_text``), and return the words as ``page.get_text("words")`` does, with
    their boxes in page coordinates and a block number per region. Words read in a turned
    region come in reading order, lines and blocks numbered as read there (in page
    coordinates a line of them runs down or up the page)."""
    words = []
    for number, to_page, ocr_page in _ocr_regions(
        page, regions, language=language, dpi=dpi, turn=turn
    ):
        found = ocr_page.get_text("words")
        if turn:
            found = ocr_reading_order(found)
        for x0, y0, x1, y1, word, block, line, wno in found:
            words.append((*to_page(x0, y0, x1, y1), word, number * 1000 + block, line, wno))
    return words


def _is_speck(word: tuple, neighbours: list[tuple]) -> bool:
    """An OCR 'word' that is a speck of dirt: punctuation alone, or one character with no
    other word near it on its line (margin specks read as ':', '8', 'k')."""
    text = word[4]
    if not any(ch.isalnum() for ch in text):
        return len(text) <= 2
    if len(text) > 1:
        return False
    x0, y0, x1, y1 = word[:4]
    reach = 2 * (y1 - y0)
    return not any(
        other is not word
        and other[1] < y1
        and other[3] > y0
        and (other[0] - x1 < reach and x0 - other[2] < reach)
        for other in neighbours
    )


def ocr_reading_order(words: list[tuple], *, drop_specks: bool = True) -> list[tuple]:
    """OCR words regrouped as a reader reads them: visual lines (words whose boxes overlap
    vertically), left to right, and paragraphs (lines without a blank line between them).
    Tesseract splits a line at a speck or a wide space and files the parts as separate
    blocks, so a phone number broken over two lines ('06 6860' / ':' / '9040') would reach
    detection as four lines; regrouped and without the specks it reads '06 6860\\n9040'. The
    words get new (block, line, word) numbers; their boxes stay as read. A text layer's
    one-character words are real (a house number in a table cell): ``drop_specks=False``."""
    kept = [w for w in words if w[4].strip() and not (drop_specks and _is_speck(w, words))]
    lines: list[list[tuple]] = []
    for word in sorted(kept, key=lambda w: (w[1] + w[3]) / 2):
        y0, y1 = word[1], word[3]
        for line in reversed(lines[-3:]):
            ly0 = min(w[1] for w in line)
            ly1 = max(w[3] for w in line)
            overlap = min(y1, ly1) - max(y0, ly0)
            if overlap >= 0.5 * min(y1 - y0, ly1 - ly0):
                line.append(word)
                break
        else:
            lines.append([word])
    out: list[tuple] = []
    block, line_no, previous = 0, 0, None
    for line in lines:
        line.sort(key=lambda w: w[0])
        top = min(w[1] for w in line)
        bottom = max(w[3] for w in line)
        if previous is not None:
            p_top, p_bottom = previous
            if top - p_bottom > 0.9 * (p_bottom - p_top):  # a blank line: a new paragraph
                block, line_no = block + 1, 0
            else:
                line_no += 1
        previous = (top, bottom)
        for number, w in enumerate(line):
            out.append((*w[:5], block, line_no, number))
    return out
