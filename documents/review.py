"""What the review screen shows, read-only: each page image with the proposed and drawn
boxes as shares of the page, and the reviewer's net with what a drawn box already covers.
Nothing here writes; the changes a reviewer makes go through ``workflow.apply_review``."""

import logging
from typing import Any

from . import workflow
from .models import Document, FileKind, Redaction, RedactionDecision
from .pages import page_size

logger = logging.getLogger(__name__)

Rect = tuple[float, float, float, float]


def box_on_page(rect: Rect, width: float, height: float) -> dict[str, float]:
    """A rectangle in PDF points as percentages of the page, for drawing over its image."""
    x0, y0, x1, y1 = rect
    return {
        "left": 100 * x0 / width,
        "top": 100 * y0 / height,
        "width": 100 * (x1 - x0) / width,
        "height": 100 * (y1 - y0) / height,
    }


def review_pages(document: Document, redactions: list[Redaction]) -> list[dict[str, Any]]:
    """Every page image of the document with the redactions on that page."""
    pages = []
    for image in document.files.filter(kind=FileKind.PAGE_IMAGE).order_by("page_number"):
        width, height = page_size(document, image.page_number or 0)
        boxes = [
            {
                "redaction": redaction,
                "rects": [box_on_page(rect, width, height) for rect in redaction.rects],
            }
            for redaction in redactions
            if redaction.page == image.page_number
        ]
        pages.append({"image": image, "boxes": boxes, "width": width, "height": height})
    return pages


def _covered_by(manual: list[tuple[int, Rect]], page: int, rect: Rect) -> bool:
    cx, cy = (rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2
    return any(p == page and b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for p, b in manual)


def suspect_rows(document: Document, redactions: list[Redaction]) -> list[dict] | None:
    """The reviewer's net, each suspect marked when drawn boxes already cover every place it
    stands (they go at the next re-run). ``None`` when the net could not be cast: the screen
    then tells the reviewer to read the output in full."""
    manual = [
        (r.page, rect)
        for r in redactions
        if r.is_manual and r.decision == RedactionDecision.ACCEPTED
        for rect in r.rects
    ]
    try:
        suspects = workflow.review_suspects(document)
    except Exception:  # a missing or unreadable output must not take the screen down
        logger.exception("reviewer's net failed for document %s", document.pk)
        return None
    return [
        {
            "suspect": suspect,
            "covered": all(_covered_by(manual, page, rect) for page, rect in suspect.occurrences),
        }
        for suspect in suspects
    ]
