"""Published documents written straight to the tables, many at once (no intake, no workflow):
the load test of the public site (``manage.py bench_web``) and the tests that count the public
pages' queries need hundreds to hundreds of thousands of them. Set-based: the search vectors
of a batch are written by one UPDATE, not one per document."""

import datetime
import hashlib

from django.db import connection
from django.utils import timezone

from documents.models import Category, Document, DocumentFile, FileKind, SenderType, Status
from publication.models import PublicationDecision
from publication.rules import Outcome

# The same vector as publication.service.update_search_vector: subject weight A, text B.
SEARCH_VECTOR_SQL = """
UPDATE publication_publicationdecision AS decision
SET search_vector = setweight(to_tsvector('dutch', COALESCE(document.subject, '')), 'A')
                 || setweight(to_tsvector('dutch', COALESCE(decision.public_text, '')), 'B')
FROM documents_document AS document
WHERE document.id = decision.document_id AND decision.id >= %s AND decision.id <= %s
"""


def bulk_published(
    texts: list[tuple[str, str]],
    *,
    year: int,
    file_name: str = "geanonimiseerd.pdf",
    pdf: bytes = b"",
    batch_size: int = 2000,
    first_day: datetime.date = datetime.date(2026, 1, 1),
    days: int = 365,
) -> list[Document]:
    """A published organisation's letter per (subject, public text), numbered 1, 2, … in
    ``year``, each with an anonymised file (``file_name``, stored beforehand, holding ``pdf``)
    and a decision 'published, contacts removed' (art. 3c) that the search finds. The
    documents are received over ``days`` days from ``first_day`` (in order) and published
    the day after they came in."""
    documents = []
    for start in range(0, len(texts), batch_size):
        documents += _batch(
            texts[start : start + batch_size],
            offset=start,
            total=len(texts),
            year=year,
            file_name=file_name,
            pdf=pdf,
            first_day=first_day,
            days=days,
        )
    return documents


def _batch(texts, *, offset, total, year, file_name, pdf, first_day, days) -> list[Document]:
    tz = timezone.get_current_timezone()

    def received(i: int) -> datetime.date:
        return first_day + datetime.timedelta(days=(i * days) // max(total, 1) % max(days, 1))

    documents = Document.objects.bulk_create(
        [
            Document(
                registration_year=year,
                registration_sequence=offset + i + 1,
                received_on=received(offset + i),
                subject=subject,
                category=Category.LETTER,
                sender_type=SenderType.ORGANISATION,
                public_sender_term="Organisatie",
                status=Status.PUBLISHED,
                published_at=datetime.datetime.combine(
                    received(offset + i) + datetime.timedelta(days=1),
                    datetime.time(9, 0, (offset + i) % 60),
                    tzinfo=tz,
                ),
            )
            for i, (subject, _) in enumerate(texts)
        ]
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
        ]
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
        ]
    )
    if connection.vendor == "postgresql" and decisions:
        ids = [decision.pk for decision in decisions]
        with connection.cursor() as cursor:
            cursor.execute(SEARCH_VECTOR_SQL, [min(ids), max(ids)])
    return documents
