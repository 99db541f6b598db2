"""The public read rules. The rules themselves are chainable queryset methods
(``Document.objects.public()``, ``.under_secrecy()``, ``Meeting.objects.open()``,
``MeetingDocument.objects.public()``); the functions here are thin delegates that add the
public columns and ordering, so views, feeds, sitemaps, API and templates never re-decide.

- A document is public when it is published *and* the griffie recorded a publication
  decision for it (fail closed: a document published some other way stays off the site),
  and it is not under secrecy: a decision in force, or the record of a besloten vergadering
  until the raad lifts that (a document on which secrecy was imposed after publication
  disappears at once; lifted minutes that are then published appear).
- A file is public only when it is the file that decision published: the ANONYMISED file,
  or, for PUBLISHED_IN_FULL with explicit consent, the received PDF.
- A closed meeting exists publicly, but with no content.
"""

import datetime
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import Case, Expression, F, Q, QuerySet, Value, When

from documents.models import Document, DocumentFile, FileKind, Status
from meetings.agenda import VoteSummary, attendance_of, ordered_items, vote_summaries
from meetings.models import AgendaItem, Meeting, MeetingQuerySet
from people.models import Person, PersonQuerySet

from .models import VOTED_KINDS, Activity, MeetingDocument, PublicationDecision
from .rules import Outcome

if TYPE_CHECKING:
    from django.contrib.postgres.search import SearchQuery

PUBLIC_DOCUMENT_FIELDS = (
    "id",
    "uuid",
    "registration_year",
    "registration_sequence",
    "received_on",
    "subject",
    "category",
    "public_sender_term",
    "meeting_id",
    "agenda_item_id",
    "published_at",
    "status",
    "handling_proposal",  # the afdoening is public; its internal note is not
    "handling_decision",
    "publication__outcome",
    "publication__published_file_id",
    "publication__changed_at",
    "publication__decided_at",
)
#: The columns of a row of a public list of documents (``{% document_rows %}``), read as
#: plain rows: fifty model instances and their decisions cost more than writing the rows.
ROW_COLUMNS = (
    "uuid",
    "registration_year",
    "registration_sequence",
    "received_on",
    "public_sender_term",
    "subject",
    "handling_proposal",
    "handling_decision",
    "publication__published_file_id",
)
#: The columns of a hit of the public search (``{% search_results %}``), besides its snippet.
SEARCH_COLUMNS = (
    "uuid",
    "registration_year",
    "registration_sequence",
    "received_on",
    "public_sender_term",
    "subject",
)
#: The order of every public list of documents (index ``document_public_list``).
LIST_ORDER = ("-received_on", "-registration_year", "-registration_sequence")
#: A search ranks its newest hits, at most this many; with more, the page says so and the
#: period filter reaches older ones. Ranking every hit of a word that every document has
#: would read every vector (200,000 at twenty years).
SEARCH_RANKED = 1000
# Files the public may ever receive, by outcome.
ORIGINAL_KINDS = (FileKind.WORKING_PDF, FileKind.ORIGINAL)


def _file_is_allowed(decision: PublicationDecision, record: DocumentFile) -> bool:
    if decision.outcome == Outcome.PUBLISHED_IN_FULL:
        return record.kind in (FileKind.ANONYMISED, *ORIGINAL_KINDS)
    return record.kind == FileKind.ANONYMISED


def public_documents() -> QuerySet[Document]:
    """Every ingekomen stuk the public may see (listing and page). Only public columns are
    loaded, so a template cannot show ``sender_name`` or ``text`` by accident.

    Built once per thread and handed out as a fresh copy: building the public rule (three
    secrecy sub-queries) cost about 0.8 ms of every public page. Per thread, because a copy
    shares the rule's sub-queries with the original, and compiling marks them (alias counts),
    which two threads must not do to one object at once; its SQL depends on nothing but the
    code, so the copy is what building it anew would give."""
    built = getattr(_built, "documents", None)
    if built is None:
        built = _built.documents = (
            Document.objects.public()
            .select_related("publication")
            .only(*PUBLIC_DOCUMENT_FIELDS)
            .order_by(*LIST_ORDER)
        )
    return built.all()


_built = threading.local()


def public_documents_with_file() -> QuerySet[Document]:
    return public_documents().filter(publication__published_file__isnull=False)


def _search_query(query: str) -> "SearchQuery":
    from django.contrib.postgres.search import SearchQuery

    return SearchQuery(query, config="dutch", search_type="websearch")


def search_public_documents(query: str, *, vendor: str) -> QuerySet[Document]:
    """The public documents that match, newest first: full-text search over the stored
    vector of the published text and subject (PostgreSQL, config 'dutch', GIN index), or a
    plain ``icontains`` on SQLite. Both only ever see ``public_text``, never
    ``Document.text``. Filters narrow this; :func:`rank_hits` then orders it."""
    documents = public_documents()
    query = (query or "").strip()
    if not query:
        return documents.none()
    if vendor == "postgresql":
        return documents.filter(publication__search_vector=_search_query(query))
    return documents.filter(
        Q(publication__public_text__icontains=query) | Q(subject__icontains=query)
    )


