"""The meetings app's public API: how the griffie prepares a meeting, publishes its agenda,
records the outcome and, for a besloten vergadering, lifts the secrecy when the raad decides
to. Views and commands call these; nothing else changes a meeting's state.

Every refusal is a :class:`MeetingRefused` with its reason in Dutch, and changes nothing."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from confidentiality.models import LegalBasis, SecrecyDecision
from confidentiality.service import (
    closed_meeting_decision,
    lift_secrecy,
    record_closed_meeting,
    record_if_closed_meeting,
)
from documents.models import Document
from griffie.errors import ReasonError
from people.models import Body, BodyKind, Fractie, Membership, Person
from publication.models import MOTION_KINDS, VOTED_KINDS, MeetingDocument
from publication.service import PublicationRefused, publish_meeting_document

from .agenda import VoteSummary, attendance_of, ordered_items, vote_summaries
from .models import (
    AgendaItem,
    Attendance,
    FractieVote,
    Meeting,
    MemberVote,
    Vote,
    VoteChoice,
    VoteOutcome,
)


class MeetingRefused(ReasonError):
    """A step on a meeting was refused and nothing changed; ``reason`` says why."""


# --- meetings ----------------------------------------------------------------------------
@transaction.atomic
def save_meeting(meeting: Meeting, *, actor: User | None = None) -> Meeting:
    """Create or change a meeting. A new meeting's agenda starts unpublished (the griffie
    publishes it when it is ready). A besloten vergadering records its documents as secret
    by law (Gemeentewet art. 23 and 86), also when the griffie closes it later."""

    if meeting.pk is None:
        meeting.agenda_published_at = None
    meeting.save()
    record_closed_meeting(meeting, actor=actor)
    meeting.note_change()
    return meeting


# --- agenda items: order, sub-items and numbers ------------------------------------------
def _renumber(meeting: Meeting) -> None:
    """Number the agenda from its order: 1, 2, 2.1, 2.2, 3 ... (sub-items follow their
    main item). Positions are rewritten 1..n in reading order."""
    main = 0
    sub = 0
    for position, item in enumerate(ordered_items(meeting), start=1):
        if item.parent_id is None:
            main += 1
            sub = 0
            number = str(main)
        else:
            sub += 1
            number = f"{main}.{sub}"
        if (item.number, item.position) != (number, position):
            item.number, item.position = number, position
            item.save(update_fields=["number", "position"])


@transaction.atomic
def add_item(
    meeting: Meeting, *, title: str, description: str = "", parent: AgendaItem | None = None
) -> AgendaItem:
    """A new agenda item at the end (of the agenda, or of ``parent``'s sub-items)."""
    if parent is not None and (parent.meeting_id != meeting.pk or parent.parent_id is not None):
        raise MeetingRefused("Een subpunt hoort onder een hoofdpunt van dezelfde vergadering.")
    last = meeting.agenda_items.aggregate(m=Max("position"))["m"] or 0
    item = AgendaItem.objects.create(
        meeting=meeting,
        parent=parent,
        number="0",
        title=title,
        description=description,
        position=last + 1,
    )
    if parent is not None:
        _place_after_family(item, parent)
    _renumber(meeting)
    meeting.note_change()
    item.refresh_from_db()
    return item


def _place_after_family(item: AgendaItem, parent: AgendaItem) -> None:
    """Put ``item`` right after ``parent``'s last sub-item (positions are renumbered after)."""
    family = [i for i in ordered_items(parent.meeting) if i.pk != item.pk]
    index = max(n for n, i in enumerate(family) if i.pk == parent.pk or i.parent_id == parent.pk)
    family.insert(index + 1, item)
    for position, entry in enumerate(family, start=1):
        if entry.position != position:
            entry.position = position
            entry.save(update_fields=["position"])


@transaction.atomic
def save_item(item: AgendaItem) -> AgendaItem:
    """Save a changed title, explanation or decision of an agenda item."""
    item.save()
    item.meeting.note_change()
    return item


class Move:
    UP = "omhoog"
    DOWN = "omlaag"
    INDENT = "inspringen"
    OUTDENT = "terug"
    ALL = (UP, DOWN, INDENT, OUTDENT)


@transaction.atomic
def move_item(item: AgendaItem, direction: str) -> AgendaItem:
    """Move an agenda item one step: up or down among its siblings (a main item takes its
    sub-items along), in (it becomes the last sub-item of the main item above it) or out
    (it becomes a main item right after its former main item). A move that is not possible
    (the first item up, an item with sub-items in) is refused."""
    meeting = item.meeting
    siblings = [i for i in ordered_items(meeting) if i.parent_id == item.parent_id]
    index = next(n for n, i in enumerate(siblings) if i.pk == item.pk)
    if direction in (Move.UP, Move.DOWN):
        other = index - 1 if direction == Move.UP else index + 1
        if not 0 <= other < len(siblings):
            raise MeetingRefused(
                "Dit agendapunt staat al bovenaan."
                if direction == Move.UP
                else "Dit agendapunt staat al onderaan."
            )
        siblings[index], siblings[other] = siblings[other], siblings[index]
        _write_sibling_order(meeting, item.parent_id, siblings)
    elif direction == Move.INDENT:
        if item.parent_id is not None:
            raise MeetingRefused("Een subpunt kan niet verder inspringen.")
        if index == 0:
            raise MeetingRefused("Het eerste agendapunt kan geen subpunt worden.")
        if item.children.exists():
            raise MeetingRefused("Een agendapunt met subpunten kan zelf geen subpunt worden.")
        item.parent = siblings[index - 1]
        item.save(update_fields=["parent"])
        _place_after_family(item, item.parent)
    elif direction == Move.OUTDENT:
        parent = item.parent
        if parent is None:
            raise MeetingRefused("Dit is al een hoofdpunt.")
        item.parent = None
        item.save(update_fields=["parent"])
        # Right after the former main item and its remaining sub-items.
        _place_after_family(item, parent)
    else:
        raise MeetingRefused("Onbekende verplaatsing.")
    _renumber(meeting)
    meeting.note_change()
    item.refresh_from_db()
    return item


def _write_sibling_order(
    meeting: Meeting, parent_id: int | None, siblings: list[AgendaItem]
) -> None:
    """Give ``siblings`` (one level) the order given, keeping every family together."""
    if parent_id is None:
        by_parent: dict[int, list[AgendaItem]] = {}
        for i in ordered_items(meeting):
            if i.parent_id:
                by_parent.setdefault(i.parent_id, []).append(i)
        sequence = []
        for main in siblings:
            sequence.append(main)
            sequence.extend(by_parent.get(main.pk, []))
    else:
        sequence = []
        for i in ordered_items(meeting):
            if i.pk == parent_id:
                sequence.append(i)
                sequence.extend(siblings)
            elif i.parent_id != parent_id:
                sequence.append(i)
    for position, entry in enumerate(sequence, start=1):
        entry.position = position
        entry.save(update_fields=["position"])


@transaction.atomic
def reorder(meeting: Meeting, order: list[tuple[int, int | None]]) -> None:
    """Set the whole agenda at once (drag and drop): ``order`` lists (item id, main item
    id or None) in reading order. Every item of the meeting appears exactly once; a sub-item
    follows its main item; sub-items have no sub-items."""
    items = {i.pk: i for i in meeting.agenda_items.all()}
    ids = [pk for pk, _parent in order]
    if sorted(ids) != sorted(items) or len(set(ids)) != len(ids):
        raise MeetingRefused(
            "De nieuwe volgorde noemt niet precies de agendapunten van deze vergadering."
        )
    seen_main: set[int] = set()
    current_main = None
    for pk, parent in order:
        if parent is None:
            current_main = pk
            seen_main.add(pk)
        elif parent != current_main or parent not in seen_main:
            raise MeetingRefused("Een subpunt staat direct onder zijn hoofdpunt.")
    parents = {parent for _pk, parent in order if parent is not None}
    if any(parent_of is not None for pk, parent_of in order if pk in parents):
        raise MeetingRefused("Een subpunt kan zelf geen subpunten hebben.")
    for position, (pk, parent) in enumerate(order, start=1):
        item = items[pk]
        item.parent_id, item.position = parent, position
        item.save(update_fields=["parent", "position"])
    _renumber(meeting)
    meeting.note_change()


@transaction.atomic
def delete_item(item: AgendaItem) -> None:
    """Remove an agenda item; its sub-items become main items in its place."""
    meeting = item.meeting
    item.children.update(parent=None)
    item.delete()
    _renumber(meeting)
    meeting.note_change()


# --- ingekomen stukken from the postkamer ------------------------------------------------
@transaction.atomic
def link_incoming(document: Document, item: AgendaItem, *, actor: User | None = None) -> Document:
    """Put a registered ingekomen stuk on an agenda item (the lijst ingekomen stukken). It is
    published through its own publication decision, as always; on a besloten vergadering it
    becomes secret by law (the register records it)."""

    if document.registered_at is None:
        raise MeetingRefused("Registreer het stuk eerst in de postkamer.")
    document.meeting = item.meeting
    document.agenda_item = item
    document.save(update_fields=["meeting", "agenda_item"])
    record_if_closed_meeting(document, actor=actor)
    item.meeting.note_change()
    return document


# --- meeting documents -------------------------------------------------------------------
@dataclass
class PublishResult:
    """What publishing an agenda did: published documents, and refused ones with why."""

    first_time: bool
    published: list = field(default_factory=list)
    refused: list = field(default_factory=list)  # (meeting document, reason)


def attach_document(meeting_document: MeetingDocument, *, actor: User | None = None) -> str | None:
    """Save a meeting document the griffie attached to a meeting (and agenda item). When
    the agenda is already public the document goes through the anonymisation engine at
    once (a change to a published agenda); returns the refusal's reason, or None."""

    meeting = meeting_document.meeting
    item = meeting_document.agenda_item
    if item is not None and item.meeting_id != meeting.pk:
        raise MeetingRefused("Het agendapunt hoort niet bij deze vergadering.")
    with transaction.atomic():
        meeting_document.save()
        meeting.note_change()
        if meeting.is_closed:  # the register says the meeting's record is secret by law
            closed_meeting_decision(meeting, actor=actor)
    if not meeting.shows_agenda:
        return None
    try:
        publish_meeting_document(meeting_document, actor=actor)
    except PublicationRefused as exc:
        return exc.reason
    return None


def publish_agenda(meeting: Meeting, *, actor: User | None = None) -> PublishResult:
    """Publish the agenda: the meeting's agenda items appear on the public site, and every
    meeting document not yet public goes through the anonymisation engine (its refusal,
    with the reason, keeps that document off the site; the rest is published). For a
    besloten vergadering only the fact of the meeting is public: no document is published."""

    meeting.refresh_from_db()
    with transaction.atomic():
        result = PublishResult(first_time=meeting.publish_agenda())
    if not meeting.shows_content:
        return result
    for md in meeting.public_documents.filter(published_at__isnull=True).order_by("pk"):
        try:
            publish_meeting_document(md, actor=actor)
        except PublicationRefused as exc:
            result.refused.append((md, exc.reason))
        else:
            result.published.append(md)
    return result


# --- outcome: attendance and votes -------------------------------------------------------
def eligible_members(meeting: Meeting) -> list[Person]:
    """Who sits in the meeting's body on the day of the meeting (its attendance list)."""
    on = timezone.localtime(meeting.starts_at).date()
    memberships = Membership.objects.active(on).filter(body=meeting.body)
    return list(
        Person.objects.filter(pk__in=memberships.values("person_id"))
        .select_related("fractie")
        .order_by("fractie__name", "name")
    )


@transaction.atomic
def record_attendance(
    meeting: Meeting, present: Iterable[Person], *, actor: User | None = None
) -> list[Attendance]:
    """Record who of the body's members was present; everyone else eligible was absent."""
    members = eligible_members(meeting)
    present_ids = {p.pk for p in present}
    unknown = present_ids - {m.pk for m in members}
    if unknown:
        raise MeetingRefused("Alleen leden van het orgaan staan op de presentielijst.")
    Attendance.objects.filter(meeting=meeting).exclude(person__in=members).delete()
    rows = []
    for person in members:
        row, _created = Attendance.objects.update_or_create(
            meeting=meeting, person=person, defaults={"present": person.pk in present_ids}
        )
        rows.append(row)
    return rows


def present_members(meeting: Meeting) -> list[Person]:
    return list(
        Person.objects.filter(
            pk__in=Attendance.objects.filter(meeting=meeting, present=True).values("person_id")
        )
        .select_related("fractie")
        .order_by("fractie__name", "name")
    )


def fractie_choice(choices: Iterable[str]) -> str:
    """A fractie's vote from its members' votes: voor, tegen, or verdeeld."""
    distinct = set(choices)
    if len(distinct) == 1:
        return distinct.pop()
    return VoteChoice.VERDEELD


def outcome_of(votes_for: int, votes_against: int, *, full_meeting: bool) -> str:
    """Gemeentewet art. 32: a majority of the votes cast decides. When the votes are tied,
    a full meeting has rejected the proposal; otherwise the decision is held over to the
    next meeting."""
    if votes_for > votes_against:
        return VoteOutcome.AANGENOMEN
    if votes_for < votes_against or full_meeting:
        return VoteOutcome.VERWORPEN
    return VoteOutcome.AANGEHOUDEN


@transaction.atomic
def record_outcome(
    meeting_document: MeetingDocument,
    *,
    outcome: str = "",
    fractie_choices: dict[Fractie, str] | None = None,
    member_choices: dict[Person, str] | None = None,
    actor: User | None = None,
) -> str:
    """Record what the raad did with a raadsvoorstel, amendement or motie, and return the
    outcome.

    - Withdrawn or held over (ingetrokken, aangehouden): no vote.
    - Adopted without a vote (a hamerstuk): ``outcome`` aangenomen and no choices.
    - A vote per fractie (``fractie_choices``): each present member votes as their fractie.
    - A roll call (``member_choices``, hoofdelijke stemming): every present member votes;
      a fractie's vote follows from its members' (voor, tegen or verdeeld).
    With a vote, the outcome follows from the count (art. 32); only the raad votes, only
    present members vote (record the attendance first), and every present member votes.
    """

    md = meeting_document
    meeting = md.meeting
    if md.kind not in VOTED_KINDS:
        raise MeetingRefused("Alleen over raadsvoorstellen, amendementen en moties wordt gestemd.")
    if meeting.body.kind != BodyKind.RAAD:
        raise MeetingRefused("Alleen de raad stemt; een commissie brengt advies uit.")
    fractie_choices, member_choices = fractie_choices or {}, member_choices or {}
    voted = bool(fractie_choices) or bool(member_choices)
    if fractie_choices and member_choices:
        raise MeetingRefused("Kies een stemming per fractie of een hoofdelijke stemming.")
    if outcome in (VoteOutcome.INGETROKKEN, VoteOutcome.AANGEHOUDEN) and voted:
        raise MeetingRefused("Over een ingetrokken of aangehouden voorstel wordt niet gestemd.")
    if outcome == VoteOutcome.INGETROKKEN and md.kind not in MOTION_KINDS:
        raise MeetingRefused("Alleen een amendement of motie wordt ingetrokken.")
    Vote.objects.filter(document=md).delete()
    if not voted:
        if outcome not in (
            VoteOutcome.AANGENOMEN,
            VoteOutcome.INGETROKKEN,
            VoteOutcome.AANGEHOUDEN,
        ):
            raise MeetingRefused(
                "Verworpen kan alleen na een stemming: leg de stemmen vast, of kies "
                "aangenomen (hamerstuk), ingetrokken of aangehouden."
            )
        return _set_outcome(md, outcome)

    present = present_members(meeting)
    if not present:
        raise MeetingRefused("Leg eerst de presentie vast: alleen aanwezige leden stemmen.")
    present_ids = {p.pk for p in present}
    if member_choices:
        choices = {p.pk: c for p, c in member_choices.items()}
        if set(choices) - present_ids:
            raise MeetingRefused("Alleen aanwezige leden stemmen.")
        missing = [p.name for p in present if p.pk not in choices]
        if missing:
            raise MeetingRefused(
                "Elk aanwezig lid stemt; er ontbreekt een stem van " + ", ".join(missing) + "."
            )
    else:
        by_fractie = {f.pk: c for f, c in fractie_choices.items()}
        missing = sorted(
            {p.fractie.name for p in present if p.fractie and p.fractie_id not in by_fractie}
        )
        if missing:
            raise MeetingRefused("Er ontbreekt een stem van de fractie " + ", ".join(missing) + ".")
        without = [p.name for p in present if p.fractie_id is None]
        if without:
            raise MeetingRefused(
                "Een lid zonder fractie stemt hoofdelijk: " + ", ".join(without) + "."
            )
        # every present member has a fractie by now (else refused just above)
        choices = {p.pk: by_fractie[p.fractie_id] for p in present if p.fractie_id is not None}
    if any(c not in (VoteChoice.VOOR, VoteChoice.TEGEN) for c in choices.values()):
        raise MeetingRefused("Een lid stemt voor of tegen.")

    counts = Counter(choices.values())
    full = len(present) == len(eligible_members(meeting))
    decided = outcome_of(counts[VoteChoice.VOOR], counts[VoteChoice.TEGEN], full_meeting=full)
    if outcome and outcome != decided:
        raise MeetingRefused(
            f"De stemmen ({counts[VoteChoice.VOOR]} voor, {counts[VoteChoice.TEGEN]} tegen) "
            f"geven als uitslag '{VoteOutcome(decided).label}', niet '{VoteOutcome(outcome).label}'."
        )
    vote = Vote.objects.create(
        document=md,
        roll_call=bool(member_choices),
        votes_for=counts[VoteChoice.VOOR],
        votes_against=counts[VoteChoice.TEGEN],
        recorded_by=actor,
    )
    per_fractie: dict[int, list[str]] = {}
    for person in present:
        MemberVote.objects.create(
            vote=vote, person=person, fractie_id=person.fractie_id, choice=choices[person.pk]
        )
        if person.fractie_id:
            per_fractie.setdefault(person.fractie_id, []).append(choices[person.pk])
    for fractie_id, fractie_votes in per_fractie.items():
        FractieVote.objects.create(
            vote=vote, fractie_id=fractie_id, choice=fractie_choice(fractie_votes)
        )
    return _set_outcome(md, decided)


def _set_outcome(md: MeetingDocument, outcome: str) -> str:
    md.outcome = outcome
    md.save(update_fields=["outcome", "updated_at"])
    md.meeting.note_change()
    return outcome


def record_decision(item: AgendaItem, decision: str) -> AgendaItem:
    """The besluitenlijst: what the meeting decided on an agenda item."""
    item.decision = decision
    return save_item(item)


# --- what the public sees of the outcome -------------------------------------------------
# --- secrecy of a besloten vergadering ---------------------------------------------------
@transaction.atomic
def lift_closed_meeting_secrecy(
    meeting: Meeting, *, on: date, reference: str, actor: User
) -> SecrecyDecision:
    """The raad lifted the secrecy of a besloten vergadering (Gemeentewet art. 89): record
    it in the register and let it cover every document of the meeting the raad saw, the
    griffie's meeting documents included. Nothing is published by this: the griffie then
    publishes what may be public through the normal way (the engine for meeting documents,
    the publication decision for ingekomen stukken). A document added later stays secret."""

    if not meeting.is_closed:
        raise MeetingRefused("Dit is geen besloten vergadering.")
    raad = Body.objects.filter(kind=BodyKind.RAAD).order_by("pk").first()
    if raad is None:
        raise MeetingRefused("Er is geen gemeenteraad vastgelegd.")
    if not reference.strip():
        raise MeetingRefused("Geef het kenmerk van het raadsbesluit tot opheffing.")
    decision = closed_meeting_decision(meeting, actor=actor)
    try:
        lift_secrecy(decision, by_body=raad, on=on, reference=reference.strip(), actor=actor)
    except Exception as exc:  # InvalidSecrecyChange and ValidationError carry Dutch text
        raise MeetingRefused(str(getattr(exc, "message", exc))) from exc
    return decision  # lift_secrecy marked the meeting documents it covers


def secrecy_state(meeting: Meeting) -> dict:
    """For the griffie's screen: the closed-meeting decisions of a meeting (active/lifted)."""

    decisions = meeting.secrecy_decisions.filter(legal_basis=LegalBasis.CLOSED_MEETING)
    return {
        "active": decisions.active().first(),
        "lifted": list(decisions.lifted()),
        "secret_documents": meeting.public_documents.filter(secrecy_lifted_by__isnull=True).count(),
    }


__all__ = [
    "MeetingRefused",
    "Move",
    "PublishResult",
    "VoteSummary",
    "add_item",
    "attendance_of",
    "attach_document",
    "delete_item",
    "eligible_members",
    "fractie_choice",
    "link_incoming",
    "lift_closed_meeting_secrecy",
    "move_item",
    "ordered_items",
    "outcome_of",
    "present_members",
    "publish_agenda",
    "record_attendance",
    "record_decision",
    "record_outcome",
    "reorder",
    "save_item",
    "save_meeting",
    "secrecy_state",
    "vote_summaries",
]
