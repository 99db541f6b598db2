"""Step 6: read the output again, as any reader could, and look for what should be gone."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass

import pymupdf

from .detect import _classify_term, detect
from .lookups import get_lookups
from .normalise import (
    SCAN_COVERAGE,
    Normalised,
    extract_text,
    hidden_text,
    outside_strips,
)
from .ocr import (
    image_coverage,
    ocr_available,
    ocr_reading_order,
    ocr_regions_text,
    ocr_textpage,
)
from .recognisers.contact import EMAIL_RE, PHONE_RE
from .recognisers.identifiers import BSN_RE, IBAN_RE, bsn_valid, iban_valid
from .redact import LANGUAGE, published_title
from .types import AnonymisationOptions, Finding, Proposal, Verification

ALNUM_TYPES = {
    "EMAIL",
    "PHONE",
    "IBAN",
    "BSN",
    "POSTCODE",
    "LICENCE_PLATE",
    "DATE_OF_BIRTH",
    "ID_NUMBER",
}
META_KEYS = (
    "title",
    "author",
    "subject",
    "keywords",
    "creator",
    "producer",
    "creationDate",
    "modDate",
)
# Pages whose images cover less than this are typed pages with a logo: OCR only the images.
MIN_IMAGE_COVERAGE_FOR_OCR = 0.01


def _mask(text: str) -> str:
    return " ".join(w[:1] + "*" * (len(w) - 1) for w in text.split())


def _squash(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


# Finding types whose value is a place that is personal only by its context (art. 3f), and
# the contexts the recognisers take them from: after a postcode (or the term that replaced
# it), a cue word, a name's "uit" or in brackets after a name.
PLACE_OF_PERSON = {"RESIDENCE", "BIRTHPLACE"}
PLACE_CUE = (
    r"(?:\b\d{4}\s?[A-Za-z]{2}|\bwonende(?:\s+te)?|\bwoonachtig(?:\s+(?:te|in))?"
    r"|\bwoonplaats:?|\bgeboren(?:\s+(?:te|in))?|\bgeboorteplaats:?|\buit|\(|\])"
)


def leak_pattern(entity_type: str, text: str) -> re.Pattern | None:
    """How a leaked value could read: separators and line breaks may differ, case too."""
    if entity_type in ALNUM_TYPES:
        chars = re.sub(r"[^0-9A-Za-z]", "", text)
        if len(chars) < 4:
            return None
        body = r"[^0-9A-Za-z]{0,3}".join(re.escape(c) for c in chars)
        return re.compile(rf"(?<![0-9A-Za-z]){body}(?![0-9A-Za-z])", re.IGNORECASE)
    words = text.split()
    if not words or len("".join(words)) < 3:
        return None
    if entity_type in PLACE_OF_PERSON:
        # A place name is personal only where it says where someone lives or was born: the
        # same word elsewhere ('de kerk in Wissenkerke', the office's own address) is a
        # place name that stays. So a leak is the place after the cue that made it personal.
        place = r"\s+".join(re.escape(w) for w in words)
        return re.compile(rf"{PLACE_CUE}[\s,]*{place}(?![\w-])", re.IGNORECASE)
    interfixes = get_lookups().interfix_words
    if entity_type == "PERSON":
        parts = [f"(?i:{re.escape(w)})" if w.lower() in interfixes else re.escape(w) for w in words]
        return re.compile(r"(?<![\w-])" + r"\s+".join(parts) + r"(?![\w-])")
    return re.compile(
        r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in words) + r"(?![\w-])", re.IGNORECASE
    )


def _structure_leaks(doc: pymupdf.Document, title: str) -> list[str]:
    leaks = []
    meta = doc.metadata or {}
    if any(meta.get(k) for k in META_KEYS if k != "title") or meta.get("title") != title:
        leaks.append("metadata anders dan alleen de titel")
    if doc.xref_get_key(doc.pdf_catalog(), "Lang") != ("string", LANGUAGE):
        leaks.append(f"taal (/Lang) niet '{LANGUAGE}'")
    if doc.get_xml_metadata():
        leaks.append("XMP-metadata aanwezig")
    if doc.embfile_count():
        leaks.append("ingesloten bestanden aanwezig")
    if doc.get_ocgs():
        leaks.append("lagen (optional content) aanwezig")
    for page in doc:
        if page.first_annot or page.first_widget or page.first_link:
            leaks.append(f"annotaties of formuliervelden op p. {page.number + 1}")
            break
    for xref in range(1, doc.xref_length()):
        try:
            obj = doc.xref_object(xref, compressed=True)
        except Exception:  # noqa: BLE001 - free or broken xref entries
            continue
        if "/JavaScript" in obj or "/JS" in obj:
            leaks.append("JavaScript aanwezig")
            break
        if (
            "/EmbeddedFile" in obj
            or "/FileAttachment" in obj
            or doc.xref_get_key(xref, "Metadata")[0] != "null"
        ):
            leaks.append("metadata of bijlage in een object")
            break
    for page in doc:
        if page.rotation:
            leaks.append(f"p. {page.number + 1} is gedraaid opgeslagen")
            break
    return leaks


def _reading_text(page: pymupdf.Page, words: list[tuple] | None = None) -> str:
    lines: dict[tuple[int, int], list[str]] = {}
    source = page.get_text("words") if words is None else words
    for word in ocr_reading_order(source, drop_specks=words is None):
        lines.setdefault((word[5], word[6]), []).append(word[4])
    return "\n".join(" ".join(words) for words in lines.values())


def _hidden_leaks(page: pymupdf.Page, ocr_layer: bool, page_text: str) -> list[str]:
    """Text a reader can select but not see (the OCR text layer of a scan excepted).
    ``page_text``: ``page.get_text()``, whose characters are the ones painted inside
    their clip."""
    visible = len("".join(page_text.split()))
    hidden = [
        text
        for _, text in hidden_text(page, ocr_layer=ocr_layer, visible_chars=visible)
        if len(text) >= 2
    ]
    if not hidden:
        return []
    return [f"onzichtbare tekst '{_mask(hidden[0])}' op p. {page.number + 1}"]


def _visual_text(
    page: pymupdf.Page, check: dict, options: AnonymisationOptions, leaks: list[str]
) -> str:
    """What a reader sees of a page detection read visually: the text in visual rows with
    spaced letters joined, and the areas OCR read then, read again."""
    from .visual import join_spaced

    words = join_spaced(page.get_text("words"))
    text = " ".join(w[4] for w in words) + "\n" + _reading_text(page, words)
    turns = dict(zip(map(tuple, check.get("regions", ())), check.get("turns", ()), strict=False))
    regions = [tuple(r) for r in check.get("reread", check.get("regions", ()))]
    text += "\n" + check.get("known", "")
    if check.get("regions") and not ocr_available():
        leaks.append(f"p. {page.number + 1}: tekst in afbeelding niet te lezen (geen OCR)")
    elif regions:
        # each region read at the turn at which detection read its text upright
        for turn in sorted({turns.get(r, 0) for r in regions}):
            try:
                text += "\n" + ocr_regions_text(
                    page,
                    [pymupdf.Rect(r) for r in regions if turns.get(r, 0) == turn],
                    language=options.ocr_language,
                    dpi=check.get("dpi", 200),
                    turn=turn,
                )
            except Exception as exc:  # noqa: BLE001 - Tesseract or MuPDF errors: fail closed
                leaks.append(f"p. {page.number + 1}: afbeelding niet te lezen (OCR: {exc})")
    return text


def visual_checks(proposal: Proposal, boxes: dict[int, list]) -> dict[int, dict]:
    """For each page read visually during detection: which image regions to read again
    (a redaction box or removed vector art touches them) and the OCR text of the others,
    whose pixels are the input's own (the argument of ``scan_checks``)."""
    if not proposal.visual:
        return {}
    checks: dict[int, dict] = {}
    with pymupdf.open(stream=proposal.pdf, filetype="pdf") as source:
        for page_no, check in proposal.visual.items():
            rects = [pymupdf.Rect(box[0]) for box in boxes.get(page_no, [])]
            if rects and 0 <= page_no < source.page_count:
                for kind, bbox in source[page_no].get_bboxlog():
                    if any(k in kind for k in LINE_ART):
                        area = pymupdf.Rect(bbox)
                        if any(area.intersects(r) for r in rects):
                            rects.append(area)
            read = dict(check.get("images", ()))
            reread, known = [], []
            for region in check.get("regions", ()):
                touched = any(pymupdf.Rect(region).intersects(r) for r in rects)
                if touched or tuple(region) not in read:
                    reread.append(region)
                else:
                    known.append(read[tuple(region)])
            checks[page_no] = {**check, "reread": reread, "known": "\n".join(known)}
    return checks


