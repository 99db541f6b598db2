"""The griffie's intake and triage screens. Thin: the work happens in intake/pages/models."""

import pymupdf
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView, UpdateView

from confidentiality.access import is_secret, with_secrecy_flag

from . import workflow
from .access import GriffieRequiredMixin
from .forms import HandlingForm, InboxFilterForm, RegistrationForm, ReviewForm, UploadForm
from .intake import UploadRefused, check_size, receive_file
from .models import Document, DocumentFile, FileKind, InvalidTransition, Status
from .pages import PAGE_IMAGE_DPI, page_size, render_page_images
from .rules import default_public_sender_term


class InboxView(GriffieRequiredMixin, TemplateView):
    template_name = "documents/inbox.html"
    paginate_by = 25

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = InboxFilterForm(self.request.GET or None)
        documents = with_secrecy_flag(form.filter(Document.objects.all()))
        page = Paginator(documents, self.paginate_by).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        counts = Document.objects.counts_per_status()
        context.update(
            form=form,
            page_obj=page,
            query=query.urlencode(),
            status_counts=[(value, label, counts[value]) for value, label in Status.choices],
            total=sum(counts.values()),
        )
        return context


class UploadView(GriffieRequiredMixin, FormView):
    template_name = "documents/upload.html"
    form_class = UploadForm

    def form_valid(self, form):
        results, refused = [], []
        for upload in form.cleaned_data["files"]:
            try:
                check_size(upload.size)
                data = upload.read()
                results.append(
                    receive_file(
                        data,
                        upload.name,
                        user=self.request.user,
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
                _("%(n)d bestand(en) ontvangen: %(numbers)s. Vul nu de registratie aan.")
                % {"n": len(ok), "numbers": ", ".join(r.document.registration_number for r in ok)},
            )
        if refused or len(ok) != len(results):
            return self.render_to_response(self.get_context_data(form=form, results=results))
        if len(ok) == 1:
            return redirect("documents:register", pk=ok[0].document.pk)
        return redirect(reverse("documents:inbox") + "?status=received")


class RegisterView(GriffieRequiredMixin, UpdateView):
    model = Document
    form_class = RegistrationForm
    template_name = "documents/register.html"

    def get_initial(self):
        initial = super().get_initial()
        if not self.object.public_sender_term:
            initial["public_sender_term"] = default_public_sender_term(
                self.object.category, self.object.sender_type, self.object.sender_name
            )
        return initial

    def form_valid(self, form):
        first = self.object.registered_at is None
        document = form.save(commit=False)
        document.public_sender_term = form.cleaned_data["public_sender_term"]
        if first:
            document.registered_at = timezone.now()
        document.save()
        document.record(
            "registered" if first else "registration_changed",
            self.request.user,
            ", ".join(form.changed_data),
        )
        messages.success(
            self.request, _("Registratie van %s opgeslagen.") % document.registration_number
        )
        return redirect(document)


class DetailDocumentView(GriffieRequiredMixin, DetailView):
    model = Document
    template_name = "documents/detail.html"
    context_object_name = "document"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = self.object
        context.update(
            under_secrecy=is_secret(document),
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

    def post(self, request, pk):
        document = get_object_or_404(Document, pk=pk)
        form = HandlingForm(request.POST)
        if not form.is_valid():
            for error in form.non_field_errors() or [_("Controleer de afdoening.")]:
                messages.error(request, error)
            return redirect(document)
        if document.record_handling(
            request.user,
            proposal=form.cleaned_data["handling_proposal"],
            decision=form.cleaned_data["handling_decision"],
            note=form.cleaned_data["handling_note"],
        ):
            messages.success(
                request, _("Afdoening van %s vastgelegd.") % document.registration_number
            )
        return redirect(document)


class FileView(GriffieRequiredMixin, View):
    """Serve any stored file of a document to the griffie; never cached."""

    def get(self, request, pk, file_pk):
        record = get_object_or_404(DocumentFile, pk=file_pk, document_id=pk)
        if not record.file.storage.exists(record.file.name):
            raise Http404
        as_attachment = record.kind == FileKind.ORIGINAL
        response = FileResponse(
            record.file.open("rb"),
            as_attachment=as_attachment,
            filename=record.original_name or f"{record.document.registration_number}.pdf",
            content_type=record.content_type or "application/octet-stream",
        )
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response


class StartAnonymisationView(GriffieRequiredMixin, View):
    def post(self, request, pk):
        document = get_object_or_404(Document, pk=pk)
        try:
            workflow.queue_anonymisation(document, request.user)
        except InvalidTransition as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("%s wordt geanonimiseerd.") % document.registration_number)
        return redirect(document)


class ReviewView(GriffieRequiredMixin, DetailView):
    """Page images with every proposed redaction drawn on them; accept or reject each,
    draw extra boxes, choose the neutral term, re-run, approve."""

    model = Document
    template_name = "documents/review.html"
    context_object_name = "document"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = self.object
        redactions = list(document.redactions.order_by("page", "id"))
        if not document.files.filter(kind=FileKind.PAGE_IMAGE).exists():
            render_page_images(document)  # the render task has not run (yet): do it now
        pages = []
        for image in document.files.filter(kind=FileKind.PAGE_IMAGE).order_by("page_number"):
            width, height = page_size(document, image.page_number)
            boxes = [
                {
                    "redaction": r,
                    "rects": [
                        {
                            "left": 100 * x0 / width,
                            "top": 100 * y0 / height,
                            "width": 100 * (x1 - x0) / width,
                            "height": 100 * (y1 - y0) / height,
                        }
                        for x0, y0, x1, y1 in r.rects
                    ],
                }
                for r in redactions
                if r.page == image.page_number
            ]
            pages.append({"image": image, "boxes": boxes, "width": width, "height": height})
        context.update(
            pages=pages,
            redactions=redactions,
            anonymised=workflow.latest_anonymised(document),
        )
        return context

    def post(self, request, pk):
        document = get_object_or_404(Document, pk=pk)
        form = ReviewForm(request.POST, document=document)
        if not form.is_valid():
            messages.error(
                request, _("De beoordeling kon niet worden opgeslagen: %s") % form.errors
            )
            return redirect("documents:review", pk=pk)
        data = form.cleaned_data
        workflow.decide_redactions(document, request.user, data["accepted"], data["rejected"])
        for page, rect in data["boxes"]:
            workflow.add_manual_box(document, request.user, page, rect)
        if data["neutral_term"] and data["neutral_term"] != document.public_sender_term:
            document.public_sender_term = data["neutral_term"]
            document.save(update_fields=["public_sender_term"])
            document.record("neutral_term_changed", request.user, data["neutral_term"])
        action = request.POST.get("action")
        try:
            if action == "rerun":
                workflow.queue_anonymisation(document, request.user)
                messages.success(request, _("De anonimisering wordt opnieuw uitgevoerd."))
                return redirect(document)
            if action == "approve":
                workflow.approve(document, request.user)
                messages.success(request, _("De geanonimiseerde versie is goedgekeurd."))
                return redirect(document)
        except (workflow.NotApprovable, InvalidTransition) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Beoordeling opgeslagen."))
        return redirect("documents:review", pk=pk)


class AnonymisedPageView(GriffieRequiredMixin, View):
    """A page of the latest anonymised version, as the public would see it."""

    def get(self, request, pk, page):
        document = get_object_or_404(Document, pk=pk)
        output = workflow.latest_anonymised(document)
        if output is None:
            raise Http404
        doc = pymupdf.open(stream=output.read_bytes(), filetype="pdf")
        if not 0 <= page < doc.page_count:
            raise Http404
        png = doc[page].get_pixmap(dpi=PAGE_IMAGE_DPI).tobytes("png")
        response = HttpResponse(png, content_type="image/png")
        response["Cache-Control"] = "private, no-store"
        return response
