"""The anonymisation workflow of one document: queue, run, review, approve.

The engine (``documents.anonymisation``) knows nothing of the database; this module feeds
it a document's working PDF and options and stores what comes back.
"""

import logging
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.contrib.auth.models import User
from django.db import DatabaseError, connection
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from people.service import office_holder_emails, registry_names

from .anonymisation import AnonymisationOptions, UnreadableDocument, apply_proposal, propose
from .anonymisation.suspects import Suspect, find_suspects
from .anonymisation.types import contact_lines
from .files import anonymised_file_name, atomic_files, store_file
from .models import (
    ConcurrentChange,
    Document,
    FileKind,
    Redaction,
    RedactionDecision,
    RunStage,
    Status,
)
from .queueing import ANONYMISE_DOCUMENT, Dispatch, send_on_commit

logger = logging.getLogger(__name__)


class NotApprovable(Exception):
    pass


# History entry for a review decision that changes the output: approval then needs a re-run.
REVIEW_CHANGED = "review_changed"


CONTACT_SETTINGS = (
    "GRIFFIE_CONTACT_ADDRESS",
    "GRIFFIE_CONTACT_PHONE",
    "GRIFFIE_CONTACT_EMAIL",
    "MUNICIPALITY_CONTACT_ADDRESS",
    "MUNICIPALITY_CONTACT_PHONE",
    "MUNICIPALITY_CONTACT_EMAIL",
)


def own_contacts() -> tuple[str, ...]:
    """The griffie's and the municipality's own contact details from the settings, as the
    engine keeps them wherever they stand (letterheads, footers, 't.a.v.' blocks)."""
    return contact_lines(str(getattr(settings, name, "") or "") for name in CONTACT_SETTINGS)


def own_details() -> list[str]:
    """The organisation's own name and contact details from the settings: never a suspect
    in the reviewer's net."""
    names = ("MUNICIPALITY_NAME", "GRIFFIE_CONTACT_ADDRESS", "GRIFFIE_CONTACT_PHONE")
    return [str(getattr(settings, name, "") or "") for name in names]


def options_for(document: Document) -> AnonymisationOptions:
    """What the engine needs to know about a document: its kind, who stays, who goes."""
    address_parts = [part.strip() for part in document.sender_address.split(",") if part.strip()]
    deny = [
        value
        for value in (
            document.sender_name,
            document.sender_email,
            document.sender_phone,
            *address_parts,
        )
        if value
    ]
    # An organisation's or another government's own address stays; every other address in
    # its letter (staff, members, third parties) is redacted (3c).
    own_address = (
        tuple(address_parts) if document.sender_type in {"organisation", "government"} else ()
    )
    return AnonymisationOptions(
        own_contacts=own_contacts(),
        category=document.category,
        sender_type=document.sender_type,
        keep_names=tuple(registry_names()),
        keep_addresses=own_address,
        keep_emails=tuple(office_holder_emails()),
        deny_terms=tuple(deny)
        if document.sender_type == "citizen"
        else tuple(v for v in (document.sender_phone,) if v),
        neutral_term=document.public_sender_term or "aanvrager",
        consent_personal_data=document.consent_publish_personal_data
        or document.no_objection_personal_data,
        # The published PDF's /Title: the public subject (checked like the page text).
        title=document.subject,
    )


def queue_anonymisation(document: Document, actor: User | None = None) -> Dispatch:
    """Mark the document as being anonymised (with a new run token) and hand it to a worker
    after commit. Returns the dispatch: ``failed`` when the queue could not be reached, in
    which case the recovery task queues it as soon as the queue is back."""
    with atomic_files():
        document.start_anonymising(actor)
        return dispatch_run(document.pk, document.run_token)


def dispatch_run(document_id: int, run_token: uuid.UUID | str | None) -> Dispatch:
    """Queue the run ``run_token`` after commit; note when it went to the queue."""

    def note(queued: bool | None) -> None:
        if queued:
            Document.objects.filter(pk=document_id, run_token=run_token).update(
                run_seen_at=timezone.now()
            )

    return send_on_commit(
        ANONYMISE_DOCUMENT, on_result=note, document_id=document_id, run_token=str(run_token)
    )


# Progress is written at most this often (plus the first and the last page of a pass): a
# 500-page text PDF read at 50 pages a second writes twice a second, not 50 times.
PROGRESS_INTERVAL = 0.5


