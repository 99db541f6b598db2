"""Vertrouwelijk and geheim information for councillors: secrecy decisions (Gemeentewet
art. 25, 55, 86-89), exclusions, notices, watermarks, the access log and second-factor activations.

Who may read what: see :mod:`confidentiality.access` (its docstring says where each rule
lives).
"""

import base64
import hashlib
import secrets
import uuid
from datetime import date, datetime, timedelta
from typing import Self

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin, TimestampMixin
from django_otp.plugins.otp_totp.models import TOTPDevice
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from documents.models import Document
from documents.secrecy import LegalBasis, SecrecyStatus
from meetings.models import Meeting
from people.models import Body, BodyKind, Person


class Authority(models.TextChoices):
    """Who may impose secrecy (Gemeentewet art. 25, 55, 86) and who may lift it (art. 89)."""

    RAAD = "raad", _("de gemeenteraad")
    COLLEGE = "college", _("het college van B&W")
    BURGEMEESTER = "burgemeester", _("de burgemeester")
    COMMISSIE = "commissie", _("een commissie")


class WooGround(models.TextChoices):
    """Woo art. 5.1: the only grounds on which secrecy may be imposed."""

    L1A = "5.1.1.a", _("5.1 lid 1 a: de eenheid van de Kroon in gevaar zou kunnen brengen")
    L1B = "5.1.1.b", _("5.1 lid 1 b: de veiligheid van de Staat zou kunnen schaden")
    L1C = (
        "5.1.1.c",
        _(
            "5.1 lid 1 c: bedrijfs- en fabricagegegevens die door natuurlijke personen of "
            "rechtspersonen vertrouwelijk aan de overheid zijn meegedeeld"
        ),
    )
    L1D = (
        "5.1.1.d",
        _(
            "5.1 lid 1 d: bijzondere persoonsgegevens (paragraaf 3.1 en 3.2 Uitvoeringswet AVG), "
            "tenzij de betrokkene uitdrukkelijk toestemming gaf of ze kennelijk zelf openbaar maakte"
        ),
    )
    L1E = (
        "5.1.1.e",
        _(
            "5.1 lid 1 e: nummers ter identificatie van personen (artikel 46 Uitvoeringswet AVG), "
            "tenzij de verstrekking kennelijk geen inbreuk op de levenssfeer maakt"
        ),
    )
    L2A = (
        "5.1.2.a",
        _(
            "5.1 lid 2 a: de betrekkingen van Nederland met andere landen en staten en met "
            "internationale organisaties"
        ),
    )
    L2B = (
        "5.1.2.b",
        _(
            "5.1 lid 2 b: de economische of financiële belangen van de Staat, andere "
            "publiekrechtelijke lichamen of bestuursorganen"
        ),
    )
    L2C = "5.1.2.c", _("5.1 lid 2 c: de opsporing en vervolging van strafbare feiten")
    L2D = "5.1.2.d", _("5.1 lid 2 d: de inspectie, controle en toezicht door bestuursorganen")
    L2E = "5.1.2.e", _("5.1 lid 2 e: de eerbiediging van de persoonlijke levenssfeer")
    L2F = (
        "5.1.2.f",
        _(
            "5.1 lid 2 f: de bescherming van andere dan in lid 1 onder c genoemde "
            "concurrentiegevoelige bedrijfs- en fabricagegegevens"
        ),
    )
    L2G = (
        "5.1.2.g",
        _("5.1 lid 2 g: de bescherming van het milieu waarop de informatie betrekking heeft"),
    )
    L2H = (
        "5.1.2.h",
        _("5.1 lid 2 h: de beveiliging van personen en bedrijven en het voorkomen van sabotage"),
    )
    L2I = (
        "5.1.2.i",
        _(
            "5.1 lid 2 i: het goed functioneren van de Staat, andere publiekrechtelijke lichamen "
            "of bestuursorganen"
        ),
    )


