"""Breadcrumbs (NL Design System breadcrumb-nav) for the public site."""

from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

register = template.Library()


@register.inclusion_tag("partials/breadcrumbs.html")
def breadcrumbs(*trail: object) -> dict[str, Any]:
    """``{% breadcrumbs "Vergaderingen" meetings_url meeting.title %}``: label, url pairs after
    the home page; the last label, without a url, is the current page."""
    crumbs: list[tuple[str, object]] = [(_("Home"), reverse("publication:home"))]
    items = list(trail)
    while len(items) >= 2:
        label, url = items.pop(0), items.pop(0)
        crumbs.append((str(label), url))
    current = str(items[0]) if items else None
    return {"crumbs": crumbs, "current": current}
