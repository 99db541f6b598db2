"""Filters for the griffie's lists (django-filter)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from griffie.filters import StyledFilterSet, period

from .models import Category, Document, DocumentQuerySet, SenderType, shown_status_choices


class InboxFilter(StyledFilterSet):
    """The postkamer: search, status, category, sender type, period and sort order."""

    q = django_filters.CharFilter(label=_("Zoeken"), method="search")
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=shown_status_choices,
        empty_label=_("alle"),
        method="shown_status",
    )
    category = django_filters.ChoiceFilter(
        label=_("Categorie"), choices=Category.choices, empty_label=_("alle")
    )
    sender_type = django_filters.ChoiceFilter(
        label=_("Afzender"), choices=SenderType.choices, empty_label=_("alle")
    )
    received_from, received_until = period("received_on", _("Ontvangen vanaf"))
    sort = django_filters.ChoiceFilter(
        label=_("Sorteren"),
        method="sort_by",
        empty_label=None,
        choices=[
            ("-received", _("nieuwste eerst")),
            ("received", _("oudste eerst")),
            ("-number", _("registratienummer aflopend")),
            ("number", _("registratienummer oplopend")),
            ("subject", _("onderwerp")),
            ("status", _("status")),
        ],
    )
    # Each order ends in a unique tie-break, so pages never overlap.
    ORDER = {
        "-received": ("-received_on", "-registration_year", "-registration_sequence"),
        "received": ("received_on", "registration_year", "registration_sequence"),
        "-number": ("-registration_year", "-registration_sequence"),
        "number": ("registration_year", "registration_sequence"),
        "subject": ("subject", "pk"),
        "status": ("status", "-received_on", "pk"),
    }

    class Meta:
        model = Document
        fields = ()

    @classmethod
    def default_order(cls, queryset: DocumentQuerySet) -> DocumentQuerySet:
        return queryset.order_by(*cls.ORDER["-received"])

    def search(self, queryset: DocumentQuerySet, name: str, value: str) -> DocumentQuerySet:
        return queryset.filter(
            Q(subject__icontains=value)
            | Q(sender_name__icontains=value)
            | Q(description__icontains=value)
        )

    def shown_status(self, queryset: DocumentQuerySet, name: str, value: str) -> DocumentQuerySet:
        return queryset.with_shown_status(value)

    def sort_by(self, queryset: DocumentQuerySet, name: str, value: str) -> DocumentQuerySet:
        return queryset.order_by(*self.ORDER[value])