# Bodies secret information may be provided to (never individual members).
RECIPIENT_BODY_KINDS = (
    BodyKind.RAAD,
    BodyKind.COLLEGE,
    BodyKind.REKENKAMER,
    BodyKind.COMMISSIE,
    BodyKind.PRESIDIUM,  # council committees too: they can meet behind closed doors
    BodyKind.AUDITCOMMISSIE,
)


class InvalidSecrecyChange(Exception):
    """A change to a secrecy decision that the law or the workflow does not allow."""


class SecrecyDecisionQuerySet(models.QuerySet):
    def active(self) -> Self:
        return self.filter(status=SecrecyStatus.ACTIVE)

    def lifted(self) -> Self:
        return self.filter(status=SecrecyStatus.LIFTED)

    def due_for_review(self, on: date | None = None) -> Self:
        on = on or timezone.localdate()
        return self.active().filter(review_on__isnull=False, review_on__lte=on)


class SecrecyDecision(models.Model):
    """Geheimhouding on information, imposed by a body on a Woo art. 5.1 ground, or secret by
    law because it is the record of a besloten vergadering."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(
        _("omschrijving (openbaar)"),
        max_length=200,
        help_text=_("Staat in het openbare register: geen geheime inhoud of persoonsgegevens."),
    )
    legal_basis = models.CharField(
        _("grondslag"), max_length=20, choices=LegalBasis.choices, default=LegalBasis.DECISION
    )
    imposed_by = models.CharField(_("opgelegd door"), max_length=20, choices=Authority.choices)
    imposed_by_body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opleggend orgaan"),
        help_text=_("Verplicht wanneer een commissie de geheimhouding oplegt."),
    )
    ground = models.CharField(
        _("weigeringsgrond (Woo art. 5.1)"), max_length=10, choices=WooGround.choices, blank=True
    )
    reference = models.CharField(_("kenmerk besluit"), max_length=100, blank=True)
    decided_on = models.DateField(_("datum"), default=timezone.localdate)
    review_on = models.DateField(
        _("einde of heroverweging op"),
        null=True,
        blank=True,
        help_text=_("De griffie krijgt op deze datum een herinnering."),
    )
    reminder_sent_on = models.DateField(null=True, blank=True, editable=False)
    documents = models.ManyToManyField(
        Document,
        through="SecretItem",
        through_fields=("decision", "document"),
        related_name="secrecy_decisions",
        verbose_name=_("stukken"),
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="secrecy_decisions",
        verbose_name=_("besloten vergadering"),
    )
    provided_to = models.ManyToManyField(
        Body,
        related_name="secret_information",
        verbose_name=_("verstrekt aan"),
        blank=True,
        help_text=_("Alleen organen: raad, college, rekenkamer of commissie; nooit personen."),
    )
    lifting_authority = models.CharField(
        _("kan worden opgeheven door"), max_length=20, choices=Authority.choices
    )
    lifting_body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("orgaan dat kan opheffen"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SecrecyStatus.choices,
        default=SecrecyStatus.ACTIVE,
        editable=False,
    )
    lifted_on = models.DateField(_("opgeheven op"), null=True, blank=True, editable=False)
    lifted_by_body = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    lift_reference = models.CharField(max_length=100, blank=True, editable=False)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SecrecyDecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("geheimhoudingsbesluit")
        verbose_name_plural = _("geheimhoudingsbesluiten")
        ordering = ["-decided_on", "-id"]
        permissions = [("access_secret_information", _("Geheime informatie ontvangen"))]

    def __str__(self) -> str:
        return self.title

    @property
    def is_active(self) -> bool:
        return self.status == SecrecyStatus.ACTIVE

    @property
    def ground_text(self) -> str:
        if self.legal_basis == LegalBasis.CLOSED_MEETING:
            return str(_("van rechtswege geheim (besloten vergadering)"))
        return self.get_ground_display()

    @property
    def imposed_by_text(self) -> str:
        return str(self.imposed_by_body or self.get_imposed_by_display())

    @property
    def lifting_text(self) -> str:
        """Art. 89: every secret document says which body may lift the secrecy."""
        return str(self.lifting_body or self.get_lifting_authority_display())

    def clean(self) -> None:
        errors = {}
        if self.legal_basis == LegalBasis.DECISION and not self.ground:
            errors["ground"] = _("Geheimhouding kan alleen op een grond uit Woo art. 5.1.")
        if self.imposed_by == Authority.COMMISSIE and not self.imposed_by_body_id:
            errors["imposed_by_body"] = _("Kies de commissie die de geheimhouding oplegt.")
        expected_kind = {
            Authority.RAAD.value: BodyKind.RAAD,
            Authority.COLLEGE.value: BodyKind.COLLEGE,
            Authority.COMMISSIE.value: BodyKind.COMMISSIE,
        }.get(self.imposed_by)
        body = self.imposed_by_body if self.imposed_by_body_id else None
        if body is not None and body.kind != expected_kind:
            errors["imposed_by_body"] = _("Dit orgaan past niet bij wie de geheimhouding oplegt.")
        if self.review_on and self.review_on < self.decided_on:
            errors["review_on"] = _("De datum ligt voor de datum van het besluit.")
        if errors:
            raise ValidationError(errors)

    # --- transitions ----------------------------------------------------------------------
    def lift(self, by_body: Body, on: date, reference: str, actor: User) -> None:
        """Opheffing (art. 89). The information is then no longer secret; documents stay
        unpublished until the griffie publishes them through the normal workflow."""
        if self.status != SecrecyStatus.ACTIVE:
            raise InvalidSecrecyChange(_("Deze geheimhouding is al opgeheven."))
        if not may_lift(self, by_body):
            raise InvalidSecrecyChange(
                _("%(body)s kan deze geheimhouding niet opheffen; dat kan %(who)s.")
                % {"body": by_body, "who": self.lifting_text}
            )
        if on < self.decided_on:
            raise InvalidSecrecyChange(_("De opheffing ligt voor het besluit."))
        self.status = SecrecyStatus.LIFTED
        self.lifted_on = on
        self.lifted_by_body = by_body
        self.lift_reference = reference
        self.lifted_by = actor
        self.save(
            update_fields=["status", "lifted_on", "lifted_by_body", "lift_reference", "lifted_by"]
        )


def may_lift(decision: SecrecyDecision, body: Body) -> bool:
    """Art. 89: the imposing body lifts; the raad may lift what was imposed on it or provided
    to it, and is the only one to lift the secrecy of a besloten vergadering."""
    if decision.lifting_body_id:
        if body.pk == decision.lifting_body_id:
            return True
    elif body.kind == decision.lifting_authority:
        return True
    return body.kind == BodyKind.RAAD and (
        decision.legal_basis == LegalBasis.CLOSED_MEETING
        or decision.provided_to.filter(kind=BodyKind.RAAD).exists()
    )


class SecrecyDecisionUserObjectPermission(UserObjectPermissionBase):
    """Guardian's direct FK table. Never used for grants (secret information goes to bodies,
    never to persons); kept so guardian never falls back to its generic table."""

    content_object = models.ForeignKey(SecrecyDecision, on_delete=models.CASCADE)


class SecrecyDecisionGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(SecrecyDecision, on_delete=models.CASCADE)


class ItemPart(models.TextChoices):
    WHOLE = "whole", _("het hele stuk")
    ANNEX = "annex", _("geheime bijlage bij een openbaar stuk")


class SecretItem(models.Model):
    """A document covered by a secrecy decision: either the whole document, or a secret
    annex beside a public (redacted) document."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    decision = models.ForeignKey(SecrecyDecision, on_delete=models.CASCADE, related_name="items")
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="secret_items")
    part = models.CharField(
        _("deel"), max_length=10, choices=ItemPart.choices, default=ItemPart.WHOLE
    )
    public_document = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="secret_annexes",
        verbose_name=_("openbare versie"),
        help_text=_("Bij een geheime bijlage: het openbare (geschoonde) stuk ernaast."),
    )
    label = models.CharField(
        _("aanduiding"),
        max_length=200,
        blank=True,
        help_text=_("Alleen zichtbaar voor wie het stuk mag inzien."),
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("geheim stuk")
        verbose_name_plural = _("geheime stukken")
        ordering = ["decision", "id"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "document"], name="unique_secret_item")
        ]

    def __str__(self) -> str:
        return str(self.uuid)

    def clean(self) -> None:
        if self.part == ItemPart.ANNEX and not self.public_document_id:
            raise ValidationError({"public_document": _("Kies het openbare stuk.")})
        if self.public_document_id and self.public_document_id == self.document_id:
            raise ValidationError({"public_document": _("Een bijlage is een ander stuk.")})


