"""Meetings of the raad and its commissies (ORI/Popolo: Meeting, AgendaItem, Vote,
Count/VoteEvent), with attendance and the votes per fractie and per member."""

from typing import Self

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from people.models import Body, Fractie, Person


class VoteOutcome(models.TextChoices):
    """What the raad did with a motie or amendement."""

    AANGENOMEN = "aangenomen", _("aangenomen")
    VERWORPEN = "verworpen", _("verworpen")
    INGETROKKEN = "ingetrokken", _("ingetrokken")
    AANGEHOUDEN = "aangehouden", _("aangehouden")


#: Outcomes that come from a vote (or, for aangenomen, from a hamerstuk without one).
VOTED_OUTCOMES = frozenset({VoteOutcome.AANGENOMEN, VoteOutcome.VERWORPEN})


class VoteChoice(models.TextChoices):
    """How a member or a fractie voted."""

    VOOR = "voor", _("voor")
    TEGEN = "tegen", _("tegen")
    VERDEELD = "verdeeld", _("verdeeld")  # a fractie whose members voted both ways


class MeetingQuerySet(models.QuerySet):
    def public(self) -> Self:
        """Meetings the public may see: every meeting exists publicly, but a closed meeting
        (besloten vergadering) shows no content."""
        return self

    def closed(self) -> Self:
        """Besloten vergaderingen: their record is secret by law (see
        ``Document.objects.under_secrecy``) and they show no content publicly."""
        return self.filter(is_closed=True)

    def open(self) -> Self:
        """Meetings whose agenda and meeting documents are public."""
        return self.filter(is_closed=False)

    def with_public_agenda(self) -> Self:
        """Open meetings whose agenda the griffie published."""
        return self.open().filter(agenda_published_at__isnull=False)

    def upcoming(self) -> Self:
        return self.filter(starts_at__gte=timezone.now()).order_by("starts_at")

    def past(self) -> Self:
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
    # None while the griffie prepares the agenda: the meeting is listed, its agenda is not.
    # The default keeps meetings made elsewhere (demo data, older records) as they were.
    agenda_published_at = models.DateTimeField(
        _("agenda gepubliceerd op"), null=True, blank=True, default=timezone.now, editable=False
    )
    agenda_changed_at = models.DateTimeField(
        _("agenda gewijzigd op"), null=True, blank=True, editable=False
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

    @property
    def agenda_is_published(self) -> bool:
        return self.agenda_published_at is not None

    @property
    def shows_agenda(self) -> bool:
        """Whether the public sees the agenda: published, and not a besloten vergadering."""
        return self.shows_content and self.agenda_is_published

    def publish_agenda(self) -> bool:
        """Publish the agenda; a second publication is a change. Returns True the first time."""
        now = timezone.now()
        if self.agenda_published_at is None:
            self.agenda_published_at = now
            self.save(update_fields=["agenda_published_at", "updated_at"])
            return True
        self.agenda_changed_at = now
        self.save(update_fields=["agenda_changed_at", "updated_at"])
        return False

    def note_change(self) -> None:
        """A change to a published agenda: the public site shows "gewijzigd op"."""
        if self.agenda_published_at is not None:
            self.agenda_changed_at = timezone.now()
            self.save(update_fields=["agenda_changed_at", "updated_at"])


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="agenda_items",
        verbose_name=_("vergadering"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("hoort bij agendapunt"),
    )
    number = models.CharField(_("nummer"), max_length=10)
    title = models.CharField(_("onderwerp"), max_length=300)
    description = models.TextField(_("toelichting"), blank=True)
    decision = models.TextField(
        _("besluit"),
        blank=True,
        help_text=_("Wat de vergadering besloot; komt op de besluitenlijst op de website."),
    )
    position = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["meeting", "position", "number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Attendance(models.Model):
    """Whether a member was at the meeting (the presentielijst of the besluitenlijst)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField(_("aanwezig"), default=True)

    class Meta:
        verbose_name = _("presentie")
        verbose_name_plural = _("presentie")
        ordering = ["meeting", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="one_attendance_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person}: {'aanwezig' if self.present else 'afwezig'}"


class Vote(models.Model):
    """The raad's vote on a raadsvoorstel, amendement or motie. Per fractie always; per
    member always too (a vote per fractie is what each present member of it voted), and
    ``roll_call`` says the members voted one by one (hoofdelijke stemming)."""

    document = models.OneToOneField(
        "publication.MeetingDocument", on_delete=models.CASCADE, related_name="vote"
    )
    roll_call = models.BooleanField(_("hoofdelijke stemming"), default=False)
    votes_for = models.PositiveIntegerField(_("stemmen voor"), default=0)
    votes_against = models.PositiveIntegerField(_("stemmen tegen"), default=0)
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("stemming")
        verbose_name_plural = _("stemmingen")

    def __str__(self) -> str:
        return f"{self.document}: {self.votes_for} voor, {self.votes_against} tegen"


class FractieVote(models.Model):
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="fracties")
    fractie = models.ForeignKey(Fractie, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(_("stem"), max_length=10, choices=VoteChoice.choices)

    class Meta:
        verbose_name = _("stem van een fractie")
        verbose_name_plural = _("stemmen van fracties")
        ordering = ["fractie__name"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "fractie"], name="one_vote_per_fractie")
        ]

    def __str__(self) -> str:
        return f"{self.fractie}: {self.get_choice_display()}"


class MemberVote(models.Model):
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    # The fractie the member sat for when voting (a member may change fractie later).
    fractie = models.ForeignKey(
        Fractie, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    choice = models.CharField(_("stem"), max_length=10, choices=VoteChoice.choices[:2])

    class Meta:
        verbose_name = _("stem van een lid")
        verbose_name_plural = _("stemmen van leden")
        ordering = ["fractie__name", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "person"], name="one_vote_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_choice_display()}"
