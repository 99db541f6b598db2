"""Publication decisions (gedragscode), meeting documents, activities and requests from the
public (art. 2 removal, art. 6 inspection)."""

import uuid
from typing import Self

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from confidentiality.models import LegalBasis, SecrecyStatus
from documents.models import Document, DocumentFile
from meetings.models import AgendaItem, Meeting, VoteOutcome

from .rules import Outcome


class PublicationDecision(models.Model):
    """What the griffie decided to publish of one document, and why."""

    document = models.OneToOneField(
        Document, on_delete=models.CASCADE, related_name="publication", verbose_name=_("stuk")
    )
    proposed_outcome = models.CharField(_("voorstel"), max_length=40, choices=Outcome.choices)
    proposed_article = models.CharField(_("artikel"), max_length=20)
    outcome = models.CharField(_("besluit"), max_length=40, choices=Outcome.choices)
    override_reason = models.TextField(_("reden van afwijking"), blank=True)
    # SET_NULL: if the file record ever disappears, nothing is served (fail closed).
    published_file = models.ForeignKey(
        DocumentFile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gepubliceerd bestand"),
    )
    # Text of the PUBLISHED file only; never Document.text (the unredacted original).
    public_text = models.TextField(_("openbare tekst"), blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)  # filled on PostgreSQL only
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("besloten op"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    needs_reanonymisation = models.BooleanField(
        _("opnieuw anonimiseren"),
        default=False,
        help_text=_("Gezet na een toegewezen verwijderverzoek (art. 2)."),
    )
    changed_at = models.DateTimeField(_("gewijzigd op"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("publicatiebesluit")
        verbose_name_plural = _("publicatiebesluiten")

    def __str__(self) -> str:
        return f"{self.document.registration_number}: {self.get_outcome_display()}"

    @property
    def is_override(self) -> bool:
        return self.outcome != self.proposed_outcome


class MeetingDocumentKind(models.TextChoices):
    AGENDA = "agenda", _("agenda")
    BESLUITENLIJST = "besluitenlijst", _("besluitenlijst")
    RAADSVOORSTEL = "raadsvoorstel", _("raadsvoorstel")
    BIJLAGE = "bijlage", _("bijlage")
    NOTULEN = "notulen", _("verslag")
    BESLUIT = "besluit", _("besluit")
    AMENDEMENT = "amendement", _("amendement")
    MOTIE = "motie", _("motie")
    INGEKOMEN = "ingekomen", _("ingekomen stuk")
    INSPREKER = "inspreker", _("bijdrage inspreker")


#: Amendementen and moties: the raad votes on them, and they may be withdrawn or held.
MOTION_KINDS = frozenset({MeetingDocumentKind.AMENDEMENT, MeetingDocumentKind.MOTIE})
#: Kinds the raad votes on: they carry an outcome once voted.
VOTED_KINDS = frozenset({*MOTION_KINDS, MeetingDocumentKind.RAADSVOORSTEL})


def meeting_document_path(instance: "MeetingDocument", filename: str) -> str:
    return f"meetings/{instance.uuid}/{uuid.uuid4().hex}"


def meeting_document_public_path(instance: "MeetingDocument", filename: str) -> str:
    return f"meetings/{instance.uuid}/openbaar-{uuid.uuid4().hex}.pdf"


class MeetingDocumentQuerySet(models.QuerySet):
    def public(self) -> Self:
        """Published meeting documents of meetings that show content (never of a besloten
        vergadering). Only with the engine's output: a row published before meeting
        documents went through the engine has none and stays off the site (fail closed)."""

        published = self.filter(published_at__isnull=False).exclude(public_file="")
        # A document of a besloten vergadering only once the raad lifted the secrecy of what
        # it saw (the lifting names the documents it covered; a later one stays secret).
        lifted = models.Q(
            secrecy_lifted_by__status=SecrecyStatus.LIFTED,
            secrecy_lifted_by__legal_basis=LegalBasis.CLOSED_MEETING,
            secrecy_lifted_by__meeting_id=models.F("meeting_id"),
        )
        return published.filter(models.Q(meeting__in=Meeting.objects.open()) | lifted)

    def of_closed_meetings(self) -> Self:
        return self.filter(meeting__in=Meeting.objects.closed())


class MeetingDocument(models.Model):
    """A document of a meeting made by the griffie (agenda, besluitenlijst, ...)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="public_documents")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("soort"), max_length=20, choices=MeetingDocumentKind.choices)
    title = models.CharField(_("titel"), max_length=200)
    outcome = models.CharField(
        _("uitslag"),
        max_length=20,
        choices=VoteOutcome.choices,
        blank=True,
        help_text=_("Alleen bij moties en amendementen: wat de raad ermee deed."),
    )
    # The uploaded file: never served publicly, only read by the anonymisation engine.
    file = models.FileField(upload_to=meeting_document_path, max_length=300)
    personal_data_consent = models.BooleanField(
        _(
            "de genoemde personen hebben ingestemd met publicatie van hun gegevens "
            "(3d insprekers, 3e geen bezwaar)"
        ),
        default=False,
        help_text=_(
            "Namen en contactgegevens blijven dan staan; metadata, notities, bijlagen en "
            "verborgen tekst worden altijd verwijderd en het resultaat wordt gecontroleerd."
        ),
    )
    # The engine's output: the only file of a meeting document the public ever receives.
    public_file = models.FileField(
        _("openbaar bestand"),
        upload_to=meeting_document_public_path,
        max_length=300,
        blank=True,
        editable=False,
    )
    # sha256, size and public_text describe public_file, never the upload.
    sha256 = models.CharField(max_length=64, editable=False)
    size = models.PositiveBigIntegerField(default=0, editable=False)
    public_text = models.TextField(blank=True, editable=False)
    publication_report = models.JSONField(
        _("verslag van de anonimisering"), default=dict, blank=True, editable=False
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set when the raad lifts the secrecy of a besloten vergadering: the documents it saw.
    secrecy_lifted_by = models.ForeignKey(
        "confidentiality.SecrecyDecision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="meeting_documents",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingDocumentQuerySet.as_manager()

    # Set on the instances a griffie or public page shows, for its template.
    public_vote: object
    summary: str
    votable: bool

    class Meta:
        verbose_name = _("vergaderstuk")
        verbose_name_plural = _("vergaderstukken")
        ordering = ["meeting", "kind", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("publication:meeting-document-file", kwargs={"uuid": self.uuid})

    def clean(self) -> None:
        if self.outcome and self.kind not in VOTED_KINDS:
            raise ValidationError(
                {
                    "outcome": _(
                        "Alleen raadsvoorstellen, moties en amendementen hebben een uitslag."
                    )
                }
            )


class Activity(models.Model):
    """An announced activity for the raad (art. 3h)."""

    title = models.CharField(_("titel"), max_length=200)
    date = models.DateField(_("datum"))
    description = models.TextField(_("omschrijving"), blank=True)
    contact_name = models.CharField(_("contactpersoon"), max_length=150)
    contact_phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_address = models.CharField(_("adres"), max_length=200, blank=True)
    address_unavoidable = models.BooleanField(
        _("adres is onvermijdelijk"),
        default=False,
        help_text=_("Art. 3h: het adres wordt alleen getoond als het onvermijdelijk is."),
    )
    is_published = models.BooleanField(_("gepubliceerd"), default=True)

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["date", "title"]

    def __str__(self) -> str:
        return self.title

    def public_contact(self) -> dict[str, str]:
        contact = {
            "name": self.contact_name,
            "phone": self.contact_phone,
            "email": self.contact_email,
        }
        if self.address_unavoidable:
            contact["address"] = self.contact_address
        return contact


class RequestStatus(models.TextChoices):
    RECEIVED = "received", _("ontvangen")
    GRANTED = "granted", _("toegewezen")
    REFUSED = "refused", _("afgewezen")


class RemovalRequest(models.Model):
    """Art. 2: someone asks for their personal data to be removed from the website."""

    data_description = models.TextField(_("om welke gegevens gaat het?"))
    location = models.CharField(_("waar staan ze (adres van de pagina)?"), max_length=500)
    contact = models.CharField(_("hoe kunnen we u antwoorden?"), max_length=200)
    document = models.ForeignKey(
        Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RequestStatus.choices,
        default=RequestStatus.RECEIVED,
        editable=False,
    )
    decision_reason = models.TextField(_("motivering"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("verwijderverzoek")
        verbose_name_plural = _("verwijderverzoeken")
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.received_at:%Y-%m-%d} {self.get_status_display()}"

    def decide(self, *, granted: bool, reason: str, actor: User) -> None:
        if self.status != RequestStatus.RECEIVED:
            raise ValueError("Dit verzoek is al beoordeeld.")
        self.status = RequestStatus.GRANTED if granted else RequestStatus.REFUSED
        self.decision_reason = reason
        self.decided_by = actor
        self.decided_at = timezone.now()
        self.save(
            update_fields=["status", "decision_reason", "decided_by", "decided_at", "document"]
        )


class InspectionRequest(models.Model):
    """Art. 6: a request to inspect incoming documents, handled under the Woo. Copies sent by
    mail or post are always the anonymised versions."""

    requester = models.CharField(_("verzoeker"), max_length=200)
    contact = models.CharField(_("contact"), max_length=200)
    description = models.TextField(_("verzoek"))
    documents = models.ManyToManyField(Document, blank=True, related_name="+")
    received_at = models.DateTimeField(default=timezone.now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("inzageverzoek")
        verbose_name_plural = _("inzageverzoeken")
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.received_at:%Y-%m-%d} {self.requester}"


class PublicSiteVersion(models.Model):
    """One row: the version of everything the public site shows. Every publish, withdrawal
    and secrecy change bumps it in its own transaction (:func:`publication.cache.bump`), so
    a cached public page can never outlive the change, whatever the commit order."""

    version = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("versie openbare site")
        verbose_name_plural = _("versie openbare site")

    def __str__(self) -> str:
        return str(self.version)