def add_three_months(start: date) -> date:
    month = start.month - 1 + 3
    year = start.year + month // 12
    month = month % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


class ExclusionQuerySet(models.QuerySet):
    def active(self, on: date | None = None) -> Self:
        on = on or timezone.localdate()
        return self.filter(start__lte=on, end__gte=on)


class Exclusion(models.Model):
    """Raad decision excluding a raadslid or commissielid from secret information for at
    most three months (Gemeentewet art. 87 lid 2 as amended). Date-based: access returns by
    itself after ``end``."""

    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="exclusions",
        verbose_name=_("raadslid of commissielid"),
    )
    decision_reference = models.CharField(_("kenmerk raadsbesluit"), max_length=100)
    start = models.DateField(_("begin"))
    end = models.DateField(_("einde (tot en met)"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ExclusionQuerySet.as_manager()

    class Meta:
        verbose_name = _("uitsluiting")
        verbose_name_plural = _("uitsluitingen")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="exclusion_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} {date_format(self.start)} – {date_format(self.end)}"

    def save(self, *args, **kwargs) -> None:
        # Integrity guard: the legal maximum holds however the record is made.
        self.clean()
        super().save(*args, **kwargs)

    def end_early(self, access_from: date) -> None:
        """The raad ends the exclusion early: the member has access again from
        ``access_from`` on (the last excluded day is the day before)."""
        last = access_from - timedelta(days=1)
        if last >= self.end:
            raise ValidationError(
                _("De uitsluiting loopt al tot en met %(end)s.") % {"end": date_format(self.end)}
            )
        if last < self.start:
            raise ValidationError(
                _(
                    "De uitsluiting begint pas op %(start)s; pas de data aan met "
                    "‘Corrigeren’ als het besluit anders luidt."
                )
                % {"start": date_format(self.start)}
            )
        self.end = last
        self.save(update_fields=["end"])

    @property
    def is_active(self) -> bool:
        return self.start <= timezone.localdate() <= self.end

    def clean(self) -> None:
        if self.start and self.end:
            if self.end < self.start:
                raise ValidationError({"end": _("Het einde ligt voor het begin.")})
            if self.end > add_three_months(self.start) - timedelta(days=1):
                raise ValidationError({"end": _("Een uitsluiting duurt ten hoogste drie maanden.")})


class NoticeKind(models.TextChoices):
    SECRET_PROVIDED = "secret_provided", _("geheime informatie verstrekt aan uw orgaan")
    REVIEW_DUE = "review_due", _("geheimhouding toe aan heroverweging")


class NoticeQuerySet(models.QuerySet):
    def unread(self) -> Self:
        return self.filter(read_at__isnull=True)


class Notice(models.Model):
    """A message without content in the member's area."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="confidentiality_notices"
    )
    kind = models.CharField(max_length=20, choices=NoticeKind.choices)
    decision = models.ForeignKey(SecrecyDecision, on_delete=models.CASCADE, related_name="notices")
    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "decision"], name="unique_notice_per_decision"
            )
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class AccessResult(models.TextChoices):
    ALLOWED = "allowed", _("toegestaan")
    DENIED = "denied", _("geweigerd")


class AccessLog(models.Model):
    """Who tried to see what, for leak tracing. Opaque ids only: no titles, no content."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gebruiker"),
    )
    actor_name = models.CharField(_("gebruikersnaam"), max_length=150, blank=True)
    action = models.CharField(_("handeling"), max_length=30)
    object_type = models.CharField(_("soort object"), max_length=30, blank=True)
    object_id = models.CharField(_("object-id"), max_length=64, blank=True)
    result = models.CharField(_("resultaat"), max_length=10, choices=AccessResult.choices)
    reason = models.CharField(_("reden"), max_length=50, blank=True)
    ip = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("toegangsregistratie")
        verbose_name_plural = _("toegangsregistraties")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.result}"


