"""The public fields (subject, description, public sender term, file name) through the same
detector as the document text (ADR 0006).

Plain strings in, plain findings out; no database. The caller supplies the document's
:class:`AnonymisationOptions` (category, sender type, who stays, who goes), so a field is
judged by the same gedragscode policy as the document itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .labels import entity_label
from .policy import REDACT, decide_for
from .recognisers import LANGUAGE, empty_artifacts, get_analyzer
from .types import AnonymisationOptions


@dataclass(frozen=True)
class FieldFinding:
    """A personal item found in a public field: ``text[start:end]`` of that field."""

    field: str
    entity_type: str
    text: str
    start: int
    end: int


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def _as_words(value: str) -> str:
    """File names join words with ``_``, ``-`` or ``.``: read them as words (same length, so
    offsets stay valid)."""
    return re.sub(r"[_.]", " ", value)


def detect_in_text(
    text: str, options: AnonymisationOptions, *, field: str = ""
) -> list[FieldFinding]:
    """Personal items in a plain string that the policy would redact from the document.

    The sender's own details (deny terms) count wherever they appear; names from the
    registry (keep names) are judged as registry names, like in the document."""
    if not text or not text.strip():
        return []
    spans: list[tuple[int, int, str]] = [
        (r.start, r.end, r.entity_type)
        for r in get_analyzer().analyze(text, language=LANGUAGE, nlp_artifacts=empty_artifacts())
    ]
    lowered = text.lower()
    for term in options.deny_terms:
        term = term.strip()
        if len(term) < 3:
            continue
        pattern = r"(?<!\w)" + r"\s+".join(re.escape(p) for p in term.lower().split()) + r"(?!\w)"
        spans.extend((m.start(), m.end(), "DENY") for m in re.finditer(pattern, lowered))
    keep = {_norm(n) for n in options.keep_names}
    deny = {_norm(t) for t in options.deny_terms}
    findings: list[FieldFinding] = []
    for start, end, entity_type in spans:
        value = text[start:end]
        role = "other"
        if entity_type == "DENY":
            entity_type, role = "PERSON", "sender"
        elif entity_type == "PERSON" and _norm(value) in keep:
            role = "registry"
        elif _norm(value) in deny:
            role = "sender"
        action, _reason = decide_for(options, entity_type=entity_type, role=role, text=value)
        if action == REDACT:
            findings.append(FieldFinding(field, entity_type, value, start, end))
    # One finding per stretch of text: the longest of overlapping spans.
    findings.sort(key=lambda f: (f.start, -(f.end - f.start)))
    merged: list[FieldFinding] = []
    for finding in findings:
        if merged and finding.start < merged[-1].end:
            continue
        merged.append(finding)
    return merged


def check_public_fields(
    fields: dict[str, str], options: AnonymisationOptions
) -> list[FieldFinding]:
    """Findings in every public field (``{"subject": "...", "filename": "..."}``)."""
    findings: list[FieldFinding] = []
    for name, value in fields.items():
        text = _as_words(value or "") if name == "filename" else (value or "")
        findings += detect_in_text(text, options, field=name)
    return findings


# What a document is, as the first word of a neutral subject.
CATEGORY_NOUNS = {
    "letter": "Brief",
    "petition": "Petitie",
    "speaker": "Inspreekbijdrage",
    "view": "Zienswijze",
    "objection": "Bezwaar",
    "citizens_initiative": "Burgerinitiatief",
    "appointment": "Benoeming",
    "college_answer": "Beantwoording",
    "activity": "Aankondiging",
}
# Words that only tied a removed item to the rest: "van", "namens", "de heer" ...
_CONNECTORS = re.compile(
    r"(?i)(?:\b(?:van|door|namens|aan|uit|bij|per|voor|mede|en|of|te)\s+)?"
    r"(?:\b(?:de\s+heer|mevrouw|mevr\.?|mw\.?|dhr\.?|hr\.?|fam\.?|familie|buurman|buurvrouw"
    r"|bewoner|bewoners|inwoner|echtpaar|mr\.?|dr\.?|ir\.?|drs\.?)\s+)*$"
)
_DANGLING = {"over", "van", "aan", "door", "namens", "tegen", "met", "en", "de", "het", "te"}
_STARTERS = {"over", "tegen", "inzake", "betreffende", "om", "bij", "op", "voor", "aan", "met"}


def neutral_subject(subject: str, category: str, findings: list[FieldFinding]) -> str:
    """The subject with the found items (and the words that tied them in) removed, headed
    by what the document is: 'Bezwaar van J. de Vries, Kerkstraat 12 tegen kapvergunning'
    becomes 'Bezwaar tegen kapvergunning'."""
    noun = CATEGORY_NOUNS.get(category, "Brief")
    parts, position = [], 0
    for finding in sorted(findings, key=lambda f: f.start):
        if finding.start < position:
            continue
        parts.append(_CONNECTORS.sub("", subject[position : finding.start]))
        parts.append("\x00")
        position = finding.end
    parts.append(subject[position:])
    text = "".join(parts)
    # Drop the markers with the punctuation that separated them.
    text = re.sub(r"[ \t]*\x00[ \t]*[,;:/]?", " ", text)
    text = re.sub(r"\s*[,;:]\s*(?=[,;:]|$)", "", text)
    text = re.sub(r"\(\s*\)", "", text)
    text = " ".join(text.split()).strip(" ,;:-/")
    words = text.split()
    while words and words[-1].lower() in _DANGLING:  # 'klacht over [naam]' -> 'klacht'
        words.pop()
    text = " ".join(words).strip(" ,;:-/")
    if not text:
        return noun
    first = text.split()[0]
    if first.lower() in _STARTERS:
        return f"{noun} {text}"
    if first[0].isupper():  # already a heading: 'Bezwaar tegen kapvergunning'
        return text
    return f"{noun}: {text}"


FIELD_LABELS = {
    "subject": "onderwerp",
    "description": "omschrijving",
    "public_sender_term": "aanduiding afzender",
    "filename": "bestandsnaam",
    "title": "titel",
    "location": "locatie",
}


def describe(findings: list[FieldFinding]) -> str:
    """'onderwerp: naam "J. de Vries", adres "Kerkstraat 12"' for the griffie's screen."""
    by_field: dict[str, list[str]] = {}
    for f in findings:
        label = entity_label(f.entity_type)
        by_field.setdefault(f.field, []).append(f'{label} "{f.text}"')
    return "; ".join(
        f"{FIELD_LABELS.get(field, field)}: {', '.join(items)}" for field, items in by_field.items()
    )