def _text_layer_findings(
    doc: pymupdf.Document,
    pages: list[int],
    options: AnonymisationOptions,
    kept_words: Set[str] = frozenset(),
) -> list[str]:
    """Run detection over the text layers of scanned pages, as over any typed page: what
    it would redact there means the layer (and so the image under it) still shows it.
    Words the policy kept on the input (a registry name, an organisation) stay kept: the
    layer lacks the context (the redacted words around them) that decided it."""

    leaks = []
    for page_no in pages:
        with pymupdf.open() as single:
            single.insert_pdf(doc, from_page=page_no, to_page=page_no)
            text, _ = extract_text(single, options, regroup=True)
            found = detect(Normalised(doc=single, text=text, ocr_pages=[], removed=[]), options)
        leaks += [
            f"{f.entity_type} '{_mask(f.text)}' in de tekstlaag van p. {page_no + 1}"
            for f in found
            if f.action == "redact"
            and f.entity_type not in ("SIGNATURE", "PAGE")
            # 'the line under the closing phrase is a name' is a guess by position; on a
            # redacted page that line is empty and the guess lands on a scribble speck
            and f.source != "signature"
            and not set(f.text.lower().split()) <= kept_words
        ]
    return leaks


# Contact data that the detectors always redact or keep: if verification finds one that is
# neither redacted nor kept, the output shows something detection never saw (e.g. text that
# only became visible after normalisation) and a person must look.
SAFETY_NET = (
    ("EMAIL", EMAIL_RE, None),
    ("PHONE", PHONE_RE, None),
    ("IBAN", IBAN_RE, iban_valid),
    ("BSN", BSN_RE, bsn_valid),
)
LINE_ART = ("path", "shade")


