from django import forms
from django.utils.translation import gettext_lazy as _

from documents.models import Document

from .models import InspectionRequest, RemovalRequest
from .rules import Outcome


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Besluit"), choices=Outcome.choices)
    reason = forms.CharField(
        label=_("Reden van afwijking van het voorstel"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Verplicht als u afwijkt, bijvoorbeeld: geanonimiseerde publicatie is nodig "
            "voor transparantie (3c)."
        ),
    )
    public_fields_reason = forms.CharField(
        label=_("Reden om te publiceren ondanks een melding in de openbare velden"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Alleen nodig als het onderwerp, de omschrijving, de aanduiding van de afzender of "
            "de bestandsnaam mogelijk persoonsgegevens bevat; de reden komt in de geschiedenis."
        ),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van intrekken"), widget=forms.Textarea(attrs={"rows": 2})
    )


class RemovalRequestForm(forms.ModelForm):
    class Meta:
        model = RemovalRequest
        fields = ["data_description", "location", "contact"]
        widgets = {"data_description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "location": _("Plak het adres (URL) van de pagina of het bestand op deze website."),
            "contact": _("Een e-mailadres of telefoonnummer; dit wordt nooit gepubliceerd."),
        }


class RemovalDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[
            ("granted", _("toewijzen: stuk intrekken en opnieuw anonimiseren")),
            ("refused", _("afwijzen")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Motivering (AVG en gedragscode)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    registration_number = forms.CharField(
        label=_("Registratienummer van het stuk"),
        required=False,
        help_text=_("Alleen nodig als het stuk niet uit het adres is af te leiden."),
    )

    def clean_registration_number(self) -> Document | None:
        value = self.cleaned_data["registration_number"].strip()
        if not value:
            return None
        return _document_by_number(value, self, "registration_number")


def _document_by_number(value: str, form: forms.BaseForm, field: str) -> Document:
    try:
        year, seq = value.split("-")
        return Document.objects.get(registration_year=int(year), registration_sequence=int(seq))
    except (ValueError, Document.DoesNotExist):
        raise forms.ValidationError(_("Onbekend registratienummer: %s") % value) from None


class InspectionRequestForm(forms.ModelForm):
    registration_numbers = forms.CharField(
        label=_("Registratienummers"),
        help_text=_("Gescheiden door komma's, bijvoorbeeld 2026-0001, 2026-0002."),
    )

    class Meta:
        model = InspectionRequest
        fields = ["requester", "contact", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def clean_registration_numbers(self) -> list[Document]:
        numbers = [n.strip() for n in self.cleaned_data["registration_numbers"].split(",")]
        return [_document_by_number(n, self, "registration_numbers") for n in numbers if n]
