"""Step 2 and 3: find personal data, spread names to their other mentions, mark what stays."""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import pymupdf

from .lookups import get_lookups
from .normalise import DocText, Line, Normalised
from .policy import decide_for, replacement_for
from .recognisers import LANGUAGE, empty_artifacts, get_analyzer
from .recognisers.addresses import POSTCODE_RE, place_after_name, residence_places
from .recognisers.base import INITIALS_RE, OFFICE_TITLES, TITLE_WORDS, tokenise
from .recognisers.contact import EMAIL_RE, PHONE_RE
from .recognisers.names import CLOSING_RE
from .types import AnonymisationOptions, Finding, Rect

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
    found: list = []
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
    found: list = []
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
    found: list = []
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
    spans: list = []
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
    spans: list = []
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


def _looks_like_ink(text: str, rect: Rect, text_height: float) -> bool:
    """An OCR 'line' that is the signature scribble rather than text: much taller than the
    closing phrase, or a few characters stretched over a wide box."""
    x0, y0, x1, y1 = rect
    height, width = y1 - y0, x1 - x0
    chars = len(text.strip())
    return height > 1.6 * max(text_height, 1.0) or (chars <= 3 and width > max(height, 1) * 3)


def _rounded(rect: Sequence[float]) -> Rect:
    """A box to the hundredth of a point (stable finding ids and reports)."""
    x0, y0, x1, y1 = (round(c, 2) for c in rect)
    return (x0, y0, x1, y1)


def _signature_rects(page: pymupdf.Page, top: float, bottom: float) -> list[Rect]:
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


def _lines_under(dt: DocText, li: int, text_height: float) -> list[tuple[int, Line]]:
    """The lines under closing-phrase line ``li`` on its page, within reach of a signature,
    without the ones that are the scribble read by OCR."""
    line = dt.lines[li]
    limit = line.rect[3] + SIGNATURE_MAX_GAP
    following = []
    for k, nxt in enumerate(dt.lines[li + 1 : li + 8], start=li + 1):
        if nxt.page != line.page or nxt.rect[1] > limit:
            break
        if _looks_like_ink(dt.text[nxt.start : nxt.end], nxt.rect, text_height):
            continue  # OCR read the signature itself as a 'word': look further down
        following.append((k, nxt))
    return following


def _signature_bottom(
    dt: DocText, li: int, following: list[tuple[int, Line]], has_name: Callable[[Line], bool]
) -> tuple[float | None, int | None]:
    """Where the signature under closing phrase ``li`` ends: at the printed name (short
    lines above it are the scribble read by OCR, 'zoon ;'), at a further closing line, or
    at the first line after a gap. Returns (bottom, index of the name line)."""
    for k, nxt in following:
        if has_name(nxt):
            return nxt.rect[1], k
        nxt_text = dt.text[nxt.start : nxt.end]
        if CLOSING_RE.match(nxt_text):
            # 'Burgemeester en wethouders van ...,' then 'de secretaris,': the signature
            # is under the last of these lines, which has its own region
            return nxt.rect[1], None
        if len(nxt_text.split()) > 3:
            break
    y1 = dt.lines[li].rect[3]
    for k, nxt in following:
        if nxt.rect[1] - y1 > 12:
            return nxt.rect[1], k
    return None, None


def _further_signatories(
    dt: DocText,
    name_idx: int,
    text_height: float,
    has_name: Callable[[Line], bool],
    add: Callable[[int, float, float], None],
) -> None:
    """Further signatories in the same block: a tall gap above another name."""
    prev = dt.lines[name_idx]
    for nxt in dt.lines[name_idx + 1 : name_idx + 6]:
        if nxt.page != prev.page or len(dt.text[nxt.start : nxt.end]) > 60:
            break
        nxt_text = dt.text[nxt.start : nxt.end].strip()
        if _looks_like_ink(nxt_text, nxt.rect, text_height) or (
            len(nxt_text) <= 8 and not has_name(nxt)
        ):
            continue  # the scribble read by OCR as a short 'word' ('Ens', 'ES')
        gap = nxt.rect[1] - prev.rect[3]
        if gap > SIGNATURE_MAX_GAP:
            break
        if gap > SIGNATURE_MIN_GAP and has_name(nxt):
            add(nxt.page, prev.rect[3], nxt.rect[1])
        prev = nxt


