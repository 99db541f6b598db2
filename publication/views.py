"""The public raadsinformatie site and the griffie's publication screens. Thin: what is
public is decided in :mod:`publication.public`, what happens in :mod:`publication.service`."""

import calendar
import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import IO, Any
from uuid import UUID

from django.contrib import messages
from django.db import connection
from django.db.models import QuerySet
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseNotModified,
)
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from django.views.generic.edit import FormMixin
from django_filters import FilterSet
from django_filters.views import FilterView

from documents.models import Category, Document
from griffie.http import private
from meetings.models import AgendaItem, Meeting
from people.models import Fractie
from people.permissions import GriffieRequiredMixin
from people.roles import acting_user

from . import public
from .cache import FILE_CACHE_CONTROL
from .filters import IncomingFilter, InspectionFilter, PublicSearchFilter, RemovalRequestFilter
from .forms import (
    DecisionForm,
    InspectionRequestForm,
    RemovalDecisionForm,
    RemovalRequestForm,
    WithdrawForm,
)
from .models import (
    VOTED_KINDS,
    InspectionRequest,
    MeetingDocument,
    MeetingDocumentKind,
    RemovalRequest,
    RequestStatus,
)
from .paging import CappedPaginator, onward_date, remembered
from .search import tidy_snippet, with_snippets
from .service import (
    PublicationRefused,
    decide_removal_request,
    document_from_location,
    publish_document,
    send_inspection,
    withdraw_document,
)


class PublicMixin:
    """Public pages. What browsers and shared caches may keep is decided in one place,
    :class:`publication.cache.CachePolicyMiddleware` (revalidate; at most a minute)."""


class HomeView(PublicMixin, TemplateView):
    template_name = "publication/home.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        return super().get_context_data(
            upcoming=list(public.public_meetings().upcoming()[:5]),
            latest=list(public.public_documents()[:10]),
            **kwargs,
        )


class MeetingListView(PublicMixin, TemplateView):
    template_name = "publication/meeting_list.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        today = timezone.localdate()
        try:
            year, month = (int(part) for part in self.request.GET.get("maand", "").split("-"))
            first = datetime.date(year, month, 1)
            if not 2000 <= year <= 2100:
                raise ValueError(year)
        except ValueError:
            first = today.replace(day=1)
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        meetings = list(
            public.public_meetings()
            .filter(starts_at__date__gte=first, starts_at__date__lte=last)
            .order_by("starts_at")
        )
        per_day = defaultdict(list)
        for meeting in meetings:
            per_day[timezone.localtime(meeting.starts_at).date()].append(meeting)
        weeks = [
            [(day, per_day.get(day, [])) for day in week]
            for week in calendar.Calendar(firstweekday=0).monthdatescalendar(
                first.year, first.month
            )
        ]
        previous = (first - datetime.timedelta(days=1)).replace(day=1)
        following = last + datetime.timedelta(days=1)
        return super().get_context_data(
            month=first,
            weeks=weeks,
            meetings=meetings,
            previous=f"{previous:%Y-%m}",
            following=f"{following:%Y-%m}",
            upcoming=list(public.public_meetings().upcoming()[:10]),
            **kwargs,
        )


@dataclass
class AgendaEntry:
    """One agenda item on the public meeting page, with its documents by kind."""

    item: AgendaItem
    number: str
    proposals: list = field(default_factory=list)  # raadsvoorstel and bijlagen
    decisions: list = field(default_factory=list)  # besluit
    motions: list = field(default_factory=list)  # amendementen and moties, with outcome
    other: list = field(default_factory=list)  # agenda, verslag, ...
    incoming: list = field(default_factory=list)  # ingekomen stukken (documents)

    @property
    def has_documents(self) -> bool:
        return any((self.proposals, self.decisions, self.motions, self.other, self.incoming))


PROPOSAL_KINDS = {MeetingDocumentKind.RAADSVOORSTEL, MeetingDocumentKind.BIJLAGE}


def agenda_entries(
    items: Iterable[AgendaItem],
    meeting_docs: Iterable[MeetingDocument],
    documents: Iterable[Document],
) -> list[AgendaEntry]:
    entries: dict[int | None, AgendaEntry] = {
        item.pk: AgendaEntry(item=item, number=item.number.strip().rstrip(".")) for item in items
    }
    for md in meeting_docs:
        entry = entries.get(md.agenda_item_id)
        if entry is None:
            continue
        if md.kind in PROPOSAL_KINDS:
            entry.proposals.append(md)
        elif md.kind == MeetingDocumentKind.BESLUIT:
            entry.decisions.append(md)
        elif md.kind in VOTED_KINDS:
            entry.motions.append(md)
        else:
            entry.other.append(md)
    for document in documents:
        entry = entries.get(document.agenda_item_id)
        if entry is not None and document.category != Category.SPEAKER:
            entry.incoming.append(document)
    for entry in entries.values():
        entry.motions.sort(key=lambda md: (md.kind != MeetingDocumentKind.AMENDEMENT, md.title))
    return list(entries.values())


