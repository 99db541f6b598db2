"""Councillors read the meeting: the agenda with every document they may read, reading in
the browser page by page, their private notes and search.

Nothing here decides who may read what. Each question goes to the one rule that exists for
it: ``access.confidential_documents_visible_to(user)`` and ``access.find_readable_document`` for
vertrouwelijk originals, ``access.secret_items_visible_to`` / ``find_readable_secret_item``
for geheim information (bodies it was provided to, never during an exclusion), and
``Document.objects.public()`` / ``MeetingDocument.objects.public()`` for what the public
may read as well.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import reduce
from operator import or_
from typing import Any
from uuid import UUID

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from documents.models import Document, DocumentFile
from meetings.models import AgendaItem, Meeting
from people.models import Person
from people.roles import acting_user
from publication.models import MeetingDocument, MeetingDocumentQuerySet
from publication.public import public_file

from . import access
from .access import AccessDecision, Level
from .models import ReadingNote, ReadingTarget, SecretItem, WatermarkIssue
from .net import client_ip
from .watermark import page_count as pdf_page_count
from .watermark import page_image

# How each kind of reading is named in its URL.
URL_KINDS = {
    "vertrouwelijk": ReadingTarget.DOCUMENT,
    "geheim": ReadingTarget.SECRET_ITEM,
    "vergaderstuk": ReadingTarget.MEETING_DOCUMENT,
    "openbaar": ReadingTarget.PUBLIC_DOCUMENT,
}
URL_KIND_OF: dict[str, str] = {str(target): kind for kind, target in URL_KINDS.items()}

# A reading's watermark code stays valid for its page images this long.
READING_HOURS = 12


def watermark_lines(user: User, obj: object, issued_at: datetime) -> list[str]:
    """What the watermark says besides the level and code: who, when, and for geheim
    information who may lift the secrecy."""
    lines = [
        user.get_full_name() or user.get_username(),
        date_format(timezone.localtime(issued_at), "DATETIME_FORMAT"),
    ]
    if isinstance(obj, SecretItem):
        lines.append(
            _("geheimhouding; op te heffen door %(body)s") % {"body": obj.decision.lifting_text}
        )
    return lines


def _meeting_documents() -> MeetingDocumentQuerySet:
    return MeetingDocument.objects.all()


@dataclass
class Readable:
    """Something a member may read now, by one path of the reading rule."""

    target_type: str
    uuid: Any
    obj: Any
    level: str  # access.Level
    title: str
    meeting: Meeting | None = None
    agenda_item: AgendaItem | None = None
    kind_label: str = ""
    _file: Any = None  # a DocumentFile, or a FieldFile of a meeting document

    @property
    def url_kind(self) -> str:
        return URL_KIND_OF[self.target_type]

    @property
    def read_url(self) -> str:
        return reverse("confidentiality:read", args=[self.url_kind, self.uuid])

    @property
    def download_url(self) -> str:
        """Where downloading is allowed: the watermarked copy of the area, or the public
        file of the public site."""
        if self.target_type == ReadingTarget.DOCUMENT:
            return reverse("confidentiality:confidential-download", args=[self.uuid])
        if self.target_type == ReadingTarget.SECRET_ITEM:
            return reverse("confidentiality:secret-download", args=[self.uuid])
        if self.target_type == ReadingTarget.MEETING_DOCUMENT:
            return reverse("publication:meeting-document-file", args=[self.uuid])
        return reverse("publication:document-file", args=[self.uuid])

    @property
    def is_confidential(self) -> bool:
        return self.level != Level.PUBLIC

    @property
    def has_file(self) -> bool:
        return bool(self._file)

    @property
    def sha256(self) -> str:
        return getattr(self._file, "sha256", "") or getattr(self.obj, "sha256", "")

    def read_bytes(self) -> bytes:
        if not self._file:
            return b""
        if hasattr(self._file, "read_bytes"):
            return self._file.read_bytes()
        with self._file.open("rb") as handle:
            return handle.read()

    @property
    def log_type(self) -> str:
        """The object type in the access log (the existing opaque references)."""
        return "secret_item" if self.target_type == ReadingTarget.SECRET_ITEM else "document"


def confidential_file(document: Document) -> DocumentFile | None:
    """The PDF councillors read of a vertrouwelijk or geheim document: the area's own choice
    of file (the working PDF, or the original when it is a PDF), asked in this one place."""

    return document.working_pdf()


def _document_readable(document: Document) -> Readable:
    return Readable(
        ReadingTarget.DOCUMENT,
        document.uuid,
        document,
        Level.VERTROUWELIJK,
        f"{document.registration_number} {document.subject}".strip(),
        document.meeting,
        document.agenda_item,
        document.get_category_display(),
        confidential_file(document),
    )


def _secret_readable(item: SecretItem) -> Readable:
    document = item.document
    return Readable(
        ReadingTarget.SECRET_ITEM,
        item.uuid,
        item,
        Level.GEHEIM,
        item.label or item.decision.title,
        document.meeting or item.decision.meeting,
        document.agenda_item,
        _("geheime bijlage") if item.part == "annex" else _("geheim stuk"),
        confidential_file(document),
    )


def _meeting_document_readable(md: MeetingDocument) -> Readable:
    return Readable(
        ReadingTarget.MEETING_DOCUMENT,
        md.uuid,
        md,
        Level.PUBLIC,
        md.title,
        md.meeting,
        md.agenda_item,
        md.get_kind_display(),
        md.public_file,
    )


def _public_document_readable(document: Document, record: DocumentFile) -> Readable:
    return Readable(
        ReadingTarget.PUBLIC_DOCUMENT,
        document.uuid,
        document,
        Level.PUBLIC,
        f"{document.registration_number} {document.subject}".strip(),
        document.meeting,
        document.agenda_item,
        document.get_category_display(),
        record,
    )


def find_readable(
    user: User | AnonymousUser, target_type: str, uuid: UUID
) -> tuple[Readable | None, AccessDecision]:
    """What ``user`` may read under ``uuid`` by this path, with the reason for the access
    log. Unreadable and unknown ids give the same answer (the existing lookups)."""
    if target_type == ReadingTarget.DOCUMENT:
        document, decision = access.find_readable_document(user, uuid)
        return (_document_readable(document) if document else None), decision
    if target_type == ReadingTarget.SECRET_ITEM:
        item, decision = access.find_readable_secret_item(user, uuid)
        return (_secret_readable(item) if item else None), decision
    if target_type == ReadingTarget.MEETING_DOCUMENT:
        md = _meeting_documents().public().filter(uuid=uuid).select_related("meeting").first()
        if md is None:
            return None, AccessDecision(False, "not_found")
        return _meeting_document_readable(md), AccessDecision(True, "openbaar")
    if target_type == ReadingTarget.PUBLIC_DOCUMENT:
        found = public_file(uuid)
        if found is None:
            return None, AccessDecision(False, "not_found")
        document = Document.objects.select_related("meeting", "agenda_item").get(pk=found[0].pk)
        return _public_document_readable(document, found[1]), AccessDecision(True, "openbaar")
    return None, AccessDecision(False, "unknown_object")


# --- the meeting ---------------------------------------------------------------------------------
@dataclass
class AgendaRow:
    item: AgendaItem | None
    readables: list[Readable] = field(default_factory=list)


@dataclass
class MemberMeeting:
    meeting: Meeting
    shows_agenda: bool
    rows: list[AgendaRow]
    loose: list[Readable]

    @property
    def count(self) -> int:
        return sum(len(row.readables) for row in self.rows) + len(self.loose)


def readables_of_meeting(user: User | AnonymousUser, meeting: Meeting) -> list[Readable]:
    """Every document of ``meeting`` that ``user`` may read, public, vertrouwelijk and geheim
    side by side, each by its own rule."""

    found = [
        _meeting_document_readable(md)
        for md in _meeting_documents().public().filter(meeting=meeting).select_related("meeting")
    ]
    for document in (
        Document.objects.public()
        .filter(meeting=meeting)
        .select_related("meeting", "agenda_item", "publication")
    ):
        published = public_file(document.uuid)
        if published is not None:
            found.append(_public_document_readable(document, published[1]))
    found.extend(
        _document_readable(document)
        for document in access.confidential_documents_visible_to(user)
        .filter(meeting=meeting)
        .select_related("meeting", "agenda_item")
    )
    found.extend(
        _secret_readable(item)
        for item in access.secret_items_visible_to(user).filter(document__meeting=meeting)
    )
    return found


LEVEL_ORDER = {Level.PUBLIC: 0, Level.VERTROUWELIJK: 1, Level.GEHEIM: 2}


def member_meeting(user: User | AnonymousUser, meeting: Meeting) -> MemberMeeting:
    """The agenda of ``meeting`` with, per item, every document ``user`` may read. A
    besloten vergadering shows its agenda only to whom a secret record of it was provided
    (``secret_decisions_visible_to``: never during an exclusion)."""
    readables = readables_of_meeting(user, meeting)
    shows_agenda = (
        meeting.shows_content
        or any(r.level == Level.GEHEIM for r in readables)
        or access.secret_decisions_visible_to(user).filter(meeting=meeting).exists()
    )
    if not shows_agenda:
        return MemberMeeting(meeting, False, [], [])
    rows = {item.pk: AgendaRow(item) for item in meeting.agenda_items.all()}
    loose = []
    for readable in sorted(readables, key=lambda r: (LEVEL_ORDER[r.level], r.title)):
        item_id = readable.agenda_item.pk if readable.agenda_item else None
        if item_id in rows:
            rows[item_id].readables.append(readable)
        else:
            loose.append(readable)
    return MemberMeeting(meeting, True, list(rows.values()), loose)


def member_meetings(user: User | AnonymousUser, *, all_bodies: bool = False) -> QuerySet[Meeting]:
    """Meetings from a month ago on: of the bodies the user sits in, or of every body."""
    since = timezone.now() - timedelta(days=31)
    meetings = Meeting.objects.public().filter(starts_at__gte=since).select_related("body")
    if not all_bodies:
        meetings = meetings.filter(body__in=access.active_bodies(user))
    return meetings.order_by("starts_at")


# --- watermark of a reading ----------------------------------------------------------------------
def reading_issue(
    request: HttpRequest, readable: Readable, code: str = ""
) -> WatermarkIssue | None:
    """The watermark of this reading: the one the reader page issued (``code``, the same
    user and document, not older than READING_HOURS), or a new one. None for public text."""
    if not readable.is_confidential:
        return None
    object_id = str(readable.uuid)
    if code:
        issue = WatermarkIssue.objects.filter(
            code=code.strip().upper()[:20],
            user=acting_user(request),
            object_type=readable.log_type,
            object_id=object_id,
            issued_at__gte=timezone.now() - timedelta(hours=READING_HOURS),
        ).first()
        if issue is not None:
            return issue

    return WatermarkIssue.objects.create(
        user=acting_user(request),
        level=readable.level,
        object_type=readable.log_type,
        object_id=object_id,
        file_sha256=readable.sha256,
        ip=client_ip(request),
    )


def page_png(
    request: HttpRequest, readable: Readable, number: int, issue: WatermarkIssue | None
) -> bytes:
    """One page as an image, the member's watermark drawn into it (vertrouwelijk, geheim)."""

    if issue is None:
        return page_image(readable.read_bytes(), number, level=None, lines=[], code="")
    lines = watermark_lines(acting_user(request), readable.obj, issue.issued_at)
    return page_image(
        readable.read_bytes(), number, level=issue.level, lines=lines, code=issue.code
    )


