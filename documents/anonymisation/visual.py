"""Step 2b: what a reader sees where the text layer cannot be trusted (issue 16 item 2).

Detection reads the text layer. A reader sees the rendered page, and on some pages the two
differ: text in an image (a letterhead set as a picture, a photographed identity card), words
in spaced-out capitals ('J A N S E N': single letters to the text layer), a table whose row a
reader reads across while the text layer files every cell as its own block, and a text layer
whose characters do not map to letters (a font without a Unicode map). A cheap test per page
(``triage``: images in the page resources, runs of single letters, rows of separate blocks,
unmapped characters) picks those pages; typed pages that pass it cost nothing more.

For a picked page the visual text is built: the text layer in visual rows, spaced letters
joined into words, and the OCR words of each image region (or of the whole page when the
layer is unreadable), boxes in page coordinates. Detection runs over the document with these
pages in their visual form; what it finds there and the first pass did not becomes a finding
like any other (redacted, image pixels included, and listed for the reviewer with its place).
An image that OCR shows to be an identity document goes whole, and an image without words next
to a person's name is masked as a signature.

Fails closed: OCR that breaks raises UnreadableDocument; without Tesseract the images are not
read here and verification refuses the page (it cannot read them either).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import pymupdf

from .lookups import get_lookups
from .normalise import Normalised, Word, build_doctext, page_words
from .ocr import ocr_available, ocr_reading_order, ocr_region_words
from .orientation import reading_score
from .policy import decide_for, replacement_for
from .types import AnonymisationOptions, Finding, Rect, UnreadableDocument

logger = logging.getLogger(__name__)

# Images smaller than this hold no legible word (points).
MIN_IMAGE_WIDTH = 24.0
MIN_IMAGE_HEIGHT = 7.0
# Resolution for reading images: their own, within these bounds.
IMAGE_MIN_DPI = 200
IMAGE_MAX_DPI = 300
SPACED_MIN_LETTERS = 3
# A row where this many separate text blocks meet is a table row; this many rows, a table.
TABLE_MIN_CELLS = 3
TABLE_MIN_ROWS = 2
# Between two cells of a table row: a gap wider than this many line heights.
CELL_GAP = 1.5
HOUSE_NUMBER_RE = re.compile(r"\d{1,5}(?:[-/]?[A-Za-z]{1,2}|-\d{1,5})?")
# Characters that map to no letter: the replacement character, private use, controls.
UNMAPPED_RE = re.compile("[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f]")
UNMAPPED_MIN_SHARE = 0.02
ID_DOCUMENT_RE = re.compile(
    r"(?i)\b(identiteitskaart|identity\s+card|paspoort|passport|rijbewijs|driving\s+licen[cs]e"
    r"|documentnummer|document\s+no|persoonsnummer|verblijfsdocument)\b|<<<"
)
SIGNATURE_REACH = 60.0  # points between an image without words and a person's name
# ... and beside the name on its own line (a signature set to the right of the name)
SIGNATURE_REACH_BESIDE = 200.0
SIGNATURE_MAX_CHARS = 6  # what OCR makes of a scribble ('Ge ey')
# Text turned in an image (a card photographed sideways, a letterhead scanned upside down):
# Tesseract reads it as debris ('Jewwnujuewnoog', 'E$ ENE 5 3 )2 5'). A reading of which at
# least half the characters are in known words of four letters or more is upright (debris
# holds three-letter words: 'ENE', 'ves'); otherwise, when it read TURN_MIN_CHARS or more,
# the image is read turned by 180, 90 and 270 degrees, and a turn is taken when it reads at
# least twice the known letters (and TURN_MIN_KNOWN of them). See ADR 0010.
TURNS = (180, 90, 270)
UPRIGHT_SHARE = 0.5
TURN_MIN_CHARS = 10  # a scribble reads as a few characters ('Ge ey'): no text to turn
TURN_MIN_KNOWN = 8


@dataclass
class PageCheck:
    """Why a page's text layer is not trusted, and which areas OCR read."""

    page: int
    reasons: list[str] = field(default_factory=list)
    regions: list[Rect] = field(default_factory=list)  # read by OCR
    dpi: int = IMAGE_MIN_DPI
    images: list[tuple[Rect, str]] = field(default_factory=list)  # image box, its OCR text
    # OCR words of the images (not the typed text over them): the published page gets them
    # as an invisible text layer, like a scan, for screen readers and the reviewer's net
    words: list[tuple[Rect, str]] = field(default_factory=list)
    # per region: the turn (degrees clockwise) at which its text reads upright
    turns: list[int] = field(default_factory=list)
    # image boxes not read: wholly inside a signature region that goes whole
    masked: list[Rect] = field(default_factory=list)


