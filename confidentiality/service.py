"""Public API of the confidentiality app: imposing, providing and lifting secrecy, closed
meeting records, notices, access logging and watermarked copies. Keep it small."""

from collections.abc import Iterable
from datetime import date, timedelta

from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, get_groups_with_perms, remove_perm

from documents.models import Document, DocumentFile
from griffie.http import pdf_attachment
from meetings.models import Meeting
from people.models import Body, BodyKind, Membership
from people.roles import GRIFFIE, acting_user
from publication.cache import bump
from publication.models import MeetingDocument

from .access import (
    SECRET_PERMISSION,
    AccessDecision,
    Level,
    is_secret,
    level_of,
)
from .models import (
    RECIPIENT_BODY_KINDS,
    AccessLog,
    AccessResult,
    Authority,
    ItemPart,
    LegalBasis,
    Notice,
    NoticeKind,
    SecrecyDecision,
    SecretItem,
    WatermarkIssue,
)
from .net import client_ip, user_agent
from .notifications import announce_document, announce_secret
from .reading import watermark_lines
from .watermark import watermark_pdf

_PERM_CODENAME = SECRET_PERMISSION.split(".")[1]


def _public_site_changed() -> None:
    """Bump the public-site version in the caller's transaction: what is secret is never
    served from a page cached before the change."""

    bump()


# --- secrecy ---------------------------------------------------------------------------------
def _check_recipients(bodies: Iterable[Body]) -> list[Body]:
    checked = []
    for body in bodies:
        if not isinstance(body, Body):
            raise ValidationError(
                _("Geheime informatie wordt verstrekt aan organen, nooit aan personen.")
            )
        if body.kind not in RECIPIENT_BODY_KINDS:
            raise ValidationError(
                _("%(body)s kan geen geheime informatie ontvangen.") % {"body": body}
            )
        checked.append(body)
    return checked


@transaction.atomic
def impose_secrecy(
    *,
    title: str,
    imposed_by: str,
    ground: str,
    provided_to: Iterable[Body],
    documents: Iterable[Document] = (),
    imposed_by_body: Body | None = None,
    lifting_authority: str | None = None,
    lifting_body: Body | None = None,
    reference: str = "",
    decided_on: date | None = None,
    review_on: date | None = None,
    actor: User | None = None,
) -> SecrecyDecision:
    decision = SecrecyDecision(
        title=title,
        imposed_by=imposed_by,
        imposed_by_body=imposed_by_body,
        ground=ground,
        lifting_authority=lifting_authority or imposed_by,
        lifting_body=lifting_body or imposed_by_body,
        reference=reference,
        decided_on=decided_on or timezone.localdate(),
        review_on=review_on,
        created_by=actor,
    )
    decision.full_clean()
    decision.save()
    for document in documents:
        add_item(decision, document)
    provide_to(decision, provided_to, actor=actor)
    return decision


@transaction.atomic
def add_item(
    decision: SecrecyDecision,
    document: Document,
    *,
    public_document: Document | None = None,
    label: str = "",
) -> SecretItem:
    item, _created = SecretItem.objects.get_or_create(
        decision=decision,
        document=document,
        defaults={
            "part": ItemPart.ANNEX if public_document else ItemPart.WHOLE,
            "public_document": public_document,
            "label": label,
        },
    )
    item.full_clean()
    _public_site_changed()
    return item


@transaction.atomic
def provide_to(
    decision: SecrecyDecision, bodies: Iterable[Body], *, actor: User | None = None
) -> None:
    """Provide the secret information to bodies: grant the object permission to each body's
    group and tell its current members, without content, that there is something new."""
    for body in _check_recipients(bodies):
        decision.provided_to.add(body)
        assign_perm(SECRET_PERMISSION, body.group, decision)
        _notify_members(decision, body)
        announce_secret(decision, body)  # e-mail, queued on commit, without content


def sync_grants(decision: SecrecyDecision) -> None:
    """Make the guardian grants equal to ``provided_to`` (after an edit in admin)."""
    bodies = _check_recipients(decision.provided_to.all())
    _public_site_changed()  # the admin may have changed the items or the status
    wanted = {body.group_id for body in bodies}
    if decision.is_active:
        for body in bodies:
            assign_perm(SECRET_PERMISSION, body.group, decision)
            _notify_members(decision, body)
    else:
        wanted = set()
    groups_with_perms: dict = get_groups_with_perms(decision, attach_perms=True)  # type: ignore[assignment]
    for group in groups_with_perms:
        if group.pk not in wanted:
            remove_perm(SECRET_PERMISSION, group, decision)