def _progress_recorder(
    document: Document, stage: str, *, then: str = "", interval: float = PROGRESS_INTERVAL
) -> Callable[[int, int], None]:
    """Write the pass and its pages done (and that the run is alive) to the document for the
    inbox and the recovery task, at most every ``interval`` seconds; with the last page the
    pass that follows (``then``) starts. A lost database connection does not stop the run:
    it is closed here, and the next query opens a fresh one."""
    last = [-interval]

    def record(done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - last[0] < interval:
            return
        last[0] = now
        try:
            Document.objects.filter(pk=document.pk, run_token=document.run_token).update(
                pages_done=done,
                pages_total=total,
                run_stage=then if then and done >= total else stage,
                run_seen_at=timezone.now(),
            )
        except DatabaseError:
            logger.warning("Progress of %s not recorded; reconnecting", document.pk)
            if not connection.in_atomic_block:
                connection.close()

    return record


# Namespace of the PostgreSQL advisory locks held while a document is being anonymised.
RUN_LOCK_NAMESPACE = 1095


class RunBusy(Exception):
    """Another live process is anonymising this document right now."""


@contextmanager
def run_lock(document_id: int) -> Iterator[bool]:
    """Hold a session-level advisory lock on the document while its run lasts. A killed
    worker's connection closes and PostgreSQL frees the lock at once; a duplicate delivery
    of the same run finds it taken. (SQLite runs one thing at a time: always granted.)"""
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [RUN_LOCK_NAMESPACE, document_id])
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            try:
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT pg_advisory_unlock(%s, %s)", [RUN_LOCK_NAMESPACE, document_id]
                    )
            except DatabaseError:  # the connection is gone, and the lock with it
                if not connection.in_atomic_block:
                    connection.close()


def run_has_a_live_process(document_id: int) -> bool | None:
    """Whether a process holds the document's run lock now (PostgreSQL); None where the
    database cannot tell (SQLite). A started run without one is dead: its worker's
    connection closed and PostgreSQL let go of the lock."""
    if connection.vendor != "postgresql":
        return None
    with run_lock(document_id) as acquired:  # taken and let go at once when free
        return not acquired


def run_anonymisation(document: Document, run_token: uuid.UUID | str | None = None) -> None:
    """Run ``run_token`` of the document: propose, apply the griffie's decisions, verify
    and store. Safe to run twice: a run replaces the proposals of the previous run but keeps
    manual boxes and decisions. A run whose token is no longer the document's (it was
    queued again, or another delivery finished it) changes nothing and exits quietly.

    Raises :class:`RunBusy` when another process is running this document now."""
    token = uuid.UUID(str(run_token)) if run_token else document.run_token
    if document.status != Status.ANONYMISING or document.run_token != token:
        logger.info("Document %s: run %s is not current; nothing to do", document.pk, token)
        return
    with run_lock(document.pk) as acquired:
        if not acquired:
            raise RunBusy(document.pk)
        now = timezone.now()
        claimed = Document.objects.filter(
            pk=document.pk, status=Status.ANONYMISING, run_token=token
        ).update(run_started_at=now, run_seen_at=now)
        if not claimed:
            logger.info("Document %s: run %s was superseded", document.pk, token)
            return
        document.refresh_from_db()
        try:
            _run(document)
        except ConcurrentChange:
            # Queued again or finished by another delivery meanwhile: that one counts.
            logger.info("Document %s changed during run %s; result discarded", document.pk, token)