def new_watermark_code() -> str:
    raw = secrets.token_hex(5).upper()
    return f"WM-{raw[:5]}-{raw[5:]}"


class WatermarkIssue(models.Model):
    """One watermarked copy handed out: the code printed on every page resolves to the
    user who downloaded it."""

    code = models.CharField(
        _("code"), max_length=20, unique=True, default=new_watermark_code, editable=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gebruiker"),
    )
    level = models.CharField(_("niveau"), max_length=20)
    object_type = models.CharField(_("soort object"), max_length=30)
    object_id = models.CharField(_("object-id"), max_length=64)
    file_sha256 = models.CharField(_("sha256 van het bestand"), max_length=64)
    ip = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    issued_at = models.DateTimeField(_("uitgegeven op"), default=timezone.now)

    class Meta:
        verbose_name = _("watermerk")
        verbose_name_plural = _("watermerken")
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return self.code


def hash_activation_token(token: str) -> str:
    return hashlib.sha256(token.strip().encode()).hexdigest()


class ActivationQuerySet(models.QuerySet):
    def usable(self, now: datetime | None = None) -> Self:
        now = now or timezone.now()
        return self.filter(redeemed_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now)


class Activation(models.Model):
    """A one-time permission, issued by the griffie or an admin, to enrol a second factor.

    Only the SHA-256 of the token is stored: the link is shown once, to whoever issued it.
    Redeeming needs the user's own password session as well (docs/adr/0004-second-factor.md).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="otp_activations"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_reset = models.BooleanField(_("herstel na verloren toestel"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    redeemed_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ActivationQuerySet.as_manager()

    class Meta:
        verbose_name = _("activering tweede factor")
        verbose_name_plural = _("activeringen tweede factor")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} {self.created_at:%Y-%m-%d %H:%M}"


# --- second-factor devices as the admin shows them ------------------------------------------------
# django-otp names its models in English ("TOTP device") without gettext; these proxies give
# them Dutch names in the admin. No table of their own: the devices stay django-otp's.
class AuthenticatorApp(TOTPDevice):
    class Meta:
        proxy = True
        verbose_name = _("authenticator-app")
        verbose_name_plural = _("authenticator-apps")


def normalise_backup_code(code: str) -> str:
    """How a backup code is compared: case, spaces and the hyphens between its groups do not
    count."""
    return "".join(code.split()).replace("-", "").lower()


def hash_backup_code(code: str) -> str:
    """Only this hash is stored. A plain SHA-256 suffices because a code carries 80 random
    bits (``new_backup_code``): no list of guesses reaches it, unlike a password."""
    return hashlib.sha256(normalise_backup_code(code).encode()).hexdigest()


def new_backup_code() -> str:
    """Sixteen base32 characters (80 bits), shown in groups of four: ``abcd-efgh-ijkl-mnop``."""
    raw = base64.b32encode(secrets.token_bytes(10)).decode().lower()
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


class BackupCodes(TimestampMixin, ThrottlingMixin, Device):
    """A user's set of backup codes, a django-otp device like the authenticator app (so the
    admin's login and ``devices_for_user`` know it). Unlike django-otp's static tokens, which
    keep each code readable in the database, only a hash of each code is stored: whoever
    reads a copy of the database cannot pass anyone's second factor with it."""

    class Meta:
        verbose_name = _("set reservecodes")
        verbose_name_plural = _("reservecodes")

    def get_throttle_factor(self) -> int:
        return getattr(settings, "OTP_STATIC_THROTTLE_FACTOR", 1)

    def verify_token(self, token: str) -> bool:
        """A code works once: the one that matches is deleted. Wrong codes count towards
        django-otp's throttle of this device."""
        if not self.verify_is_allowed()[0]:
            return False
        deleted, _rows = self.codes.filter(code_hash=hash_backup_code(str(token))).delete()
        if deleted:
            self.throttle_reset(commit=False)
            self.set_last_used_timestamp(commit=False)
            self.save()
        else:
            self.throttle_increment()
        return bool(deleted)


