"""Filters for the access log (django-filter); the CSV export uses the same filters."""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from griffie.filters import StyledFilterSet, period

from .models import AccessLog, AccessResult


class AccessLogFilter(StyledFilterSet):
    code = django_filters.CharFilter(
        label=_("Watermerkcode"), max_length=20, method="keep", help_text=_("zoekt de ontvanger")
    )
    actor = django_filters.CharFilter(
        label=_("Gebruikersnaam"), field_name="actor_name", lookup_expr="iexact", max_length=150
    )
    action = django_filters.CharFilter(label=_("Actie"), lookup_expr="iexact", max_length=30)
    result = django_filters.ChoiceFilter(
        label=_("Resultaat"), choices=AccessResult.choices, empty_label=_("alle")
    )
    van, tot = period("created_at__date")

    class Meta:
        model = AccessLog
        fields = ()

    def keep(self, queryset: QuerySet[AccessLog], name: str, value: str) -> QuerySet[AccessLog]:
        """The watermark code looks up who received a copy; it does not narrow the log."""
        return queryset
