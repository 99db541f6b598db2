"""The griffie's intake and triage screens. Thin: the work happens in intake/pages/models."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView, UpdateView

from .access import GriffieRequiredMixin
from .forms import InboxFilterForm, RegistrationForm, UploadForm
from .intake import UploadRefused, check_size, receive_file
from .models import Document, DocumentFile, FileKind, Status
from .rules import default_public_sender_term


class InboxView(GriffieRequiredMixin, TemplateView):
    template_name = "documents/inbox.html"
    paginate_by = 25

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = InboxFilterForm(self.request.GET or None)
        documents = form.filter(Document.objects.all())
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
                    _("%(name)s: %(reason)s Het bestand is bewaard als %(number)s met status 'mislukt'.")
                    % {"name": result.filename, "reason": result.problem,
                       "number": result.document.registration_number},
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
        messages.success(self.request, _("Registratie van %s opgeslagen.") % document.registration_number)
        return redirect(document)


class DetailDocumentView(GriffieRequiredMixin, DetailView):
    model = Document
    template_name = "documents/detail.html"
    context_object_name = "document"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = self.object
        context.update(
            files=document.files.exclude(kind=FileKind.PAGE_IMAGE),
            page_images=document.files.filter(kind=FileKind.PAGE_IMAGE).order_by("page_number"),
            events=document.events.select_related("actor"),
        )
        return context


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