class BackupCode(models.Model):
    device = models.ForeignKey(BackupCodes, related_name="codes", on_delete=models.CASCADE)
    code_hash = models.CharField(max_length=64, db_index=True)

    class Meta:
        verbose_name = _("reservecode")
        verbose_name_plural = _("reservecodes")

    def __str__(self) -> str:
        return f"reservecode {self.pk}"  # never the hash


# --- reading the meeting: private notes and notifications ------------------------
class ReadingTarget(models.TextChoices):
    """What a member reads in the browser, by the path the reading rule gives it."""

    DOCUMENT = "document", _("vertrouwelijk stuk")
    SECRET_ITEM = "secret_item", _("geheim stuk")
    MEETING_DOCUMENT = "meeting_document", _("vergaderstuk")
    PUBLIC_DOCUMENT = "public_document", _("openbaar stuk")


class ReadingNoteQuerySet(models.QuerySet):
    def of(self, user: User | AnonymousUser) -> Self:
        """A member's own notes: nobody else's, whoever asks."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(author=user)


class ReadingNote(models.Model):
    """A member's private note on a document or on one page of it. Only its author ever sees
    it: it is not in the admin, the access log, exports or the inspection ZIP, and it is
    deleted when the author's term ends (``confidentiality.reading.delete_expired_notes``)."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reading_notes"
    )
    target_type = models.CharField(max_length=20, choices=ReadingTarget.choices)
    target_uuid = models.UUIDField()
    page = models.PositiveIntegerField(
        _("pagina"), null=True, blank=True, help_text=_("Leeg: een notitie bij het hele stuk.")
    )
    text = models.TextField(_("notitie"), max_length=4000)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReadingNoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("notitie")
        verbose_name_plural = _("notities")
        ordering = ["target_type", "target_uuid", "page", "created_at"]
        indexes = [models.Index(fields=["author", "target_type", "target_uuid"])]

    def __str__(self) -> str:
        return f"{self.target_type} {self.page or ''}".strip()  # never the text