class MeetingDetailView(PublicMixin, TemplateView):
    template_name = "publication/meeting_detail.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        meeting = get_object_or_404(public.public_meetings(), pk=self.kwargs["pk"])
        context: dict[str, Any] = {"meeting": meeting}
        if not public.meeting_is_open(meeting):
            # Minutes whose secrecy the raad lifted and the griffie then published.
            context["lifted_documents"] = list(public.public_documents().filter(meeting=meeting))
            context["lifted_meeting_documents"] = list(
                public.public_meeting_documents().filter(meeting=meeting)
            )
        else:
            documents = list(public.public_documents().filter(meeting=meeting))
            meeting_docs = list(public.public_meeting_documents().filter(meeting=meeting))
            votes = public.public_votes(meeting_docs)
            for md in meeting_docs:
                md.public_vote = votes.get(md.pk)
            context.update(
                attendance=public.public_attendance(meeting),
                items=agenda_entries(
                    list(public.public_agenda_items(meeting)), meeting_docs, documents
                ),
                loose_documents=[
                    d
                    for d in documents
                    if d.agenda_item_id is None and d.category != Category.SPEAKER
                ],
                besluitenlijst=[
                    md for md in meeting_docs if md.kind == MeetingDocumentKind.BESLUITENLIJST
                ],
                general_documents=[
                    md
                    for md in meeting_docs
                    if md.agenda_item_id is None and md.kind != MeetingDocumentKind.BESLUITENLIJST
                ],
                speakers=[d for d in documents if d.category == Category.SPEAKER],
            )
        return super().get_context_data(**context, **kwargs)


class CappedListMixin:
    """A public list that shows at most ``CappedPaginator.cap`` documents and, when there are
    more, a link onward: the same list with ``tot`` set to the last day shown."""

    paginator_class = CappedPaginator
    request: HttpRequest  # set by the view it is mixed into

    @cached_property
    def list_key(self) -> str:
        """The list and its filters, without the page: what its count and the way onward
        are kept under (see :func:`publication.paging.remembered`)."""
        query = self.request.GET.copy()
        query.pop("page", None)
        return f"{self.request.path}?{query.urlencode()}"

    def get_paginator(self, *args, **kwargs) -> CappedPaginator:
        # Mixed into a ListView, whose get_paginator takes the paginator class's arguments.
        return super().get_paginator(*args, list_key=self.list_key, **kwargs)  # type: ignore[misc]

    def onward_context(self, context: dict[str, Any]) -> dict:
        paginator = context.get("paginator")
        if paginator is None or not paginator.more:
            return {}
        filterset = context["filter"]
        current = filterset.form.cleaned_data.get("tot") if filterset.is_valid() else None
        day = remembered(
            f"onward:{paginator.cap}:{self.list_key}",
            lambda: onward_date(
                paginator.object_list, order=public.LIST_ORDER, current=current, cap=paginator.cap
            ),
        )
        query = self.request.GET.copy()
        query.pop("page", None)
        query["tot"] = day.isoformat()
        return {
            "more": True,
            "cap": number_format(paginator.cap, force_grouping=True),
            "onward": day,
            "onward_query": query.urlencode(),
        }


class IncomingListView(CappedListMixin, PublicMixin, FilterView):
    """De lijst ingekomen stukken, per periode (or per meeting)."""

    template_name = "publication/incoming_list.html"
    filterset_class = IncomingFilter
    paginate_by = 50
    context_object_name = "documents"

    def get_queryset(self) -> QuerySet[Document, dict[str, Any]]:
        self.meeting: Meeting | None = None
        documents = public.public_documents()
        if "pk" in self.kwargs:
            self.meeting = get_object_or_404(public.public_meetings(), pk=self.kwargs["pk"])
            documents = documents.filter(meeting=self.meeting)
        return documents.values(*public.ROW_COLUMNS)  # the rows as {% document_rows %} reads them

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(meeting=self.meeting, **kwargs)
        return {**context, **self.onward_context(context)}


