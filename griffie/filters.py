"""Shared pieces of the django-filter FilterSets in the apps."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

DATE_INPUT = forms.DateInput(attrs={"type": "date"})
FROM = _("Vanaf")


def period(field: str, label_from=FROM) -> tuple:
    """Two date filters, from and until (inclusive), for ``van, tot = period(...)``."""
    return (
        django_filters.DateFilter(
            label=label_from, field_name=field, lookup_expr="gte", widget=DATE_INPUT
        ),
        django_filters.DateFilter(
            label=_("tot en met"), field_name=field, lookup_expr="lte", widget=DATE_INPUT
        ),
    )