def _signature_findings(nt: Normalised, names: list[Span]) -> list[tuple[int, list[Rect]]]:
    """Signature regions: below a closing phrase, down to the printed name (or a fixed
    height); then, within the same block, any further tall gap above another name (a second
    signatory: 'griffier' and 'burgemeester' under a council decision). Returns (page,
    rects) pairs; images mostly inside a region are taken whole."""
    dt = nt.text
    regions = []
    seen: set[tuple[int, int]] = set()
    name_starts = sorted(s.start for s in names)

    def has_name(ln: Line) -> bool:
        i = bisect.bisect_left(name_starts, ln.start)
        return i < len(name_starts) and name_starts[i] < ln.end

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
        x0, y0, x1, y1 = line.rect
        following = _lines_under(dt, li, y1 - y0)
        bottom, name_idx = _signature_bottom(dt, li, following, has_name)
        if bottom is None:
            bottom = min(y1 + 90.0, nt.doc[line.page].rect.y1)
        add(line.page, y1, bottom)
        if name_idx is not None:
            _further_signatories(dt, name_idx, y1 - y0, has_name, add)
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


def _recognised(text: str) -> list[Span]:
    """What the recognisers find (presidio registry; our recognisers read the raw text, so
    presidio's spaCy pass is skipped: its tokens would go unused)."""
    if not text:
        return []
    results = get_analyzer().analyze(text, language=LANGUAGE, nlp_artifacts=empty_artifacts())
    return [
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


def _word_in(value: str, texts: list[str]) -> bool:
    """``value`` stands as whole words in one of ``texts`` (all normalised): 'Dorpsstraat 1'
    is part of 'dorpsstraat 1, 4484 ab kortgene' but not of 'dorpsstraat 12'."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(value)}(?![\w-])")
    return any(pattern.search(t) for t in texts)


def _contact_key(entity_type: str, text: str) -> str:
    """What makes two contact details the same: the digits of a phone number, an e-mail
    address without spaces and case, the words of an address."""
    if entity_type == "PHONE":
        return re.sub(r"\D", "", text)
    if entity_type == "EMAIL":
        return re.sub(r"\s", "", text).lower()
    return _norm(text)


def _mark_own_contacts(text: str, spans: list[Span], own: tuple[str, ...]) -> None:
    """The griffie's and the municipality's own contact details stay wherever they stand
    (letterhead, footer, 't.a.v.' block): they belong to no person."""
    if not own:
        return
    lines = [_norm(line) for line in own]
    phones = {re.sub(r"\D", "", line) for line in own if PHONE_RE.fullmatch(line.strip())}
    emails = {_contact_key("EMAIL", line) for line in own if "@" in line}
    for span in spans:
        value = text[span.start : span.end]
        if span.entity_type in {"ADDRESS", "POSTCODE"}:
            own_contact = _word_in(_norm(value), lines)
        elif span.entity_type == "PHONE":
            own_contact = _contact_key("PHONE", value) in phones
        elif span.entity_type == "EMAIL":
            own_contact = _contact_key("EMAIL", value) in emails
        else:
            continue
        if own_contact:
            span.role = "office"


def _mark_kept_contacts(text: str, spans: list[Span], options: AnonymisationOptions) -> None:
    """The sending organisation's own address (``keep_addresses``) and office holders'
    public registry e-mail addresses (3a) stay."""
    keep_addresses = [_norm(a) for a in options.keep_addresses if a.strip()]
    keep_emails = {_contact_key("EMAIL", e) for e in options.keep_emails if e.strip()}
    for span in spans:
        if span.role != "other":
            continue
        if span.entity_type in {"ADDRESS", "POSTCODE"} and keep_addresses:
            if _word_in(_norm(text[span.start : span.end]), keep_addresses):
                span.role = "municipality"
        elif span.entity_type == "EMAIL" and keep_emails:
            found = _contact_key("EMAIL", text[span.start : span.end])
            # OCR may add a speck before the address ('ec.haasnoot@...')
            if any(
                found == e or (found.endswith(e) and len(found) - len(e) <= 2) for e in keep_emails
            ):
                span.role = "registry"


def _mark_known_persons(text: str, spans: list[Span], options: AnonymisationOptions) -> None:
    """A detected name equal to a registry name or to a deny term takes that role."""
    keep_norm = {_norm(n) for n in options.keep_names}
    deny_norm = {_norm(t) for t in options.deny_terms}
    for span in spans:
        if span.entity_type == "PERSON" and span.role == "other":
            value = _norm(text[span.start : span.end])
            if value in keep_norm:
                span.role = "registry"
            elif value in deny_norm:
                span.role = "sender"


# The letterhead is the top of the first page; a footer the bottom of any page.
LETTERHEAD_SHARE = 0.3
FOOTER_SHARE = 0.88
# 'p/a Dorpsstraat 1', 't.a.v. ...': the address of a person who receives the post.
CARE_OF_RE = re.compile(r"(?i)\b(?:p/a|p\.a\.|per adres|t\.a\.v\.?|c/o)")


def _mark_letterhead_addresses(
    dt: DocText, spans: list[Span], options: AnonymisationOptions
) -> None:
    """3c: an organisation's letter is published with its official address. An address in
    the organisation's own letterhead (the lines under its name at the top of the first
    page) or in a footer line with its name stays, unless a person's name or 'p/a' comes
    between (then it is where that person lives)."""
    if options.sender_type not in {"organisation", "government"} or not dt.lines:
        return
    starts = [line.start for line in dt.lines]

    def line_of(pos: int) -> int:
        return max(bisect.bisect_right(starts, pos) - 1, 0)

    def placed(index: int) -> str:
        line = dt.lines[index]
        height = dt.page_rects[line.page][3] - dt.page_rects[line.page][1]
        if line.page == 0 and line.rect[3] <= LETTERHEAD_SHARE * height:
            return "head"
        return "foot" if line.rect[1] >= FOOTER_SHARE * height else ""

    heads = {line_of(s.start) for s in spans if s.entity_type == "ORGANISATION"}
    heads = {i for i in heads if placed(i)}
    persons = {line_of(s.start) for s in spans if s.entity_type == "PERSON"}
    for span in spans:
        if span.entity_type not in {"ADDRESS", "POSTCODE"} or span.role != "other":
            continue
        here = line_of(span.start)
        for head in heads:
            reach = 4 if placed(head) == "head" else 0
            between = range(head, here + 1)
            if not (0 <= here - head <= reach) or dt.lines[here].page != dt.lines[head].page:
                continue
            if any(i in persons for i in between) or CARE_OF_RE.search(
                dt.text[dt.lines[head].start : span.start]
            ):
                continue
            span.role = "municipality"
            break


def _spread_names(text: str, spans: list[Span]) -> list[Span]:
    """Every other mention of a name found (sender names first, so their mentions get the
    sender's neutral term); registry names are not spread over."""
    persons = [
        s
        for s in spans
        if s.entity_type == "PERSON" and s.role in {"other", "sender", "official", "appointee"}
    ]
    persons.sort(key=lambda s: s.role != "sender")
    registry = [s for s in spans if s.role == "registry"]
    return _resolve(spans + _spread(text, persons, registry))


def _residence_spans(text: str, spans: list[Span]) -> list[Span]:
    """3f: where the appointee lives or was born ('wonende te Kortgene', 'geboren te Goes',
    'Jan Jansen uit Kortgene')."""
    found = [Span(s, e, kind, "residence") for s, e, kind in residence_places(text)]
    for span in spans:
        if span.entity_type == "PERSON" and span.role == "appointee":
            after = place_after_name(text, span.end)
            if after is not None:
                found.append(Span(*after, "RESIDENCE", "after_name"))
    return found


def _mark_roles(text: str, spans: list[Span], options: AnonymisationOptions) -> list[Span]:
    """Who each name belongs to, read from the text: officials sign in office (3a/3b), an
    appointment names its appointee (3f); in an appointment the places of residence and
    birth are added (they go)."""
    _mark_officials(text, spans)
    if options.category != "appointment":
        return spans
    _mark_appointees(text, spans)
    return _resolve(spans + _residence_spans(text, spans))


def _place_after_postcode(text: str, span: Span) -> Span | None:
    """The place after a postcode ('4484 AB Kortgene'): where the postcode's owner lives
    (the policy keeps it, except in an appointment); a kept postcode's place stays."""
    m = re.match(r"[ ,]+([A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+)?)", text[span.end : span.end + 40])
    if not m or m.group(1).lower() not in get_lookups().places:
        return None
    role = span.role if span.role in {"office", "municipality", "sender"} else "other"
    start = span.end + m.start(1)
    return Span(start, start + len(m.group(1)), "RESIDENCE", "place_after_postcode", role)


class _Findings(list):
    """Findings as the policy decides them, in the order they are added."""

    def __init__(self, options: AnonymisationOptions) -> None:
        super().__init__()
        self.options = options

    def add(
        self,
        page: int,
        rects: Iterable[Sequence[float]],
        entity_type: str,
        value: str,
        role: str,
        source: str,
        start: int = 0,
        end: int = 0,
    ) -> None:
        action, reason = decide_for(self.options, entity_type=entity_type, role=role, text=value)
        self.append(
            Finding(
                id=_finding_id(page, entity_type, start, end, value),
                page=page,
                rects=[_rounded(r) for r in rects],
                entity_type=entity_type,
                text=value,
                replacement=replacement_for(entity_type, role, self.options.neutral_term),
                action=action,
                reason=reason,
                role=role,
                source=source,
            )
        )

    def add_span(self, dt: DocText, span: Span) -> None:
        value = dt.text[span.start : span.end]
        by_page: dict[int, list] = {}
        for page, rect in dt.span_rects(span.start, span.end):
            by_page.setdefault(page, []).append(rect)
        for page, rects in by_page.items():
            self.add(
                page, rects, span.entity_type, value, span.role, span.source, span.start, span.end
            )


def detect(nt: Normalised, options: AnonymisationOptions) -> list[Finding]:
    """Personal data in the document, each with the policy's decision: recognised spans,
    intake and registry details, the roles read from the text, other mentions of names,
    signatures, and pages left out."""
    dt = nt.text
    text = dt.text
    spans = _recognised(text)
    spans += _deny_spans(text, options.deny_terms)
    spans += _keep_spans(text, options.keep_names)
    _mark_own_contacts(text, spans, options.own_contacts or ())
    _mark_kept_contacts(text, spans, options)
    _mark_known_persons(text, spans, options)
    spans = _mark_roles(text, _resolve(spans), options)
    spans = _spread_names(text, spans)
    spans = _resolve(spans + _ocr_variants(text, spans) + _postcode_variants(text, spans))
    _personal_addresses(text, spans)
    _mark_letterhead_addresses(dt, spans, options)

    findings = _Findings(options)
    places = []
    for span in spans:
        findings.add_span(dt, span)
        if span.entity_type == "POSTCODE":
            place = _place_after_postcode(text, span)
            if place is not None and not any(place.overlaps(s) for s in spans):
                places.append(place)
    for place in places:
        findings.add_span(dt, place)
    for page, rects in _signature_findings(nt, [s for s in spans if s.entity_type == "PERSON"]):
        top, bottom = int(rects[0][1]), int(rects[0][3])
        findings.add(page, rects, "SIGNATURE", "", "other", "closing_phrase", top, bottom)
    if options.category in {"petition", "citizens_initiative"}:
        for page in _signatory_pages(dt, spans, nt.doc.page_count):
            findings.add(
                page, [dt.page_rects[page]], "PAGE", "", "other", "signatory_list", page, page
            )
    return list(findings)


__all__ = ["detect", "tokenise"]
