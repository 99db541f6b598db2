"""Which way up the text of a scan (or of an image on a page) reads.

Tesseract reads text that is turned as debris ('Jewwnujuewnoog', 'E$ ENE 5 3'); the share of
an OCR reading that is known words tells upright text from turned (``reading_score``). A whole
scanned page whose content is turned (a sheet fed into the scanner sideways or upside down,
with no /Rotate to say so) is found by that share after the page's normal OCR, and read again
turned at a low resolution to find the turn (``scan_turn``); normalisation then turns the page
upright, as it does with a stored /Rotate. Tesseract's own orientation detection (OSD) is not
reachable through PyMuPDF, and through its command line it costs more (ADR 0010).
"""

from __future__ import annotations

import re

import pymupdf

from .lookups import get_lookups
from .ocr import ocr_region_words

READING_WORD_RE = re.compile(r"[^\W\d_]{4,}")
# A scanned page is upright when at least this share of the letters OCR read on it are in
# known words; below it, and with at least SCAN_MIN_LETTERS letters read (ink, not a blank
# page or a lone signature), the page is read turned.
SCAN_UPRIGHT_SHARE = 0.5
SCAN_MIN_LETTERS = 20
# The turns are tried at this resolution: enough to read 10 pt text as words, and a
# sideways reading (debris) costs a quarter of one at 150 dpi.
SCAN_PROBE_DPI = 72
# Sideways first: a sheet fed in landscape is the usual turned scan.
SCAN_TURNS = (90, 270, 180)
# A turn is taken when its reading has at least this many known letters (and twice the
# upright reading's): one or two words that happen to be known do not turn a page.
SCAN_MIN_KNOWN = 40


def reading_score(words: list[tuple]) -> tuple[int, int]:
    """(letters in known words of four letters or more, all letters and digits) of an OCR
    reading: known are Dutch dictionary words (and compounds of them), first names, surnames
    and places. Upright text scores most of its characters; text read turned, hardly any."""
    from .suspects import is_compound, zipf  # local import: wordfreq loads on first use

    lookups = get_lookups()
    text = " ".join(w[4] for w in words)
    known, chars = 0, sum(ch.isalnum() for ch in text)
    for token in READING_WORD_RE.findall(text):
        lower = token.lower()
        title = token[:1].upper() + lower[1:]
        if (
            zipf(lower) >= 3.0
            or title in lookups.first_names
            or title in lookups.surnames
            or lower in lookups.places
            or is_compound(lower)
        ):
            known += len(token)
    return known, chars


# Whether the lines of a scan run across or down the page, from the profile of the ink at
# PROFILE_DPI in PROFILE_STRIPS strips (so that a skew of a few degrees does not blur it):
# walking over the lines, the ink changes to paper once per line; walking along them, at
# every gap between letters and words. A page on which a walk down the page meets
# SIDEWAYS_RATIO times as many changes as a walk across it, and at least
# SIDEWAYS_MIN_CHANGES per 100 pixel rows, is read sideways first, before any upright
# reading (Tesseract takes twice as long over sideways text as over upright text). Measured
# on generated scans (docs/benchmarks.md): walking down an upright page 4.8-6.7 changes,
# a sideways one 9.3-19; the ratio alone picked three upright pages of seventeen (short
# pages, with few lines).
PROFILE_DPI = 50
PROFILE_STRIPS = 4
SIDEWAYS_RATIO = 1.4
SIDEWAYS_MIN_CHANGES = 8.5
_DARK = bytes(1 if value < 128 else 0 for value in range(256))


def _line_changes(page: pymupdf.Page, turn: int) -> float:
    """Changes from ink to paper per 100 pixel rows of the page rendered turned by ``turn``,
    counted in vertical strips."""
    matrix = pymupdf.Matrix(PROFILE_DPI / 72, PROFILE_DPI / 72).prerotate(turn)
    pix = page.get_pixmap(matrix=matrix, colorspace=pymupdf.csGRAY, annots=False)
    width, samples = pix.width, pix.samples
    strip = width // PROFILE_STRIPS
    changes = rows = 0
    for k in range(PROFILE_STRIPS):
        counts = [
            samples[y * width + k * strip : y * width + (k + 1) * strip].translate(_DARK).count(1)
            for y in range(pix.height)
        ]
        inked = [y for y, count in enumerate(counts) if count]
        if not inked:
            continue
        span = counts[inked[0] : inked[-1] + 1]
        changes += sum(1 for a, b in zip(span, span[1:], strict=False) if a and not b)
        rows += len(span)
    return 100 * changes / rows if rows else 0.0


def sideways_turn(page: pymupdf.Page, *, language: str) -> int:
    """90 or 270 when the scan's lines run down the page and one of those turns reads as
    text; 0 otherwise (then the page is read upright, and ``scan_turn`` decides)."""
    down = _line_changes(page, 0)
    if down < SIDEWAYS_MIN_CHANGES or down < SIDEWAYS_RATIO * _line_changes(page, 90):
        return 0
    return _probe(page, (90, 270), 0, language=language)


def _probe(page: pymupdf.Page, turns: tuple[int, ...], known: int, *, language: str) -> int:
    """The turn among ``turns`` whose reading at SCAN_PROBE_DPI has the most known letters,
    when that is at least SCAN_MIN_KNOWN and twice ``known`` (the upright reading's)."""
    best_known, best_turn = 0, 0
    for turn in turns:
        read = ocr_region_words(page, [page.rect], language=language, dpi=SCAN_PROBE_DPI, turn=turn)
        score, _ = reading_score(read)
        if score > best_known:
            best_known, best_turn = score, turn
        if score >= SCAN_MIN_KNOWN and score >= SCAN_UPRIGHT_SHARE * sum(
            ch.isalpha() for w in read for ch in w[4]
        ):
            break  # this one reads as text
    if best_known >= max(2 * known, SCAN_MIN_KNOWN):
        return best_turn
    return 0


def scan_turn(page: pymupdf.Page, words: list[tuple], *, language: str) -> int:
    """The turn (degrees clockwise: 90, 180, 270) at which the text of a scanned page reads
    upright, or 0. ``words``: the page's OCR words read upright. Costs nothing more when
    they are mostly known words (an upright page); otherwise up to three readings of the
    page at SCAN_PROBE_DPI."""
    known, _ = reading_score(words)
    letters = sum(ch.isalpha() for w in words for ch in w[4])
    if letters < SCAN_MIN_LETTERS or known >= SCAN_UPRIGHT_SHARE * letters:
        return 0
    return _probe(page, SCAN_TURNS, known, language=language)


def turn_upright(page: pymupdf.Page, turn: int) -> None:
    """Turn the page's content clockwise by ``turn`` degrees into an upright page (as a
    stored /Rotate is straightened): every later step works on what a reader reads."""
    page.set_rotation((page.rotation + turn) % 360)
    page.remove_rotation()
