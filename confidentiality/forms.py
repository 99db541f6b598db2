from django import forms
from django.utils.translation import gettext_lazy as _

from people.models import Body


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code uit uw authenticator-app"),
        max_length=8,
        min_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self):
        token = self.cleaned_data["token"].strip().replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError(_("De code bestaat uit cijfers."))
        return token


class LiftForm(forms.Form):
    by_body = forms.ModelChoiceField(label=_("Opgeheven door"), queryset=Body.objects.all())
    on = forms.DateField(
        label=_("Datum besluit tot opheffing"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reference = forms.CharField(label=_("Kenmerk besluit"), max_length=100)


class LogFilterForm(forms.Form):
    code = forms.CharField(label=_("Watermerkcode"), max_length=20, required=False)
    actor = forms.CharField(label=_("Gebruikersnaam"), max_length=150, required=False)

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        if self.cleaned_data["actor"]:
            queryset = queryset.filter(actor_name__iexact=self.cleaned_data["actor"])
        return queryset