def _run(document: Document) -> None:
    document.record("anonymisation_run", None, _("Een worker is begonnen."))
    source = document.working_pdf()
    if source is None:
        document.fail(_("Er is geen leesbare PDF om te anonimiseren."))
        return
    options = options_for(document)
    try:
        proposal = propose(
            source.read_bytes(),
            options,
            # The engine reads page by page, then searches the whole text at once.
            progress=_progress_recorder(document, RunStage.READING, then=RunStage.DETECTING),
        )
    except UnreadableDocument as exc:
        if isinstance(exc.__cause__, SoftTimeLimitExceeded):
            raise exc.__cause__ from None  # a time limit, not a broken file
        document.fail(exc.reason)
        return

    Document.objects.filter(pk=document.pk, run_token=document.run_token).update(
        pages_total=proposal.pages,
        pages_done=0,
        run_stage=RunStage.CHECKING,
        run_seen_at=timezone.now(),
    )
    decisions = {
        r.finding_id: r for r in document.redactions.exclude(decision=RedactionDecision.PROPOSED)
    }
    rejected = {fid for fid, r in decisions.items() if r.decision == RedactionDecision.REJECTED}
    replacements = {fid: r.replacement for fid, r in decisions.items() if not r.is_manual}
    findings = [
        replace(f, replacement=replacements[f.id]) if replacements.get(f.id) else f
        for f in proposal.findings
    ]
    proposal = replace(proposal, findings=findings)
    manual = list(
        document.redactions.filter(is_manual=True).exclude(decision=RedactionDecision.REJECTED)
    )
    extra_boxes = [(r.page, tuple(rect)) for r in manual for rect in r.rects]
    # A kept item (e.g. a registry name) that the griffie decided must go after all.
    extra_boxes += [
        (f.page, tuple(rect))
        for f in findings
        if f.action == "keep"
        and f.id in decisions
        and decisions[f.id].decision == RedactionDecision.ACCEPTED
        for rect in f.rects
    ]
    result = apply_proposal(
        proposal,
        options,
        rejected_ids=rejected,
        extra_boxes=extra_boxes,
        progress=_progress_recorder(document, RunStage.CHECKING),
    )

    reason = ""
    if not result.verification.ok:
        reason = _("Controle afgekeurd, niets wordt gepubliceerd: %(reason)s") % {
            "reason": result.verification.reason or ", ".join(result.verification.leaks[:3])
        }
    with atomic_files():
        # First the conditional status change: a superseded run stops here, and the
        # rollback removes nothing but what it wrote itself.
        document.pages_done = result.pages
        document.finish_anonymising(reason)
        Document.objects.filter(pk=document.pk).update(pages_done=result.pages)
        document.redactions.filter(is_manual=False, decision=RedactionDecision.PROPOSED).delete()
        known = set(document.redactions.values_list("finding_id", flat=True))
        Redaction.objects.bulk_create(
            [
                Redaction(
                    document=document,
                    finding_id=f.id,
                    page=f.page,
                    rects=[list(rect) for rect in f.rects],
                    entity_type=f.entity_type,
                    text=f.text,
                    replacement=f.replacement,
                    decision=RedactionDecision.PROPOSED
                    if f.action == "redact"
                    else RedactionDecision.REJECTED,
                )
                for f in result.findings
                if f.id not in known
            ]
        )
        if result.output_pdf is not None:
            previous = document.latest_anonymised()
            version = (previous.version + 1) if previous else 1
            store_file(
                document,
                FileKind.ANONYMISED,
                result.output_pdf,
                anonymised_file_name(document, version),
                "application/pdf",
                version=version,
            )
        document.record(
            "anonymisation_report",
            None,
            _("%(n)d vindplaatsen, %(p)d pagina's, %(s).1f s, controle %(ok)s")
            % {
                "n": sum(1 for f in result.findings if f.action == "redact"),
                "p": result.pages,
                "s": result.seconds,
                "ok": _("geslaagd") if result.verification.ok else _("afgekeurd"),
            },
        )


def decide_redactions(
    document: Document, actor: User, accepted: set[int], rejected: set[int]
) -> bool:
    """Record the reviewer's decisions. Returns whether the output must be made again: a
    finding is now kept that was redacted, or redacted that was kept (accepting a proposal
    changes nothing in the output)."""
    now = timezone.now()
    redactions = document.redactions
    newly_rejected = redactions.filter(pk__in=rejected).exclude(decision=RedactionDecision.REJECTED)
    newly_redacted = redactions.filter(pk__in=accepted, decision=RedactionDecision.REJECTED)
    changes_output = newly_rejected.exists() or newly_redacted.exists()
    newly_rejected.update(decision=RedactionDecision.REJECTED, decided_by=actor, decided_at=now)
    redactions.filter(pk__in=accepted).exclude(decision=RedactionDecision.ACCEPTED).update(
        decision=RedactionDecision.ACCEPTED, decided_by=actor, decided_at=now
    )
    if changes_output:
        document.record(
            REVIEW_CHANGED, actor, f"{len(accepted)} weglakken, {len(rejected)} laten staan"
        )
    return changes_output


