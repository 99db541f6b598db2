"""Published documents written straight to the tables, many at once (no intake, no workflow):
the load test of the public site (``manage.py bench_web``) and the tests that count the public
pages' queries need hundreds to thousands of them."""

import datetime
import hashlib

from django.utils import timezone

from documents.models import Category, Document, DocumentFile, FileKind, SenderType, Status
from publication.models import PublicationDecision
from publication.rules import Outcome
from publication.service import update_search_vector


def bulk_published(
    texts: list[tuple[str, str]],
    *,
    year: int,
    file_name: str = "geanonimiseerd.pdf",
    pdf: bytes = b"",
    batch_size: int = 2000,
) -> list[Document]:
    """A published organisation's letter per (subject, public text), numbered 1, 2, … in
    ``year``, each with an anonymised file (``file_name``, stored beforehand, holding ``pdf``)
    and a decision 'published, contacts removed' (art. 3c) that the search finds."""
    now = timezone.now()
    documents = Document.objects.bulk_create(
        [
            Document(
                registration_year=year,
                registration_sequence=i + 1,
                received_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=i % 365),
                subject=subject,
                category=Category.LETTER,
                sender_type=SenderType.ORGANISATION,
                public_sender_term="Organisatie",
                status=Status.PUBLISHED,
                published_at=now,
            )
            for i, (subject, _) in enumerate(texts)
        ],
        batch_size=batch_size,
    )
    sha256 = hashlib.sha256(pdf).hexdigest()
    files = DocumentFile.objects.bulk_create(
        [
            DocumentFile(
                document=document,
                kind=FileKind.ANONYMISED,
                file=file_name,
                size=len(pdf),
                sha256=sha256,
                content_type="application/pdf",
            )
            for document in documents
        ],
        batch_size=batch_size,
    )
    decisions = PublicationDecision.objects.bulk_create(
        [
            PublicationDecision(
                document=document,
                proposed_outcome=Outcome.PUBLISHED_CONTACTS_REMOVED,
                proposed_article="3c",
                outcome=Outcome.PUBLISHED_CONTACTS_REMOVED,
                published_file=file,
                public_text=public_text,
            )
            for document, file, (_, public_text) in zip(documents, files, texts, strict=True)
        ],
        batch_size=batch_size,
    )
    for document, decision in zip(documents, decisions, strict=True):
        update_search_vector(decision.pk, document.subject)
    return documents