@dataclass(slots=True)
class _LineSpan:
    rect: Rect
    word: Word  # the line's first word: its key holds the block number

    @property
    def block(self) -> int:
        return self.word.key[1]


@dataclass
class VisualResult:
    findings: list[Finding]
    checks: dict[int, PageCheck]


def image_regions(page: pymupdf.Page) -> list[tuple[pymupdf.Rect, int]]:
    """Image boxes on the page large enough to hold a word (overlapping ones merged), each
    with the resolution to read it at."""
    boxes: list[tuple[pymupdf.Rect, int]] = []
    for info in page.get_image_info():
        box = pymupdf.Rect(info["bbox"]) & page.rect
        if box.is_empty or box.width < MIN_IMAGE_WIDTH or box.height < MIN_IMAGE_HEIGHT:
            continue
        dpi = 0
        if info.get("width"):
            bbox = pymupdf.Rect(info["bbox"])
            dpi = round(max(info["width"] / bbox.width, info["height"] / bbox.height) * 72)
        dpi = max(min(dpi or IMAGE_MIN_DPI, IMAGE_MAX_DPI), IMAGE_MIN_DPI)
        for k, (other, other_dpi) in enumerate(boxes):
            if other.intersects(box):
                boxes[k] = (other | box, max(dpi, other_dpi))
                break
        else:
            boxes.append((box, dpi))
    return boxes


def _spaced_runs(line: list[tuple]) -> list[list[tuple]]:
    """Runs of one-character words on a line with at least SPACED_MIN_LETTERS letters or
    digits ('J A N S E N', '0 6 - 1 2 3 4 5 6 7 8': a hyphen or slash may stand between)."""
    runs, current = [], []
    for word in [*line, None]:
        if word is not None and len(word[4]) == 1 and (word[4].isalnum() or word[4] in "-/"):
            current.append(word)
            continue
        while current and not current[-1][4].isalnum():
            current.pop()  # a run ends on a letter or digit
        if sum(w[4].isalnum() for w in current) >= SPACED_MIN_LETTERS:
            runs.append(current)
        current = []
    return runs


def _lines(words: list[tuple]) -> list[list[tuple]]:
    lines: dict[tuple[int, int], list[tuple]] = {}
    for word in words:
        lines.setdefault((word[5], word[6]), []).append(word)
    return [sorted(line, key=lambda w: w[0]) for line in lines.values()]


def join_spaced(words: list[tuple]) -> list[tuple]:
    """Spaced-out letters joined into the words a reader sees: a gap clearly wider than the
    gap between the letters separates two words, and so does a letter next to a digit.
    Capitals read as a name is written ('PIET' -> 'Piet'), a voorvoegsel in lower case
    ('VAN' -> 'van')."""
    interfixes = get_lookups().interfix_words
    out = []
    for line in _lines(words):
        joined: dict[int, list[tuple]] = {}
        for run in _spaced_runs(line):
            gaps = [b[0] - a[2] for a, b in zip(run, run[1:], strict=False)]
            height = max(w[3] - w[1] for w in run)
            small = min([g for g in gaps if g > 0] or [height * 0.3])
            groups, group = [], [run[0]]
            for gap, word in zip(gaps, run[1:], strict=True):
                # a wide gap, or letters meeting digits ('T E L 0 6', '4 4 8 5 K T')
                if gap > max(1.8 * small, small + height * 0.25) or (
                    group[-1][4].isalpha()
                    and word[4].isdigit()
                    or group[-1][4].isdigit()
                    and word[4].isalpha()
                ):
                    groups.append(group)
                    group = []
                group.append(word)
            groups.append(group)
            first = id(run[0])
            merged: list[tuple] = []
            for n, group in enumerate(groups):
                text = "".join(w[4] for w in group)
                postcode = n and len(text) == 2 and re.fullmatch(r"\d{4}", merged[-1][4])
                if text.isupper() and len(text) > 1 and not postcode:  # '4 4 8 5 K T': 'KT'
                    text = text.lower() if n and text.lower() in interfixes else text.title()
                x0 = min(w[0] for w in group)
                y0 = min(w[1] for w in group)
                x1 = max(w[2] for w in group)
                y1 = max(w[3] for w in group)
                merged.append((x0, y0, x1, y1, text, *group[0][5:]))
            joined[first] = merged
            for word in run[1:]:
                joined[id(word)] = []
        for word in line:
            out.extend(joined.get(id(word), [word]))
    return out


