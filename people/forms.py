"""The griffie's forms for members, fracties and bodies (no admin needed)."""

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from griffie.forms import model_choice_field

from .models import Body, Fractie, Membership, Person

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "name",
            "role",
            "fractie",
            "department",
            "public_email",
            "address",
            "phone",
            "contact_consent",
            "term_start",
            "term_end",
            "user",
        ]
        widgets = {"term_start": DATE, "term_end": DATE}
        labels = {"user": _("Inlog (voor het raadsledendeel)")}
        help_texts = {
            "user": _(
                "Een inlog bij een lid krijgt de geheime informatie van de organen waarin het "
                "lid zit. Eén inlog per persoon."
            ),
            "address": _("Alleen openbaar met toestemming (3a)."),
            "phone": _("Alleen openbaar met toestemming (3a)."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(person__isnull=True, is_active=True)
        if self.instance.user_id:
            users = users | get_user_model().objects.filter(pk=self.instance.user_id)
        user = model_choice_field(self, "user")
        user.queryset = users.order_by("username")
        user.required = False


class FractieForm(forms.ModelForm):
    class Meta:
        model = Fractie
        fields = ["name", "abbreviation"]


class BodyForm(forms.ModelForm):
    class Meta:
        model = Body
        fields = ["name", "kind"]


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["body", "label", "start", "end"]
        widgets = {"start": DATE, "end": DATE}

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("Het einde ligt voor het begin."))
        return cleaned
