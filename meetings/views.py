"""The griffie's meeting screens: from agenda to decision. Thin: the rules are in
:mod:`meetings.service`; publication of documents in :mod:`publication.service`."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import CreateView, FormView, ListView, TemplateView, UpdateView
from django.views.generic.base import ContextMixin

from documents.models import Document
from people.models import Fractie
from people.permissions import GriffieRequiredMixin
from people.roles import acting_user
from publication.models import VOTED_KINDS, Activity, MeetingDocument
from publication.service import PublicationRefused, publication_summary, publish_meeting_document

from . import service
from .forms import (
    ActivityForm,
    AgendaItemForm,
    AttendanceForm,
    LiftMinutesForm,
    LinkIncomingForm,
    MeetingDocumentForm,
    MeetingForm,
    OutcomeForm,
    VoteMode,
)
from .models import AgendaItem, Attendance, Meeting
from .service import MeetingRefused, Move

# What the screens' mixins are mixed into; for the type checker.
if TYPE_CHECKING:
    _Screen = ContextMixin
else:
    _Screen = object


class MeetingMixin(GriffieRequiredMixin, _Screen):
    """A screen of one meeting (``pk`` in the URL)."""

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        if request.user.is_authenticated and self.test_func():
            self.meeting = get_object_or_404(
                Meeting.objects.select_related("body"), pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        return super().get_context_data(meeting=self.meeting, **kwargs)

    def to_meeting(self, anchor: str = "") -> HttpResponseRedirect:
        url = reverse("meetings:detail", args=[self.meeting.pk])
        return HttpResponseRedirect(f"{url}#{anchor}" if anchor else url)

    form_invalid: Callable  # from the form view the document screens mix this into

    def attach_and_report(
        self, form: forms.BaseForm, md: MeetingDocument, saved: Callable[[], str]
    ) -> HttpResponse:
        """Save a meeting document through the engine (``service.attach_document``) and tell
        the griffie what came of it: the refusal with its reason, or ``saved()``."""
        try:
            refusal = service.attach_document(md, actor=acting_user(self.request))
        except MeetingRefused as exc:
            form.add_error(None, exc.reason)
            return self.form_invalid(form)
        if refusal:
            messages.error(
                self.request,
                _("%(title)s is opgeslagen maar niet gepubliceerd: %(reason)s")
                % {"title": md.title, "reason": refusal},
            )
        else:
            messages.success(self.request, saved())
        return self.to_meeting(f"stuk-{md.pk}")


class MeetingListView(GriffieRequiredMixin, TemplateView):
    template_name = "meetings/list.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        meetings = Meeting.objects.select_related("body")
        return super().get_context_data(
            upcoming=list(meetings.upcoming()[:50]), past=list(meetings.past()[:50]), **kwargs
        )


class MeetingCreateView(GriffieRequiredMixin, CreateView):
    template_name = "meetings/meeting_form.html"
    form_class = MeetingForm

    def form_valid(self, form: forms.ModelForm) -> HttpResponse:
        meeting = service.save_meeting(form.save(commit=False), actor=acting_user(self.request))
        messages.success(self.request, _("De vergadering is aangemaakt. Stel nu de agenda op."))
        return redirect("meetings:detail", pk=meeting.pk)


class MeetingUpdateView(MeetingMixin, UpdateView):
    template_name = "meetings/meeting_form.html"
    form_class = MeetingForm

    def get_object(self, queryset: QuerySet[Meeting] | None = None) -> Meeting:
        return self.meeting

    def form_valid(self, form: forms.ModelForm) -> HttpResponse:
        service.save_meeting(form.save(commit=False), actor=acting_user(self.request))
        messages.success(self.request, _("De vergadering is opgeslagen."))
        return self.to_meeting()


class MeetingDetailView(MeetingMixin, TemplateView):
    """The agenda builder: items in order with their documents, the move buttons, and the
    steps of the meeting (publish, attendance, outcome, secrecy)."""

    template_name = "meetings/detail.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        items = service.ordered_items(self.meeting)
        documents = list(
            self.meeting.public_documents.select_related("vote").order_by("kind", "title")
        )
        per_item: dict[int | None, list] = {}
        for md in documents:
            md.summary = publication_summary(md.publication_report) if md.publication_report else ""
            md.votable = md.kind in VOTED_KINDS
            per_item.setdefault(md.agenda_item_id, []).append(md)
        incoming: dict[int | None, list] = {}
        for document in Document.objects.filter(meeting=self.meeting).order_by(
            "registration_year", "registration_sequence"
        ):
            incoming.setdefault(document.agenda_item_id, []).append(document)
        rows = [(item, per_item.get(item.pk, []), incoming.get(item.pk, [])) for item in items]
        attendance = Attendance.objects.filter(meeting=self.meeting)
        return super().get_context_data(
            rows=rows,
            general_documents=per_item.get(None, []),
            moves=Move,
            present_count=attendance.filter(present=True).count(),
            attendance_recorded=attendance.exists(),
            secrecy=service.secrecy_state(self.meeting) if self.meeting.is_closed else None,
            **kwargs,
        )


class ItemCreateView(MeetingMixin, CreateView):
    template_name = "meetings/item_form.html"
    form_class = AgendaItemForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "meeting": self.meeting}

    def form_valid(self, form: forms.ModelForm) -> HttpResponse:
        data = form.cleaned_data
        try:
            item = service.add_item(
                self.meeting,
                title=data["title"],
                description=data["description"],
                parent=data.get("parent"),
            )
        except MeetingRefused as exc:
            form.add_error(None, exc.reason)
            return self.form_invalid(form)
        messages.success(self.request, _("Agendapunt %(n)s is toegevoegd.") % {"n": item.number})
        return self.to_meeting(f"punt-{item.pk}")


class ItemMixin(MeetingMixin):
    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        if request.user.is_authenticated and self.test_func():
            self.item = get_object_or_404(AgendaItem, pk=kwargs["item_pk"], meeting_id=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


class ItemUpdateView(ItemMixin, UpdateView):
    template_name = "meetings/item_form.html"
    form_class = AgendaItemForm

    def get_object(self, queryset: QuerySet[AgendaItem] | None = None) -> AgendaItem:
        return self.item

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "meeting": self.meeting}

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        return super().get_context_data(
            link_form=LinkIncomingForm(),
            incoming=self.item.documents.order_by("registration_year", "registration_sequence"),
            **kwargs,
        )

    def form_valid(self, form: forms.ModelForm) -> HttpResponse:
        service.save_item(form.save(commit=False))
        messages.success(
            self.request, _("Agendapunt %(n)s is opgeslagen.") % {"n": self.item.number}
        )
        return self.to_meeting(f"punt-{self.item.pk}")


class ItemLinkIncomingView(ItemMixin, View):
    """Put an ingekomen stuk from the postkamer on this agenda item (a POST from the item's
    page)."""

    def post(self, request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
        form = LinkIncomingForm(request.POST)
        if not form.is_valid():
            for error in form.errors.get("registration_number", []):
                messages.error(request, str(error))
            return redirect("meetings:item-update", pk=pk, item_pk=item_pk)
        document = form.cleaned_data["registration_number"]
        try:
            service.link_incoming(document, self.item, actor=acting_user(request))
        except MeetingRefused as exc:
            messages.error(request, exc.reason)
            return redirect("meetings:item-update", pk=pk, item_pk=item_pk)
        messages.success(
            request,
            _("%(number)s staat bij agendapunt %(item)s.")
            % {"number": document.registration_number, "item": self.item.number},
        )
        return self.to_meeting(f"punt-{self.item.pk}")


class ItemMoveView(ItemMixin, View):
    """The buttons omhoog, omlaag, inspringen and terug: work without JavaScript."""

    def post(self, request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
        try:
            service.move_item(self.item, request.POST.get("richting", ""))
        except MeetingRefused as exc:
            messages.error(request, exc.reason)
        return self.to_meeting(f"punt-{self.item.pk}")


class ItemDeleteView(ItemMixin, View):
    def post(self, request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
        if MeetingDocument.objects.filter(agenda_item=self.item).exists():
            messages.error(
                request, _("Dit agendapunt heeft stukken; verplaats of verwijder die eerst.")
            )
        else:
            service.delete_item(self.item)
            messages.success(request, _("Het agendapunt is verwijderd."))
        return self.to_meeting()


class ReorderView(MeetingMixin, View):
    """Drag and drop (static/js/agenda.js) sends the whole order: ``id:main,id:main,...``
    with an empty main for a main item."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        try:
            order = []
            for part in filter(None, request.POST.get("volgorde", "").split(",")):
                item, _sep, main = part.partition(":")
                order.append((int(item), int(main) if main else None))
            service.reorder(self.meeting, order)
        except ValueError:
            messages.error(request, _("De nieuwe volgorde is niet te lezen."))
        except MeetingRefused as exc:
            messages.error(request, exc.reason)
        else:
            messages.success(request, _("De volgorde van de agenda is opgeslagen."))
        return self.to_meeting("agenda")