def _cell_gap(left: tuple, right: tuple) -> bool:
    return right[0] - left[2] > CELL_GAP * max(right[3] - right[1], left[3] - left[1])


def table_cells(words: list[tuple]) -> list[tuple]:
    """Visual rows (``ocr_reading_order``) with each table cell on a line of its own and each
    row of cells a paragraph of its own: a gap of more than CELL_GAP line heights between
    two words of a row separates two cells. A row glued into one line ('Dekkers Zeedijk 16
    4485 KT') reads as a name run on into a street; cell by cell, the row is read as an
    address block is ('Dekkers' / 'Zeedijk 16' / '4485 KT'). A cell that holds only a
    house number (a 'Nr.' column) stays on the line of the street before it."""
    rows: list[list[list[tuple]]] = []  # rows of cells of words
    previous: tuple | None = None
    for word in words:
        if previous is None or word[5:7] != previous[5:7]:
            rows.append([[word]])
        elif _cell_gap(previous, word) and not HOUSE_NUMBER_RE.fullmatch(word[4]):
            rows[-1].append([word])  # a new cell; a house number stays with its street
        else:
            rows[-1][-1].append(word)
        previous = word
    out: list[tuple] = []
    block, line, was_row, source_block = -1, 0, False, None
    for cells in rows:
        is_row = len(cells) > 1
        if is_row or was_row or cells[0][0][5] != source_block:
            block, line = block + 1, 0
        else:
            line += 1
        for cell in cells:
            out += [(*w[:5], block, line, w[7]) for w in cell]
            line += is_row
        line -= is_row
        was_row, source_block = is_row, cells[0][0][5]
    return out


def _table_like(words: list[tuple]) -> bool:
    """Rows where several separate text blocks sit side by side: a table that the text layer
    reads cell by cell."""
    lines: dict[tuple[int, int], list[float]] = {}
    for x0, y0, x1, y1, _, block, line, _ in words:
        box = lines.setdefault((block, line), [x0, y0, x1, y1])
        box[1], box[3] = min(box[1], y0), max(box[3], y1)
    return _rows_of_blocks([(box[1], box[3], block) for (block, _), box in lines.items()])


def _rows_of_blocks(spans: list[tuple[float, float, int]]) -> bool:
    """``spans``: (top, bottom, block) per text line."""
    spans = sorted(spans)
    rows = 0
    for i, (y0, y1, block) in enumerate(spans):
        height = y1 - y0
        blocks = {block}
        for oy0, oy1, other in spans[i + 1 :]:
            if oy0 > y1:
                break
            if min(y1, oy1) - max(y0, oy0) >= 0.5 * min(height, oy1 - oy0):
                blocks.add(other)
        if len(blocks) >= TABLE_MIN_CELLS:
            rows += 1
            if rows >= TABLE_MIN_ROWS:
                return True
    return False


SPACED_RE = re.compile(rf"(?<!\S)[^\W_](?: [^\W_]){{{SPACED_MIN_LETTERS - 1},}}(?!\S)")


def _may_differ(page: pymupdf.Page, text: str, lines: list) -> bool:
    """A quick superset of ``triage`` on the page's text and lines (no word list): most
    typed pages stop here."""
    return bool(
        page.get_images(full=False)
        or SPACED_RE.search(text)
        or UNMAPPED_RE.search(text)
        or _rows_of_blocks([(ln.rect[1], ln.rect[3], ln.block) for ln in lines])
    )


def _unmapped(words: list[tuple]) -> bool:
    text = "".join(w[4] for w in words)
    if not text:
        return False
    bad = len(UNMAPPED_RE.findall(text))
    return bad >= 3 and bad >= UNMAPPED_MIN_SHARE * len(text)


