"""Meetings of the raad and its commissies (ORI/Popolo: Meeting, AgendaItem)."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from people.models import Body


class VoteOutcome(models.TextChoices):
    """What the raad did with a motie or amendement."""

    AANGENOMEN = "aangenomen", _("aangenomen")
    VERWORPEN = "verworpen", _("verworpen")
    INGETROKKEN = "ingetrokken", _("ingetrokken")
    AANGEHOUDEN = "aangehouden", _("aangehouden")


class MeetingQuerySet(models.QuerySet):
    def public(self):
        """Meetings the public may see: every meeting exists publicly, but a closed meeting
        (besloten vergadering) shows no content."""
        return self

    def closed(self):
        """Besloten vergaderingen: their record is secret by law (see
        ``Document.objects.under_secrecy``) and they show no content publicly."""
        return self.filter(is_closed=True)

    def open(self):
        """Meetings whose agenda and meeting documents are public."""
        return self.filter(is_closed=False)

    def upcoming(self):
        return self.filter(starts_at__gte=timezone.now()).order_by("starts_at")

    def past(self):
        return self.filter(starts_at__lt=timezone.now()).order_by("-starts_at")


class Meeting(models.Model):
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("orgaan")
    )
    title = models.CharField(_("titel"), max_length=200)
    starts_at = models.DateTimeField(_("aanvang"))
    ends_at = models.DateTimeField(_("einde"), null=True, blank=True)
    location = models.CharField(_("locatie"), max_length=200, blank=True)
    is_closed = models.BooleanField(
        _("besloten vergadering"),
        default=False,
        help_text=_("Mondelinge informatie in een besloten vergadering is van rechtswege geheim."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("vergadering")
        verbose_name_plural = _("vergaderingen")
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return f"{self.title} ({date_format(timezone.localtime(self.starts_at))})"

    def get_absolute_url(self) -> str:
        return reverse("publication:meeting-detail", kwargs={"pk": self.pk})

    @property
    def shows_content(self) -> bool:
        """Whether agenda and meeting documents are public (not for a besloten vergadering)."""
        return not self.is_closed


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="agenda_items",
        verbose_name=_("vergadering"),
    )
    number = models.CharField(_("nummer"), max_length=10)
    title = models.CharField(_("onderwerp"), max_length=300)
    description = models.TextField(_("toelichting"), blank=True)
    position = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["meeting", "position", "number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"
