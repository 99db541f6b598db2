"""Form helpers shared by every app."""

from __future__ import annotations

from typing import Any

from django import forms


def model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    """The form's own copy of the model choice field ``name``, typed as one (``form.fields``
    holds plain ``Field``s), so its queryset and labels can be set per form."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{type(form).__name__}.{name} is not a model choice field")
    return field
