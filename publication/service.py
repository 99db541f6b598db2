"""The publication app's public API: decide, publish and withdraw. Fail closed: when anything
needed is missing, nothing is published and :class:`PublicationRefused` says why (Dutch)."""

import hashlib
import io
import re
import zipfile
from collections.abc import Iterable
from uuid import UUID

import pymupdf
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.utils import timezone

from confidentiality.notifications import announce_meeting_document, announce_public_document
from documents.anonymisation import AnonymisationOptions, UnreadableDocument, anonymise_pdf
from documents.anonymisation.labels import entity_label
from documents.anonymisation.public_fields import describe
from documents.files import atomic_files, remove_stored, save_file
from documents.models import Document, DocumentFile, InvalidTransition, Status
from documents.public_text import griffie_text_options, proposed_subject, public_field_findings
from griffie.errors import ReasonError

from . import cache
from .models import (
    InspectionRequest,
    MeetingDocument,
    MeetingDocumentKind,
    PublicationDecision,
    RemovalRequest,
    RequestStatus,
)
from .rules import (
    NEEDS_FILE,
    Outcome,
    PublicationOutcome,
    decide_publication,
    override_requires_reason,
)


class PublicationRefused(ReasonError):
    """A publication step was refused and nothing changed (fail closed); ``reason`` says why."""


def proposal_for(document: Document) -> PublicationOutcome:
    return decide_publication(
        document.category,
        document.sender_type,
        consent_publish_personal_data=document.consent_publish_personal_data,
        no_objection_personal_data=document.no_objection_personal_data,
        consent_office_holder_contact=document.consent_office_holder_contact,
        submitted_by_fractie=document.submitted_by_fractie,
    )


def pdf_text_for_search(data: bytes) -> str:
    with pymupdf.open(stream=data, filetype="pdf") as pdf:
        return "\n".join(page.get_text() for page in pdf).strip()


def file_to_publish(document: Document, outcome: Outcome) -> DocumentFile:
    """The file an outcome publishes, checked; raises PublicationRefused otherwise."""
    if document.status != Status.APPROVED:
        raise PublicationRefused(
            f"Publiceren met bestand kan alleen na goedkeuring van de geanonimiseerde versie; "
            f"de status is '{document.get_status_display()}'."
        )
    if outcome == Outcome.PUBLISHED_IN_FULL:
        if not proposal_for(document).may_publish_original:
            raise PublicationRefused(
                "Volledige publicatie met persoonsgegevens mag alleen met uitdrukkelijke "
                "toestemming van de afzender (3c), geen bezwaar van de betrokkene (3e) of "
                "toestemming van de ambtsdrager (3a). Die toestemming is niet geregistreerd."
            )
        record = document.working_pdf()
    else:
        record = document.latest_anonymised()
    if record is None:
        raise PublicationRefused(
            "Er is geen goedgekeurde geanonimiseerde PDF; er is niets gepubliceerd."
            if outcome != Outcome.PUBLISHED_IN_FULL
            else "Er is geen PDF van het stuk om volledig te publiceren."
        )
    stored = record.file.name
    data = record.read_bytes() if stored and record.file.storage.exists(stored) else None
    if data is None or hashlib.sha256(data).hexdigest() != record.sha256:
        raise PublicationRefused("Het bestand ontbreekt of is beschadigd (controlesom klopt niet).")
    return record


def guard_public_fields(
    document: Document,
    user: User,
    record: DocumentFile | None,
    override_reason: str,
) -> None:
    """ADR 0006: refuse while the detector finds a personal item in a public field
    (subject, description, public sender term, name of the published file), unless the
    griffie overrides it with a reason, which goes into the history. Fails closed: when the
    detector cannot run, nothing is published without an override."""

    findings: list | None
    try:
        findings = public_field_findings(document, record.original_name if record else "")
    except Exception as exc:  # noqa: BLE001 - fail closed on any detector failure
        findings, problem = None, f"de controle van de openbare velden mislukte ({exc})"
    else:
        problem = describe(findings)
    if findings == []:
        return
    if not override_reason:
        proposal = (
            f' Voorstel voor het onderwerp: "{proposed_subject(document, findings)}".'
            if findings and any(f.field == "subject" for f in findings)
            else ""
        )
        raise PublicationRefused(
            f"De openbare velden bevatten mogelijk persoonsgegevens: {problem}. Pas ze aan "
            f"of geef een reden om toch te publiceren.{proposal}"
        )
    document.record(
        "public_fields_override",
        user,
        f"Gepubliceerd ondanks melding ({problem}); reden: {override_reason}",
    )


