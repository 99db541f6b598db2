"""Incoming documents (ingekomen stukken), their files and their history."""

import hashlib
import uuid
from collections.abc import Iterable
from typing import Any, Self

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models import AgendaItem, Meeting

from .secrecy import LegalBasis, SecrecyStatus


class Category(models.TextChoices):
    """Kinds of documents after gedragscode art. 3 (values match ``manage.py anonymise``)."""

    LETTER = "letter", _("brief of ander geschrift (3c)")
    PETITION = "petition", _("petitie (3c)")
    SPEAKER = "speaker", _("inspreekbijdrage (3d)")
    VIEW = "view", _("bijlage bij raadsvoorstel, zoals een zienswijze (3e)")
    OBJECTION = "objection", _("stuk in een bezwaarprocedure (3e)")
    CITIZENS_INITIATIVE = "citizens_initiative", _("burgerinitiatief (3e)")
    APPOINTMENT = "appointment", _("benoeming (3f)")
    COLLEGE_ANSWER = "college_answer", _("beantwoording door het college (3g)")
    ACTIVITY = "activity", _("aankondiging activiteit (3h)")


class SenderType(models.TextChoices):
    CITIZEN = "citizen", _("burger")
    ORGANISATION = "organisation", _("organisatie of instelling")
    COLLEGE = "college", _("college van B&W")
    OFFICE_HOLDER = "office_holder", _("publieke ambtsdrager")
    CIVIL_SERVANT = "civil_servant", _("ambtenaar")
    FRACTIE = "fractie", _("fractie")
    GOVERNMENT = "government", _("andere overheid")


class Status(models.TextChoices):
    RECEIVED = "received", _("ontvangen")
    ANONYMISING = "anonymising", _("wordt geanonimiseerd")
    IN_REVIEW = "in_review", _("te beoordelen")
    APPROVED = "approved", _("goedgekeurd")
    PUBLISHED = "published", _("gepubliceerd")
    WITHDRAWN = "withdrawn", _("ingetrokken")
    FAILED = "failed", _("mislukt")
    DISCARDED = "discarded", _("afgevoerd")


# How the griffie's screens show a published document that was put under secrecy later: its
# status stays ``published`` (lifting the secrecy brings it back on the site), but the public
# rule keeps it off the site, so the griffie must not read "gepubliceerd".
SECRET_AFTER_PUBLICATION = "published_secret"
SECRET_AFTER_PUBLICATION_LABEL = _("geheim: van de openbare site")


def registration_number(year: int, sequence: int) -> str:
    """The number a document is known by (``2026-0042``), also for rows read without a model
    instance (the public lists, the feed, the sitemaps)."""
    return f"{year}-{sequence:04d}"


def shown_status_choices() -> list[tuple[str, Any]]:
    """The statuses as the griffie's lists show and count them."""
    choices = []
    for value, label in Status.choices:
        choices.append((value, label))
        if value == Status.PUBLISHED:
            choices.append((SECRET_AFTER_PUBLICATION, SECRET_AFTER_PUBLICATION_LABEL))
    return choices


class RunStage(models.TextChoices):
    """Which pass of an anonymisation run ``pages_done`` counts (the inbox shows it)."""

    READING = "reading", _("pagina's lezen")
    DETECTING = "detecting", _("persoonsgegevens zoeken")  # over the whole text: no pages
    CHECKING = "checking", _("controleren")


class Handling(models.TextChoices):
    """Afdoening of an ingekomen stuk: what the presidium proposes and what the raad decides
    when it sets the lijst ingekomen stukken."""

    NOTED = "ter_kennisname", _("ter kennisname")
    COLLEGE_SETTLE = "college_afdoening", _("in handen van het college ter afdoening")
    COLLEGE_ADVICE = "college_advies", _("in handen van het college voor advies")
    COMMITTEE = "commissie", _("agenderen voor de commissie")
    COUNCIL = "raad", _("agenderen voor de raad")
    WITH_ITEM = "betrekken", _("betrekken bij de behandeling van het agendapunt")
    GRIFFIE_SETTLE = "griffie_afdoening", _("in handen van de griffie ter afdoening")


class InvalidTransition(Exception):
    """A status change that the workflow does not allow."""


