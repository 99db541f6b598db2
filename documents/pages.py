"""Page images for the griffie's screens, rendered with PyMuPDF."""

from functools import lru_cache, partial

import pymupdf
from django.db import transaction
from django.utils import timezone

from .files import atomic_files, remove_stored, store_file
from .models import Document, DocumentFile, FileKind
from .queueing import RENDER_PAGE_IMAGES, Dispatch, send, send_on_commit

PAGE_IMAGE_DPI = 110  # readable on the review screen (A4: 909 px wide)


def _note_queued(document_id: int, queued: bool) -> None:
    if queued:
        Document.objects.filter(pk=document_id).update(page_images_queued_at=timezone.now())


def dispatch_page_images(document_id: int) -> Dispatch:
    """Queue the page-image task after commit and note when the queue took it. A document
    whose task never reached the queue keeps ``page_images_queued_at`` empty: the recovery
    task sends it on its first round after the queue is back."""
    return send_on_commit(
        RENDER_PAGE_IMAGES, on_result=partial(_note_queued, document_id), document_id=document_id
    )


def send_page_images(document_id: int) -> bool:
    """Send the page-image task now (the recovery task); whether the queue took it."""
    queued = send(RENDER_PAGE_IMAGES, document_id=document_id)
    _note_queued(document_id, queued)
    return queued


def render_page_images(document: Document) -> int:
    """(Re)render every page of the working PDF as a PNG; safe to run twice."""
    source = document.working_pdf()
    if source is None:
        return 0
    doc = pymupdf.open(stream=source.read_bytes(), filetype="pdf")
    images = [page.get_pixmap(dpi=PAGE_IMAGE_DPI).tobytes("png") for page in doc]
    with atomic_files():
        # Old images leave storage only once their records are gone for good; new ones
        # are removed again if this rolls back.
        old = list(document.files.filter(kind=FileKind.PAGE_IMAGE))
        DocumentFile.objects.filter(pk__in=[record.pk for record in old]).delete()
        if old:
            transaction.on_commit(
                partial(remove_stored, [record.file.name for record in old if record.file.name])
            )
        for number, png in enumerate(images):
            store_file(
                document,
                FileKind.PAGE_IMAGE,
                png,
                f"pagina-{number + 1}.png",
                "image/png",
                page_number=number,
            )
    return len(images)


def page_size(document: Document, page_number: int) -> tuple[float, float]:
    """Width and height in PDF points of a page of the working PDF (A4 if unknown)."""
    sizes = _page_sizes(document.pk, document.updated_at.isoformat())
    if 0 <= page_number < len(sizes):
        return sizes[page_number]
    return (595.0, 842.0)


@lru_cache(maxsize=256)
def _page_sizes(document_pk: int, _version: str) -> list[tuple[float, float]]:
    document = Document.objects.get(pk=document_pk)
    source = document.working_pdf()
    if source is None:
        return []
    doc = pymupdf.open(stream=source.read_bytes(), filetype="pdf")
    return [(page.rect.width, page.rect.height) for page in doc]
