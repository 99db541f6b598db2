"""Published documents written straight to the tables, many at once (no intake, no workflow):
the load test of the public site (``manage.py bench_web``) and the tests that count the public
pages' queries need hundreds to hundreds of thousands of them. Set-based: on PostgreSQL each
batch is written with COPY (keys taken from the sequences beforehand), and the decisions are
inserted from a COPY'd staging table with their search vectors computed in the same
statement (no UPDATE per row, nor one that leaves every row behind as a dead tuple);
elsewhere with ``bulk_create``."""

import datetime
import hashlib

from django.db import connection, connections
from django.utils import timezone

from documents.models import Category, Document, DocumentFile, FileKind, SenderType, Status
from publication.models import PublicationDecision
from publication.rules import Outcome
from publication.service import update_search_vector

# The same vector as publication.service.update_search_vector: subject weight A, text B.
SEARCH_VECTOR = (
    "setweight(to_tsvector('dutch', COALESCE(document.subject, '')), 'A')"
    " || setweight(to_tsvector('dutch', COALESCE(staged.public_text, '')), 'B')"
)


def _copy_rows(model, objects, *, table: str | None = None) -> None:
    """COPY ``objects`` (unsaved, primary keys set) into ``table`` (the model's own by
    default), every concrete column as ``bulk_create`` would have written it."""
    fields = [f for f in model._meta.concrete_fields if f.column != "search_vector"]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = table or model._meta.db_table
    db = connections[connection.alias]  # the wrapper itself, not the per-thread proxy
    with db.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for obj in objects:
                copy.write_row([f.get_db_prep_save(f.pre_save(obj, add=True), db) for f in fields])


def _take_keys(model, n: int) -> list[int]:
    table, pk = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, pk, n],
        )
        return [row[0] for row in cursor.fetchall()]


def _create(model, objects: list) -> list:
    if connection.vendor != "postgresql":
        return model.objects.bulk_create(objects)
    for obj, key in zip(objects, _take_keys(model, len(objects)), strict=True):
        obj.pk = key
    _copy_rows(model, objects)
    for obj in objects:
        obj._state.adding, obj._state.db = False, connection.alias
    return objects


def _create_decisions(decisions: list) -> list:
    """Decisions with their search vectors, on PostgreSQL in one INSERT from a staging table."""
    if connection.vendor != "postgresql":
        decisions = PublicationDecision.objects.bulk_create(decisions)
        for decision in decisions:
            update_search_vector(decision.pk, decision.document.subject)
        return decisions
    for obj, key in zip(decisions, _take_keys(PublicationDecision, len(decisions)), strict=True):
        obj.pk = key
    table = PublicationDecision._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE staged_decision (LIKE {table} INCLUDING DEFAULTS)")
    _copy_rows(PublicationDecision, decisions, table="staged_decision")
    fields = [f for f in PublicationDecision._meta.concrete_fields if f.column != "search_vector"]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    staged = ", ".join("staged." + connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({columns}, search_vector) SELECT {staged}, {SEARCH_VECTOR}"
            " FROM staged_decision AS staged"
            " JOIN documents_document AS document ON document.id = staged.document_id"
        )
        cursor.execute("DROP TABLE staged_decision")
    return decisions


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

    documents = _create(
        Document,
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
        ],
    )
    sha256 = hashlib.sha256(pdf).hexdigest()
    files = _create(
        DocumentFile,
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
    )
    _create_decisions(
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
    return documents
