"""Filters for the public lists and the griffie's publication queues (django-filter). They
only narrow querysets that :mod:`publication.public` already made public."""

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.forms.renderers import BaseRenderer
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from documents.models import Category, Document
from griffie.filters import StyledFilterSet, period
from meetings.models import Meeting

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
    per option, which cost more than the whole search."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: BaseRenderer | None = None,
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        options = [option for _group, group, _index in widget["optgroups"] for option in group]
        return format_html(
            "<select{}>{}</select>",
            flatatt({**widget["attrs"], "name": widget["name"]}),
            format_html_join(
                "",
                "<option{}>{}</option>",
                ((flatatt({"value": str(o["value"]), **o["attrs"]}), o["label"]) for o in options),
            ),
        )


class PublicSearchFilter(IncomingFilter):
    """Narrowing a public search: kind of document, period and meeting."""

    soort = django_filters.ChoiceFilter(
        label=_("Soort stuk"),
        field_name="category",
        choices=Category.choices,
        empty_label=_("alle"),
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