def triage(page: pymupdf.Page, words: list[tuple]) -> list[str]:
    """Why the text layer of this (typed) page may differ from what a reader sees; empty
    when it agrees. Cheap: no rendering, no OCR."""
    reasons = []
    if page.get_images(full=False) and image_regions(page):
        reasons.append("afbeelding")
    if any(_spaced_runs(line) for line in _lines(words)):
        reasons.append("gespatieerde tekst")
    if _table_like(words):
        reasons.append("tabel")
    if _unmapped(words):
        reasons.append("onleesbare tekstlaag")
    return reasons


def _outside(word: tuple, boxes: list[tuple]) -> bool:
    cx, cy = (word[0] + word[2]) / 2, (word[1] + word[3]) / 2
    return not any(b[0] - 1 <= cx <= b[2] + 1 and b[1] - 1 <= cy <= b[3] + 1 for b in boxes)


def _image_key(page: pymupdf.Page, box: pymupdf.Rect) -> tuple:
    """The images (by xref and digest) drawn in ``box``: equal keys, equal pixels."""
    return tuple(
        sorted(
            (info.get("xref", 0), info.get("digest", b""))
            for info in page.get_image_info(hashes=True, xrefs=True)
            if pymupdf.Rect(info["bbox"]).intersects(box)
        )
    )


# The OCR words of an image, by what the image is, where it sits and the resolution read at.
OcrCache = dict[tuple[object, tuple[int, ...], int], tuple[list[tuple], int]]


def read_page(
    page: pymupdf.Page,
    words: list[tuple],
    reasons: list[str],
    options: AnonymisationOptions,
    cache: OcrCache | None = None,
    masked: Sequence[pymupdf.Rect] = (),
) -> tuple[list[tuple], PageCheck]:
    """The visual words of a picked page and what was read there. ``cache`` holds the OCR
    words of images read on earlier pages of the same document. An image region wholly
    inside ``masked`` (a signature region that goes whole) is not read: none of its pixels
    stays visible, and verification reads it again on the output (one colour: no OCR)."""
    check = PageCheck(page.number, list(reasons))
    visual = list(words)
    ocr: list[tuple] = []
    turned: list[tuple] = []  # read in a turned image: in reading order already
    if "onleesbare tekstlaag" in reasons:
        check.regions = [tuple(page.rect)]
        check.dpi = max(options.ocr_dpi, IMAGE_MIN_DPI)
    elif "afbeelding" in reasons:
        regions = image_regions(page)
        check.regions = [tuple(box) for box, _ in regions]
        check.dpi = max(dpi for _, dpi in regions)
    check.turns = [0] * len(check.regions)
    if check.regions and not ocr_available():
        # not read here; verification cannot read them either and refuses the page
        logger.warning("page %s needs OCR but Tesseract is not installed", page.number)
    elif "onleesbare tekstlaag" in reasons:
        ocr = _ocr(page, [page.rect], options, check.dpi)
        visual = []  # the layer's characters are no letters: the page is what OCR reads
    elif check.regions:
        for number, (box, dpi) in enumerate(regions):
            if any(area.contains(box) for area in masked):
                check.masked.append(tuple(box))
                continue
            typed_over = any(not _outside(w, [tuple(box)]) for w in words)
            key = (_image_key(page, box), tuple(round(c) for c in box), dpi)
            cached = None if typed_over or cache is None else cache.get(key)
            if cached is None:
                cached = _read_image(page, box, options, dpi)
                if not typed_over and cache is not None:
                    cache[key] = cached  # a logo repeated on every page is read once
            found, turn = cached
            check.turns[number] = turn
            check.images.append((tuple(box), " ".join(w[4] for w in found)))
            seen = [w for w in found if _outside(w, words)]  # not the typed text on it
            (turned if turn else ocr).extend(seen)
        check.words = [(tuple(w[:4]), w[4]) for w in ocr + turned]
    if ocr:
        ocr = [(*w[:5], 10_000 + w[5], *w[6:]) for w in ocr_reading_order(ocr)]
    visual = join_spaced(visual) + ocr
    if "tabel" in reasons:
        visual = table_cells(ocr_reading_order(visual, drop_specks=False))
    return visual + [(*w[:5], 20_000 + w[5], *w[6:]) for w in turned], check


