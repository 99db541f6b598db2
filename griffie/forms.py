"""Form helpers shared by every app."""

from __future__ import annotations

from typing import Any, TypeVar

from django import forms
from django.db.models import QuerySet

FieldT = TypeVar("FieldT", bound=forms.Field)


def model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    """The form's own copy of the model choice field ``name``, typed as one (``form.fields``
    holds plain ``Field``s), so its queryset and labels can be set per form."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{type(form).__name__}.{name} is not a model choice field")
    return field


def typed_field(form: forms.BaseForm, name: str, kind: type[FieldT]) -> FieldT:
    """The form's own copy of the field ``name``, checked to be a ``kind``."""
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"{type(form).__name__}.{name} is not a {kind.__name__}")
    return field


def field_queryset(field: forms.ModelChoiceField[Any]) -> QuerySet[Any]:
    """The queryset of a model choice field (declared with one, so never None)."""
    if field.queryset is None:
        raise TypeError("a model choice field without a queryset")
    return field.queryset
