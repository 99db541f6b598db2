"""Tesseract OCR through PyMuPDF (MuPDF's built-in Tesseract binding)."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
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
    page: pymupdf.Page, regions: list[pymupdf.Rect], *, language: str, dpi: int
) -> Iterator[tuple[int, pymupdf.Rect, pymupdf.Page]]:
    """Each region of the rendered page OCR'd as its own small image: yields (region number,
    clip in page coordinates, the one-page OCR document's page) for every region big enough
    to read. (One page-sized image with everything else painted white is far slower:
    Tesseract's layout analysis of a mostly empty page costs seconds.)"""
    tessdata = tessdata_dir()
    if tessdata is None:
        raise RuntimeError("Tesseract language data (nld) is not installed")
    for number, region in enumerate(regions):
        clip = pymupdf.Rect(region) & page.rect
        if clip.is_empty or clip.width < 2 or clip.height < 2:
            continue
        pix = page.get_pixmap(dpi=dpi, clip=clip, annots=False)  # RGB: MuPDF's OCR needs it
        if pix.width < 8 or pix.height < 8:
            continue
        with pymupdf.open(stream=pix.pdfocr_tobytes(language=language, tessdata=tessdata)) as d:
            yield number, clip, d[0]


def ocr_regions_text(
    page: pymupdf.Page, regions: list[pymupdf.Rect], *, language: str, dpi: int
) -> str:
    """OCR only ``regions`` of the rendered page, each as its own small image."""
    return "\n".join(
        ocr_page.get_text()
        for _number, _clip, ocr_page in _ocr_regions(page, regions, language=language, dpi=dpi)
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
    page: pymupdf.Page, regions: list[pymupdf.Rect], *, language: str, dpi: int
) -> list[tuple]:
    """OCR ``regions`` of the rendered page, each as its own small image (as
    ``ocr_regions_text``), and return the words as ``page.get_text("words")`` does, with
    their boxes in page coordinates and a block number per region."""
    words = []
    for number, clip, ocr_page in _ocr_regions(page, regions, language=language, dpi=dpi):
        sx = clip.width / ocr_page.rect.width
        sy = clip.height / ocr_page.rect.height
        for x0, y0, x1, y1, word, block, line, wno in ocr_page.get_text("words"):
            words.append(
                (
                    clip.x0 + x0 * sx,
                    clip.y0 + y0 * sy,
                    clip.x0 + x1 * sx,
                    clip.y0 + y1 * sy,
                    word,
                    number * 1000 + block,
                    line,
                    wno,
                )
            )
    return words
