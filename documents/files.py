"""Storing files of a document: always a new record, with its checksum, through Django's
storage API only (local disk or S3-compatible object storage, see ``STORAGES``)."""

import contextvars
import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from .models import Document, DocumentFile

logger = logging.getLogger(__name__)

# Names written inside the innermost ``atomic_files`` block that has not committed yet.
_written: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar(
    "documents_files_written", default=None
)


@contextmanager
def atomic_files() -> Iterator[None]:
    """``transaction.atomic()`` that also removes the files stored inside it when it rolls
    back: a failed or interrupted run leaves no orphaned file behind. Nested blocks hand
    their files to the enclosing block, which removes them if it rolls back in turn.
    (A process killed mid-transaction runs no code at all: ``remove_orphan_files`` sweeps
    up after it.)"""
    outer = _written.get()
    written: list[str] = []
    token = _written.set(written)
    try:
        with transaction.atomic():
            yield
    except BaseException:
        _written.reset(token)
        remove_stored(written)
        raise
    _written.reset(token)
    if outer is not None:
        outer.extend(written)


def remove_stored(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except Exception:  # the sweep removes what is left
            logger.warning("Could not remove %s after a rollback", name, exc_info=True)


def store_file(
    document: Document, kind: str, data: bytes, name: str, content_type: str, **extra
) -> DocumentFile:
    record = DocumentFile(
        document=document,
        kind=kind,
        original_name=name,
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        **extra,
    )
    save_file(record.file, data, name)
    record.save()
    return record


def save_file(field_file: FieldFile, data: bytes, name: str) -> None:
    """Write ``data`` to a model's file field through the storage API (the model is not
    saved); inside ``atomic_files`` the file is removed again if the block rolls back."""
    field_file.save(name or "bestand", ContentFile(data), save=False)
    written = _written.get()
    if written is not None and field_file.name:
        written.append(field_file.name)


def _walk(storage: Storage, folder: str) -> Iterator[str]:
    folders, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from _walk(storage, f"{folder}/{sub}")


def remove_orphan_files(older_than: timedelta = timedelta(hours=1), limit: int = 1000) -> int:
    """Delete stored files that no DocumentFile refers to and that are older than
    ``older_than`` (younger ones may belong to a transaction that has not committed yet).
    Returns how many were removed."""
    storage = default_storage
    if not storage.exists("documents"):
        return 0
    cutoff = timezone.now() - older_than
    removed = 0
    for uuid_folder in storage.listdir("documents")[0]:
        names = list(_walk(storage, f"documents/{uuid_folder}"))
        known = set(DocumentFile.objects.filter(file__in=names).values_list("file", flat=True))
        for name in names:
            if name in known or storage.get_modified_time(name) > cutoff:
                continue
            storage.delete(name)
            removed += 1
            if removed >= limit:
                return removed
    return removed


def anonymised_file_name(document: Document, version: int) -> str:
    """Each version of the anonymised PDF has its own name: ``2026-0012-geanonimiseerd-v2.pdf``."""
    return f"{document.registration_number}-geanonimiseerd-v{version}.pdf"
