from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .models import Category, Document, Handling, SenderType, Status
from .rules import default_public_sender_term


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.tif,.tiff,.eml"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Bestanden"),
        help_text=_(
            "PDF, scans (JPEG, PNG, TIFF) of e-mails (.eml); maximaal %(size)s per bestand."
        )
        % {"size": filesizeformat(settings.DOCUMENT_MAX_UPLOAD_SIZE)},
    )
    received_on = forms.DateField(
        label=_("Datum ontvangst"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class RegistrationForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = [
            "received_on",
            "subject",
            "description",
            "category",
            "submitted_by_fractie",
            "sender_type",
            "sender_name",
            "sender_address",
            "sender_email",
            "sender_phone",
            "consent_publish_personal_data",
            "consent_office_holder_contact",
            "no_objection_personal_data",
            "public_sender_term",
            "meeting",
            "agenda_item",
        ]
        widgets = {
            "received_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].required = True
        self.fields["agenda_item"].queryset = self.fields["agenda_item"].queryset.select_related(
            "meeting"
        )

    def clean(self):
        cleaned = super().clean()
        category = cleaned.get("category")
        sender_type = cleaned.get("sender_type")
        if not cleaned.get("public_sender_term") and category and sender_type:
            cleaned["public_sender_term"] = default_public_sender_term(
                category, sender_type, cleaned.get("sender_name", "")
            )
        if (
            sender_type == SenderType.CITIZEN
            and cleaned.get("sender_name")
            and cleaned.get("public_sender_term", "").strip().lower()
            in cleaned["sender_name"].strip().lower()
            and not cleaned.get("consent_publish_personal_data")
        ):
            self.add_error(
                "public_sender_term",
                _("Gebruik een neutrale term, niet de naam van een burger (art. 3c)."),
            )
        if cleaned.get("consent_office_holder_contact") and sender_type != SenderType.OFFICE_HOLDER:
            self.add_error(
                "consent_office_holder_contact",
                _("Deze toestemming geldt alleen voor publieke ambtsdragers (art. 3a)."),
            )
        if cleaned.get("no_objection_personal_data") and category not in (
            Category.VIEW,
            Category.OBJECTION,
            Category.CITIZENS_INITIATIVE,
        ):
            self.add_error(
                "no_objection_personal_data",
                _(
                    "Dit geldt alleen voor stukken bij raadsvoorstellen, bezwaar en burgerinitiatief (art. 3e)."
                ),
            )
        meeting, item = cleaned.get("meeting"), cleaned.get("agenda_item")
        if item and not meeting:
            cleaned["meeting"] = item.meeting
        elif item and meeting and item.meeting_id != meeting.pk:
            self.add_error("agenda_item", _("Dit agendapunt hoort bij een andere vergadering."))
        return cleaned


class InboxFilterForm(forms.Form):
    SORTS = {
        "-received": ("-received_on", "-registration_sequence"),
        "received": ("received_on", "registration_sequence"),
        "-number": ("-registration_year", "-registration_sequence"),
        "number": ("registration_year", "registration_sequence"),
        "subject": ("subject",),
        "status": ("status", "-received_on"),
    }
    q = forms.CharField(label=_("Zoeken"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("alle"))] + Status.choices, required=False
    )
    category = forms.ChoiceField(
        label=_("Categorie"), choices=[("", _("alle"))] + Category.choices, required=False
    )
    sender_type = forms.ChoiceField(
        label=_("Afzender"), choices=[("", _("alle"))] + SenderType.choices, required=False
    )
    received_from = forms.DateField(
        label=_("Ontvangen vanaf"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    received_until = forms.DateField(
        label=_("tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = forms.ChoiceField(
        label=_("Sorteren"),
        required=False,
        choices=[
            ("-received", _("nieuwste eerst")),
            ("received", _("oudste eerst")),
            ("-number", _("registratienummer aflopend")),
            ("number", _("registratienummer oplopend")),
            ("subject", _("onderwerp")),
            ("status", _("status")),
        ],
    )

    def filter(self, queryset):
        if not self.is_valid():
            return queryset.order_by(*self.SORTS["-received"])
        data = self.cleaned_data
        if data["q"]:
            from django.db.models import Q

            queryset = queryset.filter(
                Q(subject__icontains=data["q"])
                | Q(sender_name__icontains=data["q"])
                | Q(description__icontains=data["q"])
            )
        for field in ("status", "category", "sender_type"):
            if data[field]:
                queryset = queryset.filter(**{field: data[field]})
        if data["received_from"]:
            queryset = queryset.filter(received_on__gte=data["received_from"])
        if data["received_until"]:
            queryset = queryset.filter(received_on__lte=data["received_until"])
        return queryset.order_by(*self.SORTS.get(data["sort"] or "-received"))


class ReviewForm(forms.Form):
    """The reviewer's decisions: ids of accepted and rejected redactions, new boxes as JSON
    ``[{"page": 0, "rect": [x0, y0, x1, y1]}]`` in PDF points, and the neutral term."""

    boxes = forms.JSONField(required=False)
    neutral_term = forms.CharField(required=False, max_length=100)

    def __init__(self, *args, document, **kwargs):
        super().__init__(*args, **kwargs)
        self.document = document

    def clean(self):
        cleaned = super().clean()
        ids = set(self.document.redactions.values_list("pk", flat=True))
        accepted, rejected = set(), set()
        for key, value in self.data.items():
            if key.startswith("decision-"):
                try:
                    pk = int(key.removeprefix("decision-"))
                except ValueError:
                    continue
                if pk in ids and value == "accept":
                    accepted.add(pk)
                elif pk in ids and value == "reject":
                    rejected.add(pk)
        boxes = []
        for box in cleaned.get("boxes") or []:
            try:
                page = int(box["page"])
                x0, y0, x1, y1 = (float(v) for v in box["rect"])
            except (KeyError, TypeError, ValueError) as exc:
                raise forms.ValidationError(_("Ongeldig vlak.")) from exc
            if page < 0 or page >= max(self.document.pages_total, 1) or x1 <= x0 or y1 <= y0:
                raise forms.ValidationError(_("Ongeldig vlak."))
            boxes.append((page, (x0, y0, x1, y1)))
        cleaned.update(accepted=accepted, rejected=rejected, boxes=boxes)
        return cleaned


class HandlingForm(forms.Form):
    """The afdoening of an ingekomen stuk: the proposal on the lijst ingekomen stukken and
    the raad's decision on it."""

    handling_proposal = forms.ChoiceField(
        label=_("Afdoeningsvoorstel"),
        choices=[("", _("— nog geen voorstel —")), *Handling.choices],
        required=False,
    )
    handling_decision = forms.ChoiceField(
        label=_("Besluit van de raad"),
        choices=[("", _("— nog niet besloten —")), *Handling.choices],
        required=False,
        help_text=_("Kies hetzelfde als het voorstel als de raad conform het voorstel besloot."),
    )
    handling_note = forms.CharField(
        label=_("Toelichting (intern)"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld welke commissie. Wordt niet gepubliceerd."),
    )

    def clean(self):
        data = super().clean()
        if data.get("handling_decision") and not data.get("handling_proposal"):
            raise forms.ValidationError(_("De raad besluit over een voorstel: vul dat eerst in."))
        return data
