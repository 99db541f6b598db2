"""The griffie's forms for meetings. Text the public site shows is checked for personal data
like every griffie text (``PublicTextCheckedForm``)."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _

from documents.forms import PublicTextCheckedForm
from documents.models import Document
from griffie.forms import model_choice_field
from people.models import Fractie, Person
from publication.models import Activity, MeetingDocument

from .models import AgendaItem, Meeting, VoteChoice, VoteOutcome

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class MeetingForm(PublicTextCheckedForm):
    public_text_fields = ("title", "location")

    class Meta:
        model = Meeting
        fields = ["body", "title", "starts_at", "ends_at", "location", "is_closed"]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME}

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("Het einde ligt voor de aanvang."))
        return cleaned


class AgendaItemForm(PublicTextCheckedForm):
    public_text_fields = ("title", "description", "decision")

    class Meta:
        model = AgendaItem
        fields = ["title", "description", "parent", "decision"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "decision": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, meeting: Meeting, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        mains = meeting.agenda_items.filter(parent__isnull=True)
        if self.instance.pk:
            # Where an item sits is changed with the move buttons, not here.
            del self.fields["parent"]
        else:
            del self.fields["decision"]
            parent = model_choice_field(self, "parent")
            parent.queryset = mains
            parent.required = False
            parent.empty_label = _("— geen: een hoofdpunt —")


class MeetingDocumentForm(PublicTextCheckedForm):
    """A document for the meeting, through the anonymisation engine before it is public."""

    public_text_fields = ("title",)

    class Meta:
        model = MeetingDocument
        fields = ["agenda_item", "kind", "title", "file", "personal_data_consent"]
        widgets = {"file": forms.FileInput(attrs={"accept": ".pdf,application/pdf"})}
        labels = {"file": _("Bestand (PDF)")}

    def __init__(self, *args, meeting: Meeting, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        agenda_item = model_choice_field(self, "agenda_item")
        agenda_item.queryset = meeting.agenda_items.order_by("position")
        agenda_item.label = _("Agendapunt")
        agenda_item.empty_label = _("— geen: bij de vergadering als geheel —")

    def clean_file(self) -> Any:
        from django.core.files.uploadedfile import UploadedFile

        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            head = upload.read(5)
            upload.seek(0)
            if head != b"%PDF-":
                raise forms.ValidationError(_("Dit is geen PDF; alleen PDF-bestanden."))
        return upload


def member_label(person: Person) -> str:
    """A member as the griffie's attendance and vote forms name them: with their fractie."""
    return f"{person.name} ({person.fractie})" if person.fractie_id else person.name


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return member_label(obj)


class AttendanceForm(forms.Form):
    present = MemberChoiceField(
        label=_("Aanwezig"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, members: Iterable[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

        present = model_choice_field(self, "present")
        present.queryset = Person.objects.filter(pk__in=[m.pk for m in members])


class VoteMode:
    NONE = "geen"
    FRACTIE = "fractie"
    ROLL_CALL = "hoofdelijk"


class OutcomeForm(forms.Form):
    """The outcome of one raadsvoorstel, amendement or motie: without a vote, per fractie,
    or a roll call (one field per present member)."""

    mode = forms.ChoiceField(
        label=_("Stemming"),
        choices=[
            (VoteMode.FRACTIE, _("per fractie")),
            (VoteMode.ROLL_CALL, _("hoofdelijk (per lid)")),
            (VoteMode.NONE, _("geen stemming (hamerstuk, ingetrokken of aangehouden)")),
        ],
        initial=VoteMode.FRACTIE,
        widget=forms.RadioSelect,
    )
    outcome = forms.ChoiceField(
        label=_("Uitslag"),
        choices=[("", _("volgt uit de stemmen")), *VoteOutcome.choices],
        required=False,
        help_text=_("Bij een stemming volgt de uitslag uit de stemmen (art. 32 Gemeentewet)."),
    )

    def __init__(
        self,
        *args: Any,
        present: Iterable[Person],
        fracties: Iterable[Fractie],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "—"), *VoteChoice.choices[:2]]
        self.fractie_fields = []
        for fractie in fracties:
            name = f"fractie_{fractie.pk}"
            self.fields[name] = forms.ChoiceField(
                label=str(fractie), choices=choices, required=False
            )
            self.fractie_fields.append((name, fractie))
        self.member_fields = []
        for person in present:
            name = f"lid_{person.pk}"
            self.fields[name] = forms.ChoiceField(
                label=member_label(person), choices=choices, required=False
            )
            self.member_fields.append((name, person))

    def fractie_choices(self) -> dict[Fractie, str]:
        return {f: self.cleaned_data[n] for n, f in self.fractie_fields if self.cleaned_data.get(n)}

    def member_choices(self) -> dict:
        return {p: self.cleaned_data[n] for n, p in self.member_fields if self.cleaned_data.get(n)}

    def bound_fractie_fields(self) -> list[BoundField]:
        return [self[name] for name, _f in self.fractie_fields]

    def bound_member_fields(self) -> list[BoundField]:
        return [self[name] for name, _p in self.member_fields]


class LiftMinutesForm(forms.Form):
    on = forms.DateField(
        label=_("Datum raadsbesluit tot opheffing"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reference = forms.CharField(label=_("Kenmerk raadsbesluit"), max_length=100)


class LinkIncomingForm(forms.Form):
    registration_number = forms.CharField(
        label=_("Registratienummer van het ingekomen stuk"),
        help_text=_("Bijvoorbeeld 2026-0012. Het stuk komt op de lijst ingekomen stukken."),
        max_length=20,
    )

    def clean_registration_number(self) -> Document:

        value = self.cleaned_data["registration_number"].strip()
        try:
            year, sequence = value.split("-")
            return Document.objects.get(
                registration_year=int(year), registration_sequence=int(sequence)
            )
        except (ValueError, Document.DoesNotExist):
            raise forms.ValidationError(
                _("Onbekend registratienummer: %(n)s"), params={"n": value}
            ) from None


class ActivityForm(PublicTextCheckedForm):
    """An announced activity for the raad (3h): the contact person's name, phone and e-mail
    are public by design; the address only where it is unavoidable."""

    public_text_fields = ("title", "description")

    class Meta:
        model = Activity
        fields = [
            "title",
            "date",
            "description",
            "contact_name",
            "contact_phone",
            "contact_email",
            "contact_address",
            "address_unavoidable",
            "is_published",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