class DocumentCreateView(MeetingMixin, CreateView):
    template_name = "meetings/document_form.html"
    form_class = MeetingDocumentForm

    def get_initial(self) -> dict[str, Any]:
        return {"agenda_item": self.request.GET.get("agendapunt")}

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = {**super().get_form_kwargs(), "meeting": self.meeting}
        kwargs["instance"] = MeetingDocument(meeting=self.meeting)
        return kwargs

    def form_valid(self, form: forms.ModelForm) -> HttpResponse:
        md = form.save(commit=False)

        def saved() -> str:
            if md.published_at:
                return _("%(title)s: %(summary)s") % {
                    "title": md.title,
                    "summary": publication_summary(md.publication_report),
                }
            return _("%(title)s is toegevoegd; het wordt gepubliceerd met de agenda.") % {
                "title": md.title
            }

        return self.attach_and_report(form, md, saved)


class DocumentMixin(MeetingMixin):
    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        if request.user.is_authenticated and self.test_func():
            self.document = get_object_or_404(
                MeetingDocument, pk=kwargs["doc_pk"], meeting_id=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)


class DocumentUpdateView(DocumentMixin, UpdateView):
    """Correct a meeting document: its title, kind, agenda item, consent, or a new file.
    A document on a public agenda goes through the engine again at once (a refusal takes
    the earlier version off the site, with the reason)."""

    template_name = "meetings/document_form.html"
    form_class = MeetingDocumentForm

    def get_object(self, queryset: QuerySet[MeetingDocument] | None = None) -> MeetingDocument:
        return self.document

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "meeting": self.meeting}

    def get_form(self, form_class: type[forms.ModelForm] | None = None) -> forms.ModelForm:
        form = super().get_form(form_class)
        form.fields["file"].required = False
        return form

    def form_valid(self, form: forms.ModelForm) -> HttpResponse:
        md = form.save(commit=False)
        if md.outcome and md.kind not in VOTED_KINDS:
            md.outcome = ""
        return self.attach_and_report(
            form, md, lambda: _("%(title)s is opgeslagen.") % {"title": md.title}
        )


