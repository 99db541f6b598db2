"""The anonymisation workflow of one document: queue, run, review, approve.

The engine (``documents.anonymisation``) knows nothing of the database; this module feeds
it a document's working PDF and options and stores what comes back.
"""

import logging
import time
from dataclasses import replace
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from people.service import registry_names

from .anonymisation import AnonymisationOptions, UnreadableDocument, apply_proposal, propose
from .files import store_file
from .models import (
    Document,
    DocumentFile,
    FileKind,
    Redaction,
    RedactionDecision,
    Status,
)
from .pages import working_pdf

logger = logging.getLogger(__name__)


class NotApprovable(Exception):
    pass


# History entry for a review decision that changes the output: approval then needs a re-run.
REVIEW_CHANGED = "review_changed"


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
    from people.models import Person  # the registry (3a/3b)

    # An organisation's or another government's own address stays; every other address in
    # its letter (staff, members, third parties) is redacted (3c).
    own_address = (
        tuple(address_parts) if document.sender_type in {"organisation", "government"} else ()
    )
    # 3a: office holders' public e-mail addresses are published (civil servants' never, 3b).
    public_emails = tuple(
        Person.objects.office_holders()
        .exclude(public_email="")
        .values_list("public_email", flat=True)
    )
    return AnonymisationOptions(
        category=document.category,
        sender_type=document.sender_type,
        keep_names=tuple(registry_names()),
        keep_addresses=own_address,
        keep_emails=public_emails,
        deny_terms=tuple(deny)
        if document.sender_type == "citizen"
        else tuple(v for v in (document.sender_phone,) if v),
        neutral_term=document.public_sender_term or "aanvrager",
        consent_personal_data=document.consent_publish_personal_data
        or document.no_objection_personal_data,
        # The published PDF's /Title: the public subject (checked like the page text).
        title=document.subject,
    )


def queue_anonymisation(document: Document, actor=None) -> None:
    """Mark the document as being anonymised and hand it to a worker after commit."""
    from .tasks import anonymise_document

    with transaction.atomic():
        document.start_anonymising(actor)
        transaction.on_commit(partial(anonymise_document.delay, document_id=document.pk))


def latest_anonymised(document: Document) -> DocumentFile | None:
    return document.files.filter(kind=FileKind.ANONYMISED).order_by("-version").first()


def _progress_recorder(document: Document, interval: float = 0.5):
    """Write pages done to the document for the inbox, at most every ``interval`` seconds."""
    last = [0.0]

    def record(done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - last[0] < interval:
            return
        last[0] = now
        Document.objects.filter(pk=document.pk).update(pages_done=done, pages_total=total)

    return record


def run_anonymisation(document: Document) -> None:
    """Propose, apply the griffie's decisions, verify and store. Safe to run twice: a run
    replaces the proposals of the previous run but keeps manual boxes and decisions."""
    if document.status != Status.ANONYMISING:
        logger.info("Document %s is %s; nothing to do", document.pk, document.status)
        return
    document.record("anonymisation_run", None, _("Een worker is begonnen."))
    source = working_pdf(document)
    if source is None:
        document.fail(_("Er is geen leesbare PDF om te anonimiseren."))
        return
    options = options_for(document)
    try:
        proposal = propose(source.read_bytes(), options, progress=_progress_recorder(document))
    except UnreadableDocument as exc:
        document.fail(exc.reason)
        return

    Document.objects.filter(pk=document.pk).update(pages_total=proposal.pages)
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
    result = apply_proposal(proposal, options, rejected_ids=rejected, extra_boxes=extra_boxes)

    with transaction.atomic():
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
            previous = latest_anonymised(document)
            store_file(
                document,
                FileKind.ANONYMISED,
                result.output_pdf,
                f"{document.registration_number}-geanonimiseerd.pdf",
                "application/pdf",
                version=(previous.version + 1) if previous else 1,
            )
        document.pages_done = result.pages
        document.save(update_fields=["pages_done"])
        document.refresh_from_db(fields=["status"])
        reason = ""
        if not result.verification.ok:
            reason = _("Controle afgekeurd, niets wordt gepubliceerd: %(reason)s") % {
                "reason": result.verification.reason or ", ".join(result.verification.leaks[:3])
            }
        document.finish_anonymising(reason)
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


def decide_redactions(document: Document, actor, accepted: set[int], rejected: set[int]) -> bool:
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


def add_manual_box(document: Document, actor, page: int, rect, replacement: str = "") -> Redaction:
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


def approve(document: Document, actor) -> None:
    """Only a verified anonymised version can be approved; the reviewer's decisions must be
    applied first (a re-run after changes)."""
    if document.status != Status.IN_REVIEW:
        raise NotApprovable(_("Alleen een stuk dat beoordeeld wordt kan worden goedgekeurd."))
    if document.status_reason:
        raise NotApprovable(
            _("De controle is afgekeurd; pas de anonimisering aan en voer haar opnieuw uit.")
        )
    output = latest_anonymised(document)
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
