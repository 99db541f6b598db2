"""Filters for the public lists and the griffie's publication queues (django-filter). They
only narrow querysets that :mod:`publication.public` already made public."""

from typing import Any

import django_filters
from django import forms
from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.forms.renderers import BaseRenderer
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from documents.models import Category, Document
from griffie.filters import StyledFilterSet, period
from meetings.models import Meeting

from .cache import site_version
from .models import InspectionRequest, RemovalRequest, RequestStatus

RECEIVED_FROM = _("Ontvangen vanaf")


class IncomingFilter(StyledFilterSet):
    """De lijst ingekomen stukken, per periode."""

    van, tot = period("received_on", RECEIVED_FROM)

    class Meta:
        model = Document
        fields = ()


class QuickSelect(forms.Select):
    """A select written out in Python. The search form lists every public meeting (some 200
    a year, thousands in a twenty-year archive), and Django's form renderer runs a template
    per option, which cost more than the whole search; building an option dict per meeting
    and formatting it with ``format_html`` still cost more than the search without hits.
    (Even the dozen kinds of document took 1–2 ms through the templates.) The options are
    written once per process for the same choices and language, and the chosen one marked
    in that text. ``given_choices`` are shown instead of ``choices`` as they are: setting
    ``choices`` normalises every one of them again (some 200 meetings a year)."""

    given_choices: list[tuple[Any, str]] | None = None

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: BaseRenderer | None = None,
    ) -> SafeString:
        choices = self.choices if self.given_choices is None else self.given_choices
        options = _options(tuple((str(key), str(label)) for key, label in choices))
        for chosen in set(self.format_value(value)):
            mark = f'<option value="{escape(chosen)}"'  # labels are escaped: no "<" in them
            options = options.replace(f"{mark}>", f"{mark} selected>")
        select_attrs = flatatt({**self.build_attrs(self.attrs, attrs), "name": name})
        return mark_safe(f"<select{select_attrs}>{options}</select>")  # escaped above


_written_options: dict[tuple, str] = {}


def _options(choices: tuple[tuple[str, str], ...]) -> str:
    """The ``<option>``s of ``choices``, none selected; kept per process (a few lists: the
    kinds per language, the meetings per site version and language)."""
    written = _written_options.get(choices)
    if written is None:
        if len(_written_options) >= 64:
            _written_options.clear()
        written = "".join(
            f'<option value="{escape(key)}">{escape(label)}</option>' for key, label in choices
        )
        _written_options[choices] = written
    return written


def public_meeting_choices() -> list[tuple[int, str]]:
    """``(pk, label)`` of every public meeting, newest first, as the search form offers them.
    Worked out once per public-site version (a meeting's change bumps it) and language and
    kept in the cache: making a model instance and a formatted date per meeting, some 200 a
    year, cost more than the search itself."""
    key = f"public-meeting-choices:{site_version()}:{get_language()}"
    choices = cache.get(key)
    if choices is None:
        meetings = Meeting.objects.public().only("pk", "title", "starts_at")
        choices = [(meeting.pk, str(meeting)) for meeting in meetings.order_by("-starts_at")]
        cache.set(key, choices, 24 * 3600)
    return choices


class PublicSearchFilter(IncomingFilter):
    """Narrowing a public search: kind of document, period and meeting."""

    soort = django_filters.ChoiceFilter(
        label=_("Soort stuk"),
        field_name="category",
        choices=Category.choices,
        empty_label=_("alle"),
        widget=QuickSelect,
    )
    vergadering = django_filters.ModelChoiceFilter(
        label=_("Vergadering"),
        field_name="meeting",
        queryset=lambda request: Meeting.objects.public().order_by("-starts_at"),
        empty_label=_("alle"),
        widget=QuickSelect,
    )

    class Meta:
        model = Document
        fields = ()

    @property
    def form(self) -> forms.Form:
        if not hasattr(self, "_form"):
            # The field's queryset still checks a chosen meeting; the options shown come
            # from the cache.
            meeting = super().form.fields["vergadering"]
            assert isinstance(meeting, forms.ModelChoiceField)  # declared above
            widget = meeting.widget
            assert isinstance(widget, QuickSelect)  # declared above
            widget.given_choices = [("", str(meeting.empty_label)), *public_meeting_choices()]
        return self._form


class RemovalRequestFilter(StyledFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=RequestStatus.choices, empty_label=_("alle")
    )

    class Meta:
        model = RemovalRequest
        fields = ()


class InspectionFilter(StyledFilterSet):
    q = django_filters.CharFilter(label=_("Verzoeker of verzoek"), method="search")
    van, tot = period("received_at__date", RECEIVED_FROM)

    class Meta:
        model = InspectionRequest
        fields = ()

    def search(
        self, queryset: QuerySet[InspectionRequest], name: str, value: str
    ) -> QuerySet[InspectionRequest]:
        return queryset.filter(Q(requester__icontains=value) | Q(description__icontains=value))