def _read_image(
    page: pymupdf.Page, box: pymupdf.Rect, options: AnonymisationOptions, dpi: int
) -> tuple[list[tuple], int]:
    """OCR words of one image region and the turn at which they read upright (0 unless the
    upright reading is debris and a turned one reads as text)."""
    upright = _ocr(page, [box], options, dpi)
    known, chars = reading_score(upright)
    if chars < TURN_MIN_CHARS or known >= UPRIGHT_SHARE * chars:
        return upright, 0
    best_known, best_turn, best = known, 0, upright
    for turn in TURNS:
        words = _ocr(page, [box], options, dpi, turn)
        score, total = reading_score(words)
        if score > best_known:
            best_known, best_turn, best = score, turn, words
        if score >= UPRIGHT_SHARE * total and score >= TURN_MIN_KNOWN:
            break  # this one reads as text: no need to try the others
    if best_turn and best_known >= max(2 * known, TURN_MIN_KNOWN):
        return best, best_turn
    return upright, 0


def _ocr(
    page: pymupdf.Page,
    regions: list[pymupdf.Rect],
    options: AnonymisationOptions,
    dpi: int,
    turn: int = 0,
) -> list[tuple]:
    try:
        return ocr_region_words(page, regions, language=options.ocr_language, dpi=dpi, turn=turn)
    except Exception as exc:  # noqa: BLE001 - Tesseract or MuPDF errors: fail closed
        raise UnreadableDocument(
            f"de afbeelding op p. {page.number + 1} kon niet gelezen worden (OCR): {exc}"
        ) from exc


def _near(name: pymupdf.Rect, image: pymupdf.Rect) -> bool:
    reach = SIGNATURE_REACH
    if (name + (-reach, -reach, reach, reach)).intersects(image):
        return True
    beside = SIGNATURE_REACH_BESIDE
    return (
        image.y0 < name.y1 and name.y0 < image.y1 and (name + (0, 0, beside, 0)).intersects(image)
    )


def _finding_id(page: int, entity_type: str, start: int, end: int, text: str) -> str:
    from .detect import _finding_id as finding_id  # local import: detect imports the analyzer

    return finding_id(page, entity_type, start, end, text)


def _overlaps(a: Rect, b: Rect) -> bool:
    """Boxes that share a part of a line: the boxes of two lines set close together touch
    by a fraction of a point (a phone number under an address was taken for the address)."""
    height = min(a[3] - a[1], b[3] - b[1])
    return a[0] < b[2] and b[0] < a[2] and min(a[3], b[3]) - max(a[1], b[1]) > 0.25 * height


def visual_check(
    nt: Normalised, findings: list[Finding], options: AnonymisationOptions
) -> VisualResult:
    """Findings on what a reader sees of the picked pages that the text-layer pass missed."""
    from .detect import detect  # local import: detect imports the analyzer

    dt = nt.text
    scans = set(nt.ocr_pages)
    lines: dict[int, list] = {}
    for line in dt.lines:
        lines.setdefault(line.page, []).append(_LineSpan(line.rect, dt.words[line.first_word]))
    # per page the words as a reader sees them where the page was checked, else None
    checked: list[tuple[list[tuple] | None, Rect]] = []
    checks: dict[int, PageCheck] = {}
    cache: OcrCache = {}
    masked = _masked_regions(findings)
    differs = False  # a page reads otherwise than its text layer
    for number, page in enumerate(nt.doc):
        words: list[tuple] | None = None
        start, end = dt.page_spans[number]
        if number not in scans and _may_differ(page, dt.text[start:end], lines.get(number, [])):
            words = page_words(dt, number)
            reasons = triage(page, words)
            if reasons:
                layer = words
                words, checks[number] = read_page(
                    page, words, reasons, options, cache, masked.get(number, [])
                )
                differs = differs or words != layer
        checked.append((words, dt.page_rects[number]))
    if not checks:
        return VisualResult(_drawn_signatures(nt, findings, options), {})
    if not differs:
        # every picked page reads as its text layer (its images lie in regions that go
        # whole): detection over the same text finds the same, nothing to add
        images = _image_findings(checks, findings, options)
        return VisualResult(images + _drawn_signatures(nt, [*findings, *images], options), checks)
    pages = [
        (page_words(dt, n) if words is None else words, rect)
        for n, (words, rect) in enumerate(checked)
    ]
    visual = Normalised(doc=nt.doc, text=build_doctext(pages), ocr_pages=nt.ocr_pages, removed=[])
    taken = [(f.page, rect) for f in findings for rect in f.rects]
    ids = {f.id for f in findings}
    added: list[Finding] = []
    for finding in detect(visual, options):
        if finding.page not in checks or finding.entity_type in ("SIGNATURE", "PAGE"):
            continue
        if finding.id in ids or any(
            page == finding.page and _overlaps(rect, other)
            for rect in finding.rects
            for page, other in taken
        ):
            continue
        finding.source = f"visual:{finding.source}" if finding.source else "visual"
        finding.rects = _word_rects(finding.rects, pages[finding.page][0])
        added.append(finding)
        taken += [(finding.page, rect) for rect in finding.rects]
    added += _image_findings(checks, [*findings, *added], options)
    added += _drawn_signatures(nt, [*findings, *added], options)
    return VisualResult(added, checks)


