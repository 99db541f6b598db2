"""The councillors read the meeting: meetings, the reader, notes, search and
e-mail preferences. Thin: what a member may read is asked of ``reading`` (which asks the
existing rules), every read of vertrouwelijk and geheim text is logged as before."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from meetings.models import Meeting
from people.roles import acting_user

from . import access, notifications, reading, service
from .forms import NoteForm, NotificationPreferenceForm, SearchForm
from .models import ReadingNote
from .views import SecondFactorRequiredMixin, harden
from .watermark import NotWatermarkable


class MeetingListView(SecondFactorRequiredMixin, TemplateView):
    template_name = "confidentiality/members/meeting_list.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        user = self.request.user
        has_bodies = access.active_bodies(user).exists()
        all_bodies = self.request.GET.get("alle") == "1" or not has_bodies
        return super().get_context_data(
            meetings=reading.member_meetings(user, all_bodies=all_bodies),
            all_bodies=all_bodies,
            has_bodies=has_bodies,
            **kwargs,
        )


class MeetingView(SecondFactorRequiredMixin, TemplateView):
    template_name = "confidentiality/members/meeting.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        meeting = get_object_or_404(
            Meeting.objects.public().select_related("body"), pk=kwargs["pk"]
        )
        user = self.request.user
        agenda = reading.member_meeting(user, meeting)
        if any(r.is_confidential for r in agenda.loose) or any(
            r.is_confidential for row in agenda.rows for r in row.readables
        ):
            service.log_access(
                self.request, "meeting_view", object_type="meeting", object_id=str(meeting.pk)
            )
        exclusion = access.active_exclusion(user)
        return super().get_context_data(
            meeting=meeting,
            agenda=agenda,
            exclusion_message=access.exclusion_message(exclusion) if exclusion else "",
            **kwargs,
        )


def _readable_or_404(request: HttpRequest, kind: str, uuid: UUID, action: str) -> reading.Readable:
    """The document if the member may read it by this path; vertrouwelijk and geheim reads
    (and refusals) are logged with the same opaque references as the other views."""
    target_type = reading.URL_KINDS.get(kind)
    if target_type is None:
        raise Http404
    readable, decision = reading.find_readable(request.user, target_type, uuid)
    if target_type in (reading.ReadingTarget.DOCUMENT, reading.ReadingTarget.SECRET_ITEM):
        object_type = (
            "secret_item" if target_type == reading.ReadingTarget.SECRET_ITEM else "document"
        )
        service.log_access(
            request, action, object_type=object_type, object_id=str(uuid), decision=decision
        )
    if readable is None or not readable.has_file:
        raise Http404
    return readable


class ReaderView(SecondFactorRequiredMixin, TemplateView):
    """Read in the browser, page by page, with the member's watermark in every page image,
    and keep private notes beside each page."""

    template_name = "confidentiality/members/reader.html"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        if request.user.is_authenticated and access.is_second_factor_verified(request.user):
            self.readable = _readable_or_404(
                request,
                kwargs["kind"],
                kwargs["uuid"],
                "read" if request.method == "GET" else "note",
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        readable = self.readable
        try:
            pages = reading.page_count(readable)
        except NotWatermarkable:
            pages = 0
        issue = reading.reading_issue(self.request, readable)
        notes = list(reading.notes_for(self.request.user, readable))
        page_rows = [
            {
                "number": number,
                "notes": [n for n in notes if n.page == number],
                "form": NoteForm(initial={"page": number}, prefix=f"p{number}"),
            }
            for number in range(1, pages + 1)
        ]
        exclusion = access.active_exclusion(self.request.user)
        kwargs.setdefault("note_form", NoteForm(prefix="doc"))
        return super().get_context_data(
            readable=readable,
            pages=page_rows,
            page_total=pages,
            code=issue.code if issue else "",
            document_notes=[n for n in notes if n.page is None],
            secret_decision=getattr(readable.obj, "decision", None),
            exclusion_message=access.exclusion_message(exclusion) if exclusion else "",
            **kwargs,
        )

    def post(self, request: HttpRequest, kind: str, uuid: UUID) -> HttpResponse:
        prefix = request.POST.get("prefix", "doc")
        if prefix != "doc" and not (prefix.startswith("p") and prefix[1:].isdigit()):
            prefix = "doc"
        form = NoteForm(request.POST, prefix=prefix)
        if not form.is_valid():
            if prefix == "doc":
                return self.render_to_response(self.get_context_data(note_form=form))
            messages.error(request, _("De notitie is niet bewaard: schrijf eerst iets op."))
            return redirect(self.readable.read_url + f"#pagina-{prefix[1:]}")
        page = form.cleaned_data.get("page")
        reading.add_note(acting_user(request), self.readable, form.cleaned_data["text"], page)
        messages.success(request, _("Uw notitie is bewaard. Alleen u ziet haar."))
        anchor = f"#pagina-{page}" if page else "#notities"
        return redirect(self.readable.read_url + anchor)


class PageImageView(SecondFactorRequiredMixin, View):
    """One page as an image, rendered on the server with the member's watermark; served
    private and not stored, through the same access check as the reader."""

    def get(self, request: HttpRequest, kind: str, uuid: UUID, page: int) -> HttpResponse:
        readable = _readable_or_404(request, kind, uuid, "read_page")
        issue = reading.reading_issue(request, readable, request.GET.get("wm", ""))
        try:
            png = reading.page_png(request, readable, page - 1, issue)
        except (IndexError, NotWatermarkable):
            raise Http404 from None
        response = HttpResponse(png, content_type="image/png")
        response["Content-Disposition"] = f'inline; filename="pagina-{page}.png"'
        response["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'"
        return harden(response)


class NoteDeleteView(SecondFactorRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        note = get_object_or_404(ReadingNote.objects.of(request.user), pk=pk)
        readable, _decision = reading.find_readable(
            request.user, note.target_type, note.target_uuid
        )
        note.delete()
        messages.success(request, _("De notitie is verwijderd."))
        if readable is None:
            return redirect("confidentiality:search")
        return redirect(readable.read_url + "#notities")


class SearchView(SecondFactorRequiredMixin, TemplateView):
    template_name = "confidentiality/members/search.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        form = SearchForm(self.request.GET or None)
        hits = None
        if form.is_valid():
            hits = reading.search(self.request.user, form.cleaned_data["q"])
            if any(hit.level != access.Level.PUBLIC for hit in hits):
                service.log_access(self.request, "search")  # never the query itself
        return super().get_context_data(form=form, hits=hits, **kwargs)


class PreferencesView(SecondFactorRequiredMixin, FormView):
    template_name = "confidentiality/members/preferences.html"
    form_class = NotificationPreferenceForm

    def get_initial(self) -> dict[str, Any]:
        return {"frequency": notifications.frequency_of(acting_user(self.request))}

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        return super().get_context_data(email=acting_user(self.request).email, **kwargs)

    def form_valid(self, form: NotificationPreferenceForm) -> HttpResponse:
        notifications.set_frequency(acting_user(self.request), form.cleaned_data["frequency"])
        messages.success(self.request, _("Uw keuze voor e-mail is bewaard."))
        return redirect("confidentiality:preferences")