class ConcurrentChange(InvalidTransition):
    """Someone else changed the document between reading and writing it: nothing was
    changed and no history was written. The views show the message as it is."""

    def __init__(self, document: "Document") -> None:
        super().__init__(
            _(
                "Dit stuk (%(number)s) is intussen gewijzigd; bekijk de nieuwe stand en probeer het zo nodig opnieuw."
            )
            % {"number": document.registration_number}
        )


class DocumentQuerySet(models.QuerySet):
    """The public and secrecy rules on documents, written once: views, API, feeds, sitemaps,
    search, admin and inspection ZIPs chain these; nobody re-decides. Who of the council may
    read what in full is decided in :mod:`confidentiality.access`, on top of these."""

    def published(self) -> Self:
        return self.filter(status=Status.PUBLISHED)

    def _under_secrecy(self) -> models.Q:
        """The secrecy condition, the closed-meeting rule included. A document is under
        secrecy while a secrecy decision in force covers it, or while it is tied to a besloten
        vergadering (secret by law, Gemeentewet art. 23 and 86) unless the raad lifted that
        secrecy for this document. Fails closed: a document on a closed meeting for which the
        griffie recorded nothing is secret. Written with lookups across the relations that
        confidentiality adds, so this module never imports it."""
        documents = self.model._default_manager
        covered = documents.filter(secret_items__decision__status=SecrecyStatus.ACTIVE)
        lifted_by_law = documents.filter(
            secret_items__decision__status=SecrecyStatus.LIFTED,
            secret_items__decision__legal_basis=LegalBasis.CLOSED_MEETING,
        )
        return models.Q(pk__in=covered.values("pk")) | (
            models.Q(meeting__in=Meeting.objects.closed().values("pk"))
            & ~models.Q(pk__in=lifted_by_law.values("pk"))
        )

    def under_secrecy(self) -> Self:
        """Documents under secrecy now (see :meth:`_under_secrecy`)."""
        return self.filter(self._under_secrecy())

    def not_under_secrecy(self) -> Self:
        return self.exclude(self._under_secrecy())

    def with_secrecy_flag(self) -> Self:
        """Annotate ``under_secrecy`` (one subquery) for the griffie's lists."""
        return self.annotate(
            under_secrecy=models.Exists(
                Document.objects.under_secrecy().filter(pk=models.OuterRef("pk"))
            )
        )

    def public(self) -> Self:
        """What the public may see: published *with* a publication decision in force (fail
        closed: published some other way stays off the site), and not under secrecy."""
        return (
            self.published()
            .filter(publication__isnull=False, publication__withdrawn_at__isnull=True)
            .not_under_secrecy()
        )

    def registered_in(self, categories: Iterable[str]) -> "DocumentQuerySet":
        """Registered documents of ``categories`` (the reading rule of the councillors' area
        is :func:`confidentiality.access.confidential_documents_visible_to`)."""
        return self.filter(category__in=categories, registered_at__isnull=False)

    def anonymising(self) -> Self:
        """Documents with an anonymisation run: waiting for the queue, queued or running."""
        return self.filter(status=Status.ANONYMISING)

    def runs_waiting_for_the_queue(self) -> Self:
        """Runs saved but not (yet) taken by the queue: it was down, or the send is under
        way; the recovery task sends them."""
        return self.anonymising().filter(run_started_at__isnull=True, run_seen_at__isnull=True)

    def runs_queued(self) -> Self:
        """Runs in the queue that no worker has started, first queued first."""
        return (
            self.anonymising()
            .filter(run_started_at__isnull=True, run_seen_at__isnull=False)
            .order_by("run_seen_at", "pk")
        )

    def runs_running(self) -> Self:
        return self.anonymising().filter(run_started_at__isnull=False)

    def with_shown_status(self, value: str) -> Self:
        """Documents the griffie's lists show with status ``value``: "gepubliceerd" only while
        the document is really on the public site (see :data:`SECRET_AFTER_PUBLICATION`)."""
        if value == Status.PUBLISHED:
            return self.published().not_under_secrecy()
        if value == SECRET_AFTER_PUBLICATION:
            return self.published().under_secrecy()
        return self.filter(status=value)

    def counts_per_status(self) -> dict[str, int]:
        """Counts per shown status: a published document under secrecy counts under
        :data:`SECRET_AFTER_PUBLICATION`, not under "gepubliceerd"."""
        rows = self.order_by().values("status").annotate(n=models.Count("id"))
        counts = {value: 0 for value, _label in shown_status_choices()}
        counts.update({row["status"]: row["n"] for row in rows})
        secret = self.published().under_secrecy().count()
        counts[Status.PUBLISHED] -= secret
        counts[SECRET_AFTER_PUBLICATION] = secret
        return counts


