"""Receiving files at the griffie: every file becomes a document, or a clear refusal."""

from dataclasses import dataclass
from datetime import date
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from .conversion import UnreadableFile, convert, sniff
from .files import store_file
from .models import Document, FileKind
from .tasks import render_page_images

CONTENT_TYPES = {"pdf": "application/pdf", "image": "image/*", "eml": "message/rfc822"}


class UploadRefused(Exception):
    """Nothing was stored: the file is too large or empty."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class IntakeResult:
    filename: str
    document: Document
    problem: str = ""  # set when the document was kept with status 'failed'


def _allocate_document(year: int, **fields) -> Document:
    """Create a document with the next registration number of ``year``; retried when two
    uploads race for the same number (the unique constraint decides)."""
    for _attempt in range(10):
        last = (
            Document.objects.filter(registration_year=year).aggregate(
                n=Max("registration_sequence")
            )["n"]
            or 0
        )
        try:
            with transaction.atomic():
                return Document.objects.create(
                    registration_year=year, registration_sequence=last + 1, **fields
                )
        except IntegrityError:
            continue
    raise RuntimeError("Kon geen registratienummer toekennen.")


def check_size(size: int) -> None:
    limit = settings.DOCUMENT_MAX_UPLOAD_SIZE
    if size > limit:
        raise UploadRefused(
            f"Het bestand is te groot ({filesizeformat(size)}); het maximum is "
            f"{filesizeformat(limit)}."
        )
    if size == 0:
        raise UploadRefused("Het bestand is leeg (0 bytes) en is niet opgeslagen.")


def receive_file(
    data: bytes, filename: str, *, user=None, received_on: date | None = None
) -> IntakeResult:
    """Register one received file as an ingekomen stuk.

    A file that cannot be read is still kept, unchanged, as a document with status 'failed'
    and the reason; only an empty or oversized file is refused outright.
    """
    check_size(len(data))
    received_on = received_on or timezone.localdate()
    problem = ""
    try:
        converted = convert(data, filename)
    except UnreadableFile as exc:
        converted, problem = None, exc.reason

    with transaction.atomic():
        document = _allocate_document(received_on.year, received_on=received_on, created_by=user)
        document.record("received", user, f"Bestand ontvangen: {filename}")
        store_file(
            document,
            FileKind.ORIGINAL,
            data,
            filename,
            CONTENT_TYPES.get(sniff(data) or "", "application/octet-stream"),
        )
        if converted is None:
            document.fail(problem, actor=user)
            return IntakeResult(filename, document, problem)
        if converted.kind != "pdf":
            store_file(
                document,
                FileKind.WORKING_PDF,
                converted.pdf_bytes,
                "omgezet.pdf",
                "application/pdf",
            )
        document.pages_total = converted.page_count
        document.text = converted.text
        document.save(update_fields=["pages_total", "text"])
        for note in converted.notes:
            document.record("conversion_note", None, note)
        transaction.on_commit(partial(render_page_images.delay, document_id=document.pk))
    return IntakeResult(filename, document)