def _notify_members(decision: SecrecyDecision, body: Body) -> None:
    members = Membership.objects.active().filter(body=body, person__user__isnull=False)
    for membership in members.select_related("person"):
        Notice.objects.get_or_create(
            recipient_id=membership.person.user_id,
            kind=NoticeKind.SECRET_PROVIDED,
            decision=decision,
            defaults={"body": body},
        )


@transaction.atomic
def lift_secrecy(
    decision: SecrecyDecision, *, by_body: Body, on: date, reference: str, actor: User
) -> SecrecyDecision:
    decision.lift(by_body, on, reference, actor)
    _public_site_changed()
    if decision.legal_basis == LegalBasis.CLOSED_MEETING and decision.meeting_id:
        # The lifting covers the griffie's meeting documents the raad saw too;
        # one added later stays secret until the raad lifts again.

        MeetingDocument.objects.filter(
            meeting_id=decision.meeting_id, secrecy_lifted_by__isnull=True
        ).update(secrecy_lifted_by=decision)
    for group in Group.objects.filter(body__in=decision.provided_to.all()):
        remove_perm(SECRET_PERMISSION, group, decision)
    return decision


@transaction.atomic
def record_closed_meeting_document(
    document: Document, *, actor: User | None = None
) -> SecrecyDecision:
    """Minutes or notes of a besloten vergadering are secret by law (Gemeentewet art. 23 and
    86), without a separate decision, until the raad lifts it. Records that in the public
    register and provides it to the meeting's body, so its members can read it. Call this
    whenever a document is attached to a closed meeting (:func:`record_if_closed_meeting`);
    safe to call twice. The rule itself is ``Document.objects.under_secrecy()``."""
    meeting = document.meeting
    if meeting is None or not Meeting.objects.closed().filter(pk=meeting.pk).exists():
        raise ValidationError(_("Dit stuk hoort niet bij een besloten vergadering."))
    covered = SecrecyDecision.objects.filter(
        meeting=meeting, legal_basis=LegalBasis.CLOSED_MEETING, items__document=document
    ).first()
    if covered is not None:
        return covered
    decision = closed_meeting_decision(meeting, actor=actor)
    add_item(decision, document)
    provide_to(decision, [meeting.body], actor=actor)
    return decision


@transaction.atomic
def closed_meeting_decision(meeting: Meeting, *, actor: User | None = None) -> SecrecyDecision:
    """The register's record that what a besloten vergadering saw is secret by law, provided
    to the meeting's body: the active one, or a new one. A lifting covers what the raad saw
    when it lifted; a document added later is secret until the raad lifts again, so it joins
    an active decision, never a lifted one."""
    decision = (
        SecrecyDecision.objects.active()
        .filter(meeting=meeting, legal_basis=LegalBasis.CLOSED_MEETING)
        .first()
    )
    if decision is None:
        raad = Body.objects.filter(kind=BodyKind.RAAD).order_by("pk").first()
        by = Authority.RAAD if meeting.body.kind == BodyKind.RAAD else Authority.COMMISSIE
        decision = SecrecyDecision.objects.create(
            title=_("Verslag besloten vergadering: %(meeting)s") % {"meeting": meeting},
            legal_basis=LegalBasis.CLOSED_MEETING,
            imposed_by=by,
            imposed_by_body=meeting.body,
            lifting_authority=Authority.RAAD,
            lifting_body=raad,
            decided_on=timezone.localtime(meeting.starts_at).date(),
            meeting=meeting,
            created_by=actor,
        )
        provide_to(decision, [meeting.body], actor=actor)
        _public_site_changed()
    return decision


def record_if_closed_meeting(
    document: Document, *, actor: User | None = None
) -> SecrecyDecision | None:
    """After a document was registered against a meeting (griffie screens, admin): when the
    meeting is closed, record the document as secret by law. Otherwise the members who may
    read it hear of it by e-mail (queued on commit; they are told once)."""
    if document.meeting_id and Meeting.objects.closed().filter(pk=document.meeting_id).exists():
        return record_closed_meeting_document(document, actor=actor)
    announce_document(document)
    return None


def record_closed_meeting(meeting: Meeting, *, actor: User | None = None) -> int:
    """After a meeting was marked closed: record each of its documents as secret by law."""
    if not Meeting.objects.closed().filter(pk=meeting.pk).exists():
        return 0
    documents = list(Document.objects.filter(meeting=meeting))
    for document in documents:
        record_closed_meeting_document(document, actor=actor)
    return len(documents)