class Document(models.Model):
    """An ingekomen stuk. The sender's identity is never public; ``public_sender_term`` names
    the sender on the public list (gedragscode art. 3c and 4)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    registration_year = models.PositiveSmallIntegerField(_("registratiejaar"), editable=False)
    registration_sequence = models.PositiveIntegerField(_("volgnummer"), editable=False)
    received_on = models.DateField(_("datum ontvangst"), default=timezone.localdate)
    subject = models.CharField(
        _("onderwerp (openbaar)"),
        max_length=200,
        blank=True,
        help_text=_("Korte aanduiding van het onderwerp, zonder persoonsgegevens."),
    )
    description = models.TextField(_("interne omschrijving"), blank=True)
    category = models.CharField(
        _("categorie"), max_length=30, choices=Category.choices, default=Category.LETTER
    )
    submitted_by_fractie = models.BooleanField(
        _("ingediend door een fractie (art. 5)"), default=False
    )
    sender_type = models.CharField(
        _("soort afzender"), max_length=20, choices=SenderType.choices, default=SenderType.CITIZEN
    )
    # Never public: used for the councillors' vertrouwelijk view and as a deny-list for the
    # anonymiser.
    sender_name = models.CharField(_("naam afzender"), max_length=200, blank=True)
    sender_address = models.CharField(_("adres afzender"), max_length=300, blank=True)
    sender_email = models.EmailField(_("e-mail afzender"), blank=True)
    sender_phone = models.CharField(_("telefoon afzender"), max_length=40, blank=True)
    consent_publish_personal_data = models.BooleanField(
        _("afzender vraagt uitdrukkelijk om publicatie met persoonsgegevens (3c)"), default=False
    )
    consent_office_holder_contact = models.BooleanField(
        _("ambtsdrager stemt in met publicatie van adres en telefoon (3a)"), default=False
    )
    no_objection_personal_data = models.BooleanField(
        _("betrokkene heeft geen bezwaar tegen publicatie van persoonsgegevens (3e)"),
        default=False,
    )
    public_sender_term = models.CharField(
        _("aanduiding afzender (openbaar)"),
        max_length=100,
        blank=True,
        help_text=_("Neutrale term zoals aanvrager, bewoner of belanghebbende."),
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("vergadering"),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("agendapunt"),
    )
    handling_proposal = models.CharField(
        _("afdoeningsvoorstel"),
        max_length=30,
        choices=Handling.choices,
        blank=True,
        help_text=_("Openbaar, op de lijst ingekomen stukken."),
    )
    handling_decision = models.CharField(
        _("besluit van de raad over de afdoening"),
        max_length=30,
        choices=Handling.choices,
        blank=True,
        help_text=_("Leeg zolang de raad de lijst ingekomen stukken niet heeft vastgesteld."),
    )
    handling_note = models.CharField(
        _("toelichting afdoening (intern)"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld welke commissie; niet openbaar."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED, editable=False
    )
    status_reason = models.TextField(_("reden"), blank=True, editable=False)
    registered_at = models.DateTimeField(_("geregistreerd op"), null=True, blank=True)
    pages_total = models.PositiveIntegerField(default=0, editable=False)
    pages_done = models.PositiveIntegerField(default=0, editable=False)
    # The pass of the current run that ``pages_done`` counts (empty before a worker started).
    run_stage = models.CharField(
        max_length=10, choices=RunStage.choices, blank=True, editable=False
    )
    # When the page-image task was handed to the queue; empty while it never was (the queue
    # was down at intake): the recovery task sends it as soon as the queue is back.
    page_images_queued_at = models.DateTimeField(null=True, blank=True, editable=False)
    text = models.TextField(_("tekst"), blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The current anonymisation run: a new token each time it is queued (a message with an
    # older token exits quietly), when a worker was last heard of (recovery re-queues runs
    # that stay silent longer than the hard time limit) and how many runs died on the way.
    run_token = models.UUIDField(null=True, blank=True, editable=False)
    run_started_at = models.DateTimeField(null=True, blank=True, editable=False)
    run_seen_at = models.DateTimeField(null=True, blank=True, editable=False)
    run_attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("ingekomen stuk")
        verbose_name_plural = _("ingekomen stukken")
        ordering = ["-registration_year", "-registration_sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration_year", "registration_sequence"],
                name="unique_registration_number",
            )
        ]
        indexes = [
            models.Index(fields=["status"]),
            # the public list: published documents, newest first
            models.Index(
                fields=["status", "-received_on", "-registration_year", "-registration_sequence"],
                name="document_public_list",
            ),
            models.Index(fields=["received_on"]),
            # the public feed: published documents, last published first
            models.Index(fields=["status", "-published_at"], name="document_public_feed"),
        ]

    def __str__(self) -> str:
        return f"{self.registration_number} {self.subject}".strip()

    # Written only by the transitions and the anonymisation run, never by a form's save().
    STATE_FIELDS = frozenset(
        {
            "status",
            "status_reason",
            "published_at",
            "run_token",
            "run_started_at",
            "run_seen_at",
            "run_attempts",
            "pages_done",
            "run_stage",
            "page_images_queued_at",
        }
    )

    def save(self, *args, **kwargs) -> None:
        # Integrity guard, not business logic: a full save of a document that was read
        # earlier (a registration form, the admin) must not write back a status that a
        # worker or another clerk has changed since.
        if not self._state.adding and not args and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in self.STATE_FIELDS
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("documents:detail", kwargs={"pk": self.pk})

    # --- which file: each question answered here only ------------------------------------
    def latest_file(self, *kinds: str) -> "DocumentFile | None":
        """The newest whole-document file of ``kinds`` (page images are not whole files)."""
        return (
            self.files.filter(kind__in=kinds, page_number__isnull=True)
            .order_by("-version", "-created_at", "-pk")
            .first()
        )

    def working_pdf(self) -> "DocumentFile | None":
        """The PDF that is read, anonymised, shown to councillors and published in full: the
        converted working PDF, or else the original when it is itself a PDF."""
        working = self.latest_file(FileKind.WORKING_PDF)
        if working is not None:
            return working
        original = self.latest_file(FileKind.ORIGINAL)
        if original is not None and original.content_type == "application/pdf":
            return original
        return None

    def latest_anonymised(self) -> "DocumentFile | None":
        """The newest anonymised version (what the griffie reviews and what is published)."""
        return self.latest_file(FileKind.ANONYMISED)

    @property
    def shown_status(self) -> str:
        """The status as the griffie's screens show it. Uses the ``under_secrecy``
        annotation of :meth:`DocumentQuerySet.with_secrecy_flag` when present."""
        if self.status != Status.PUBLISHED:
            return self.status
        under_secrecy = getattr(self, "under_secrecy", None)
        if under_secrecy is None:
            under_secrecy = Document.objects.under_secrecy().filter(pk=self.pk).exists()
        return SECRET_AFTER_PUBLICATION if under_secrecy else self.status

    def get_shown_status_display(self) -> str:
        return dict(shown_status_choices())[self.shown_status]

    @property
    def registration_number(self) -> str:
        return registration_number(self.registration_year, self.registration_sequence)

    def clean(self) -> None:
        if self.agenda_item and self.meeting and self.agenda_item.meeting_id != self.meeting_id:
            raise ValidationError(
                {"agenda_item": _("Dit agendapunt hoort bij een andere vergadering.")}
            )

    # --- state transitions: the only way anything changes ``status`` --------------------
    def _transition(
        self,
        to: str,
        allowed_from: tuple[str, ...],
        actor: User | None,
        action: str,
        reason: str = "",
        *,
        changes: dict | None = None,
    ) -> None:
        """Change the status as one conditional UPDATE: only when the row still has the
        status (and run) this object was read with. The loser of a race gets
        :class:`ConcurrentChange` and writes no history."""
        if self.status not in allowed_from:
            raise InvalidTransition(
                f"{self.registration_number}: van '{self.get_status_display()}' "
                f"naar '{Status(to).label}' is niet toegestaan."
            )
        values = {
            "status": to,
            "status_reason": reason,
            "updated_at": timezone.now(),
            **(changes or {}),
        }
        updated = Document.objects.filter(
            pk=self.pk, status=self.status, run_token=self.run_token
        ).update(**values)
        if updated != 1:
            raise ConcurrentChange(self)
        for name, value in values.items():
            setattr(self, name, value)
        self.events.create(actor=actor, action=action, detail=reason)

    def start_anonymising(self, actor: User | None = None) -> None:
        """Queue a new run: a fresh token supersedes any earlier run of this document."""
        self._transition(
            Status.ANONYMISING,
            (
                Status.RECEIVED,
                Status.IN_REVIEW,
                Status.APPROVED,
                Status.FAILED,
                Status.WITHDRAWN,
                Status.ANONYMISING,
            ),  # a worker that died mid-task leaves ANONYMISING: re-runnable
            actor,
            "anonymisation_started",
            changes={
                "pages_done": 0,
                "run_stage": "",
                "run_token": uuid.uuid4(),
                "run_started_at": None,
                "run_seen_at": None,
                "run_attempts": 0,
            },
        )

    def finish_anonymising(self, needs_review_reason: str = "") -> None:
        self._transition(
            Status.IN_REVIEW,
            (Status.ANONYMISING,),
            None,
            "anonymisation_finished",
            needs_review_reason,
        )

    def fail(self, reason: str, actor: User | None = None) -> None:
        self._transition(
            Status.FAILED,
            (Status.RECEIVED, Status.ANONYMISING, Status.IN_REVIEW, Status.FAILED),
            actor,
            "failed",
            reason,
        )

    def discard(self, actor: User, reason: str) -> None:
        """Afvoeren: a document that failed (a file nobody can read or correct) leaves the
        work lists, with the griffie's reason in its history. Its number and original stay:
        a registration number is never reused and nothing received is deleted."""
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError(_("Geef een reden voor het afvoeren."))
        self._transition(Status.DISCARDED, (Status.FAILED,), actor, "discarded", reason)

    def approve(self, actor: User) -> None:
        self._transition(Status.APPROVED, (Status.IN_REVIEW,), actor, "approved")

    def publish(self, actor: User, *, listing_only: bool = False) -> None:
        """Publish the approved anonymised version, or, when the gedragscode lists the
        document without any file (art. 3c, 3g), only its entry on the public list."""
        self._transition(
            Status.PUBLISHED,
            self._publish_from(listing_only),
            actor,
            "published",
            changes={"published_at": timezone.now()},
        )

    @staticmethod
    def _publish_from(listing_only: bool) -> tuple[str, ...]:
        if listing_only:
            return (Status.RECEIVED, Status.IN_REVIEW, Status.APPROVED, Status.WITHDRAWN)
        return (Status.APPROVED,)

    def may_publish(self, *, listing_only: bool = False) -> bool:
        """Whether :meth:`publish` accepts the current status (the rule, not the file)."""
        return self.status in self._publish_from(listing_only)

    def withdraw(self, actor: User, reason: str) -> None:
        if not reason:
            raise ValidationError(_("Geef een reden voor het intrekken."))
        self._transition(Status.WITHDRAWN, (Status.PUBLISHED,), actor, "withdrawn", reason)

    def record_handling(self, actor: User, *, proposal: str, decision: str, note: str = "") -> bool:
        """Record the afdoeningsvoorstel and the raad's decision on it; returns whether
        anything changed (and so was written to the history)."""
        new = {"handling_proposal": proposal, "handling_decision": decision, "handling_note": note}
        changed = [name for name, value in new.items() if getattr(self, name) != value]
        if not changed:
            return False
        for name, value in new.items():
            setattr(self, name, value)
        self.save(update_fields=[*changed, "updated_at"])
        labels = dict(Handling.choices)
        self.record(
            "handling_recorded",
            actor,
            _("voorstel: %(proposal)s; besluit raad: %(decision)s")
            % {
                "proposal": labels.get(proposal, "—"),
                "decision": labels.get(decision, _("nog niet besloten")),
            },
        )
        return True

    def record(self, action: str, actor: User | None = None, detail: str = "") -> None:
        self.events.create(actor=actor, action=action, detail=detail)


def document_file_path(instance: "DocumentFile", filename: str) -> str:
    # Random names: a file's path reveals nothing and is never reused.
    return f"documents/{instance.document.uuid}/{instance.kind}/{uuid.uuid4().hex}"


class FileKind(models.TextChoices):
    ORIGINAL = "original", _("origineel")
    WORKING_PDF = "working_pdf", _("omgezette PDF")
    ANONYMISED = "anonymised", _("geanonimiseerde PDF")
    PAGE_IMAGE = "page_image", _("paginaweergave")


class DocumentFile(models.Model):
    """A stored file. The original is kept exactly as received; every derived file is a
    separate record."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(max_length=20, choices=FileKind.choices)
    file = models.FileField(upload_to=document_file_path, max_length=300)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    page_number = models.PositiveIntegerField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bestand")
        verbose_name_plural = _("bestanden")
        ordering = ["document", "kind", "page_number", "-version"]

    def __str__(self) -> str:
        return f"{self.document.registration_number} {self.get_kind_display()}"

    def save(self, *args, **kwargs) -> None:
        # Integrity guard, not business logic: an original is written once and never again.
        if self.pk and self.kind == FileKind.ORIGINAL:
            raise ValidationError(_("Het origineel wordt nooit gewijzigd."))
        super().save(*args, **kwargs)

    def read_bytes(self) -> bytes:
        with self.file.open("rb") as handle:
            return handle.read()

    def checksum_matches(self) -> bool:
        return hashlib.sha256(self.read_bytes()).hexdigest() == self.sha256


