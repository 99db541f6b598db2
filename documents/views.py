"""The griffie's intake and triage screens. Thin: the work happens in intake/pages/models."""

import logging
import re
from typing import Any

import pymupdf
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import DetailView, FormView, UpdateView
from django_filters.views import FilterView

from confidentiality import service as confidentiality
from confidentiality.access import Level
from confidentiality.service import record_if_closed_meeting
from confidentiality.watermark import NotWatermarkable
from griffie.http import private
from meetings.models import AgendaItem
from people.permissions import GriffieRequiredMixin
from people.roles import acting_user

from . import progress, review, workflow
from .files import anonymised_file_name
from .filters import InboxFilter
from .forms import HandlingForm, RegistrationForm, ReviewForm, UploadForm
from .intake import UploadRefused, check_size, receive_file
from .letterhead import registration_suggestions
from .models import (
    Document,
    DocumentFile,
    DocumentQuerySet,
    FileKind,
    InvalidTransition,
    shown_status_choices,
)
from .pages import PAGE_IMAGE_DPI, render_page_images
from .sender_terms import default_public_sender_term

logger = logging.getLogger(__name__)

# The queue (Redis) could not be reached: the work is saved and picked up when it is back.
QUEUE_DOWN_RUN = gettext_lazy(
    "%s: opgeslagen; wordt verwerkt zodra de wachtrij terug is. U hoeft niets opnieuw te doen."
)
QUEUE_DOWN_PAGES = gettext_lazy(
    "Opgeslagen; de paginaweergaven worden gemaakt zodra de wachtrij terug is. "
    "U hoeft niets opnieuw te doen."
)


class InboxView(GriffieRequiredMixin, FilterView):
    template_name = "documents/inbox.html"
    filterset_class = InboxFilter
    paginate_by = 25

    def get_queryset(self) -> DocumentQuerySet:
        return InboxFilter.default_order(Document.objects.all()).with_secrecy_flag()

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        counts = Document.objects.counts_per_status()
        confidentiality.log_access(self.request, "griffie_inbox")
        context = super().get_context_data(
            status_counts=[
                (value, label, counts[value]) for value, label in shown_status_choices()
            ],
            total=sum(counts.values()),
            run_summary=progress.summary(),
            **kwargs,
        )
        documents = list(context["page_obj"])
        context["rows"] = list(zip(documents, progress.progress_of(documents), strict=True))
        return context


class ProgressView(GriffieRequiredMixin, View):
    """The inbox's live part as JSON: how far each listed document's run is, what is
    queued, and the counts per status. Status and progress only: no subject, no sender."""

    def get(self, request: HttpRequest) -> HttpResponse:
        ids = [
            int(i) for i in request.GET.get("ids", "").split(",") if re.fullmatch(r"[0-9]{1,12}", i)
        ]
        documents = Document.objects.filter(pk__in=ids[: progress.MAX_DOCUMENTS]).order_by("pk")
        counts = Document.objects.counts_per_status()
        response = JsonResponse(
            {
                "summary": progress.summary(),
                "counts": counts,
                "total": sum(counts.values()),
                "documents": [run.as_dict() for run in progress.progress_of(documents)],
            }
        )
        response["Cache-Control"] = "no-store"
        return response


class UploadView(GriffieRequiredMixin, FormView):
    template_name = "documents/upload.html"
    form_class = UploadForm

    def form_valid(self, form: UploadForm) -> HttpResponse:
        results, refused = [], []
        for upload in form.cleaned_data["files"]:
            try:
                check_size(upload.size)
                data = upload.read()
                results.append(
                    receive_file(
                        data,
                        upload.name,
                        user=acting_user(self.request),
                        received_on=form.cleaned_data.get("received_on"),
                    )
                )
            except UploadRefused as exc:
                refused.append((upload.name, exc.reason))
        for name, reason in refused:
            form.add_error("files", f"{name}: {reason}")
        for result in results:
            if result.problem:
                form.add_error(
                    "files",
                    _(
                        "%(name)s: %(reason)s Het bestand is bewaard als %(number)s met status 'mislukt'."
                    )
                    % {
                        "name": result.filename,
                        "reason": result.problem,
                        "number": result.document.registration_number,
                    },
                )
        ok = [r for r in results if not r.problem]
        if ok:
            messages.success(
                self.request,
                ngettext(
                    "%(n)d bestand ontvangen: %(numbers)s. Vul nu de registratie aan.",
                    "%(n)d bestanden ontvangen: %(numbers)s. Vul nu de registratie aan.",
                    len(ok),
                )
                % {"n": len(ok), "numbers": ", ".join(r.document.registration_number for r in ok)},
            )
        if any(r.queue_down for r in results):
            messages.warning(self.request, QUEUE_DOWN_PAGES)
        if refused or len(ok) != len(results):
            return self.render_to_response(self.get_context_data(form=form, results=results))
        if len(ok) == 1:
            return redirect("documents:register", pk=ok[0].document.pk)
        return redirect(reverse("documents:inbox") + "?status=received")


