"""Storing files of a document: always a new record, with its checksum."""

import hashlib

from django.core.files.base import ContentFile

from .models import Document, DocumentFile


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
    record.file.save(name or "bestand", ContentFile(data), save=False)
    record.save()
    return record


def anonymised_file_name(document: Document, version: int) -> str:
    """Each version of the anonymised PDF has its own name: ``2026-0012-geanonimiseerd-v2.pdf``."""
    return f"{document.registration_number}-geanonimiseerd-v{version}.pdf"
