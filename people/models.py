"""Public office holders, civil servants and the bodies they sit in (ORI/Popolo: Person,
Organization, Membership)."""

from datetime import date
from typing import Self

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Fractie(models.Model):
    name = models.CharField(_("naam"), max_length=100, unique=True)
    abbreviation = models.CharField(_("afkorting"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("fractie")
        verbose_name_plural = _("fracties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class BodyKind(models.TextChoices):
    RAAD = "raad", _("gemeenteraad")
    COLLEGE = "college", _("college van B&W")
    COMMISSIE = "commissie", _("commissie")
    PRESIDIUM = "presidium", _("presidium")
    AUDITCOMMISSIE = "auditcommissie", _("auditcommissie")
    REKENKAMER = "rekenkamer", _("rekenkamer")


class Body(models.Model):
    """A body (bestuursorgaan or council committee). Secret information goes to bodies,
    never to individual members (Gemeentewet art. 87-89); each body has its own group so
    object permissions can be granted to the body as a whole."""

    name = models.CharField(_("naam"), max_length=150, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=BodyKind.choices)
    group = models.OneToOneField(
        Group, on_delete=models.PROTECT, related_name="body", editable=False
    )

    class Meta:
        verbose_name = _("orgaan")
        verbose_name_plural = _("organen")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class PersonRole(models.TextChoices):
    RAADSLID = "raadslid", _("raadslid")
    COMMISSIELID = "commissielid", _("commissielid (burgerlid)")
    WETHOUDER = "wethouder", _("wethouder")
    BURGEMEESTER = "burgemeester", _("burgemeester")
    GRIFFIER = "griffier", _("griffier")
    AMBTENAAR = "ambtenaar", _("ambtenaar")


OFFICE_HOLDER_ROLES = (
    PersonRole.RAADSLID,
    PersonRole.COMMISSIELID,
    PersonRole.WETHOUDER,
    PersonRole.BURGEMEESTER,
    PersonRole.GRIFFIER,
)


class PersonQuerySet(models.QuerySet):
    def office_holders(self) -> Self:
        return self.filter(role__in=OFFICE_HOLDER_ROLES)

    def civil_servants(self) -> Self:
        return self.filter(role=PersonRole.AMBTENAAR)

    def in_office(self, on: date | None = None) -> Self:
        on = on or date.today()
        return self.filter(Q(term_start__isnull=True) | Q(term_start__lte=on)).filter(
            Q(term_end__isnull=True) | Q(term_end__gte=on)
        )


class Person(models.Model):
    """Someone whose name the council publishes: an office holder (gedragscode art. 3a) or a
    civil servant (art. 3b). Citizens are never stored here."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    name = models.CharField(_("naam"), max_length=150)
    role = models.CharField(_("functie"), max_length=20, choices=PersonRole.choices)
    fractie = models.ForeignKey(
        Fractie,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("fractie"),
    )
    department = models.CharField(_("afdeling"), max_length=150, blank=True)
    public_email = models.EmailField(_("e-mailadres (openbaar)"), blank=True)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    contact_consent = models.BooleanField(
        _("toestemming adres en telefoon te publiceren"),
        default=False,
        help_text=_("Gedragscode art. 3a: adres en telefoon alleen met toestemming."),
    )
    term_start = models.DateField(_("begin termijn"), null=True, blank=True)
    term_end = models.DateField(_("einde termijn"), null=True, blank=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.term_start and self.term_end and self.term_end < self.term_start:
            raise ValidationError({"term_end": _("Het einde ligt voor het begin.")})

    @property
    def is_office_holder(self) -> bool:
        return self.role in OFFICE_HOLDER_ROLES

    def public_contact(self) -> dict[str, str]:
        """What the public site may show (art. 3a and 3b)."""
        if self.role == PersonRole.AMBTENAAR:
            return {"name": self.name, "department": self.department}
        contact = {"name": self.name, "email": self.public_email}
        if self.contact_consent:
            contact.update(address=self.address, phone=self.phone)
        return contact


class MembershipQuerySet(models.QuerySet):
    def active(self, on: date | None = None) -> Self:
        on = on or date.today()
        return self.filter(start__lte=on).filter(Q(end__isnull=True) | Q(end__gte=on))


class Membership(models.Model):
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("persoon")
    )
    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("orgaan")
    )
    label = models.CharField(_("rol"), max_length=50, default="lid")
    start = models.DateField(_("begin"))
    end = models.DateField(_("einde"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["body", "person"]

    def __str__(self) -> str:
        return f"{self.person} — {self.body}"