def _masked_regions(findings: list[Finding]) -> dict[int, list[pymupdf.Rect]]:
    """Per page the signature regions that redaction fills whole (their box is applied as
    found, see redact.redaction_boxes)."""
    masked: dict[int, list[pymupdf.Rect]] = {}
    for f in findings:
        if f.entity_type == "SIGNATURE" and f.action == "redact":
            masked.setdefault(f.page, []).extend(pymupdf.Rect(r) for r in f.rects)
    return masked


def _word_rects(rects: list[Rect], words: list[tuple]) -> list[Rect]:
    """A finding's boxes word by word, neighbours that touch joined: a visual row crosses
    table cells, and one box over two cells would take the column line with it."""
    out: list[Rect] = []
    for rect in rects:
        inside = sorted((w for w in words if not _outside(w, [rect])), key=lambda w: (w[1], w[0]))
        if not inside:
            out.append(rect)
            continue
        current = list(inside[0][:4])
        for w in inside[1:]:
            height = current[3] - current[1]
            if abs(w[1] - current[1]) < height * 0.5 and w[0] - current[2] < height * 0.6:
                current[2], current[3] = max(current[2], w[2]), max(current[3], w[3])
                current[1] = min(current[1], w[1])
            else:
                out.append(tuple(round(c, 2) for c in current))
                current = list(w[:4])
        out.append(tuple(round(c, 2) for c in current))
    return out


ART = ("stroke-path", "fill-path")
ART_MIN = (20.0, 6.0)  # a scribble is at least this wide and tall (points)
ART_MAX = (320.0, 120.0)


def _drawn_signatures(
    nt: Normalised, findings: list[Finding], options: AnonymisationOptions
) -> list[Finding]:
    """Vector art near a redacted person's name that touches no text and no signature region
    yet: a signature drawn without a closing phrase the detector knows ('Bij voorbaat dank,')
    or beside the name. Straight rules and boxes around text are not signatures."""
    persons: dict[int, list[pymupdf.Rect]] = {}
    covered: dict[int, list[pymupdf.Rect]] = {}
    for f in findings:
        if f.action != "redact":
            continue
        if f.entity_type == "PERSON":
            persons.setdefault(f.page, []).extend(pymupdf.Rect(r) for r in f.rects)
        elif f.entity_type in ("SIGNATURE", "PAGE"):
            covered.setdefault(f.page, []).extend(pymupdf.Rect(r) for r in f.rects)
    out = []
    for number, names in persons.items():
        if number in nt.ocr_pages or not 0 <= number < nt.doc.page_count:
            continue
        if nt.art is not None:
            drawn = nt.art.get(number, [])
        else:
            drawn = [b for kind, b in nt.doc[number].get_bboxlog() if kind in ART]
        arts = []
        for bbox in drawn:
            box = pymupdf.Rect(bbox)
            if box.width < 3 or box.height < 3:
                continue  # a rule, not a scribble
            if box.width > ART_MAX[0] or box.height > ART_MAX[1]:
                continue
            if any(box.intersects(c) for c in covered.get(number, ())):
                continue
            arts.append(box)
        if not arts:
            continue
        words = [pymupdf.Rect(w[:4]) for w in page_words(nt.text, number)]
        for cluster in _clusters(arts):
            if cluster.width < ART_MIN[0] or cluster.height < ART_MIN[1]:
                continue
            if not any(_near(name, cluster) for name in names):
                continue
            rect = _between_lines(cluster, words)
            if rect is None:
                continue  # a box around text, a shape behind a heading
            action, reason = decide_for(options, entity_type="SIGNATURE", role="other", text="")
            out.append(
                Finding(
                    id=_finding_id(number, "SIGNATURE", int(rect.y0), int(rect.y1), "drawn"),
                    page=number,
                    rects=[tuple(round(c, 2) for c in rect)],
                    entity_type="SIGNATURE",
                    text="",
                    replacement="",
                    action=action,
                    reason=reason,
                    source="visual:drawn_signature",
                )
            )
    return out