def rank_hits(
    hits: QuerySet[Document], query: str, *, vendor: str, limit: int = SEARCH_RANKED
) -> QuerySet[Document]:
    """The newest ``limit`` + 1 of ``hits`` (one more, so a page can say "more
    than"), best first. A hit in the subject ranks above one in the text only: PostgreSQL
    ranks the *stored* vector, whose subject lexemes carry weight A and the text's B (given
    the column, not a string: a string would make Django build a new, unweighted vector
    from every row); SQLite puts subject hits first. Ties: newest first."""
    newest = hits.order_by(*LIST_ORDER).values("pk")[: limit + 1]
    # ``hits`` applied the public rule; re-applying it out here would make PostgreSQL scan
    # the whole table for it instead of fetching these rows by key.
    candidates = (
        Document.objects.filter(pk__in=newest)
        .select_related("publication")
        .only(*PUBLIC_DOCUMENT_FIELDS)
    )
    rank: Expression
    if vendor == "postgresql":
        from django.contrib.postgres.search import SearchRank

        rank = SearchRank(F("publication__search_vector"), _search_query(query))
    else:
        rank = Case(When(subject__icontains=query, then=Value(1.0)), default=Value(0.4))
    return candidates.annotate(rank=rank).order_by("-rank", *LIST_ORDER)


def public_file(document_uuid: UUID) -> tuple[Document, DocumentFile] | None:
    """The one file the public may download for this document, or None."""
    document = public_documents().filter(uuid=document_uuid).first()
    if document is None:
        return None
    decision = document.publication
    file_id = decision.published_file_id
    if not file_id:
        return None
    record = DocumentFile.objects.filter(pk=file_id, document_id=document.pk).first()
    if record is None or not _file_is_allowed(decision, record):
        return None
    if document.status != Status.PUBLISHED:  # belt and braces
        return None
    return document, record


def public_meetings() -> MeetingQuerySet:
    return Meeting.objects.public().select_related("body")


def meeting_is_open(meeting: Meeting) -> bool:
    return meeting.shows_content


def public_meeting_documents() -> QuerySet[MeetingDocument]:
    return MeetingDocument.objects.public().select_related("meeting")


def public_agenda_items(meeting: Meeting) -> list[AgendaItem]:
    """The agenda in reading order (each main item, then its sub-items), once published."""
    if not meeting.shows_agenda:
        return []
    return ordered_items(meeting)


def public_votes(meeting_documents: Iterable[MeetingDocument]) -> dict[int, VoteSummary]:
    """The votes on public meeting documents only (by id): never on one kept off the site."""
    return vote_summaries([md for md in meeting_documents if md.published_at])


def public_attendance(meeting: Meeting) -> dict[str, list[str]]:
    """Who of the members was present: office holders' names (3a), once the agenda is public."""
    if not meeting.shows_agenda:
        return {"present": [], "absent": []}
    return attendance_of(meeting)


def meeting_summary(meeting: Meeting) -> str:
    """The public agenda with its decisions and votes as plain Dutch text, for the iCal feed
    and the RSS/Atom feeds: the same the meeting page shows, nothing more."""
    from django.utils import timezone

    if not meeting.shows_agenda:
        return ""
    lines = []
    if meeting.agenda_changed_at:
        changed = timezone.localtime(meeting.agenda_changed_at)
        lines.append(f"Agenda gewijzigd op {changed:%d-%m-%Y %H:%M}.")
    voted = [
        md
        for md in public_meeting_documents().filter(meeting=meeting).order_by("kind", "title")
        if md.kind in VOTED_KINDS and md.outcome
    ]
    votes = public_votes(voted)
    per_item: dict = {}
    for md in voted:
        per_item.setdefault(md.agenda_item_id, []).append(md)
    for item in public_agenda_items(meeting):
        indent = "  " if item.parent_id else ""
        lines.append(f"{indent}{item.number}. {item.title}")
        if item.decision:
            lines.append(f"{indent}  Besluit: {item.decision}")
        for md in per_item.get(item.pk, []):
            vote = votes.get(md.pk)
            detail = f" ({vote.text()})" if vote else ""
            lines.append(f"{indent}  {md.title}: {md.get_outcome_display()}{detail}")
    return "\n".join(lines)


def public_activities() -> QuerySet[Activity]:
    return Activity.objects.filter(is_published=True)


def public_people() -> PersonQuerySet:

    return Person.objects.in_office().select_related("fractie")


def last_change() -> datetime.datetime | None:
    """When anything on the public site last changed (for caches, feeds and sitemaps)."""
    from django.db.models import Max

    return PublicationDecision.objects.aggregate(m=Max("changed_at"))["m"]
