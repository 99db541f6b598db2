"""Receiving files at the griffie: every file becomes a document, or a clear refusal."""

import logging
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from griffie.errors import ReasonError

from .conversion import UnreadableFile, check_kind, convert, sniff
from .files import atomic_files, store_file
from .models import Document, FileKind, RegistrationCounter
from .pages import dispatch_page_images
from .queueing import Dispatch

logger = logging.getLogger(__name__)

CONTENT_TYPES = {"pdf": "application/pdf", "image": "image/*", "eml": "message/rfc822"}


class UploadRefused(ReasonError):
    """Nothing was stored and no registration number given: the file is too large, empty,
    or by its bytes not a PDF, scan or e-mail (or not what its name says)."""


@dataclass
class IntakeResult:
    filename: str
    document: Document
    problem: str = ""  # set when the document was kept with status 'failed'
    queued: Dispatch = field(default_factory=Dispatch)  # the page images task

    @property
    def queue_down(self) -> bool:
        return self.queued.failed


def _allocate_document(year: int, **fields) -> Document:
    """Create a document with the next registration number of ``year``. The year's counter
    row is locked until the surrounding transaction ends, so simultaneous intakes wait for
    each other and each gets its own number."""
    with transaction.atomic():
        highest = (
            Document.objects.filter(registration_year=year).aggregate(
                n=Max("registration_sequence")
            )["n"]
            or 0
        )
        RegistrationCounter.objects.bulk_create(
            [RegistrationCounter(year=year, last=highest)], ignore_conflicts=True
        )
        counter = RegistrationCounter.objects.select_for_update().get(year=year)
        # Documents made another way (fixtures, demo data) never reuse a number.
        highest = (
            Document.objects.filter(registration_year=year).aggregate(
                n=Max("registration_sequence")
            )["n"]
            or 0
        )
        counter.last = max(counter.last, highest) + 1
        counter.save(update_fields=["last"])
        return Document.objects.create(
            registration_year=year, registration_sequence=counter.last, **fields
        )


def check_size(size: int) -> None:
    limit = settings.DOCUMENT_MAX_UPLOAD_SIZE
    if size > limit:
        raise UploadRefused(
            f"Het bestand is te groot ({filesizeformat(size)}); het maximum is "
            f"{filesizeformat(limit)}."
        )
    if size == 0:
        raise UploadRefused("Het bestand is leeg (0 bytes) en is niet opgeslagen.")


def check_type(data: bytes, filename: str) -> None:
    """Refuse, before a registration number is given, a file that by its bytes is not a PDF,
    scan or e-mail, or not what its name says (a text file renamed ``.pdf``). A real PDF
    that cannot be opened (encrypted, damaged) is still kept, as 'mislukt'."""
    try:
        check_kind(data, filename)
    except UnreadableFile as exc:
        raise UploadRefused(
            f"{exc.reason} Het bestand is niet opgeslagen en heeft geen registratienummer gekregen."
        ) from exc


def receive_file(
    data: bytes,
    filename: str,
    *,
    user: User | None = None,
    received_on: date | None = None,
) -> IntakeResult:
    """Register one received file as an ingekomen stuk.

    A PDF, scan or e-mail that cannot be read is still kept, unchanged, as a document with
    status 'failed' and the reason; an empty or oversized file, and a file that by its bytes
    is not what it should be, is refused outright, without a registration number.
    """
    check_size(len(data))
    check_type(data, filename)
    received_on = received_on or timezone.localdate()
    problem = ""
    try:
        converted = convert(data, filename)
    except UnreadableFile as exc:
        converted, problem = None, exc.reason
    except Exception:  # any other surprise in a received file: keep it, say so, no 500
        logger.exception("Converting %s failed unexpectedly", filename)
        converted, problem = None, "Het bestand kan niet worden gelezen of omgezet."

    with atomic_files():
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
        queued = dispatch_page_images(document.pk)
    return IntakeResult(filename, document, queued=queued)