@dataclass
class ScanCheck:
    """What verification needs for a scanned page instead of a full OCR pass."""

    visible_text: str  # detection OCR words outside every redaction box
    boxes: list[pymupdf.Rect]  # the redaction boxes applied to this page
    uncovered: list[pymupdf.Rect]  # vector art touching a box, removed by redaction
    dpi: int


def _around(rect: pymupdf.Rect) -> pymupdf.Rect:
    """A box plus part of the neighbouring words on its line, for OCR. Not more than a point
    up or down: half-cut neighbouring lines cost Tesseract far more time than they tell."""
    dx = min(rect.height + 4, 40)
    return pymupdf.Rect(rect.x0 - dx, rect.y0 - 1, rect.x1 + dx, rect.y1 + 1)


def scan_checks(
    proposal: Proposal,
    boxes: dict[int, list],
    omitted: set[int] | list[int],
    options: AnonymisationOptions,
) -> dict[int, ScanCheck]:
    """For each scanned page read during detection: the pixels outside the redaction boxes
    (and outside vector art that touches them, which redaction removes) are the input's own,
    whose OCR we already have; only the changed areas need checking again."""
    if not proposal.ocr_words:
        return {}
    checks: dict[int, ScanCheck] = {}
    source = pymupdf.open(stream=proposal.pdf, filetype="pdf")
    try:
        for page_no, words in proposal.ocr_words.items():
            if page_no in omitted or not 0 <= page_no < source.page_count:
                continue
            rects = [pymupdf.Rect(box[0]) for box in boxes.get(page_no, [])]
            uncovered = []
            if rects:
                for kind, bbox in source[page_no].get_bboxlog():
                    if any(k in kind for k in LINE_ART):
                        area = pymupdf.Rect(bbox)
                        if any(area.intersects(r) for r in rects):
                            uncovered.append(area)
            visible = []
            for rect, word in words:
                r = pymupdf.Rect(rect)
                centre = pymupdf.Point((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2)
                if not any(box.contains(centre) for box in rects):
                    visible.append(word)
            dpi = max(options.verify_ocr_dpi, proposal.ocr_dpi.get(page_no, options.ocr_dpi))
            checks[page_no] = ScanCheck(" ".join(visible), rects, uncovered, dpi)
    finally:
        source.close()
    return checks


def _pixels_blank(
    doc: pymupdf.Document, page: pymupdf.Page, box: pymupdf.Rect, infos: list[dict]
) -> bool:
    """True when every image under ``box`` is uniform inside it (redaction blanked its pixels)
    and no vector art besides redaction fills is drawn there. False means 'not proven': the
    caller then OCRs the box."""
    inner = box + (1, 1, -1, -1)
    if inner.is_empty:
        return True
    for info in infos:
        if not pymupdf.Rect(info["bbox"]).intersects(inner):
            continue
        if not info.get("xref"):
            return False  # inline image: no pixels to look at here
        try:
            pix = pymupdf.Pixmap(doc, info["xref"])
        except Exception:  # noqa: BLE001 - unusual image types
            return False
        unit = inner * ~pymupdf.Matrix(info["transform"])
        unit.normalize()
        irect = (
            pymupdf.IRect(
                int(unit.x0 * pix.width) + 1,
                int(unit.y0 * pix.height) + 1,
                int(unit.x1 * pix.width) - 1,
                int(unit.y1 * pix.height) - 1,
            )
            & pix.irect
        )
        if irect.is_empty:
            continue
        samples, n, width = pix.samples_mv, pix.n, pix.width
        first = bytes(samples[(irect.y0 * width + irect.x0) * n :][:n])
        expected = first * irect.width
        for y in range(irect.y0, irect.y1):
            row = samples[(y * width + irect.x0) * n : (y * width + irect.x1) * n]
            if row != expected:
                return False
    return True


def _art_inside(
    page_log: list[tuple[str, tuple[float, ...]]], box: pymupdf.Rect, boxes: list[pymupdf.Rect]
) -> bool:
    """Vector art drawn over ``box`` other than the redaction fills themselves."""
    inner = box + (1, 1, -1, -1)
    for kind, bbox in page_log:
        if not any(k in kind for k in LINE_ART):
            continue
        area = pymupdf.Rect(bbox)
        if not area.intersects(inner):
            continue
        if any(abs(area.x0 - b.x0) < 1 and abs(area.y1 - b.y1) < 1 for b in boxes):
            continue  # a redaction fill
        return True
    return False


def _signature_leak(page: pymupdf.Page, rect: pymupdf.Rect) -> bool:
    """True when the masked region still shows something besides the uniform fill."""
    region = pymupdf.Rect(rect) + (1.5, 1.5, -1.5, -1.5)
    if region.is_empty or region.width < 4 or region.height < 4:
        return False
    pix = page.get_pixmap(clip=region, dpi=48, colorspace=pymupdf.csGRAY, annots=False)
    samples = pix.samples
    if not samples:
        return False
    background = max(set(samples[:: max(1, len(samples) // 200)]), key=samples.count)
    # Count the pixels far from the background in C: map each grey value to 1 (odd) or 0.
    table = bytes(1 if abs(value - background) > 48 else 0 for value in range(256))
    odd = samples.translate(table).count(1)
    return odd > 0.02 * len(samples)


Check = tuple[str, str, str, str]  # kind, value, pattern kind, squashed value


def _checks(
    findings: list[Finding],
    options: AnonymisationOptions,
    rejected_ids: Set[str],
    extra_texts: Sequence[str],
) -> tuple[list[Check], list[re.Pattern], set[str]]:
    """What must not be readable any more (the redacted values, the sender's deny terms),
    the patterns of what the policy kept (blanked before searching), and the kept texts."""
    redacted = [
        f for f in findings if f.action == "redact" and f.id not in rejected_ids and f.text.strip()
    ]
    kept = [f for f in findings if (f.action == "keep" or f.id in rejected_ids) and f.text.strip()]
    kept_norm = {" ".join(f.text.split()).lower() for f in kept}
    checks: list[Check] = []
    seen = set()
    for f in redacted:
        key = (f.entity_type, " ".join(f.text.split()))
        if key in seen:
            continue
        seen.add(key)
        checks.append((f.entity_type, f.text, f.entity_type, _squash(f.text)))
    for term in [*options.deny_terms, *extra_texts]:
        if " ".join(term.split()).lower() in kept_norm:
            continue  # the policy keeps this sender detail (e.g. an initiator's name)
        kind = _classify_term(term)
        checks.append((kind, term, kind if kind != "PERSON" else "TERM", _squash(term)))
    kept_patterns = [
        re.compile(r"\s+".join(re.escape(w) for w in f.text.split()), re.IGNORECASE)
        for f in sorted(kept, key=lambda f: -len(f.text))
    ]
    return checks, kept_patterns, kept_norm


def _scan_text(
    doc: pymupdf.Document, page: pymupdf.Page, scan: ScanCheck, options: AnonymisationOptions
) -> str:
    """A scan read during detection: outside the boxes the pixels are the input's, so its
    OCR words stand for them; the changed areas are read again."""
    # the text layer as detection read the scan: lines regrouped, specks left out
    text = "\n" + scan.visible_text + "\n" + _reading_text(page)
    infos = page.get_image_info(xrefs=True)
    page_log = page.get_bboxlog()
    regions = [
        _around(box)
        for box in scan.boxes
        if not _pixels_blank(doc, page, box, infos) or _art_inside(page_log, box, scan.boxes)
    ]
    regions += [_around(area) for area in scan.uncovered]
    return (
        text + "\n" + ocr_regions_text(page, regions, language=options.ocr_language, dpi=scan.dpi)
    )


def _page_text(
    doc: pymupdf.Document,
    page: pymupdf.Page,
    title: str,
    scan: ScanCheck | None,
    visual_page: dict | None,
    options: AnonymisationOptions,
    leaks: list[str],
    text: str,
) -> str:
    """Everything a reader can read on ``page``: its text layer ``text`` (with the published
    title on page 1) and, where the text layer cannot be trusted, what OCR reads on the
    rendered page."""
    if page.number == 0:
        text = title + "\n" + text  # the title is published too
    if scan is not None and ocr_available():
        return text + _scan_text(doc, page, scan, options)
    if visual_page is not None:
        return text + "\n" + _visual_text(page, visual_page, options, leaks)
    if page.get_images(full=False) and image_coverage(page) >= MIN_IMAGE_COVERAGE_FOR_OCR:
        if not ocr_available():
            leaks.append(f"p. {page.number + 1} bevat afbeeldingen en OCR is niet beschikbaar")
            return text
        # A scan (our replacement terms are its only text): OCR the whole page.
        full = not text.strip() or image_coverage(page) >= SCAN_COVERAGE
        textpage = ocr_textpage(
            page, language=options.ocr_language, dpi=options.verify_ocr_dpi, full=full
        )
        return text + "\n" + page.get_text(textpage=textpage)
    return text


def _readable_leaks(text: str, checks: list[Check], page_number: int) -> list[str]:
    """Redacted values still readable in ``text``, and anything the safety net recognises
    that detection did not find."""
    leaks = []
    squashed = _squash(text)
    reported = set()
    for kind, value, pattern_kind, needle in checks:
        if len(needle) < 3 or needle not in squashed:
            continue  # cheap negative: the characters do not even occur in sequence
        pattern = leak_pattern(pattern_kind, value)
        if pattern is not None and pattern.search(text):
            leaks.append(f"{kind} '{_mask(value)}' leesbaar op p. {page_number + 1}")
            reported.add(needle)
    for kind, regex, valid in SAFETY_NET:
        for m in regex.finditer(text):
            if _squash(m.group()) in reported:
                continue
            if valid is None or valid(m.group()):
                leaks.append(
                    f"{kind} '{_mask(m.group())}' leesbaar op p. {page_number + 1} "
                    "(niet gevonden bij detectie)"
                )
    return leaks


def _outside_leaks(doc: pymupdf.Document, page: pymupdf.Page) -> list[str]:
    strips = outside_strips(page)
    if not strips:
        return []
    infos = page.get_image_info(xrefs=True)
    if all(_pixels_blank(doc, page, strip, infos) for strip in strips):
        return []
    return [f"afbeelding buiten de pagina niet leeg op p. {page.number + 1}"]


def _signature_leaks(
    doc: pymupdf.Document, findings: list[Finding], rejected_ids: Set[str]
) -> list[str]:
    return [
        f"handtekening nog zichtbaar op p. {f.page + 1}"
        for f in findings
        if f.entity_type == "SIGNATURE"
        and f.action == "redact"
        and f.id not in rejected_ids
        and f.page < doc.page_count
        and _signature_leak(doc[f.page], pymupdf.Rect(f.rects[0]))
    ]


def verify(
    output: bytes,
    findings: list[Finding],
    options: AnonymisationOptions,
    *,
    rejected_ids: Set[str] = frozenset(),
    extra_texts: Sequence[str] = (),
    scans: dict[int, ScanCheck] | None = None,
    visual: dict[int, dict] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Verification:
    """Read the output as an adversary would, page by page: structure, hidden text, images
    outside the page, and everything readable (text layer, and OCR where the text layer
    cannot be trusted) against what was redacted. ``visual``: typed pages whose text layer
    detection did not trust (visual.py); they are read again as a reader sees them: spaced
    letters joined, in visual rows, and the areas OCR read then are read again."""
    try:
        doc = pymupdf.open(stream=output, filetype="pdf")
    except Exception as exc:  # noqa: BLE001
        return Verification(False, ["uitvoer niet leesbaar"], f"needs review: {exc}")
    title = published_title(options.title, options.category)
    leaks = _structure_leaks(doc, title)
    checks, kept_patterns, kept_norm = _checks(findings, options, rejected_ids, extra_texts)
    scans = scans or {}
    visual = visual or {}
    total = doc.page_count
    words: dict[int, list[tuple]] = {}
    for page in doc:
        scan = scans.get(page.number)
        # one extraction for the text and the words (the flags of get_text's defaults)
        textpage = page.get_textpage(flags=pymupdf.TEXTFLAGS_TEXT)
        layer = page.get_text(textpage=textpage)
        words[page.number] = page.get_text("words", textpage=textpage)
        leaks += _hidden_leaks(page, scan is not None or page.number in visual, layer)
        leaks += _outside_leaks(doc, page)
        text = _page_text(doc, page, title, scan, visual.get(page.number), options, leaks, layer)
        for pattern in kept_patterns:
            text = pattern.sub("\u2588", text)
        leaks += _readable_leaks(text, checks, page.number)
        if progress is not None:
            progress(page.number + 1, total)

    if scans and not leaks:
        kept_words = {word for text in kept_norm for word in text.split()}
        leaks += _text_layer_findings(
            doc, sorted(p for p in scans if p < total), options, kept_words
        )
    leaks += _signature_leaks(doc, findings, rejected_ids)
    doc.close()
    if leaks:
        return Verification(False, leaks, "needs review: " + "; ".join(leaks[:5]), words)
    return Verification(True, [], "", words)