class RegisterView(GriffieRequiredMixin, UpdateView):
    """Registration with the document beside the form, the sender details from the
    letterhead as suggestions, and the agenda items of the chosen meeting only."""

    model = Document
    form_class = RegistrationForm
    template_name = "documents/register.html"

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        confidentiality.log_griffie_read(request, self.object, "register")
        return response

    def get_initial(self) -> dict[str, Any]:
        initial = super().get_initial()
        self.suggestions = {}
        if self.object.registered_at is None:
            found = registration_suggestions(self.object)
            self.suggestions = {
                name: value
                for name, value in found.items()
                if not getattr(self.object, name)
                or (name == "sender_type" and not self.object.sender_name)
            }
            initial.update(self.suggestions)
        if not self.object.public_sender_term:
            initial["public_sender_term"] = default_public_sender_term(
                initial.get("category", self.object.category),
                initial.get("sender_type", self.object.sender_type),
                initial.get("sender_name", self.object.sender_name),
            )
        return initial

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        proposal = self.request.POST.get("use_proposed_subject")
        if self.request.method == "POST" and proposal:
            data = kwargs["data"].copy()
            data["subject"] = proposal
            data.pop("public_fields_confirmed", None)
            kwargs["data"] = data
        return kwargs

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if "refresh_items" not in request.POST:
            return super().post(request, *args, **kwargs)
        # Without JavaScript: show the chosen meeting's agenda items, save nothing yet.
        self.object = self.get_object()
        self.suggestions = {}
        form_class = self.get_form_class()
        initial: dict[str, str | bool] = {
            name: request.POST.get(name, "")
            for name, field in form_class.base_fields.items()
            if not isinstance(field, forms.BooleanField)
        }
        initial.update(
            {
                name: name in request.POST
                for name, field in form_class.base_fields.items()
                if isinstance(field, forms.BooleanField)
            }
        )
        form = form_class(instance=self.object, initial=initial)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        document = self.object
        if not document.files.filter(kind=FileKind.PAGE_IMAGE).exists():
            render_page_images(document)
        items: dict[str, list] = {}
        for item in AgendaItem.objects.order_by("meeting", "position", "number"):
            items.setdefault(str(item.meeting_id), []).append([item.pk, str(item)])
        context.update(
            page_images=document.files.filter(kind=FileKind.PAGE_IMAGE).order_by("page_number"),
            suggestions=getattr(self, "suggestions", {}),
            agenda_items=items,
        )
        return context

    def form_valid(self, form: forms.ModelForm) -> HttpResponse:
        first = self.object.registered_at is None
        document = form.save(commit=False)
        document.public_sender_term = form.cleaned_data["public_sender_term"]
        if first:
            document.registered_at = timezone.now()
        with transaction.atomic():
            document.save()
            # A document of a besloten vergadering is secret by law from this moment on.
            record_if_closed_meeting(document, actor=acting_user(self.request))
        document.record(
            "registered" if first else "registration_changed",
            self.request.user,
            ", ".join(form.changed_data),
        )
        messages.success(
            self.request, _("Registratie van %s opgeslagen.") % document.registration_number
        )
        return redirect(document)


class GriffieDocumentPage(GriffieRequiredMixin, DetailView):
    """A griffie page about one document; each showing is logged as a read (``read_action``)."""

    model = Document
    context_object_name = "document"
    read_action = "view"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        confidentiality.log_griffie_read(self.request, self.object, self.read_action)
        return context


class DetailDocumentView(GriffieDocumentPage):
    template_name = "documents/detail.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        document = self.object
        document.under_secrecy = Document.objects.under_secrecy().filter(pk=document.pk).exists()
        context.update(
            run=progress.progress_of([document])[0],
            under_secrecy=document.under_secrecy,
            files=document.files.exclude(kind=FileKind.PAGE_IMAGE),
            page_images=document.files.filter(kind=FileKind.PAGE_IMAGE).order_by("page_number"),
            events=document.events.select_related("actor"),
            handling_form=HandlingForm(
                initial={
                    "handling_proposal": document.handling_proposal,
                    "handling_decision": document.handling_decision,
                    "handling_note": document.handling_note,
                }
            ),
        )
        return context


class HandlingView(GriffieRequiredMixin, View):
    """The griffie records the afdoeningsvoorstel and the raad's decision on it."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        document = get_object_or_404(Document, pk=pk)
        form = HandlingForm(request.POST)
        if not form.is_valid():
            for error in form.non_field_errors() or [_("Controleer de afdoening.")]:
                messages.error(request, str(error))
            return redirect(document)
        if document.record_handling(
            acting_user(request),
            proposal=form.cleaned_data["handling_proposal"],
            decision=form.cleaned_data["handling_decision"],
            note=form.cleaned_data["handling_note"],
        ):
            messages.success(
                request, _("Afdoening van %s vastgelegd.") % document.registration_number
            )
        return redirect(document)


class DiscardView(GriffieRequiredMixin, View):
    """The griffie discards a failed document, with a reason (recorded in its history)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        document = get_object_or_404(Document, pk=pk)
        try:
            document.discard(acting_user(request), request.POST.get("reason", ""))
        except (ValidationError, InvalidTransition) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, _("%s is afgevoerd.") % document.registration_number)
        return redirect(document)