class DocumentPublishView(DocumentMixin, View):
    """Publish one meeting document through the engine (again): after a refusal the griffie
    corrected, or minutes of a besloten vergadering whose secrecy the raad lifted."""

    def post(self, request: HttpRequest, pk: int, doc_pk: int) -> HttpResponse:
        md = self.document
        if not self.meeting.shows_agenda and md.secrecy_lifted_by_id is None:
            messages.error(
                request,
                _("Publiceer eerst de agenda.")
                if self.meeting.shows_content
                else _("Dit stuk van een besloten vergadering is geheim tot de raad dat opheft."),
            )
            return self.to_meeting(f"stuk-{md.pk}")
        try:
            report = publish_meeting_document(md, actor=acting_user(request))
        except PublicationRefused as exc:
            messages.error(
                request, _("%(title)s: %(reason)s") % {"title": md.title, "reason": exc.reason}
            )
        else:
            messages.success(
                request,
                _("%(title)s: %(summary)s")
                % {"title": md.title, "summary": publication_summary(report)},
            )
        return self.to_meeting(f"stuk-{md.pk}")


class PublishAgendaView(MeetingMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        result = service.publish_agenda(self.meeting, actor=acting_user(request))
        if not self.meeting.shows_content:
            messages.success(
                request,
                _(
                    "Besloten vergadering: op de website staat alleen dat zij plaatsvindt; "
                    "de stukken blijven geheim."
                ),
            )
        elif result.first_time:
            messages.success(request, _("De agenda staat op de website."))
        else:
            messages.success(request, _("De wijziging van de agenda staat op de website."))
        if result.published:
            messages.success(
                request,
                _("Gepubliceerd: %(titles)s.")
                % {"titles": ", ".join(md.title for md in result.published)},
            )
        for md, reason in result.refused:
            messages.error(
                request, _("%(title)s: %(reason)s") % {"title": md.title, "reason": reason}
            )
        return self.to_meeting()


class AttendanceView(MeetingMixin, FormView):
    template_name = "meetings/attendance.html"
    form_class = AttendanceForm

    def get_form_kwargs(self) -> dict[str, Any]:
        self.members = service.eligible_members(self.meeting)
        return {**super().get_form_kwargs(), "members": self.members}

    def get_initial(self) -> dict[str, Any]:
        recorded = Attendance.objects.filter(meeting=self.meeting)
        if recorded.exists():
            return {
                "present": list(recorded.filter(present=True).values_list("person_id", flat=True))
            }
        return {"present": [m.pk for m in self.members]}

    def form_valid(self, form: AttendanceForm) -> HttpResponse:
        try:
            service.record_attendance(
                self.meeting, form.cleaned_data["present"], actor=acting_user(self.request)
            )
        except MeetingRefused as exc:
            form.add_error(None, exc.reason)
            return self.form_invalid(form)
        messages.success(self.request, _("De presentie is vastgelegd."))
        return self.to_meeting("uitkomst")


class OutcomeView(DocumentMixin, FormView):
    """The outcome of a raadsvoorstel, amendement or motie, with the votes."""

    template_name = "meetings/outcome.html"
    form_class = OutcomeForm

    def get_form_kwargs(self) -> dict[str, Any]:
        present = service.present_members(self.meeting)
        fracties = Fractie.objects.filter(pk__in={p.fractie_id for p in present if p.fractie_id})
        return {**super().get_form_kwargs(), "present": present, "fracties": fracties}

    def get_initial(self) -> dict[str, Any]:
        initial = {"outcome": self.document.outcome}
        vote = getattr(self.document, "vote", None)
        if vote is not None:
            initial["mode"] = VoteMode.ROLL_CALL if vote.roll_call else VoteMode.FRACTIE
            for fv in vote.fracties.all():
                initial[f"fractie_{fv.fractie_id}"] = fv.choice if fv.choice != "verdeeld" else ""
            for mv in vote.members.all():
                initial[f"lid_{mv.person_id}"] = mv.choice
        elif self.document.outcome:
            initial["mode"] = VoteMode.NONE
        return initial

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        return super().get_context_data(document=self.document, **kwargs)

    def form_valid(self, form: OutcomeForm) -> HttpResponse:
        mode = form.cleaned_data["mode"]
        try:
            outcome = service.record_outcome(
                self.document,
                outcome=form.cleaned_data["outcome"],
                fractie_choices=form.fractie_choices() if mode == VoteMode.FRACTIE else None,
                member_choices=form.member_choices() if mode == VoteMode.ROLL_CALL else None,
                actor=acting_user(self.request),
            )
        except MeetingRefused as exc:
            form.add_error(None, exc.reason)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(title)s: %(outcome)s.") % {"title": self.document.title, "outcome": outcome},
        )
        return self.to_meeting(f"stuk-{self.document.pk}")