# --- notes ---------------------------------------------------------------------------------------
def readable_targets(user: User | AnonymousUser) -> Q:
    """Notes whose document the user may read now: a note on a geheim document disappears
    during an exclusion (and comes back after it), like the document itself."""
    refs = {
        ReadingTarget.DOCUMENT: access.confidential_documents_visible_to(user).values("uuid"),
        ReadingTarget.SECRET_ITEM: SecretItem.objects.filter(
            pk__in=access.secret_items_visible_to(user).values("pk")
        ).values("uuid"),
        ReadingTarget.MEETING_DOCUMENT: _meeting_documents().public().values("uuid"),
        ReadingTarget.PUBLIC_DOCUMENT: Document.objects.public().values("uuid"),
    }
    return reduce(or_, (Q(target_type=t, target_uuid__in=uuids) for t, uuids in refs.items()))


def notes_for(user: User | AnonymousUser, readable: Readable) -> QuerySet[ReadingNote]:
    return ReadingNote.objects.of(user).filter(
        target_type=readable.target_type, target_uuid=readable.uuid
    )


def add_note(user: User, readable: Readable, text: str, page: int | None = None) -> ReadingNote:
    return ReadingNote.objects.create(
        author=user,
        target_type=readable.target_type,
        target_uuid=readable.uuid,
        page=page,
        text=text.strip(),
    )


