"""Step 2 and 3: find personal data, spread names to their other mentions, mark what stays."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import pymupdf

from .lookups import get_lookups
from .normalise import DocText, Normalised
from .policy import decide, replacement_for
from .recognisers import (
    CLOSING_RE,
    EMAIL_RE,
    INITIALS_RE,
    LANGUAGE,
    OFFICE_TITLES,
    PHONE_RE,
    POSTCODE_RE,
    empty_artifacts,
    get_analyzer,
    tokenise,
)
from .types import AnonymisationOptions, Finding

# When spans overlap, the longer wins; on equal length the more specific type.
PRIORITY = {
    "EMAIL": 9,
    "IBAN": 8,
    "BSN": 7,
    "DATE_OF_BIRTH": 6,
    "LICENCE_PLATE": 5,
    "PHONE": 4,
    "ADDRESS": 3,
    "POSTCODE": 2,
    "ORGANISATION": 1.5,  # 'Albert Heijn': an organisation rather than a person
    "PERSON": 1,
}
SIGNATORY_HEADERS = re.compile(r"(?i)\b(handtekening|ondertekenaars?|ondertekend|handtekeningen)\b")
LIST_HEADERS = re.compile(r"(?i)\b(naam|adres|woonplaats|postcode)\b")
SIGNATURE_MAX_GAP = 160.0  # points below the closing phrase searched for a signature


@dataclass
class Span:
    start: int
    end: int
    entity_type: str
    source: str = ""
    role: str = "other"
    score: float = 0.85

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def _flex(text: str) -> str:
    """Regex for text with flexible whitespace (also across line breaks)."""
    return r"\s+".join(re.escape(part) for part in text.split())


def _classify_term(term: str) -> str:
    if EMAIL_RE.fullmatch(term.strip()):
        return "EMAIL"
    if PHONE_RE.fullmatch(term.strip()):
        return "PHONE"
    if POSTCODE_RE.fullmatch(term.strip()):
        return "POSTCODE"
    if any(ch.isdigit() for ch in term):
        return "ADDRESS"
    return "PERSON"


def _resolve(spans: list[Span]) -> list[Span]:
    """Drop overlapping spans: sender/registry roles first, then longer, then priority."""
    rank = {"sender": 2, "registry": 2, "municipality": 1}
    ordered = sorted(
        spans,
        key=lambda s: (-rank.get(s.role, 0), -(s.end - s.start), -PRIORITY.get(s.entity_type, 0)),
    )
    chosen: list[Span] = []
    for span in ordered:
        if not any(span.overlaps(c) for c in chosen):
            chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)


def _name_parts(name: str) -> tuple[list[str], str]:
    """Split 'Piet de Vries' -> (['Piet'], 'de Vries'); 'J.P. Jansen-Bakker' -> (['J.P.'], ...)."""
    lookups = get_lookups()
    words = name.split()
    for i in range(1, len(words)):
        for size in (3, 2, 1):
            if tuple(
                w.lower() for w in words[i : i + size]
            ) in lookups.interfixes and i + size < len(words):
                return words[:i], " ".join(words[i:])
    if len(words) == 1:
        return [], words[0]
    return words[:-1], words[-1]


def _surname_regex(surname: str) -> str:
    """Surname with case-insensitive interfix ('de Vries' also matches 'De Vries')."""
    lookups = get_lookups()
    parts = []
    for word in surname.split():
        if word.lower() in lookups.interfix_words:
            parts.append(f"(?i:{re.escape(word)})")
        else:
            parts.append(re.escape(word))
    return r"\s+".join(parts)


def _spread(text: str, names: list[Span], existing: list[Span]) -> list[Span]:
    """Find other mentions of names already found: full name, surname, initials + surname,
    the first name on its own (when it is a known first name)."""
    lookups = get_lookups()
    patterns: dict[str, str] = {}
    for span in names:
        name = " ".join(text[span.start : span.end].split()).strip(",.")
        given, surname = _name_parts(name)
        core = surname.split()[-1] if surname else ""
        if not surname or len(core) < 3:
            continue
        surname_re = _surname_regex(surname)
        variants = [surname_re, rf"(?:[A-Z][a-z]?\.\s?){{1,5}}\s*{surname_re}"]
        if given:
            variants.append(r"\s+".join(re.escape(g) for g in given) + r"\s+" + surname_re)
            first = given[0]
            if first in lookups.first_names and len(first) >= 3 and not INITIALS_RE.match(first):
                variants.append(re.escape(first))
        for variant in variants:
            patterns.setdefault(variant, span.role)
    if not patterns:
        return []
    found = []
    for variant, role in patterns.items():
        for m in re.finditer(rf"(?<![\w-]){variant}(?![\w-])", text):
            span = Span(m.start(), m.end(), "PERSON", "spread", role)
            if not any(span.overlaps(e) for e in existing):
                found.append(span)
    return found


def _keep_spans(text: str, keep_names: tuple[str, ...]) -> list[Span]:
    """Registry names: the full name, or an office title with the surname ('wethouder De
    Vries', 'burgemeester J. de Vries'); never a bare surname a citizen may share."""
    spans = []
    titles = "|".join(sorted(OFFICE_TITLES, key=len, reverse=True))
    for name in keep_names:
        if not name.strip():
            continue
        given, surname = _name_parts(" ".join(name.split()))
        full = re.finditer(rf"(?<![\w-]){_flex(name)}(?![\w-])", text, re.IGNORECASE)
        spans.extend(Span(m.start(), m.end(), "PERSON", "registry", "registry") for m in full)
        given_re = (
            r"(?:(?:[A-Z][a-z]?\.\s?){1,5}\s*|"
            + "".join(rf"{re.escape(g)}\s+" for g in given)
            + ")?"
        )
        pattern = rf"(?i:\b(?:{titles}))\s+(?P<name>{given_re}{_surname_regex(surname)})(?![\w-])"
        spans.extend(
            Span(m.start("name"), m.end("name"), "PERSON", "registry", "registry")
            for m in re.finditer(pattern, text)
        )
    return spans


def _deny_spans(text: str, deny_terms: tuple[str, ...]) -> list[Span]:
    spans = []
    for term in deny_terms:
        term = " ".join(term.split())
        if len(term) < 3:
            continue
        kind = _classify_term(term)
        if kind in {"PHONE"}:
            digits = re.sub(r"\D", "", term)
            pattern = r"[ \t.\-/()]*".join(re.escape(d) for d in digits)
            regex = rf"(?<![\w]){pattern}(?![\w])"
        else:
            regex = rf"(?<![\w-]){_flex(term)}(?![\w-])"
        spans.extend(
            Span(m.start(), m.end(), kind, "deny", "sender")
            for m in re.finditer(regex, text, re.IGNORECASE)
        )
    return spans


def _looks_like_ink(text: str, rect, text_height: float) -> bool:
    """An OCR 'line' that is the signature scribble rather than text: much taller than the
    closing phrase, or a few characters stretched over a wide box."""
    x0, y0, x1, y1 = rect
    height, width = y1 - y0, x1 - x0
    chars = len(text.strip())
    return height > 1.6 * max(text_height, 1.0) or (chars <= 3 and width > max(height, 1) * 3)


def _signature_findings(nt: Normalised, names: list[Span]) -> list[tuple[int, tuple]]:
    """Signature regions: below a closing phrase, down to the printed name (or a fixed
    height). Returns (page, rect) pairs; images mostly inside the region are taken whole."""
    dt = nt.text
    regions = []
    name_starts = sorted(s.start for s in names)
    for li, line in enumerate(dt.lines):
        content = dt.text[line.start : line.end]
        if len(content) > 45 or not CLOSING_RE.match(content):
            continue
        page = nt.doc[line.page]
        x0, y0, x1, y1 = line.rect
        limit = y1 + SIGNATURE_MAX_GAP
        bottom = None
        for nxt in dt.lines[li + 1 : li + 8]:
            if nxt.page != line.page or nxt.rect[1] > limit:
                break
            if _looks_like_ink(dt.text[nxt.start : nxt.end], nxt.rect, y1 - y0):
                continue  # OCR read the signature itself as a 'word': look further down
            is_name = any(nxt.start <= s < nxt.end for s in name_starts)
            if is_name or nxt.rect[1] - y1 > 12:
                bottom = nxt.rect[1]
                break
        if bottom is None:
            bottom = min(y1 + 90.0, page.rect.y1)
        if bottom - y1 < 6:
            continue
        region = pymupdf.Rect(page.rect.x0 + 5, y1 + 0.5, page.rect.x1 - 5, bottom - 0.5)
        rects = [tuple(region)]
        page_area = abs(page.rect)
        for info in page.get_image_info():
            bbox = pymupdf.Rect(info["bbox"])
            if abs(bbox) > 0.4 * page_area or bbox.is_empty:
                continue  # a scanned page: only the region's pixels go
            inside = abs(bbox & region)
            if inside > 0.5 * abs(bbox):
                rects.append(tuple(bbox))
        regions.append((line.page, rects))
    return regions


def _signatory_pages(dt: DocText, spans: list[Span], page_count: int) -> list[int]:
    pages = []
    for number in range(page_count):
        lines = [ln for ln in dt.lines if ln.page == number]
        if not lines:
            continue
        start, end = dt.page_spans[number]
        page_text = dt.text[start:end]
        personal = {
            dt.line_at(s.start)
            for s in spans
            if start <= s.start < end
            and s.entity_type in {"PERSON", "ADDRESS", "POSTCODE", "EMAIL"}
        }
        ratio = len(personal) / len(lines)
        headers = SIGNATORY_HEADERS.search(page_text) and LIST_HEADERS.search(page_text)
        if (len(personal) >= 5 and ratio >= 0.35) or (headers and len(personal) >= 2):
            pages.append(number)
    return pages


def _finding_id(page: int, entity_type: str, start: int, end: int, text: str) -> str:
    digest = hashlib.sha1(f"{page}:{entity_type}:{start}:{end}:{text}".encode()).hexdigest()
    return f"{entity_type[:3].lower()}-{digest[:10]}"


def detect(nt: Normalised, options: AnonymisationOptions) -> list[Finding]:
    dt = nt.text
    text = dt.text
    # Our recognisers work on the raw text; skip presidio's spaCy pass (tokens unused).
    results = (
        get_analyzer().analyze(text, language=LANGUAGE, nlp_artifacts=empty_artifacts())
        if text
        else []
    )
    spans = [
        Span(
            r.start,
            r.end,
            r.entity_type,
            (r.recognition_metadata or {}).get("source", ""),
            "other",
            r.score,
        )
        for r in results
    ]
    spans += _deny_spans(text, options.deny_terms)
    spans += _keep_spans(text, options.keep_names)
    # Municipality's own addresses stay.
    keep_addresses = [_norm(a) for a in options.keep_addresses if a.strip()]
    for span in spans:
        if span.entity_type in {"ADDRESS", "POSTCODE"} and keep_addresses:
            value = _norm(text[span.start : span.end])
            if any(value in a for a in keep_addresses):
                span.role = "municipality"
    # A detected name equal to a registry name or to a deny term takes that role.
    keep_norm = {_norm(n) for n in options.keep_names}
    deny_norm = {_norm(t) for t in options.deny_terms}
    for span in spans:
        if span.entity_type == "PERSON" and span.role == "other":
            value = _norm(text[span.start : span.end])
            if value in keep_norm:
                span.role = "registry"
            elif value in deny_norm:
                span.role = "sender"
    spans = _resolve(spans)
    persons = [s for s in spans if s.entity_type == "PERSON" and s.role in {"other", "sender"}]
    # Spread sender names first so their mentions get the sender's neutral term.
    persons.sort(key=lambda s: s.role != "sender")
    spans = _resolve(spans + _spread(text, persons, [s for s in spans if s.role == "registry"]))

    findings: list[Finding] = []

    def add(page, rects, entity_type, value, role, source, start=0, end=0):
        action, reason = decide(
            category=options.category,
            sender_type=options.sender_type,
            entity_type=entity_type,
            role=role,
            consent=options.consent_personal_data,
            text=value,
        )
        findings.append(
            Finding(
                id=_finding_id(page, entity_type, start, end, value),
                page=page,
                rects=[tuple(round(c, 2) for c in r) for r in rects],
                entity_type=entity_type,
                text=value,
                replacement=replacement_for(entity_type, role, options.neutral_term),
                action=action,
                reason=reason,
                role=role,
                source=source,
            )
        )

    for span in spans:
        value = text[span.start : span.end]
        by_page: dict[int, list] = {}
        for page, rect in dt.span_rects(span.start, span.end):
            by_page.setdefault(page, []).append(rect)
        for page, rects in by_page.items():
            add(page, rects, span.entity_type, value, span.role, span.source, span.start, span.end)
        if span.entity_type == "POSTCODE":
            # The place after a postcode is recognised but stays (place names are public).
            m = re.match(
                r"[ ,]+([A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+)?)", text[span.end : span.end + 40]
            )
            if m and m.group(1).lower() in get_lookups().places:
                s, e = span.end + m.start(1), span.end + m.end(1)
                for page, rect in dt.span_rects(s, e):
                    findings.append(
                        Finding(
                            id=_finding_id(page, "ADDRESS", s, e, m.group(1)),
                            page=page,
                            rects=[tuple(round(c, 2) for c in rect)],
                            entity_type="ADDRESS",
                            text=m.group(1),
                            replacement="",
                            action="keep",
                            reason="plaatsnaam blijft staan",
                            role="place",
                            source="place_after_postcode",
                        )
                    )

    for page, rects in _signature_findings(nt, [s for s in spans if s.entity_type == "PERSON"]):
        add(
            page,
            rects,
            "SIGNATURE",
            "",
            "other",
            "closing_phrase",
            int(rects[0][1]),
            int(rects[0][3]),
        )

    if options.category in {"petition", "citizens_initiative"}:
        for page in _signatory_pages(dt, spans, nt.doc.page_count):
            add(page, [dt.page_rects[page]], "PAGE", "", "other", "signatory_list", page, page)
    return findings


__all__ = ["detect", "tokenise"]
