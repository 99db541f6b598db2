"""Tesseract OCR through PyMuPDF (MuPDF's built-in Tesseract binding)."""

from __future__ import annotations

import functools
import os
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


def ocr_textpage(page: pymupdf.Page, *, language: str, dpi: int, full: bool):
    """OCR a page; returns a TextPage whose words are in page coordinates."""
    tessdata = tessdata_dir()
    if tessdata is None:
        raise RuntimeError("Tesseract language data (nld) is not installed")
    return page.get_textpage_ocr(dpi=dpi, language=language, full=full, tessdata=tessdata)


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
