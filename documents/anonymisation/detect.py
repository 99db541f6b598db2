"""Step 2 and 3: find personal data, spread names to their other mentions, mark what stays."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import pymupdf

from .lookups import get_lookups
from .normalise import DocText, Normalised
from .policy import decide_for, replacement_for
from .recognisers import LANGUAGE, empty_artifacts, get_analyzer
from .recognisers.addresses import POSTCODE_RE
from .recognisers.base import INITIALS_RE, OFFICE_TITLES, TITLE_WORDS, tokenise
from .recognisers.contact import EMAIL_RE, PHONE_RE
from .recognisers.names import CLOSING_RE
from .types import AnonymisationOptions, Finding

# When spans overlap, the longer wins; on equal length the more specific type.
PRIORITY = {
    "EMAIL": 9,
    "IBAN": 8,
    "BSN": 7,
    "DATE_OF_BIRTH": 6,
    "LICENCE_PLATE": 5,
    "ID_NUMBER": 4.5,
    "SOCIAL_HANDLE": 4.2,
    "PHONE": 4,
    "ADDRESS": 3,
    "POSTCODE": 2,
    "ORGANISATION": 1.5,  # 'Albert Heijn': an organisation rather than a person
    "PERSON": 1,
}
SIGNATORY_HEADERS = re.compile(r"(?i)\b(handtekening|ondertekenaars?|ondertekend|handtekeningen)\b")
# A later page titled as a list of signatures or support declarations (OCR may read too
# little of a scanned list to count names).
SIGNATORY_TITLE = re.compile(
    r"(?i)\b(handtekeningenlijst|handtekeninglijst|lijst\s+(?:van|met)\s+ondertekenaars"
    r"|ondersteuningsverklaring(?:en)?|steunbetuigingen)\b"
)
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


# A line naming the office in which the next line's person signs: 'de secretaris,',
# 'De burgemeester,', 'de griffier,' (college answers, council decisions).
OFFICE_LINE_RE = re.compile(
    r"(?i)^\s*(?:de\s+|het\s+)?(?:loco-|plv\.\s*|plaatsvervangend\s+)?"
    r"(?:secretaris|gemeentesecretaris|burgemeester|griffier|raadsgriffier|voorzitter"
    r"|directeur|algemeen\s+directeur)\s*[,:]\s*"
)
# A sentence that appoints someone: 'besluit X ... te benoemen tot', 'benoemd tot'.
APPOINT_RE = re.compile(r"(?i)\bbenoem")


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _mark_officials(text: str, spans: list[Span]) -> None:
    """A name on the line under 'de secretaris,' / 'de burgemeester,' signs in office: a
    public office holder or civil servant (3a/3b), whose name stays."""
    for span in spans:
        if span.entity_type != "PERSON" or span.role != "other":
            continue
        start, _ = _line_bounds(text, span.start)
        prefix = text[start : span.start]
        office = OFFICE_LINE_RE.match(prefix)
        if office and _only_titles(prefix[office.end() :]):
            span.role = "official"  # 'de secretaris, drs. P. van Oorschot'
            continue
        if prefix.strip(" ,.") and not _only_titles(prefix):
            continue  # the name does not head its line
        # the previous non-empty line (a signature leaves an empty line in between)
        for _ in range(8):
            if start < 2:
                break
            start, end = _line_bounds(text, start - 1)
            line = text[start:end]
            if len(line.strip()) <= 8 and line.strip() and not line.strip().endswith(","):
                continue  # OCR read the signature scribble as a short 'word'
            if line.strip():
                office = OFFICE_LINE_RE.match(line)
                if office and not line[office.end() :].strip():
                    span.role = "official"
                break


# Between a person's name and their address: 'Jan Jansen, Dorpsstraat 1', 'Jan Jansen van
# Dorpsstraat 1', 'wonende aan de', a line break (an address block under a name).
_NAME_TO_ADDRESS = re.compile(
    r"[ \t]*(?:\([^)\n]{0,40}\))?[ \t]*[,;:\-]?\s*(?:(?:van|aan|op|te|wonende|woonachtig)\b[ \t]*)*"
    r"(?:de[ \t]+)?$"
)


def _personal_addresses(text: str, spans: list[Span]) -> None:
    """A kept address (the sender's own, ``keep_addresses``) right after a person's name
    is that person's address, not the organisation's: it goes, with the postcode after it."""
    previous: Span | None = None
    demoted_end = -1
    for span in spans:  # sorted by start
        if span.entity_type in {"ADDRESS", "POSTCODE"} and span.role == "municipality":
            gap = text[demoted_end : span.start] if demoted_end >= 0 else "x"
            between = text[previous.end : span.start] if previous is not None else ""
            after_person = (
                previous is not None
                and previous.entity_type == "PERSON"
                and len(between) < 80
                and (
                    _NAME_TO_ADDRESS.match(between)
                    # a signature block: the name, a function line, then the address
                    or (between.count("\n") in (1, 2, 3) and not re.search(r"[\d.!?]", between))
                )
            )
            if after_person or (len(gap) < 4 and not gap.strip(" ,;.\n")):
                span.role = "other"
                demoted_end = span.end
        if span.entity_type != "ORGANISATION":
            previous = span


def _ocr_variants(text: str, spans: list[Span]) -> list[Span]:
    """Other mentions of an e-mail address already found, with a space read into it by OCR
    ('youssef _ouali@outlook.com'); the same role as the address found."""
    found = []
    done = set()
    for span in spans:
        if span.entity_type != "EMAIL":
            continue
        compact = re.sub(r"\s", "", text[span.start : span.end])
        if compact in done or len(compact) < 6:
            continue
        done.add(compact)
        pattern = _loose_email(compact)
        found.extend(
            Span(m.start(), m.end(), "EMAIL", "ocr_variant", span.role)
            for m in re.finditer(rf"(?<![\w.@-]){pattern}(?![\w-])", text, re.IGNORECASE)
            if m.group() != text[span.start : span.end]
        )
    return found


def _postcode_variants(text: str, spans: list[Span]) -> list[Span]:
    """Other mentions of a postcode already found, in another case or spacing ('1234 AB' and
    '1234ab'): verification reads them as the same postcode, so they go too."""
    found = []
    done = set()
    for span in spans:
        if span.entity_type != "POSTCODE":
            continue
        compact = re.sub(r"\s", "", text[span.start : span.end]).upper()
        if compact in done:
            continue
        done.add(compact)
        pattern = rf"(?<![\w-]){compact[:4]}[ ]?{compact[4:]}(?![\w-])"
        found.extend(
            Span(m.start(), m.end(), "POSTCODE", "written_variant", span.role)
            for m in re.finditer(pattern, text, re.IGNORECASE)
            if m.start() != span.start
        )
    return found


def _only_titles(prefix: str) -> bool:
    """'mr.', 'drs. ing.' before a name on its line."""
    return all(w.rstrip(".").lower() in TITLE_WORDS for w in prefix.split())


def _mark_appointees(text: str, spans: list[Span]) -> None:
    """3f: the name of the person appointed stays; it is the name in the sentence that
    appoints ('besluit X, geboren ..., te benoemen tot ...')."""
    for span in spans:
        if span.entity_type != "PERSON" or span.role not in {"other", "sender"}:
            continue
        before = re.split(r"[.!?](?:\s|$)", text[max(0, span.start - 300) : span.start])[-1]
        after = re.split(r"[.!?](?:\s|$)", text[span.end : span.end + 400])[0]
        if APPOINT_RE.search(before) or APPOINT_RE.search(after):
            span.role = "appointee"


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


def _loose_email(address: str) -> str:
    """Regex for an e-mail address as OCR and text extraction may give it: up to two
    whitespace characters between any two characters, a dot read as ':' or ','."""
    compact = re.sub(r"\s", "", address)
    return r"\s{0,2}".join("[.:,]" if ch == "." else re.escape(ch) for ch in compact)


def _deny_spans(text: str, deny_terms: tuple[str, ...]) -> list[Span]:
    spans = []
    for term in deny_terms:
        term = " ".join(term.split())
        if len(term) < 3:
            continue
        kind = _classify_term(term)
        if kind in {"PHONE"}:
            digits = re.sub(r"\D", "", term)
            pattern = r"[ \t.\-/()]*\n?[ \t]*".join(re.escape(d) for d in digits)
            regex = rf"(?<![\w]){pattern}(?![\w])"
        elif kind == "EMAIL":
            # an address may be broken over lines, and OCR may read a space into it
            # ('erroldoekhie\n12 @planet.nl')
            pattern = _loose_email(term)
            regex = rf"(?<![\w.-]){pattern}(?![\w-])"
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


def _signature_rects(page: pymupdf.Page, top: float, bottom: float) -> list[tuple]:
    """The band between two lines over the full page width, plus images mostly inside it."""
    region = pymupdf.Rect(page.rect.x0 + 5, top + 0.5, page.rect.x1 - 5, bottom - 0.5)
    rects = [tuple(region)]
    page_area = abs(page.rect)
    for info in page.get_image_info():
        bbox = pymupdf.Rect(info["bbox"])
        if abs(bbox) > 0.4 * page_area or bbox.is_empty:
            continue  # a scanned page: only the region's pixels go
        inside = abs(bbox & region)
        if inside > 0.5 * abs(bbox):
            rects.append(tuple(bbox))
    return rects


SIGNATURE_MIN_GAP = 18.0  # points of white between two lines of a signature block


def _signature_findings(nt: Normalised, names: list[Span]) -> list[tuple[int, tuple]]:
    """Signature regions: below a closing phrase, down to the printed name (or a fixed
    height); then, within the same block, any further tall gap above another name (a second
    signatory: 'griffier' and 'burgemeester' under a council decision). Returns (page,
    rects) pairs; images mostly inside a region are taken whole."""
    dt = nt.text
    regions = []
    seen: set[tuple[int, int]] = set()
    name_starts = sorted(s.start for s in names)

    def has_name(ln) -> bool:
        return any(ln.start <= s < ln.end for s in name_starts)

    def add(page_no: int, top: float, bottom: float) -> None:
        key = (page_no, round(top))
        if key in seen or bottom - top < 6:
            return
        seen.add(key)
        regions.append((page_no, _signature_rects(nt.doc[page_no], top, bottom)))

    for li, line in enumerate(dt.lines):
        content = dt.text[line.start : line.end]
        if len(content) > 60 or not CLOSING_RE.match(content):
            continue
        page = nt.doc[line.page]
        x0, y0, x1, y1 = line.rect
        limit = y1 + SIGNATURE_MAX_GAP
        bottom = None
        name_idx = None
        following = []
        for k, nxt in enumerate(dt.lines[li + 1 : li + 8], start=li + 1):
            if nxt.page != line.page or nxt.rect[1] > limit:
                break
            if _looks_like_ink(dt.text[nxt.start : nxt.end], nxt.rect, y1 - y0):
                continue  # OCR read the signature itself as a 'word': look further down
            following.append((k, nxt))
        # Down to the printed name; short lines above it are the scribble read by OCR
        # ('zoon ;'). Without a name: down to the first line after a gap.
        for k, nxt in following:
            if has_name(nxt):
                bottom, name_idx = nxt.rect[1], k
                break
            nxt_text = dt.text[nxt.start : nxt.end]
            if CLOSING_RE.match(nxt_text):
                # 'Burgemeester en wethouders van ...,' then 'de secretaris,': the signature
                # is under the last of these lines, which has its own region
                bottom = nxt.rect[1]
                break
            if len(nxt_text.split()) > 3:
                break
        if bottom is None:
            for k, nxt in following:
                if nxt.rect[1] - y1 > 12:
                    bottom, name_idx = nxt.rect[1], k
                    break
        if bottom is None:
            bottom = min(y1 + 90.0, page.rect.y1)
        add(line.page, y1, bottom)
        if name_idx is None:
            continue
        # Further signatories in the same block.
        prev = dt.lines[name_idx]
        for nxt in dt.lines[name_idx + 1 : name_idx + 6]:
            if nxt.page != prev.page or len(dt.text[nxt.start : nxt.end]) > 60:
                break
            nxt_text = dt.text[nxt.start : nxt.end].strip()
            if _looks_like_ink(nxt_text, nxt.rect, y1 - y0) or (
                len(nxt_text) <= 8 and not has_name(nxt)
            ):
                continue  # the scribble read by OCR as a short 'word' ('Ens', 'ES')
            gap = nxt.rect[1] - prev.rect[3]
            if gap > SIGNATURE_MAX_GAP:
                break
            if gap > SIGNATURE_MIN_GAP and has_name(nxt):
                add(nxt.page, prev.rect[3], nxt.rect[1])
            prev = nxt
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
        if number == 0:
            # The first page carries the petition text itself: only a page that is mostly a
            # list of names goes.
            if headers and len(personal) >= 5 and ratio >= 0.5:
                pages.append(number)
        elif (
            (len(personal) >= 5 and ratio >= 0.35)
            or (headers and len(personal) >= 2)
            # titled as a list at the top of the page: left out even when OCR read no names
            or SIGNATORY_TITLE.search(page_text[:200])
        ):
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
    # The sender organisation's or municipality's own addresses stay; office holders'
    # public registry e-mail addresses stay (3a).
    keep_addresses = [_norm(a) for a in options.keep_addresses if a.strip()]
    keep_emails = {re.sub(r"\s", "", e).lower() for e in options.keep_emails if e.strip()}
    for span in spans:
        if span.entity_type in {"ADDRESS", "POSTCODE"} and keep_addresses:
            value = re.compile(
                rf"(?<![\w-]){re.escape(_norm(text[span.start : span.end]))}(?![\w-])"
            )
            # word-bounded: 'Dorpsstraat 1' is not part of 'Dorpsstraat 12'
            if any(value.search(a) for a in keep_addresses):
                span.role = "municipality"
        elif span.entity_type == "EMAIL" and keep_emails:
            found = re.sub(r"\s", "", text[span.start : span.end]).lower()
            # OCR may add a speck before the address ('ec.haasnoot@...')
            if any(
                found == e or (found.endswith(e) and len(found) - len(e) <= 2) for e in keep_emails
            ):
                span.role = "registry"
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
    _mark_officials(text, spans)
    if options.category == "appointment":
        _mark_appointees(text, spans)
    persons = [
        s
        for s in spans
        if s.entity_type == "PERSON" and s.role in {"other", "sender", "official", "appointee"}
    ]
    # Spread sender names first so their mentions get the sender's neutral term.
    persons.sort(key=lambda s: s.role != "sender")
    spans = _resolve(spans + _spread(text, persons, [s for s in spans if s.role == "registry"]))
    spans = _resolve(spans + _ocr_variants(text, spans) + _postcode_variants(text, spans))
    _personal_addresses(text, spans)

    findings: list[Finding] = []

    def add(page, rects, entity_type, value, role, source, start=0, end=0):
        action, reason = decide_for(options, entity_type=entity_type, role=role, text=value)
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