class LiftSecrecyView(MeetingMixin, FormView):
    """The raad lifted the secrecy of a besloten vergadering (Gemeentewet art. 89)."""

    template_name = "meetings/lift.html"
    form_class = LiftMinutesForm

    def get_initial(self) -> dict[str, Any]:
        return {"on": timezone.localdate()}

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        return super().get_context_data(secrecy=service.secrecy_state(self.meeting), **kwargs)

    def form_valid(self, form: LiftMinutesForm) -> HttpResponse:
        try:
            with transaction.atomic():
                service.lift_closed_meeting_secrecy(
                    self.meeting, actor=acting_user(self.request), **form.cleaned_data
                )
        except MeetingRefused as exc:
            form.add_error(None, exc.reason)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "De geheimhouding is opgeheven en staat in het register. Publiceer nu de "
                "stukken die openbaar mogen; ze gaan eerst door de anonimisering."
            ),
        )
        return self.to_meeting()


# --- announced activities (3h) -------------------------------------------------------------
class ActivityListView(GriffieRequiredMixin, ListView):
    template_name = "meetings/activity_list.html"
    context_object_name = "activities"

    def get_queryset(self) -> QuerySet[Activity]:
        return Activity.objects.order_by("-date", "title")[:100]


class ActivityCreateView(GriffieRequiredMixin, CreateView):
    template_name = "meetings/activity_form.html"
    form_class = ActivityForm

    def form_valid(self, form: forms.ModelForm) -> HttpResponse:
        form.save()
        messages.success(self.request, _("De activiteit is opgeslagen."))
        return redirect("meetings:activities")


class ActivityUpdateView(GriffieRequiredMixin, UpdateView):
    template_name = "meetings/activity_form.html"
    form_class = ActivityForm
    model = Activity

    def form_valid(self, form: forms.ModelForm) -> HttpResponse:
        form.save()
        messages.success(self.request, _("De activiteit is opgeslagen."))
        return redirect("meetings:activities")
