"""Filters for the public lists and the griffie's publication queues (django-filter). They
only narrow querysets that :mod:`publication.public` already made public."""

import django_filters
from django.db.models import Q
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

    def search(self, queryset, name, value):
        return queryset.filter(Q(requester__icontains=value) | Q(description__icontains=value))