EVENT_LABELS = {
    "received": _("ontvangen"),
    "registered": _("geregistreerd"),
    "registration_changed": _("registratie gewijzigd"),
    "conversion_note": _("opmerking bij omzetting"),
    "render_failed": _("paginaweergave mislukt"),
    "anonymisation_started": _("anonimisering gestart"),
    "anonymisation_run": _("worker begonnen"),
    "anonymisation_requeued": _("opnieuw in de wachtrij"),
    "anonymisation_finished": _("anonimisering klaar"),
    "anonymisation_report": _("verslag anonimisering"),
    "review_changed": _("beoordeling gewijzigd"),
    "neutral_term_changed": _("neutrale term gewijzigd"),
    "approved": _("goedgekeurd"),
    "approved_version": _("goedgekeurde versie"),
    "published": _("gepubliceerd"),
    "withdrawn": _("ingetrokken"),
    "failed": _("mislukt"),
    "discarded": _("afgevoerd"),
    "public_fields_override": _("gepubliceerd ondanks melding in openbare velden"),
    "publication_decision": _("publicatiebesluit"),
    "handling_recorded": _("afdoening vastgelegd"),
}


class DocumentEvent(models.Model):
    """The history of a document: who did what, when."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=50)
    detail = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("geschiedenis")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"

    @property
    def label(self) -> str:
        return str(EVENT_LABELS.get(self.action, self.action.replace("_", " ")))

    @property
    def readable_detail(self) -> str:
        """The detail for people: a registration lists the changed fields by their labels,
        not their code names."""
        if self.action in ("registered", "registration_changed") and self.detail:
            names = [name.strip() for name in self.detail.split(",")]
            fields = {f.name: f for f in Document._meta.get_fields() if hasattr(f, "verbose_name")}
            if all(name in fields for name in names):
                return ", ".join(str(fields[name].verbose_name) for name in names)
        return self.detail


class RedactionDecision(models.TextChoices):
    PROPOSED = "proposed", _("voorgesteld")
    ACCEPTED = "accepted", _("geaccepteerd")
    REJECTED = "rejected", _("afgewezen")


class Redaction(models.Model):
    """A proposed or manual redaction, reviewed by the griffie before approval."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="redactions")
    finding_id = models.CharField(max_length=64)
    page = models.PositiveIntegerField()
    rects = models.JSONField(default=list)
    entity_type = models.CharField(max_length=30)
    text = models.TextField(blank=True)  # internal only: shown to the griffie in review
    replacement = models.CharField(max_length=100, blank=True)
    is_manual = models.BooleanField(default=False)
    decision = models.CharField(
        max_length=10, choices=RedactionDecision.choices, default=RedactionDecision.PROPOSED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("anonimisering")
        verbose_name_plural = _("anonimiseringen")
        ordering = ["document", "page", "id"]
        constraints = [
            models.UniqueConstraint(fields=["document", "finding_id"], name="unique_finding")
        ]

    def __str__(self) -> str:
        return f"{self.entity_type} p.{self.page + 1}"


class RegistrationCounter(models.Model):
    """The last registration sequence handed out per year. Intake locks this row (SELECT …
    FOR UPDATE), so simultaneous intakes queue for a number instead of racing for one."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("teller registratienummers")
        verbose_name_plural = _("tellers registratienummers")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"