def _check_publishable(document: Document, chosen: Outcome) -> DocumentFile | None:
    """Everything :func:`publish_document` checks before it publishes; returns the file to
    publish (None for a listing only) or raises PublicationRefused."""
    if document.status == Status.PUBLISHED:
        raise PublicationRefused("Dit stuk is al gepubliceerd; trek het eerst in.")
    if Document.objects.under_secrecy().filter(pk=document.pk).exists():
        raise PublicationRefused(
            "Op dit stuk rust geheimhouding; het kan pas worden gepubliceerd als de "
            "geheimhouding is opgeheven."
        )
    if NEEDS_FILE[chosen]:
        return file_to_publish(document, chosen)
    if not document.may_publish(listing_only=True):
        raise PublicationRefused(
            f"Vermelden kan niet met de status '{document.get_status_display()}'."
        )
    return None


def refusal_reason(document: Document, outcome: str) -> str | None:
    """Why :func:`publish_document` would refuse ``outcome`` now, or None if it would
    publish. Changes nothing."""
    try:
        _check_publishable(document, Outcome(outcome))
    except PublicationRefused as exc:
        return exc.reason
    return None


def publishable_outcomes(document: Document) -> list[Outcome]:
    """The outcomes the griffie can publish this document with now (the proposal first)."""
    proposal = proposal_for(document).outcome
    outcomes = [proposal, *(o for o in Outcome if o != proposal)]
    reasons: dict[tuple, str | None] = {}
    possible = []
    for outcome in outcomes:
        # Outcomes that publish the same kind of file pass or fail the same checks.
        key = (NEEDS_FILE[outcome], outcome == Outcome.PUBLISHED_IN_FULL)
        if key not in reasons:
            reasons[key] = refusal_reason(document, outcome)
        if reasons[key] is None:
            possible.append(outcome)
    return possible


def publish_document(
    document: Document,
    user: User,
    *,
    outcome: str | None = None,
    reason: str = "",
    public_fields_reason: str = "",
) -> PublicationDecision:
    """Publish ``document`` as the gedragscode proposes, or as the griffie chose with a
    reason. Records the decision and the document's events. ``public_fields_reason``
    overrides a personal item found in a public field (see :func:`guard_public_fields`)."""
    proposal = proposal_for(document)
    chosen = Outcome(outcome) if outcome else proposal.outcome
    reason = (reason or "").strip()
    if override_requires_reason(proposal.outcome, chosen) and not reason:
        raise PublicationRefused(
            f"U wijkt af van het voorstel ({proposal.label}, art. {proposal.article}); "
            f"geef een reden."
        )
    record = _check_publishable(document, chosen)
    text = pdf_text_for_search(record.read_bytes()) if record is not None else ""
    with transaction.atomic():
        guard_public_fields(document, user, record, (public_fields_reason or "").strip())
        try:
            document.publish(user, listing_only=not NEEDS_FILE[chosen])
        except InvalidTransition as exc:
            raise PublicationRefused(str(exc)) from exc
        decision, _created = PublicationDecision.objects.update_or_create(
            document=document,
            defaults={
                "proposed_outcome": proposal.outcome,
                "proposed_article": proposal.article,
                "outcome": chosen,
                "override_reason": reason if chosen != proposal.outcome else "",
                "published_file": record,
                "public_text": text,
                "decided_by": user,
                "decided_at": timezone.now(),
                "withdrawn_at": None,
                "needs_reanonymisation": False,
            },
        )
        update_search_vector(decision.pk, document.subject)
        cache.bump()
        # Members of its meeting's body (or the raad) hear of it by e-mail, on commit.

        announce_public_document(document)
        document.record(
            "publication_decision",
            user,
            f"{chosen.label} (voorstel: {proposal.label}, art. {proposal.article})"
            + (f"; reden: {reason}" if chosen != proposal.outcome else ""),
        )
    return decision