def users_whose_term_ended(on: date | None = None) -> QuerySet:
    """Users whose term as office holder ended before ``on``, and deactivated accounts."""
    on = on or timezone.localdate()
    ended = Person.objects.filter(term_end__lt=on, user__isnull=False).values("user_id")
    return get_user_model().objects.filter(Q(pk__in=ended) | Q(is_active=False))


def delete_expired_notes(on: date | None = None) -> int:
    """Delete every note of a member whose term has ended (run daily; safe to run twice).
    Notes are kept for the term and at most a day after it (docs/operations.md)."""
    deleted, _ = ReadingNote.objects.filter(author__in=users_whose_term_ended(on)).delete()
    return deleted


# --- search --------------------------------------------------------------------------------------
@dataclass
class Hit:
    readable_url: str
    title: str
    level: str
    kind_label: str
    snippet: tuple[str, str, str]  # before, the hit, after
    note_page: int | None = None
    is_note: bool = False


def snippet(text: str, query: str, width: int = 220) -> tuple[str, str, str]:
    """The passage around the first hit, starting and ending at whole words."""
    text = " ".join((text or "").split())
    position = text.lower().find(query.lower())
    if position < 0:
        cut = text[:width].rsplit(" ", 1)[0] if len(text) > width else text
        return cut + (" …" if len(text) > len(cut) else ""), "", ""
    start = max(0, position - width // 3)
    if start > 0:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 else 0
    end = min(len(text), position + len(query) + width * 2 // 3)
    if end < len(text):
        space = text.find(" ", end)
        end = space if space >= 0 else len(text)
    before = ("… " if start > 0 else "") + text[start:position]
    after = text[position + len(query) : end] + (" …" if end < len(text) else "")
    return before, text[position : position + len(query)], after


SEARCH_LIMIT = 50


def search(user: User | AnonymousUser, query: str) -> list[Hit]:
    """Search exactly what ``user`` may read: the text of vertrouwelijk originals and of the
    geheim documents provided to their bodies, the public meeting documents and ingekomen
    stukken, and the user's own notes on documents they may read now."""
    query = " ".join((query or "").split())[:100]
    if len(query) < 2:
        return []
    hits: list[Hit] = []
    confidential = access.confidential_documents_visible_to(user).filter(
        Q(subject__icontains=query) | Q(text__icontains=query)
    )
    for document in confidential[:SEARCH_LIMIT]:
        readable = _document_readable(document)
        text = document.text if query.lower() in document.text.lower() else document.subject
        hits.append(_hit(readable, text, query))
    secret = access.secret_items_visible_to(user).filter(
        Q(document__text__icontains=query)
        | Q(document__subject__icontains=query)
        | Q(label__icontains=query)
        | Q(decision__title__icontains=query)
    )
    for item in secret[:SEARCH_LIMIT]:
        readable = _secret_readable(item)
        text = item.document.text if query.lower() in item.document.text.lower() else readable.title
        hits.append(_hit(readable, text, query))
    meeting_docs = (
        _meeting_documents()
        .public()
        .filter(Q(title__icontains=query) | Q(public_text__icontains=query))
        .select_related("meeting")
    )
    for md in meeting_docs[:SEARCH_LIMIT]:
        text = md.public_text if query.lower() in md.public_text.lower() else md.title
        hits.append(_hit(_meeting_document_readable(md), text, query))

    public = (
        Document.objects.public()
        .exclude(pk__in=confidential.values("pk"))
        .filter(Q(subject__icontains=query) | Q(publication__public_text__icontains=query))
        .select_related("publication")
    )
    for document in public[:SEARCH_LIMIT]:
        published = public_file(document.uuid)
        if published is None:
            continue
        public_text = document.publication.public_text
        text = public_text if query.lower() in public_text.lower() else document.subject
        hits.append(_hit(_public_document_readable(document, published[1]), text, query))
    notes = (
        ReadingNote.objects.of(user)
        .filter(readable_targets(user))
        .filter(text__icontains=query)
        .order_by("-updated_at")
    )
    for note in notes[:SEARCH_LIMIT]:
        noted, _decision = find_readable(user, note.target_type, note.target_uuid)
        if noted is None:
            continue
        hits.append(
            Hit(
                noted.read_url + (f"#pagina-{note.page}" if note.page else "#notities"),
                noted.title,
                noted.level,
                _("uw notitie"),
                snippet(note.text, query),
                note_page=note.page,
                is_note=True,
            )
        )
    return hits


def _hit(readable: Readable, text: str, query: str) -> Hit:
    return Hit(
        readable.read_url, readable.title, readable.level, readable.kind_label, snippet(text, query)
    )


def page_count(readable: Readable) -> int:

    return pdf_page_count(readable.read_bytes())
