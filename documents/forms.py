import copy
import logging
from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from griffie.forms import field_queryset, model_choice_field

from .anonymisation.public_fields import FieldFinding, describe
from .models import Category, Document, Handling, SenderType
from .public_text import griffie_text_findings, proposed_subject, public_field_findings
from .sender_terms import default_public_sender_term

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

logger = logging.getLogger(__name__)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.tif,.tiff,.eml"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    # The form's metaclass moves declared fields into ``base_fields``, so this does not shadow
    # ``BaseForm.files`` at run time; django-stubs cannot express that.
    files = MultipleFileField(  # type: ignore[assignment]
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
    """Registration of an incoming document. The public fields are run through the
    anonymisation detector: a personal item is a warning with a neutral subject proposed,
    which the clerk can accept or, having read it, confirm (ADR 0006)."""

    public_fields_confirmed = forms.BooleanField(
        label=_("Ik heb de melding gelezen en sla de openbare velden toch zo op"),
        required=False,
        help_text=_("Bij publicatie wordt opnieuw gecontroleerd; afwijken vraagt dan een reden."),
    )

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

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subject"].required = True
        self.public_field_findings: list[FieldFinding] = []
        self.proposed_subject = ""
        agenda_item = model_choice_field(self, "agenda_item")
        items = field_queryset(agenda_item).select_related("meeting")
        # Only the chosen meeting's items (server side, so it works without JavaScript).
        meeting = self.data.get(self.add_prefix("meeting")) if self.is_bound else None
        if meeting is None:
            meeting = self.initial.get("meeting") or self.instance.meeting_id
        if meeting and str(meeting).isdigit():
            items = items.filter(meeting_id=meeting)
        agenda_item.queryset = items
        agenda_item.help_text = _("Alleen de agendapunten van de gekozen vergadering.")

    def _check_public_fields(self, cleaned: dict[str, Any]) -> None:

        document = copy.copy(self.instance)
        for name in ("subject", "description", "public_sender_term", "category", "sender_type"):
            setattr(document, name, cleaned.get(name) or "")
        for name in ("sender_name", "sender_address", "sender_email", "sender_phone"):
            setattr(document, name, cleaned.get(name) or "")
        for name in ("consent_publish_personal_data", "no_objection_personal_data"):
            setattr(document, name, bool(cleaned.get(name)))
        try:
            findings = public_field_findings(document)
        except Exception:  # noqa: BLE001 - fail closed: the clerk must confirm
            findings = None
        if findings == []:
            return
        message: StrOrPromise
        if findings is None:
            message = _("De openbare velden konden niet worden gecontroleerd.")
        else:
            self.public_field_findings = findings
            message = _("Mogelijk persoonsgegevens in een openbaar veld: %(found)s.") % {
                "found": describe(findings)
            }
            if any(f.field == "subject" for f in findings):
                self.proposed_subject = proposed_subject(document, findings)
        if not cleaned.get("public_fields_confirmed"):
            self.add_error(None, message)

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
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
        self._check_public_fields(cleaned)
        return cleaned


class ReviewForm(forms.Form):
    """The reviewer's decisions: ids of accepted and rejected redactions, new boxes as JSON
    ``[{"page": 0, "rect": [x0, y0, x1, y1]}]`` in PDF points, and the neutral term."""

    MM = 72 / 25.4  # PDF points per millimetre

    boxes = forms.JSONField(required=False)
    neutral_term = forms.CharField(required=False, max_length=100)
    # A box typed with the keyboard, in millimetres from the page's top left corner.
    kb_page = forms.IntegerField(label=_("Pagina"), required=False, min_value=1)
    kb_left = forms.FloatField(label=_("Van links (mm)"), required=False, min_value=0)
    kb_top = forms.FloatField(label=_("Van boven (mm)"), required=False, min_value=0)
    kb_width = forms.FloatField(label=_("Breedte (mm)"), required=False, min_value=0)
    kb_height = forms.FloatField(label=_("Hoogte (mm)"), required=False, min_value=0)

    def __init__(self, *args, document: Document, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.document = document

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
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
        keyboard: list[Any] = [
            cleaned.get(f"kb_{n}") for n in ("page", "left", "top", "width", "height")
        ]
        if any(v is not None for v in keyboard[1:]) and all(v for v in (keyboard[3:])):
            kb_page, left, top, width, height = keyboard
            page = (kb_page or 1) - 1
            if page >= max(self.document.pages_total, 1):
                raise forms.ValidationError(_("Ongeldig vlak."))
            x0, y0 = (left or 0) * self.MM, (top or 0) * self.MM
            boxes.append((page, (x0, y0, x0 + width * self.MM, y0 + height * self.MM)))
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

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("handling_decision") and not data.get("handling_proposal"):
            raise forms.ValidationError(_("De raad besluit over een voorstel: vul dat eerst in."))
        return data


class PublicTextCheckedForm(forms.ModelForm):
    """A form for text the public site shows as typed (a meeting's title, an agenda item):
    the fields named in ``public_text_fields`` go through the engine's detection with the
    rules of a text from the college (``documents.public_text.griffie_text_findings``). A
    finding stops the save until the griffie rephrases, or confirms that it may be public
    (an appointee, 3f; initiators of a burgerinitiatief, 3e). A failing detector stops it too."""

    public_text_fields: tuple[str, ...] = ()

    confirm_public_text = forms.BooleanField(
        label=_("Openbaar ondanks melding persoonsgegevens"),
        required=False,
        help_text=_(
            "Alleen aanvinken als de gemelde gegevens openbaar mogen, bijvoorbeeld de naam "
            "van een benoemde (3f)."
        ),
    )

    def clean(self) -> dict[str, Any]:

        super().clean()

        cleaned = self.cleaned_data
        values = {name: cleaned.get(name) or "" for name in self.public_text_fields}
        try:
            findings = griffie_text_findings(values)
        except Exception:
            logger.exception("Public text check failed for %s", type(self).__name__)
            raise forms.ValidationError(
                _("De controle op persoonsgegevens is mislukt; er is niets opgeslagen.")
            ) from None
        if findings and not cleaned.get("confirm_public_text"):
            raise forms.ValidationError(
                _(
                    "Mogelijk persoonsgegevens in tekst die openbaar wordt: %(found)s. "
                    "Herformuleer, of vink 'Openbaar ondanks melding persoonsgegevens' aan."
                ),
                params={"found": describe(findings)},
            )
        return cleaned