class NotifyFrequency(models.TextChoices):
    IMMEDIATE = "immediate", _("direct, per stuk")
    DAILY = "daily", _("één keer per dag, een overzicht")
    NONE = "none", _("geen e-mail")


class NotificationPreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    frequency = models.CharField(
        _("e-mail over nieuwe stukken"),
        max_length=10,
        choices=NotifyFrequency.choices,
        default=NotifyFrequency.DAILY,
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("voorkeur meldingen")
        verbose_name_plural = _("voorkeuren meldingen")

    def __str__(self) -> str:
        return self.get_frequency_display()


class MemberNotificationQuerySet(models.QuerySet):
    def unsent(self) -> Self:
        return self.filter(sent_at__isnull=True)


class MemberNotification(models.Model):
    """A new document reached a member's body or meeting. Holds only what the mail may say:
    the meeting, the agenda item and the public subject (never the content of a vertrouwelijk
    or geheim document), and an opaque reference for the link."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member_notifications"
    )
    target_type = models.CharField(max_length=20, choices=ReadingTarget.choices)
    target_uuid = models.UUIDField()
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    agenda_item_title = models.CharField(max_length=320, blank=True)
    body_name = models.CharField(max_length=150, blank=True)
    public_subject = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = MemberNotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("e-mailmelding")
        verbose_name_plural = _("e-mailmeldingen")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "target_type", "target_uuid"],
                name="unique_member_notification",
            )
        ]

    def __str__(self) -> str:
        return f"{self.target_type} {self.created_at:%Y-%m-%d}"