def update_search_vector(decision_pk: int, subject: str = "") -> None:
    """Keep the PostgreSQL search vector (config 'dutch') in step with the public text."""
    if connection.vendor != "postgresql":
        return
    from django.contrib.postgres.search import SearchVector
    from django.db.models import Value

    PublicationDecision.objects.filter(pk=decision_pk).update(
        search_vector=SearchVector(Value(subject), config="dutch", weight="A")
        + SearchVector("public_text", config="dutch", weight="B")
    )


def withdraw_document(
    document: Document, user: User, reason: str, *, reanonymise: bool = False
) -> None:
    reason = (reason or "").strip()
    if not reason:
        raise PublicationRefused("Geef een reden voor het intrekken.")
    with transaction.atomic():
        try:
            document.withdraw(user, reason)
        except InvalidTransition as exc:
            raise PublicationRefused(str(exc)) from exc
        decision = PublicationDecision.objects.filter(document=document).first()
        if decision is not None:
            decision.withdrawn_at = timezone.now()
            decision.needs_reanonymisation = reanonymise or decision.needs_reanonymisation
            decision.save(update_fields=["withdrawn_at", "needs_reanonymisation", "changed_at"])
        cache.bump()


# --- art. 2 removal requests -------------------------------------------------------------
UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)


def document_from_location(location: str) -> Document | None:
    """The published document a URL on this site points at, if any (by uuid)."""
    match = UUID_RE.search(location or "")
    if not match:
        return None
    return Document.objects.filter(uuid=UUID(match.group(0))).first()


def decide_removal_request(
    request: RemovalRequest,
    user: User,
    *,
    granted: bool,
    reason: str,
    document: Document | None = None,
) -> None:
    """Record the griffie's assessment (AVG + gedragscode). Granting withdraws the document
    from the site and flags it for re-anonymisation."""
    reason = (reason or "").strip()
    if not reason:
        raise PublicationRefused("Motiveer het besluit op het verzoek.")
    if request.status != RequestStatus.RECEIVED:
        raise PublicationRefused("Dit verzoek is al beoordeeld.")
    with transaction.atomic():
        document = document or request.document or document_from_location(request.location)
        request.document = document
        if granted and document is not None and document.status == Status.PUBLISHED:
            withdraw_document(
                document,
                user,
                f"Verwijderverzoek (art. 2) toegewezen: {reason}",
                reanonymise=True,
            )
        request.decide(granted=granted, reason=reason, actor=user)


# --- art. 6 inspection: a ZIP of anonymised PDFs only -----------------------------------
def inspection_zip(documents: Iterable[Document]) -> bytes:
    """The anonymised PDFs of ``documents`` for sending by mail. Originals never, and never
    anything under secrecy: such a document is left out without a word, so the LEESMIJ does
    not even name it (Woo art. 5.1 and Gemeentewet art. 25, 55, 86)."""
    buffer = io.BytesIO()
    missing = []
    requested = Document.objects.filter(pk__in=[d.pk for d in documents])
    sendable = requested.not_under_secrecy().order_by("registration_year", "registration_sequence")
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for document in sendable:
            record = document.latest_anonymised()
            if record is None or document.status not in (Status.APPROVED, Status.PUBLISHED):
                missing.append(document.registration_number)
                continue
            archive.writestr(
                f"{document.registration_number}-geanonimiseerd.pdf", record.read_bytes()
            )
        if missing:
            archive.writestr(
                "LEESMIJ.txt",
                "Van deze stukken is (nog) geen goedgekeurde geanonimiseerde versie; ze zijn "
                "niet meegestuurd. Inzage in het origineel kan alleen op de griffie.\n"
                + "\n".join(missing)
                + "\n",
            )
    return buffer.getvalue()


@transaction.atomic
def send_inspection(inspection: InspectionRequest) -> bytes:
    """Build the ZIP of an inspection request and record when it was made (a POST only)."""
    data = inspection_zip(inspection.documents.all())
    inspection.sent_at = timezone.now()
    inspection.save(update_fields=["sent_at"])
    return data


# --- meeting documents ------------------------------------------------------------------
def meeting_document_category(kind: str) -> str:
    """The engine's category for a meeting document. An inspreker's contribution is a 3d
    document; a bijlage of a council proposal (a zienswijze and the like) is a 3e document; the policy has no category for the griffie's
    own texts (agenda, besluitenlijst, motie, ...), so they are read as a letter: everyone
    outside the registry is anonymised."""
    if kind == MeetingDocumentKind.INSPREKER:
        # 3d: the contribution is published with the speaker's name, attached to the
        # besluitenlijst; contact details and anyone else's data are still removed.
        return "speaker"
    return "view" if kind == MeetingDocumentKind.BIJLAGE else "letter"