def add_manual_box(
    document: Document, actor: User, page: int, rect: Sequence[float], replacement: str = ""
) -> Redaction:
    redaction = Redaction.objects.create(
        document=document,
        finding_id=f"manual-{timezone.now().timestamp():.6f}",
        page=page,
        rects=[list(rect)],
        entity_type="MANUAL",
        replacement=replacement,
        is_manual=True,
        decision=RedactionDecision.ACCEPTED,
        decided_by=actor,
        decided_at=timezone.now(),
    )
    document.record(REVIEW_CHANGED, actor, f"vlak toegevoegd op pagina {page + 1}")
    return redaction


def approve(document: Document, actor: User) -> None:
    """Only a verified anonymised version can be approved; the reviewer's decisions must be
    applied first (a re-run after changes)."""
    if document.status != Status.IN_REVIEW:
        raise NotApprovable(_("Alleen een stuk dat beoordeeld wordt kan worden goedgekeurd."))
    if document.status_reason:
        raise NotApprovable(
            _("De controle is afgekeurd; pas de anonimisering aan en voer haar opnieuw uit.")
        )
    output = document.latest_anonymised()
    if output is None:
        raise NotApprovable(_("Er is geen geanonimiseerde versie."))
    if document.events.filter(action=REVIEW_CHANGED, created_at__gt=output.created_at).exists():
        raise NotApprovable(
            _(
                "Er zijn na de laatste uitvoering wijzigingen gemaakt; voer de anonimisering opnieuw uit."
            )
        )
    document.approve(actor)
    document.record("approved_version", actor, f"versie {output.version}, sha256 {output.sha256}")


def redact_suspect(
    document: Document, actor: User, text: str, occurrences: Sequence[tuple[int, Sequence[float]]]
) -> list[Redaction]:
    """One click on a suspect in the reviewer's net: a box over every place the word stands,
    like boxes drawn by hand (one record per page); a re-run is needed before approval."""
    by_page: dict[int, list] = {}
    for page, rect in occurrences:
        by_page.setdefault(int(page), []).append([float(c) for c in rect])
    now = timezone.now()
    created = [
        Redaction.objects.create(
            document=document,
            finding_id=f"suspect-{page}-{now.timestamp():.6f}",
            page=page,
            rects=rects,
            entity_type="SUSPECT",
            text=text,
            is_manual=True,
            decision=RedactionDecision.ACCEPTED,
            decided_by=actor,
            decided_at=now,
        )
        for page, rects in sorted(by_page.items())
    ]
    if created:
        n = len(occurrences)
        document.record(
            REVIEW_CHANGED,
            actor,
            ngettext(
                "“%(text)s” weggelakt op %(n)d plaats", "“%(text)s” weggelakt op %(n)d plaatsen", n
            )
            % {"text": text, "n": n},
        )
    return created


def apply_review(
    document: Document,
    actor: User,
    *,
    accepted: set[int],
    rejected: set[int],
    boxes: list,
    suspect_word: str = "",
    neutral_term: str = "",
) -> bool:
    """Everything one press of the review form changes, in one place: the decisions on
    proposed boxes, boxes drawn by hand, one word from the reviewer's net blacked out
    everywhere it stands, and the neutral term for the sender. True when the suspect word
    was found and blacked out."""
    decide_redactions(document, actor, accepted, rejected)
    for page, rect in boxes:
        add_manual_box(document, actor, page, rect)
    redacted = False
    if suspect_word:
        found = [s for s in review_suspects(document) if s.text == suspect_word]
        if found:
            redact_suspect(document, actor, suspect_word, found[0].occurrences)
            redacted = True
    if neutral_term and neutral_term != document.public_sender_term:
        document.public_sender_term = neutral_term
        document.save(update_fields=["public_sender_term"])
        document.record("neutral_term_changed", actor, neutral_term)
    return redacted


def review_suspects(document: Document) -> list[Suspect]:
    """The reviewer's net over the latest anonymised version: words left standing that
    might be personal. Names the engine kept (registry, officials) and kept findings are
    not suspects."""

    output = document.latest_anonymised()
    if output is None:
        return []
    keep = [*options_for(document).keep_names, *own_details(), document.public_sender_term]
    keep += list(
        document.redactions.filter(decision=RedactionDecision.REJECTED, is_manual=False)
        .exclude(text="")
        .values_list("text", flat=True)
    )
    return find_suspects(output.read_bytes(), keep=keep)
