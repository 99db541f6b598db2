"""Filters for the access log (django-filter); the CSV export uses the same filters."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AccessLog, AccessResult

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class AccessLogFilter(django_filters.FilterSet):
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
    van = django_filters.DateFilter(
        label=_("Vanaf"), field_name="created_at__date", lookup_expr="gte", widget=DATE_INPUT
    )
    tot = django_filters.DateFilter(
        label=_("tot en met"), field_name="created_at__date", lookup_expr="lte", widget=DATE_INPUT
    )

    class Meta:
        model = AccessLog
        fields = ()

    def keep(self, queryset, name, value):
        """The watermark code looks up who received a copy; it does not narrow the log."""
        return queryset
