from django import forms
from django.utils.translation import gettext_lazy as _

from documents.models import Document
from people.models import Body, Person, PersonRole

from .models import RECIPIENT_BODY_KINDS, Authority, Exclusion, NotifyFrequency, WooGround


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code uit uw authenticator-app"),
        max_length=12,
        min_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )
    digits_only = True

    def clean_token(self):
        token = self.cleaned_data["token"].strip().replace(" ", "").lower()
        if token.isdigit() and 6 <= len(token) <= 8:
            return token
        if not self.digits_only and len(token) == 8 and token.isalnum():
            return token  # a backup code (django-otp static token)
        raise forms.ValidationError(_("De code bestaat uit zes cijfers."))


class VerifyTokenForm(TokenForm):
    """The code from the app, or one of the backup codes (each works once)."""

    digits_only = False

    def __init__(self, *args, **kwargs):
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
    def label_from_instance(self, obj):
        return f"{obj.registration_number} {obj.subject}"


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
        queryset=Document.objects.order_by("-registration_year", "-registration_sequence"),
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


class ExclusionForm(forms.ModelForm):
    class Meta:
        model = Exclusion
        fields = ["person", "decision_reference", "start", "end"]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}),
            "end": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(
            role__in=[PersonRole.RAADSLID, PersonRole.COMMISSIELID]
        )


# --- councillors: notes, search, e-mail (issue 17) -----------------------------------------
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
