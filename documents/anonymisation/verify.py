"""Step 6: read the output again, as any reader could, and look for what should be gone."""

from __future__ import annotations

import re

import pymupdf

from .lookups import get_lookups
from .normalise import SCAN_COVERAGE
from .ocr import image_coverage, ocr_available, ocr_textpage
from .types import AnonymisationOptions, Finding, Verification

ALNUM_TYPES = {"EMAIL", "PHONE", "IBAN", "BSN", "POSTCODE", "LICENCE_PLATE", "DATE_OF_BIRTH"}
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
    interfixes = get_lookups().interfix_words
    if entity_type == "PERSON":
        parts = [f"(?i:{re.escape(w)})" if w.lower() in interfixes else re.escape(w) for w in words]
        return re.compile(r"(?<![\w-])" + r"\s+".join(parts) + r"(?![\w-])")
    return re.compile(
        r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in words) + r"(?![\w-])", re.IGNORECASE
    )


def _structure_leaks(doc: pymupdf.Document) -> list[str]:
    leaks = []
    meta = doc.metadata or {}
    if any(meta.get(k) for k in META_KEYS):
        leaks.append("metadata niet leeg")
    if doc.get_xml_metadata():
        leaks.append("XMP-metadata aanwezig")
    if doc.embfile_count():
        leaks.append("ingesloten bestanden aanwezig")
    if doc.get_ocgs():
        leaks.append("lagen (optional content) aanwezig")
    for page in doc:
        if page.first_annot is not None or page.first_widget is not None:
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
    return leaks


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
    odd = sum(1 for value in samples if abs(value - background) > 48)
    return odd > 0.02 * len(samples)


def verify(
    output: bytes,
    findings: list[Finding],
    options: AnonymisationOptions,
    *,
    rejected_ids: set[str] = frozenset(),
    extra_texts: list[str] = (),
) -> Verification:
    try:
        doc = pymupdf.open(stream=output, filetype="pdf")
    except Exception as exc:  # noqa: BLE001
        return Verification(False, ["uitvoer niet leesbaar"], f"needs review: {exc}")
    leaks = _structure_leaks(doc)

    redacted = [
        f for f in findings if f.action == "redact" and f.id not in rejected_ids and f.text.strip()
    ]
    kept = [f for f in findings if (f.action == "keep" or f.id in rejected_ids) and f.text.strip()]
    kept_norm = {" ".join(f.text.split()).lower() for f in kept}
    checks: list[tuple[str, str, str, str]] = []  # kind, value, pattern kind, squashed
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
        from .detect import _classify_term  # local import: detect imports the analyzer

        kind = _classify_term(term)
        checks.append((kind, term, kind if kind != "PERSON" else "TERM", _squash(term)))
    kept_patterns = [
        re.compile(r"\s+".join(re.escape(w) for w in f.text.split()), re.IGNORECASE)
        for f in sorted(kept, key=lambda f: -len(f.text))
    ]

    for page in doc:
        text = page.get_text()
        if page.get_images(full=False) and image_coverage(page) >= MIN_IMAGE_COVERAGE_FOR_OCR:
            if ocr_available():
                # A scan (our replacement terms are its only text): OCR the whole page.
                full = not text.strip() or image_coverage(page) >= SCAN_COVERAGE
                textpage = ocr_textpage(
                    page, language=options.ocr_language, dpi=options.verify_ocr_dpi, full=full
                )
                text = text + "\n" + page.get_text(textpage=textpage)
            else:
                leaks.append(f"p. {page.number + 1} bevat afbeeldingen en OCR is niet beschikbaar")
        for pattern in kept_patterns:
            text = pattern.sub("\u2588", text)
        squashed = _squash(text)
        for kind, value, pattern_kind, needle in checks:
            if len(needle) < 3 or needle not in squashed:
                continue  # cheap negative: the characters do not even occur in sequence
            pattern = leak_pattern(pattern_kind, value)
            if pattern is not None and pattern.search(text):
                leaks.append(f"{kind} '{_mask(value)}' leesbaar op p. {page.number + 1}")

    for f in findings:
        if f.entity_type == "SIGNATURE" and f.action == "redact" and f.id not in rejected_ids:
            if f.page < doc.page_count and _signature_leak(doc[f.page], pymupdf.Rect(f.rects[0])):
                leaks.append(f"handtekening nog zichtbaar op p. {f.page + 1}")
    doc.close()
    if leaks:
        return Verification(False, leaks, "needs review: " + "; ".join(leaks[:5]))
    return Verification(True, [], "")
