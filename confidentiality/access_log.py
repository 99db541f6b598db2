"""The access log as the griffie reads it: Dutch labels and registration numbers instead of
codes and uuids, and the CSV export. The log itself (``AccessLog``) keeps only opaque
references; it is written by ``service.log_access``."""

import csv
import uuid
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.models import Document

from .models import AccessLog, SecrecyDecision, SecretItem

ACCESS_ACTION_LABELS = {
    "second_factor": gettext_lazy("tweestapsverificatie"),
    "second_factor_enrolled": gettext_lazy("tweestapsverificatie ingesteld"),
    "list_vertrouwelijk": gettext_lazy("lijst vertrouwelijke stukken bekeken"),
    "list_geheim": gettext_lazy("lijst geheime stukken bekeken"),
    "view": gettext_lazy("bekijken"),
    "download": gettext_lazy("downloaden"),
    "impose": gettext_lazy("geheimhouding opgelegd"),
    "lift": gettext_lazy("geheimhouding opgeheven"),
    "resolve_watermark": gettext_lazy("watermerk opgezocht"),
    "export_access_log": gettext_lazy("toegangslog geëxporteerd"),
    "read": gettext_lazy("gelezen in de browser"),
    "read_page": gettext_lazy("pagina gelezen in de browser"),
    "note": gettext_lazy("notitie gemaakt (inhoud niet gelogd)"),
    "meeting_view": gettext_lazy("vergadering met vertrouwelijke stukken bekeken"),
    "search": gettext_lazy("gezocht (zoekterm niet gelogd)"),
}
ACCESS_REASON_LABELS = {
    "anonymous": gettext_lazy("niet ingelogd"),
    "vertrouwelijk": gettext_lazy("vertrouwelijk, mag inzien"),
    "geheim": gettext_lazy("geheim, verstrekt aan dit orgaan"),
    "not_visible": gettext_lazy("niet zichtbaar voor deze gebruiker"),
    "excluded": gettext_lazy("uitgesloten (belang)"),
    "unknown_object": gettext_lazy("onbekend stuk"),
    "not_found": gettext_lazy("bestaat niet"),
    "wrong_token": gettext_lazy("verkeerde code"),
}


def readable_rows(entries: Iterable[AccessLog]) -> list[dict]:
    """Access-log rows for the griffie: Dutch labels and registration numbers instead of
    action codes and uuids. The log itself keeps only opaque references."""
    entries = list(entries)
    ids: dict[str, set[str]] = {e.object_type: set() for e in entries}
    for entry in entries:
        ids[entry.object_type].add(entry.object_id)
    documents = {
        str(d.uuid): d.registration_number
        for d in Document.objects.filter(uuid__in=_uuids(ids.get("document", ())))
    }
    items = {
        str(i.uuid): i
        for i in SecretItem.objects.filter(
            uuid__in=_uuids(ids.get("secret_item", ()))
        ).select_related("document", "decision")
    }
    decisions = {
        str(d.uuid): d.title
        for d in SecrecyDecision.objects.filter(uuid__in=_uuids(ids.get("secrecy_decision", ())))
    }
    rows = []
    for entry in entries:
        if entry.object_type == "document":
            subject = documents.get(entry.object_id, _("onbekend stuk"))
        elif entry.object_type == "secret_item":
            item = items.get(entry.object_id)
            subject = (
                _("geheim stuk bij %s") % item.document.registration_number
                if item
                else _("onbekend geheim stuk")
            )
        elif entry.object_type == "secrecy_decision":
            subject = _("besluit: %s") % decisions.get(entry.object_id, "?")
        elif entry.object_type == "meeting":
            subject = _("vergadering %s") % entry.object_id
        elif entry.object_type == "watermark":
            subject = _("watermerk %s") % entry.object_id
        else:
            subject = ""
        action = ACCESS_ACTION_LABELS.get(entry.action, entry.action.replace("_", " "))
        reason = ACCESS_REASON_LABELS.get(entry.reason, entry.reason.replace("_", " "))
        rows.append({"entry": entry, "action": action, "subject": subject, "reason": reason})
    return rows


def _uuids(values: Iterable[str]) -> list[str]:
    valid = []
    for value in values:
        try:
            valid.append(str(uuid.UUID(value)))
        except ValueError:
            continue
    return valid


def csv_cell(value: object) -> str:
    text = "" if value is None else str(value)
    # Spreadsheet formula injection: a user agent could start with '='.
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        text = "'" + text
    return text


class _Echo:
    """A file-like object that hands back what is written (for a streamed CSV)."""

    def write(self, value: str) -> str:
        return value


CSV_HEADER = ("tijd", "gebruiker", "actie", "soort", "id", "resultaat", "reden", "ip", "user_agent")


def csv_lines(entries: QuerySet[AccessLog]) -> Iterator[str]:
    """The access log as CSV lines, oldest first, streamed (the log can be long); every
    cell made safe for spreadsheets."""
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_HEADER)
    for e in entries.order_by("created_at", "id").iterator():
        yield writer.writerow(
            [
                csv_cell(value)
                for value in (
                    timezone.localtime(e.created_at).isoformat(),
                    e.actor_name,
                    e.action,
                    e.object_type,
                    e.object_id,
                    e.result,
                    e.reason,
                    e.ip,
                    e.user_agent,
                )
            ]
        )
