"""A meeting as the public site, the API, the feeds and the members' area read it: the agenda
in reading order, the votes and the attendance. Read-only; the griffie's changes go through
``meetings.service``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from publication.models import MeetingDocument

from .models import AgendaItem, Attendance, FractieVote, Meeting, MemberVote, Vote, VoteChoice


def ordered_items(meeting: Meeting) -> list[AgendaItem]:
    """The agenda in reading order: each main item followed by its sub-items."""
    items = list(meeting.agenda_items.order_by("position", "pk"))
    children: dict[int, list[AgendaItem]] = {}
    for item in items:
        if item.parent_id:
            children.setdefault(item.parent_id, []).append(item)
    ordered = []
    for item in items:
        if item.parent_id is None:
            ordered.append(item)
            ordered.extend(children.get(item.pk, []))
    return ordered


@dataclass
class VoteSummary:
    """One vote as the public site, the API and the iCal feed show it. Members' names are
    those of public office holders (gedragscode 3a); nothing else about them is shown."""

    votes_for: int
    votes_against: int
    roll_call: bool
    fracties: list  # (fractie name, choice) by name
    members: list  # (member name, fractie name or "", choice) by fractie, name

    def fracties_with(self, choice: str) -> list[str]:
        return [name for name, c in self.fracties if c == choice]

    @property
    def fracties_for(self) -> list[str]:
        return self.fracties_with(VoteChoice.VOOR)

    @property
    def fracties_against(self) -> list[str]:
        return self.fracties_with(VoteChoice.TEGEN)

    @property
    def fracties_split(self) -> list[str]:
        return self.fracties_with(VoteChoice.VERDEELD)

    def text(self) -> str:
        """One line in Dutch, for feeds and calendars."""
        parts = [f"{self.votes_for} voor, {self.votes_against} tegen"]
        if self.fracties_for:
            parts.append("voor: " + ", ".join(self.fracties_for))
        if self.fracties_against:
            parts.append("tegen: " + ", ".join(self.fracties_against))
        if self.fracties_split:
            parts.append("verdeeld: " + ", ".join(self.fracties_split))
        return "; ".join(parts)


def vote_summaries(documents: Iterable[MeetingDocument]) -> dict[int, VoteSummary]:
    """The votes on these meeting documents, by document id (two queries)."""
    ids = [d.pk for d in documents]
    votes = {v.pk: v for v in Vote.objects.filter(document_id__in=ids)}
    summaries = {
        v.document_id: VoteSummary(v.votes_for, v.votes_against, v.roll_call, [], [])
        for v in votes.values()
    }
    for fv in FractieVote.objects.filter(vote_id__in=votes).select_related("fractie"):
        summaries[votes[fv.vote_id].document_id].fracties.append((fv.fractie.name, fv.choice))
    members = MemberVote.objects.filter(vote_id__in=votes).select_related("person", "fractie")
    for mv in members.order_by("fractie__name", "person__name"):
        summaries[votes[mv.vote_id].document_id].members.append(
            (mv.person.name, mv.fractie.name if mv.fractie is not None else "", mv.choice)
        )
    for summary in summaries.values():
        summary.fracties.sort()
    return summaries


def attendance_of(meeting: Meeting) -> dict[str, list[str]]:
    """Names of the present and absent members (the presentielijst), by name."""
    rows = Attendance.objects.filter(meeting=meeting).select_related("person")
    result: dict[str, list[str]] = {"present": [], "absent": []}
    for row in rows.order_by("person__name"):
        result["present" if row.present else "absent"].append(row.person.name)
    return result
