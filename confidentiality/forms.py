import re
from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from documents.models import Document
from griffie.forms import model_choice_field
from people.models import Body, Person, PersonRole

from .models import (
    RECIPIENT_BODY_KINDS,
    Authority,
    Exclusion,
    NotifyFrequency,
    WooGround,
    normalise_backup_code,
)


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code uit uw authenticator-app"),
        max_length=24,  # a backup code with its hyphens or spaces
        min_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )
    digits_only = True

    def clean_token(self) -> str:
        token = normalise_backup_code(self.cleaned_data["token"])
        if token.isdigit() and 6 <= len(token) <= 8:
            return token
        # A backup code: sixteen characters (eight for codes issued before they were hashed).
        if not self.digits_only and len(token) in (8, 16) and token.isalnum():
            return token
        raise forms.ValidationError(_("De code bestaat uit zes cijfers."))


class VerifyTokenForm(TokenForm):
    """The code from the app, or one of the backup codes (each works once)."""

    digits_only = False

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["token"].label = _("Code uit uw authenticator-app of een reservecode")
        self.fields["token"].widget.attrs["inputmode"] = "text"


class ActivationCodeForm(forms.Form):
    code = forms.CharField(label=_("Activeringscode van de griffie"), max_length=100)


class IssueActivationForm(forms.Form):
    user = forms.IntegerField(widget=forms.HiddenInput)
    reset = forms.BooleanField(required=False, widget=forms.HiddenInput)


class LiftForm(forms.Form):
    by_body = forms.ModelChoiceField(label=_("Opgeheven door"), queryset=Body.objects.all())
    on = forms.DateField(
        label=_("Datum besluit tot opheffing"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reference = forms.CharField(label=_("Kenmerk besluit"), max_length=100)


class DocumentChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Document) -> str:
        subject = obj.subject or _("(nog niet geregistreerd)")
        return f"{obj.registration_number} {subject} ({date_format(obj.received_on)})"


REGISTRATION_NUMBER_RE = re.compile(r"^\s*(\d{4})-0*(\d+)\s*$")


def documents_newest_first() -> QuerySet[Document]:
    return Document.objects.order_by("-registration_year", "-registration_sequence")


def find_documents(query: str) -> QuerySet[Document]:
    """Documents whose registration number or subject matches ``query`` (the secrecy form's
    picker searches on the server, so it works without JavaScript)."""
    documents = documents_newest_first()
    query = (query or "").strip()
    if not query:
        return documents
    number = REGISTRATION_NUMBER_RE.match(query)
    if number:
        return documents.filter(
            registration_year=int(number.group(1)), registration_sequence=int(number.group(2))
        )
    matches = Q()
    for word in query.split():
        matches &= Q(subject__icontains=word) | Q(description__icontains=word)
    return documents.filter(matches)


class ImposeSecrecyForm(forms.Form):
    """A secrecy decision as the griffie records it (Gemeentewet art. 25, 55, 86)."""

    title = forms.CharField(label=_("Omschrijving (openbaar, zonder inhoud)"), max_length=200)
    imposed_by = forms.ChoiceField(label=_("Opgelegd door"), choices=Authority.choices)
    imposed_by_body = forms.ModelChoiceField(
        label=_("Orgaan dat oplegde"), queryset=Body.objects.all(), required=False
    )
    ground = forms.ChoiceField(label=_("Grond (Woo art. 5.1)"), choices=WooGround.choices)
    documents = DocumentChoiceField(
        label=_("Stukken"),
        queryset=documents_newest_first(),
        widget=forms.CheckboxSelectMultiple,
    )
    provided_to = forms.ModelMultipleChoiceField(
        label=_("Verstrekt aan (alleen organen)"),
        queryset=Body.objects.filter(kind__in=RECIPIENT_BODY_KINDS),
    )
    reference = forms.CharField(label=_("Kenmerk besluit"), max_length=100)
    decided_on = forms.DateField(
        label=_("Datum besluit"), widget=forms.DateInput(attrs={"type": "date"})
    )
    review_on = forms.DateField(
        label=_("Heroverwegen op"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    # How many documents the picker lists at most besides the chosen ones.
    PICKER_SIZE = 25

    def __init__(
        self, *args: Any, document_query: str = "", chosen: Iterable[int | str] = (), **kwargs: Any
    ) -> None:
        """``document_query`` narrows the checkboxes of the documents picker; the chosen
        documents (``chosen``, or those in the submitted data) always stay in the list."""
        super().__init__(*args, **kwargs)
        field = model_choice_field(self, "documents")
        if self.is_bound:
            name = self.add_prefix("documents")
            chosen = field.widget.value_from_datadict(self.data, self.files, name) or ()
        chosen_ids = {int(pk) for pk in chosen if str(pk).isdigit()}
        found = find_documents(document_query)
        self.found_count = found.count()
        shown = list(found[: self.PICKER_SIZE])
        shown_ids = {document.pk for document in shown}
        extra = documents_newest_first().filter(pk__in=chosen_ids - shown_ids)
        self.document_query = document_query
        self.chosen_ids = chosen_ids
        field.widget.choices = [
            (document.pk, field.label_from_instance(document)) for document in [*extra, *shown]
        ]

    @property
    def picker_note(self) -> str:
        if self.found_count > self.PICKER_SIZE:
            return ngettext(
                "%(shown)d van %(n)d stuk getoond; zoek op nummer of onderwerp om te verfijnen.",
                "%(shown)d van %(n)d stukken getoond; zoek op nummer of onderwerp om te verfijnen.",
                self.found_count,
            ) % {"shown": self.PICKER_SIZE, "n": self.found_count}
        if self.document_query and not self.found_count:
            return str(_("Geen stukken gevonden met deze zoekterm."))
        return ""


class ExclusionForm(forms.ModelForm):
    class Meta:
        model = Exclusion
        fields = ["person", "decision_reference", "start", "end"]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}),
            "end": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "person").queryset = Person.objects.filter(
            role__in=[PersonRole.RAADSLID, PersonRole.COMMISSIELID]
        )


class EndExclusionForm(forms.Form):
    """The raad ends an exclusion early: from this day on the member has access again."""

    access_from = forms.DateField(
        label=_("Weer toegang vanaf"), widget=forms.DateInput(attrs={"type": "date"})
    )


# --- councillors: notes, search, e-mail ---------------------------------------------------
class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Notitie (alleen voor u)"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    page = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Zoeken in stukken en uw notities"), max_length=100, min_length=2)


class NotificationPreferenceForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("E-mail als er een nieuw stuk voor uw orgaan of vergadering is"),
        choices=NotifyFrequency.choices,
        widget=forms.RadioSelect,
    )