class DocumentDetailView(PublicMixin, TemplateView):
    template_name = "publication/document_detail.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        document = public.public_documents().filter(uuid=self.kwargs["uuid"]).first()
        if document is None:
            raise Http404
        meeting = (
            public.public_meetings().filter(pk=document.meeting_id).first()
            if document.meeting_id
            else None
        )
        return super().get_context_data(document=document, meeting=meeting, **kwargs)


def _serve_file(
    request: HttpRequest,
    *,
    name: str,
    sha256: str,
    modified: datetime.datetime | None,
    open_file: Callable[[], IO[bytes]],
) -> HttpResponseBase:
    etag = quote_etag(sha256)
    last_modified = http_date(modified.timestamp()) if modified else None
    response: HttpResponseBase
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    else:
        response = FileResponse(open_file(), content_type="application/pdf", filename=name)
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = last_modified
    # Always revalidated: after a withdrawal the next request gets a 404, never a stale copy.
    response["Cache-Control"] = FILE_CACHE_CONTROL
    response["X-Content-Type-Options"] = "nosniff"
    return response


class DocumentFileView(View):
    """The published file of a document: only the file its publication decision allows."""

    def get(self, request: HttpRequest, uuid: UUID) -> HttpResponseBase:
        found = public.public_file(uuid)
        if found is None:
            raise Http404
        document, record = found
        return _serve_file(
            request,
            name=f"{document.registration_number}.pdf",
            sha256=record.sha256,
            modified=document.publication.decided_at,
            open_file=lambda: record.file.open("rb"),
        )


class MeetingDocumentFileView(View):
    """The engine's output of a published meeting document; the upload is never served."""

    def get(self, request: HttpRequest, uuid: UUID) -> HttpResponseBase:
        md = public.public_meeting_documents().filter(uuid=uuid).first()
        if md is None:
            raise Http404
        return _serve_file(
            request,
            name=f"{md.title}.pdf"[:150],
            sha256=md.sha256,
            modified=md.published_at,
            open_file=lambda: md.public_file.open("rb"),
        )


class PeopleView(PublicMixin, TemplateView):
    template_name = "publication/people.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        people = list(public.public_people())
        return super().get_context_data(
            office_holders=[(p, p.public_contact()) for p in people if p.is_office_holder],
            civil_servants=[(p, p.public_contact()) for p in people if not p.is_office_holder],
            fracties=Fractie.objects.all(),
            **kwargs,
        )


class ActivitiesView(PublicMixin, TemplateView):
    template_name = "publication/activities.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        activities = public.public_activities().filter(date__gte=timezone.localdate())
        return super().get_context_data(
            activities=[(a, a.public_contact()) for a in activities], **kwargs
        )


class SearchView(CappedListMixin, PublicMixin, FilterView):
    """Search in published documents (the public rule decides what is searchable), narrowed
    by kind, period and meeting, the best of the newest hits first; each hit with a
    snippet."""

    template_name = "publication/search.html"
    filterset_class = PublicSearchFilter
    paginate_by = 25
    context_object_name = "documents"

    def get_queryset(self) -> QuerySet[Document]:
        self.q = self.request.GET.get("q", "").strip()[:200]
        return public.search_public_documents(self.q, vendor=connection.vendor)

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        # Ranked after the filters narrowed the hits, so a period reaches older ones.
        hits = kwargs.pop("object_list", self.object_list)
        if self.q:
            ranked = public.rank_hits(
                hits, self.q, vendor=connection.vendor, limit=self.paginator_class.cap
            )
            snippets = with_snippets(ranked, self.q, vendor=connection.vendor)
            hits = snippets.values(*public.SEARCH_COLUMNS, "snippet")  # plain rows
        context = super().get_context_data(q=self.q, object_list=hits, **kwargs)
        windowed = connection.vendor != "postgresql"
        paginator = context.get("paginator")
        # Without hits the page's rows are never read: asking would compile the ranking.
        for row in context["documents"] if paginator and paginator.count else []:
            row["snippet"] = tidy_snippet(row.get("snippet", ""), windowed=windowed)
        return {**context, **self.onward_context(context)}


class AccessibilityView(PublicMixin, TemplateView):
    template_name = "publication/accessibility.html"


class PrivacyView(FormView):
    template_name = "publication/privacy.html"
    form_class = RemovalRequestForm

    def form_valid(self, form: RemovalRequestForm) -> HttpResponse:
        form.save()
        messages.success(
            self.request,
            _("Uw verzoek is ontvangen. De griffie beoordeelt het en laat u het besluit weten."),
        )
        return redirect(reverse("publication:privacy") + "#verzoek")