def _between_lines(art: pymupdf.Rect, words: list[pymupdf.Rect]) -> pymupdf.Rect | None:
    """The band of ``art`` between the text line above its middle and the one below (a
    curve's box includes its control points and reaches over the lines around it); None
    when text runs through the middle or fills much of it."""
    inside = [w for w in words if w.intersects(art)]
    if sum(abs(w & art) for w in inside) > 0.25 * abs(art):
        return None
    middle = (art.y0 + art.y1) / 2
    top, bottom = art.y0 - 2, art.y1 + 2
    for w in inside:
        if w.y0 < middle < w.y1:
            return None
        if w.y1 <= middle:
            top = max(top, w.y1 + 0.5)
        else:
            bottom = min(bottom, w.y0 - 0.5)
    if bottom - top < ART_MIN[1]:
        return None
    return pymupdf.Rect(art.x0 - 2, top, art.x1 + 2, bottom)


def _clusters(boxes: list[pymupdf.Rect], gap: float = 4.0) -> list[pymupdf.Rect]:
    clusters: list[pymupdf.Rect] = []
    for box in sorted(boxes, key=lambda b: (b.y0, b.x0)):
        grown = box + (-gap, -gap, gap, gap)
        for k, cluster in enumerate(clusters):
            if cluster.intersects(grown):
                clusters[k] = cluster | box
                break
        else:
            clusters.append(pymupdf.Rect(box))
    return clusters


def _image_findings(
    checks: dict[int, PageCheck], findings: list[Finding], options: AnonymisationOptions
) -> list[Finding]:
    """Whole images: an identity document goes entirely; an image without words next to
    a person's name is a signature."""
    out = []
    persons = [f for f in findings if f.entity_type == "PERSON" and f.action == "redact"]
    # an image without words that reaches into a signature region is the signature, also
    # where most of it lies beside the name (the region masks only the gap above the name)
    gaps = [
        (f.page, pymupdf.Rect(r))
        for f in findings
        if f.entity_type == "SIGNATURE" and f.action == "redact"
        for r in f.rects
    ]
    for number, check in checks.items():
        # an image not read (inside a signature region) counts as one without words: it
        # stays masked on its own when a reviewer rejects the region around it
        for box, text in [*check.images, *((box, "") for box in check.masked)]:
            rect = pymupdf.Rect(box)
            if ID_DOCUMENT_RE.search(text):
                kind, source = "ID_NUMBER", "visual:id_document"
            elif sum(ch.isalnum() for ch in text) <= SIGNATURE_MAX_CHARS and (
                any(
                    f.page == number and any(_near(pymupdf.Rect(r), rect) for r in f.rects)
                    for f in persons
                )
                or any(page == number and gap.intersects(rect) for page, gap in gaps)
            ):
                kind, source = "SIGNATURE", "visual:image_signature"
            else:
                continue
            action, reason = decide_for(options, entity_type=kind, role="other", text="")
            if kind == "ID_NUMBER":
                # an identity card or passport carries the BSN: never published
                action, reason = (
                    "redact",
                    "kopie van een identiteitsbewijs wordt nooit gepubliceerd",
                )
            out.append(
                Finding(
                    id=_finding_id(number, kind, int(rect.y0), int(rect.y1), source),
                    page=number,
                    rects=[tuple(round(c, 2) for c in rect)],
                    entity_type=kind,
                    text="",
                    replacement=replacement_for(kind, "other", options.neutral_term),
                    action=action,
                    reason=reason,
                    source=source,
                )
            )
    return out


__all__ = ["PageCheck", "VisualResult", "triage", "visual_check"]
