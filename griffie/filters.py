"""Shared pieces of the django-filter FilterSets in the apps."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import django_filters
from django import forms
from django.forms.renderers import BaseRenderer
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _


class QuickDateInput(forms.DateInput):
    """A date input written out in Python, as Django's ``django/forms/widgets/input.html``
    writes it (``test_the_quick_date_input_says_what_djangos_says``). The filter bars of the
    public lists and the search show two on every page, and each was a template with an
    included template: more than the rest of the page's form."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: BaseRenderer | None = None,
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        x = conditional_escape
        parts = [f'<input type="{x(widget["type"])}" name="{x(widget["name"])}"']
        value = widget["value"]
        if value is not None:
            parts.append(f' value="{x(f"{value!s}")}"')  # stringformat:'s' gives a plain str
        for key, item in widget["attrs"].items():
            if item is True:
                parts.append(f" {x(key)}")
            elif item is not False:
                parts.append(f' {x(key)}="{x(f"{item!s}")}"')
        return mark_safe("".join(parts) + ">")  # every value escaped above


DATE_INPUT = QuickDateInput(attrs={"type": "date"})
if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

FROM = _("Vanaf")


SELECT_CLASSES = "utrecht-select utrecht-select--html-select"
TEXTBOX_CLASSES = "utrecht-textbox utrecht-textbox--html-input"


def nl_design_classes(form: forms.Form) -> forms.Form:
    """Give every field of ``form`` the NL Design System class of its kind (select or
    textbox), so filter bars look like the forms beside them."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.Select):
            css = SELECT_CLASSES
        elif isinstance(widget, forms.widgets.Input) and widget.input_type not in (
            "checkbox",
            "radio",
        ):
            css = TEXTBOX_CLASSES
        else:
            continue
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
    return form


class StyledFilterSet(django_filters.FilterSet):
    """A FilterSet whose form carries the NL Design System classes (see
    :func:`nl_design_classes`)."""

    @property
    def form(self) -> forms.Form:
        if not hasattr(self, "_form"):
            nl_design_classes(super().form)
        return self._form


def period(
    field: str, label_from: StrOrPromise = FROM
) -> tuple[django_filters.DateFilter, django_filters.DateFilter]:
    """Two date filters, from and until (inclusive), for ``van, tot = period(...)``."""
    return (
        django_filters.DateFilter(
            label=label_from, field_name=field, lookup_expr="gte", widget=DATE_INPUT
        ),
        django_filters.DateFilter(
            label=_("tot en met"), field_name=field, lookup_expr="lte", widget=DATE_INPUT
        ),
    )