def robots_txt(request: HttpRequest) -> HttpResponse:
    def sitemap(infocat: str) -> str:
        return request.build_absolute_uri(
            reverse("publication:diwoo-index", kwargs={"infocat": infocat})
        )

    lines = [
        "User-agent: *",
        "Disallow: /griffie/",
        "Disallow: /raadsleden/",
        "Disallow: /admin/",
        "Disallow: /inloggen/",
        "",
        f"Sitemap: {sitemap('006')}",
        f"Sitemap: {sitemap('008')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


# --- the griffie's screens ------------------------------------------------------------------
class PublishView(GriffieRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        document = get_object_or_404(Document, pk=pk)
        form = DecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Kies een besluit."))
            return redirect(document)
        try:
            publish_document(
                document,
                acting_user(request),
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
                public_fields_reason=form.cleaned_data["public_fields_reason"],
            )
        except PublicationRefused as exc:
            messages.error(request, _("Niet gepubliceerd: %s") % exc.reason)
        else:
            messages.success(request, _("%s is gepubliceerd.") % document.registration_number)
        return redirect(document)


class WithdrawView(GriffieRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        document = get_object_or_404(Document, pk=pk)
        form = WithdrawForm(request.POST)
        try:
            if not form.is_valid():
                raise PublicationRefused(_("Geef een reden voor het intrekken."))
            withdraw_document(document, acting_user(request), form.cleaned_data["reason"])
        except PublicationRefused as exc:
            messages.error(request, _("Niet ingetrokken: %s") % exc.reason)
        else:
            messages.success(request, _("%s is ingetrokken.") % document.registration_number)
        return redirect(document)


class RemovalQueueView(GriffieRequiredMixin, FilterView):
    template_name = "publication/griffie/removal_queue.html"
    filterset_class = RemovalRequestFilter
    context_object_name = "requests"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[RemovalRequest]:
        return RemovalRequest.objects.select_related("document", "decided_by").order_by(
            "-received_at", "-pk"
        )

    def get_filterset_kwargs(self, filterset_class: type[FilterSet]) -> dict[str, Any]:
        kwargs = super().get_filterset_kwargs(filterset_class)
        if "status" not in self.request.GET:  # the queue opens on what still needs a decision
            kwargs["data"] = {**self.request.GET.dict(), "status": RequestStatus.RECEIVED}
        return kwargs


class RemovalDecideView(GriffieRequiredMixin, FormView):
    template_name = "publication/griffie/removal_decide.html"
    form_class = RemovalDecisionForm

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        self.removal = get_object_or_404(RemovalRequest, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs) -> dict[str, Any]:

        return super().get_context_data(
            removal=self.removal,
            located=self.removal.document or document_from_location(self.removal.location),
            **kwargs,
        )

    def form_valid(self, form: RemovalDecisionForm) -> HttpResponse:
        try:
            decide_removal_request(
                self.removal,
                acting_user(self.request),
                granted=form.cleaned_data["decision"] == "granted",
                reason=form.cleaned_data["reason"],
                document=form.cleaned_data["registration_number"],
            )
        except PublicationRefused as exc:
            form.add_error(None, exc.reason)
            return self.form_invalid(form)
        messages.success(self.request, _("Besluit op het verzoek vastgelegd."))
        return redirect("publication:removal-queue")


class InspectionListView(GriffieRequiredMixin, FormMixin, FilterView):
    template_name = "publication/griffie/inspection.html"
    form_class = InspectionRequestForm
    filterset_class = InspectionFilter
    context_object_name = "requests"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[InspectionRequest]:
        return InspectionRequest.objects.prefetch_related("documents").order_by(
            "-received_at", "-pk"
        )

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        form = self.get_form()
        if form.is_valid():
            return self.form_valid(form)
        self.filterset = self.get_filterset(self.get_filterset_class())
        self.object_list = self.filterset.qs
        return self.form_invalid(form)

    def form_valid(self, form: InspectionRequestForm) -> HttpResponse:
        inspection = form.save(commit=False)
        inspection.registered_by = self.request.user
        inspection.save()
        inspection.documents.set(form.cleaned_data["registration_numbers"])
        messages.success(self.request, _("Inzageverzoek geregistreerd."))
        return redirect("publication:inspections")


class InspectionZipView(GriffieRequiredMixin, View):
    """Making the ZIP records ``sent_at``: a state change, so POST only (GET is 405)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        inspection = get_object_or_404(InspectionRequest, pk=pk)
        data = send_inspection(inspection)
        response = HttpResponse(data, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="inzage-{inspection.pk}.zip"'
        return private(response)
