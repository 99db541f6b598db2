"""The rows of the public lists of documents (``publication/_document_rows.html``), written
in Python. Fifty rows of seven cells ran the template engine about a thousand times per
page (a translated label per cell, a choice label and a date per row): most of the time of
an uncached list page. Here each label is translated, and each day formatted, once."""

import html
from collections.abc import Callable, Iterable
from typing import Any
from uuid import UUID

from django import template
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from documents.models import Document, Handling, registration_number
from publication.public import ROW_COLUMNS

from .public_urls import document_file_path, document_path

register = template.Library()


def as_row(document: Document | dict[str, Any]) -> dict[str, Any]:
    """A document as a row of :data:`publication.public.ROW_COLUMNS`: the lists read plain
    rows (``.values``), the home and meeting pages model instances."""
    if isinstance(document, dict):
        return document
    row = {name: getattr(document, name) for name in ROW_COLUMNS if "__" not in name}
    row["publication__published_file_id"] = document.publication.published_file_id
    return row


def around_uuid(path: Callable[[str], str]) -> tuple[str, str]:
    """What comes before and after the uuid in ``path(uuid)``, escaped (a uuid needs none)."""
    placeholder = "00000000-0000-0000-0000-000000000000"
    before, after = path(placeholder).split(placeholder)
    return html.escape(before), html.escape(after)


def checked_uuid(value: UUID | str) -> str:
    """The uuid as a link writes it; anything that is not one is refused (as ``path_to``)."""
    return str(value if isinstance(value, UUID) else UUID(str(value)))


@register.simple_tag
def document_rows(documents: Iterable[Document | dict[str, Any]]) -> SafeString:
    """``<tr>`` per public document (or one saying there are none): number (a link to its
    page), date received, the sender's public term, subject, the afdoening proposed and
    decided, and a link to the published file. Takes documents or rows of
    :data:`publication.public.ROW_COLUMNS`."""
    labels = {
        key: escape(_(text))
        for key, text in (
            ("number", "Nummer"),
            ("received", "Ontvangen"),
            ("sender", "Afzender"),
            ("subject", "Onderwerp"),
            ("proposal", "Afdoeningsvoorstel"),
            ("decision", "Besluit raad"),
            ("file", "Stuk"),
        )
    }
    handling = {value: escape(label) for value, label in Handling.choices}
    not_decided = f'<span class="muted">{escape(_("nog niet besloten"))}</span>'
    as_proposed = escape(_("conform voorstel"))
    no_file = f'<span class="muted">{escape(_("niet gepubliceerd"))}</span>'
    days: dict = {}
    rows = []
    # Per row only plain strings are escaped: html.escape, which is what Django's escape
    # does to a str, without its check for lazy text. The links' fixed parts once per call.
    x = html.escape
    page_path = around_uuid(document_path)
    file_path = around_uuid(document_file_path)
    for d in map(as_row, documents):
        day = d["received_on"]
        if day not in days:
            days[day] = escape(date_format(day)) if day else ""
        proposal, decision = d["handling_proposal"], d["handling_decision"]
        if not decision:
            decided = not_decided
        elif decision == proposal:
            decided = as_proposed
        else:
            decided = handling.get(decision) or escape(decision)
        uuid = checked_uuid(d["uuid"])
        number = registration_number(d["registration_year"], d["registration_sequence"])
        if d["publication__published_file_id"]:
            file = f'<a href="{file_path[0]}{uuid}{file_path[1]}">PDF</a>'
        else:
            file = no_file
        rows.append(
            "\n  <tr>\n"
            f'    <td data-label="{labels["number"]}">'
            f'<a href="{page_path[0]}{uuid}{page_path[1]}">{x(number)}</a></td>\n'
            f'    <td data-label="{labels["received"]}">{days[day]}</td>\n'
            f'    <td data-label="{labels["sender"]}">{x(str(d["public_sender_term"]))}</td>\n'
            f'    <td data-label="{labels["subject"]}">{x(str(d["subject"]))}</td>\n'
            f'    <td data-label="{labels["proposal"]}">'
            f"{(handling.get(proposal) or escape(proposal)) if proposal else '—'}</td>\n"
            f'    <td data-label="{labels["decision"]}">{decided}</td>\n'
            f'    <td data-label="{labels["file"]}">{file}</td>\n'
            "  </tr>"
        )
    if not rows:
        rows.append(f'\n  <tr><td colspan="7">{escape(_("Geen stukken."))}</td></tr>')
    return mark_safe("".join(rows))  # every value above was escaped