class FileView(GriffieRequiredMixin, View):
    """Serve any stored file of a document to the griffie; never cached."""

    def get(self, request: HttpRequest, pk: int, file_pk: int) -> HttpResponseBase:
        record = get_object_or_404(DocumentFile, pk=file_pk, document_id=pk)
        if not record.file.name or not record.file.storage.exists(record.file.name):
            raise Http404
        if record.kind != FileKind.PAGE_IMAGE:
            level = confidentiality.log_griffie_read(request, record.document, "download")
            if level == Level.GEHEIM:
                return _watermarked(request, record)
        as_attachment = record.kind == FileKind.ORIGINAL
        filename = record.original_name or f"{record.document.registration_number}.pdf"
        if record.kind == FileKind.ANONYMISED:
            filename = anonymised_file_name(record.document, record.version)
        response = FileResponse(
            record.file.open("rb"),
            as_attachment=as_attachment,
            filename=filename,
            content_type=record.content_type or "application/octet-stream",
        )
        return private(response)


def _watermarked(request: HttpRequest, record: DocumentFile) -> HttpResponse:
    """A secret document's file leaves the griffie only with the reader's watermark; a file
    that cannot carry one (not a PDF) is not handed out."""
    try:
        return confidentiality.watermarked_download(
            request, record.document, record, level=Level.GEHEIM
        )
    except NotWatermarkable:
        messages.error(
            request,
            _(
                "Dit bestand valt onder geheimhouding en kan geen watermerk krijgen; bekijk de pagina's."
            ),
        )
        raise Http404 from None


class StartAnonymisationView(GriffieRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        document = get_object_or_404(Document, pk=pk)
        try:
            dispatch = workflow.queue_anonymisation(document, acting_user(request))
        except InvalidTransition as exc:
            messages.error(request, str(exc))
        else:
            if dispatch.failed:
                messages.warning(request, QUEUE_DOWN_RUN % document.registration_number)
            else:
                messages.success(
                    request, _("%s wordt geanonimiseerd.") % document.registration_number
                )
        return redirect(document)


class ReviewView(GriffieDocumentPage):
    """Page images with every proposed redaction drawn on them; accept or reject each,
    draw extra boxes, choose the neutral term, re-run, approve."""

    template_name = "documents/review.html"
    read_action = "review"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        document = self.object
        redactions = list(document.redactions.order_by("page", "id"))
        pages = review.review_pages(document, redactions)
        context.update(
            pages=pages,
            redactions=redactions,
            anonymised=document.latest_anonymised(),
            suspects=review.suspect_rows(document, redactions),
            keyboard_pages=range(1, len(pages) + 1),
        )
        return context

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        document = get_object_or_404(Document, pk=pk)
        if request.POST.get("action") == "render_pages":
            # The render task did not run (yet): the reviewer asks for the images now.
            render_page_images(document)
            return redirect("documents:review", pk=pk)
        form = ReviewForm(request.POST, document=document)
        if not form.is_valid():
            messages.error(
                request, _("De beoordeling kon niet worden opgeslagen: %s") % form.errors
            )
            return redirect("documents:review", pk=pk)
        data = form.cleaned_data
        word = request.POST.get("weglakken", "")
        redacted = workflow.apply_review(
            document,
            acting_user(request),
            accepted=data["accepted"],
            rejected=data["rejected"],
            boxes=data["boxes"],
            suspect_word=word,
            neutral_term=data["neutral_term"],
        )
        if redacted:
            messages.success(
                request, _("“%s” wordt weggelakt; voer de anonimisering opnieuw uit.") % word
            )
        action = request.POST.get("action")
        try:
            if action == "rerun":
                dispatch = workflow.queue_anonymisation(document, acting_user(request))
                if dispatch.failed:
                    messages.warning(request, QUEUE_DOWN_RUN % document.registration_number)
                else:
                    messages.success(request, _("De anonimisering wordt opnieuw uitgevoerd."))
                return redirect(document)
            if action == "approve":
                workflow.approve(document, acting_user(request))
                messages.success(request, _("De geanonimiseerde versie is goedgekeurd."))
                return redirect(document)
        except (workflow.NotApprovable, InvalidTransition) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Beoordeling opgeslagen."))
        return redirect("documents:review", pk=pk)


class AnonymisedPageView(GriffieRequiredMixin, View):
    """A page of the latest anonymised version, as the public would see it."""

    def get(self, request: HttpRequest, pk: int, page: int) -> HttpResponse:
        document = get_object_or_404(Document, pk=pk)
        output = document.latest_anonymised()
        if output is None:
            raise Http404
        doc = pymupdf.open(stream=output.read_bytes(), filetype="pdf")
        if not 0 <= page < doc.page_count:
            raise Http404
        png = doc[page].get_pixmap(dpi=PAGE_IMAGE_DPI).tobytes("png")
        return private(HttpResponse(png, content_type="image/png"))