# --- reminders ---------------------------------------------------------------------------------
def send_review_reminders(on: date | None = None) -> int:
    """Tell the griffie (a notice each) about decisions whose end/review date has come.
    Safe to run twice: a decision is reminded once."""
    on = on or timezone.localdate()
    griffie_users = Group.objects.get_or_create(name=GRIFFIE)[0].user_set.filter(is_active=True)
    sent = 0
    for decision in SecrecyDecision.objects.due_for_review(on + timedelta(days=14)).filter(
        reminder_sent_on__isnull=True
    ):
        with transaction.atomic():
            for user in griffie_users:
                Notice.objects.get_or_create(
                    recipient=user, kind=NoticeKind.REVIEW_DUE, decision=decision
                )
            decision.reminder_sent_on = on
            decision.save(update_fields=["reminder_sent_on"])
        sent += 1
    return sent


# --- logging and copies ------------------------------------------------------------------------
def object_ref(obj: object) -> tuple[str, str]:
    """Opaque reference for the log: type and uuid, never a title."""
    if isinstance(obj, SecretItem):
        return "secret_item", str(obj.uuid)
    if isinstance(obj, SecrecyDecision):
        return "secrecy_decision", str(obj.uuid)
    if isinstance(obj, Document):
        return "document", str(obj.uuid)
    return "", ""


def log_access(
    request: HttpRequest,
    action: str,
    *,
    obj: Model | None = None,
    object_type: str = "",
    object_id: str = "",
    decision: AccessDecision | None = None,
) -> AccessLog:
    if obj is not None:
        object_type, object_id = object_ref(obj)
    user = request.user if request.user.is_authenticated else None
    allowed = decision.allowed if decision is not None else True
    return AccessLog.objects.create(
        actor=user,
        actor_name=user.get_username() if user else "",
        action=action,
        object_type=object_type,
        object_id=object_id[:64],
        result=AccessResult.ALLOWED if allowed else AccessResult.DENIED,
        reason=(decision.reason if decision is not None else "")[:50],
        ip=client_ip(request),
        user_agent=user_agent(request),
    )


def watermarked_copy(
    request: HttpRequest, obj: Model, document_file: DocumentFile, *, level: str | None = None
) -> tuple[bytes, WatermarkIssue]:
    """A copy of ``document_file`` with the user's watermark on every page, and the record
    that resolves the printed code back to the user."""
    level = level or level_of(obj)
    object_type, object_id = object_ref(obj)
    issue = WatermarkIssue(
        user=acting_user(request),
        level=level,
        object_type=object_type,
        object_id=object_id,
        file_sha256=document_file.sha256,
        ip=client_ip(request),
    )
    lines = watermark_lines(acting_user(request), obj, issue.issued_at)
    data = watermark_pdf(document_file.read_bytes(), level=level, lines=lines, code=issue.code)
    issue.save()
    return data, issue


def watermarked_download(
    request: HttpRequest, obj: Model, document_file: DocumentFile, *, level: str | None = None
) -> HttpResponse:
    """The one way a vertrouwelijk or geheim file leaves the application: a private PDF
    named after its watermark code. Raises ``NotWatermarkable`` for a file that cannot carry
    the reader's mark (it is then not handed out)."""
    with transaction.atomic():
        data, issue = watermarked_copy(request, obj, document_file, level=level)
    return pdf_attachment(data, f"{issue.code}.pdf")


def griffie_level(document: Document) -> str:
    """How confidential a document is when the griffie, its custodian, opens it."""
    if is_secret(document):
        return Level.GEHEIM
    return level_of(document)


def log_griffie_read(request: HttpRequest, document: Document, action: str) -> str:
    """The griffie's reads of vertrouwelijk and geheim documents are logged like the
    members' reads (opaque ids only). Returns the level."""
    level = griffie_level(document)
    if level != Level.PUBLIC:
        log_access(
            request,
            f"griffie_{action}",
            obj=document,
            decision=AccessDecision(True, f"griffie_{level.lower()}"),
        )
    return level


def resolve_watermark(code: str) -> WatermarkIssue | None:
    return WatermarkIssue.objects.select_related("user").filter(code=code.strip().upper()).first()


__all__ = [
    "add_item",
    "impose_secrecy",
    "is_secret",
    "lift_secrecy",
    "log_griffie_read",
    "log_access",
    "provide_to",
    "closed_meeting_decision",
    "record_closed_meeting",
    "record_closed_meeting_document",
    "record_if_closed_meeting",
    "resolve_watermark",
    "send_review_reminders",
    "watermark_lines",
    "sync_grants",
    "watermarked_copy",
]
