"""How far the anonymisation runs are, for the griffie's inbox (updated without reloading by
``static/js/inbox-progress.js`` through ``views.ProgressView``).

A run waits for the queue (it was down, or the send is under way), is queued (with its
place), or runs: first it reads the pages (OCR where needed), then it searches the whole text
for personal data (no pages to count: the inbox shows a busy bar), then it checks the
anonymised pages. ``pages_done`` counts the pages of the current pass; the worker writes it at most
twice a second (``workflow.PROGRESS_INTERVAL``)."""

from collections.abc import Iterable
from dataclasses import asdict, dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Document, RunStage, Status

WAITING, QUEUED, RUNNING = "waiting", "queued", "running"
# At most this many documents per request: one inbox page is 25.
MAX_DOCUMENTS = 100


@dataclass(frozen=True)
class RunProgress:
    id: int
    number: str
    status: str
    status_label: str
    state: str = ""  # waiting, queued, running; empty when no run is under way
    stage: str = ""
    pages_done: int = 0
    pages_total: int = 0
    position: int | None = None
    text: str = ""
    reason: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def _state(document: Document) -> str:
    if document.status != Status.ANONYMISING:
        return ""
    if document.run_started_at is not None:
        return RUNNING
    return QUEUED if document.run_seen_at is not None else WAITING


def _text(state: str, stage: str, done: int, total: int, position: int | None) -> str:
    if state == WAITING:
        return _("wacht op de wachtrij")
    if state == QUEUED:
        if position:
            return _("in de wachtrij, plaats %(n)d") % {"n": position}
        return _("in de wachtrij")
    if state != RUNNING:
        return ""
    if not stage or not total:
        return _("begonnen")
    if stage == RunStage.DETECTING:
        return ngettext(
            "Persoonsgegevens zoeken (%(total)d pagina gelezen)",
            "Persoonsgegevens zoeken (%(total)d pagina's gelezen)",
            total,
        ) % {"total": total}
    pass_name = RunStage(stage).label
    return _("%(stage)s: pagina %(done)d van %(total)d") % {
        "stage": pass_name[:1].upper() + pass_name[1:],
        "done": done,
        "total": total,
    }


def queue_positions() -> dict[int, int]:
    """Place in the queue of each queued run (1 = next for a free worker)."""
    ordered = Document.objects.runs_queued().values_list("pk", flat=True)
    return {pk: place for place, pk in enumerate(ordered, start=1)}


def describe(document: Document, positions: dict[int, int]) -> RunProgress:
    state = _state(document)
    position = positions.get(document.pk) if state == QUEUED else None
    stage = document.run_stage if state == RUNNING else ""
    done, total = (document.pages_done, document.pages_total) if stage else (0, 0)
    return RunProgress(
        id=document.pk,
        number=document.registration_number,
        status=document.status,
        status_label=document.get_status_display(),
        state=state,
        stage=stage,
        pages_done=min(done, total),
        pages_total=total,
        position=position,
        text=_text(state, stage, done, total, position),
        reason=document.status_reason,
    )


def progress_of(documents: Iterable[Document]) -> list[RunProgress]:
    documents = list(documents)
    positions = queue_positions() if any(_state(d) == QUEUED for d in documents) else {}
    return [describe(document, positions) for document in documents]


def summary() -> dict:
    """What runs now across all documents, for the inbox's live status line."""
    counts = {
        RUNNING: Document.objects.runs_running().count(),
        QUEUED: Document.objects.runs_queued().count(),
        WAITING: Document.objects.runs_waiting_for_the_queue().count(),
    }
    if not any(counts.values()):
        text = _("Er wordt nu niets geanonimiseerd.")
    else:
        parts = []
        if counts[RUNNING]:
            parts.append(
                ngettext(
                    "%(n)d stuk wordt geanonimiseerd",
                    "%(n)d stukken worden geanonimiseerd",
                    counts[RUNNING],
                )
                % {"n": counts[RUNNING]}
            )
        if counts[QUEUED]:
            parts.append(_("%(n)d in de wachtrij") % {"n": counts[QUEUED]})
        if counts[WAITING]:
            parts.append(_("%(n)d wacht op de wachtrij") % {"n": counts[WAITING]})
        text = _("Anonimiseren: %(parts)s.") % {"parts": ", ".join(parts)}
    return {**counts, "busy": any(counts.values()), "text": text}