def meeting_document_options(meeting_document: MeetingDocument) -> AnonymisationOptions:
    """A government document (``griffie_text_options``): no sender details to look for; with
    consent (3d insprekers, 3e no objection) names and contact details stay too, but the
    file is still normalised and verified."""

    return griffie_text_options(
        category=meeting_document_category(meeting_document.kind),
        consent_personal_data=meeting_document.personal_data_consent,
        title=meeting_document.title,
    )


def publication_summary(report: dict) -> str:
    """What the engine did to a meeting document, for the griffie (Dutch)."""

    if report.get("refused"):
        return f"niet gepubliceerd: {report['refused']}"
    counts = report.get("entities", {})
    text = f"gepubliceerd; {sum(counts.values())} gegevens verwijderd"
    if counts:
        # sorted: the report comes back from PostgreSQL's jsonb with its keys reordered
        labelled = sorted((entity_label(t), n) for t, n in counts.items())
        text += " (" + ", ".join(f"{label}: {n}" for label, n in labelled) + ")"
    if report.get("removed"):
        text += "; opgeschoond: " + ", ".join(report["removed"])
    return text


def _unpublish_meeting_document(meeting_document: MeetingDocument, report: dict) -> None:
    """Take the meeting document off the site (fail closed, also a version published
    earlier) and keep ``report`` so the griffie sees why."""
    old_file = meeting_document.public_file.name
    meeting_document.public_file = ""
    meeting_document.sha256, meeting_document.size, meeting_document.public_text = "", 0, ""
    meeting_document.published_at = None
    meeting_document.publication_report = report
    with transaction.atomic():
        meeting_document.save()
        cache.bump()
        if old_file:
            transaction.on_commit(lambda: remove_stored([old_file]))


def _read_upload(meeting_document: MeetingDocument) -> bytes:
    if not meeting_document.file:
        return b""
    with meeting_document.file.open("rb") as upload:
        return upload.read()


def publish_meeting_document(
    meeting_document: MeetingDocument, *, actor: User | None = None
) -> dict:
    """Run the uploaded file through the anonymisation engine and publish only its verified
    output; returns the engine's report. Fails closed: an unreadable file, a failed
    verification or any error of the engine publishes nothing, takes an earlier version off
    the site, and raises PublicationRefused (the reason is kept in ``publication_report``)."""

    by = {"by": actor.get_username()} if actor is not None else {}
    result, reason = None, ""
    try:
        data = _read_upload(meeting_document)
        if not data:
            reason = "Het vergaderstuk heeft geen bestand."
        else:
            result = anonymise_pdf(data, meeting_document_options(meeting_document))
    except UnreadableDocument as exc:
        reason = f"Het bestand is niet te lezen: {exc.reason}"
    except Exception as exc:  # noqa: BLE001 - fail closed on any failure of storage or engine
        reason = f"De anonimisering is mislukt ({exc.__class__.__name__}: {exc})."
    if result is not None and result.output_pdf is None:
        reason = "Controle afgekeurd, niets wordt gepubliceerd: " + (
            result.verification.reason or ", ".join(result.verification.leaks[:3])
        )
    report = {**(result.report() if result is not None else {}), **by}
    if reason:
        _unpublish_meeting_document(meeting_document, {**report, "refused": reason})
        raise PublicationRefused(reason)

    output = result.output_pdf if result is not None else None
    if output is None:  # a refusal above already raised; fail closed all the same
        raise PublicationRefused("De anonimisering gaf geen uitvoer; er is niets gepubliceerd.")
    old_file = meeting_document.public_file.name
    with atomic_files():
        save_file(meeting_document.public_file, output, "openbaar.pdf")
        meeting_document.sha256 = hashlib.sha256(output).hexdigest()
        meeting_document.size = len(output)
        meeting_document.public_text = pdf_text_for_search(output)
        meeting_document.published_at = timezone.now()
        meeting_document.publication_report = report
        meeting_document.save()
        cache.bump()
        # The members of the meeting's body hear of it by e-mail (queued on commit).

        announce_meeting_document(meeting_document)
        if old_file:
            transaction.on_commit(lambda: remove_stored([old_file]))
    return report
