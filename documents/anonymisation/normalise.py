"""Step 1: open, refuse what we cannot read, strip what a reader could open besides page text,
OCR image-only pages, and build one text with a map back to word boxes."""

from __future__ import annotations

import bisect
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

import pymupdf
from celery.exceptions import SoftTimeLimitExceeded

from .ocr import (
    detection_dpi,
    image_coverage,
    ocr_available,
    ocr_reading_order,
    ocr_textpage,
)
from .orientation import scan_turn, sideways_turn, turn_upright
from .types import AnonymisationOptions, Rect, UnreadableDocument

Progress = Callable[[int, int], None] | None

logger = logging.getLogger(__name__)

PAGE_SEP = "\n\n\n"
BLOCK_SEP = "\n\n"
# A page whose images cover this share and that carries few words of text is a scan.
SCAN_COVERAGE = 0.5
SCAN_MAX_WORDS = 5
# Text no reader sees but any reader can select and copy:
HIDDEN_MIN_HEIGHT = 3.0  # points: smaller glyphs are microscopic text
HIDDEN_NEAR_WHITE = 0.9  # fill colour this light with nothing drawn under it: white on paper
HIDDEN_COVERED = 0.8  # share of a span's box under a later opaque image or fill
HIDDEN_WHOLLY = 0.98  # share of a character's box, when the rest of its span is in sight
# (both shares above one half: _paints_over_centres relies on it)
_PAINT = ("fill-image", "fill-path", "fill-shade", "fill-imgmask")
_IMAGES = ("fill-image", "fill-imgmask")


@dataclass(slots=True)
class Word:
    page: int
    rect: Rect
    key: tuple[int, int, int]  # page, block, line
    start: int
    end: int


@dataclass(slots=True)
class Line:
    page: int
    rect: Rect
    start: int
    end: int
    first_word: int  # index into DocText.words


@dataclass
class DocText:
    """All page text as one string; every word keeps its box so spans map back to rects."""

    text: str = ""
    words: list[Word] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    page_spans: list[tuple[int, int]] = field(default_factory=list)
    page_rects: list[Rect] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)

    def words_in(self, start: int, end: int) -> list[Word]:
        i = max(bisect.bisect_right(self._starts, start) - 1, 0)
        found = []
        while i < len(self.words) and self.words[i].start < end:
            if self.words[i].end > start:
                found.append(self.words[i])
            i += 1
        return found

    def span_rects(self, start: int, end: int) -> list[tuple[int, Rect]]:
        """Rects per page line covering the words of text[start:end]."""
        grouped: dict[tuple[int, int, int], list[float]] = {}
        for word in self.words_in(start, end):
            x0, y0, x1, y1 = word.rect
            box = grouped.get(word.key)
            if box is None:
                grouped[word.key] = [x0, y0, x1, y1]
            else:
                box[0], box[1] = min(box[0], x0), min(box[1], y0)
                box[2], box[3] = max(box[2], x1), max(box[3], y1)
        return [(key[0], (box[0], box[1], box[2], box[3])) for key, box in grouped.items()]

    def page_of(self, offset: int) -> int:
        for number, (start, end) in enumerate(self.page_spans):
            if start <= offset <= end:
                return number
        return len(self.page_spans) - 1

    def line_at(self, offset: int) -> int:
        starts = [line.start for line in self.lines]
        return max(bisect.bisect_right(starts, offset) - 1, 0)


@dataclass
class Normalised:
    doc: pymupdf.Document
    text: DocText
    ocr_pages: list[int]
    removed: list[str]
    ocr_words: dict[int, list[tuple[Rect, str]]] = field(default_factory=dict)
    ocr_dpi: dict[int, int] = field(default_factory=dict)
    # Vector art (path) boxes per page, as read while looking for hidden text (visual.py
    # looks for drawn signatures in them without drawing the page again).
    art: dict[int, list[Rect]] | None = None


def open_pdf(data: bytes) -> pymupdf.Document:
    """Open a copy of the bytes; raise UnreadableDocument with a reason when we cannot."""
    if not data:
        raise UnreadableDocument("leeg bestand")
    try:
        doc = pymupdf.open(stream=bytes(data), filetype="pdf")
    except Exception as exc:  # noqa: BLE001 - MuPDF raises several error types
        raise UnreadableDocument(f"geen leesbare PDF: {exc}") from exc
    if doc.needs_pass or doc.is_encrypted:
        doc.close()
        raise UnreadableDocument("versleutelde PDF (wachtwoord): vraag een onbeveiligde versie")
    if not doc.is_pdf:
        doc.close()
        raise UnreadableDocument("geen PDF")
    if doc.page_count == 0:
        doc.close()
        raise UnreadableDocument("PDF zonder pagina's")
    return doc


def sanitise(
    doc: pymupdf.Document,
    art: dict[int, list[Rect]] | None = None,
    words: dict[int, list[tuple]] | None = None,
) -> list[str]:
    """Remove or flatten everything besides page content; returns what was removed."""
    removed: list[str] = []
    catalog = doc.pdf_catalog()
    # Pending redaction annotations in the input: carry them out first.
    for page in doc:
        if any(a.type[0] == pymupdf.PDF_ANNOT_REDACT for a in page.annots()):
            page.apply_redactions(
                images=pymupdf.PDF_REDACT_IMAGE_PIXELS,
                graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_TOUCHED,
            )
            removed.append("openstaande redactie-annotaties toegepast")
    # Hidden optional-content layers: switch everything on so it is read and redacted,
    # then drop the layer definitions so no reader can hide or show anything later.
    ocgs = doc.get_ocgs()
    if ocgs:
        try:
            doc.set_layer(-1, on=list(ocgs), off=[])
        except Exception:  # noqa: BLE001 - malformed OCProperties
            logger.warning("could not switch on optional content", exc_info=True)
        doc.xref_set_key(catalog, "OCProperties", "null")
        removed.append(f"{len(ocgs)} lagen (optional content) zichtbaar gemaakt en opgeheven")
    # Notes, pop-ups, attachments and sounds show nothing on the page itself: delete them.
    invisible = {
        pymupdf.PDF_ANNOT_TEXT,
        pymupdf.PDF_ANNOT_POPUP,
        pymupdf.PDF_ANNOT_FILE_ATTACHMENT,
        pymupdf.PDF_ANNOT_SOUND,
    }
    for page in doc:
        for annot in [a for a in page.annots() if a.type[0] in invisible]:
            page.delete_annot(annot)
            removed.append(f"notitie of bijlage-annotatie verwijderd (p. {page.number + 1})")
    annots = sum(1 for page in doc for _ in page.annots())
    widgets = sum(1 for page in doc for _ in page.widgets())
    if annots or widgets:
        # Visible annotations and filled-in form fields become page content (so they are
        # read and redacted like any text); notes, pop-ups and the fields themselves go.
        doc.bake(annots=True, widgets=True)
        removed.append(f"{annots} annotaties en {widgets} formuliervelden platgeslagen")
    embedded = doc.embfile_count()
    if embedded:
        removed.append(f"{embedded} ingesloten bestanden verwijderd")
    if doc.get_toc(simple=True):
        doc.set_toc([])
        removed.append("bladwijzers verwijderd")
    if any(doc.metadata.get(k) for k in ("title", "author", "subject", "keywords", "creator")):
        removed.append("metadata geleegd")
    if doc.get_xml_metadata():
        removed.append("XMP-metadata verwijderd")
    doc.scrub(
        attached_files=True,
        clean_pages=False,
        embedded_files=True,
        hidden_text=False,  # invisible text is read and redacted like visible text
        javascript=True,
        metadata=True,
        redactions=False,
        remove_links=True,
        reset_fields=True,
        reset_responses=True,
        thumbnails=True,
        xml_metadata=True,
    )
    for key in ("AcroForm", "OpenAction", "AA", "PieceInfo", "Names", "Outlines"):
        if doc.xref_get_key(catalog, key)[0] != "null":
            doc.xref_set_key(catalog, key, "null")
    doc.set_metadata({})
    doc.del_xml_metadata()
    # XMP and application data hang on pages and images too, not only on the catalog.
    dropped = 0
    for xref in range(1, doc.xref_length()):
        for key in ("Metadata", "PieceInfo"):
            if doc.xref_get_key(xref, key)[0] != "null":
                doc.xref_set_key(xref, key, "null")
                dropped += 1
    if dropped:
        removed.append(f"{dropped} metadata-objecten in pagina's of afbeeldingen verwijderd")
    for page in doc:
        removed += straighten(page, art, words)
    return removed


def straighten(
    page: pymupdf.Page,
    art: dict[int, list[Rect]] | None = None,
    words: dict[int, list[tuple]] | None = None,
) -> list[str]:
    """Make the page what a reader sees, upright, and nothing else: the media box becomes
    the crop box, a stored rotation (/Rotate 90, 180, 270) is turned into the content, so
    every later step (word boxes, redaction, the signature check) works on an upright page,
    and text nobody can see is deleted. Returns what was done."""
    done = []
    number = page.number + 1
    mediabox, cropbox = page.mediabox, page.cropbox
    visible = (
        pymupdf.Rect(cropbox.x0, mediabox.y1 - cropbox.y1, cropbox.x1, mediabox.y1 - cropbox.y0)
        & mediabox
    )
    if not visible.is_empty and any(
        abs(a - b) > 0.5 for a, b in zip(visible, mediabox, strict=True)
    ):
        page.set_mediabox(visible)
        done.append(f"pagina bijgesneden tot het zichtbare deel (p. {number})")
    if page.rotation:
        done.append(f"gedraaide pagina ({page.rotation}°) rechtgezet (p. {number})")
        page.remove_rotation()
    hidden = remove_hidden_text(page, art, words)
    if hidden:
        done.append(f"{hidden} stukken onzichtbare tekst verwijderd (p. {number})")
    if blank_images_outside(page):
        done.append(f"afbeelding buiten de pagina leeggemaakt (p. {number})")
    return done


_INFINITE = (pymupdf.FZ_MIN_INF_RECT, pymupdf.FZ_MAX_INF_RECT)


def _overlap(a: Rect, b: Rect) -> float:
    """Area of a & b for plain tuples, as pymupdf.Rect's ``&`` gives it (an infinite b
    leaves a whole; an empty one leaves nothing): Rect objects cost ~20 times as much, and
    hidden_text compares every text span with every paint operation, twice per page."""
    bx0, by0, bx1, by1 = b
    if bx0 == by0 == _INFINITE[0] and bx1 == by1 == _INFINITE[1]:
        bx0, by0, bx1, by1 = a
    width = min(a[2], bx1) - max(a[0], bx0)
    height = min(a[3], by1) - max(a[1], by0)
    return width * height if width > 0 and height > 0 else 0.0


def _intersects(a: Rect, b: Rect) -> bool:
    """pymupdf.Rect.intersects for plain tuples: both non-empty and finite, overlapping."""
    if a[0] >= a[2] or a[1] >= a[3] or b[0] >= b[2] or b[1] >= b[3]:
        return False
    if b[0] == b[1] == _INFINITE[0] and b[2] == b[3] == _INFINITE[1]:
        return False
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def hidden_text(
    page: pymupdf.Page, *, ocr_layer: bool = False, visible_chars: int | None = None
) -> list[tuple[Rect, str]]:
    """Boxes and text of what the page holds as text but never shows: invisible (render mode
    3) or transparent text, white text on white paper, microscopic text, text under a later
    opaque image or fill, text painted outside its clipping path, and characters outside the
    visible page (crop box / media box). ``ocr_layer`` accepts invisible text drawn over an
    image (a scan's OCR text layer). ``visible_chars``: the number of non-space characters
    of ``page.get_text()`` when the caller has it (see ``_clipped``)."""
    return [
        (box, text)
        for box, text, _ in _hidden_spans(page, ocr_layer=ocr_layer, visible_chars=visible_chars)
    ]


def _glyph_height(span: dict) -> float:
    """Height of the glyphs across the writing direction: a line on its side (a straightened
    page, a margin note) has a tall, narrow box whose height is the line's length."""
    x0, y0, x1, y1 = span["bbox"]
    dx, dy = span["dir"]
    if abs(dx) >= 0.98:
        return y1 - y0
    if abs(dy) >= 0.98:
        return x1 - x0
    return span["size"]


def _hidden_spans(
    page: pymupdf.Page,
    *,
    ocr_layer: bool = False,
    art: dict[int, list[Rect]] | None = None,
    words: dict[int, list[tuple]] | None = None,
    visible_chars: int | None = None,
) -> list[tuple]:
    """(box, text, bands): ``bands`` are boxes through the middle of the glyphs that take
    every hidden character and nothing of the lines above or below (see remove_hidden_text).
    ``words`` receives the page's words (``page.get_text("words")``), read here to find
    clipped text, for extract_text to use while the page stays as it is."""
    if visible_chars is None:
        page_words_ = page.get_text("words")
        if words is not None:
            words[page.number] = page_words_
        visible_chars = sum(len(w[4]) for w in page_words_)
    log = page.get_bboxlog()
    if art is not None:  # removing hidden text and blanking images leave paths as they are
        art[page.number] = [b for kind, b in log if kind in ("stroke-path", "fill-path")]
    paints = [(n, kind, tuple(b)) for n, (kind, b) in enumerate(log) if kind in _PAINT]
    opacity: dict[int, float] = {}

    def opaque(n: int) -> bool:
        # the drawings (another pass over the page) only when a fill may cover text
        if not opacity and any(kind == "fill-path" for _, kind, _ in paints):
            opacity.update({d["seqno"]: d.get("fill_opacity") or 1.0 for d in page.get_drawings()})
            opacity.setdefault(-1, 1.0)  # read once, even when the page has no drawings
        return opacity.get(n, 1.0) >= 1.0

    vx0, vy0, vx1, vy1 = page.rect
    found: list[tuple] = []
    spans = page.get_texttrace()
    painted = 0  # characters on the page that the trace paints, clipped or not
    for span in spans:
        chars = span["chars"]
        text = "".join(chr(c[0]) for c in chars).replace(" ", "")
        if not text.strip():
            continue
        box = x0, y0, x1, y1 = tuple(span["bbox"])
        seqno = span["seqno"]
        under = [kind for n, kind, b in paints if n < seqno and _intersects(box, b)]
        invisible = span["type"] == 3 or span["opacity"] < 0.05
        if invisible and ocr_layer:
            invisible = not any(kind in _IMAGES for kind in under)
        light = min(span["color"] or (0,)) >= HIDDEN_NEAR_WHITE and not under
        tiny = _glyph_height(span) < HIDDEN_MIN_HEIGHT
        covered = False
        if not (invisible or light or tiny):
            covered, partly = _under_paint(span, paints, opaque)
            if partly is not None:
                found.append(partly)
        if x0 >= vx0 - 1 and y0 >= vy0 - 1 and x1 <= vx1 + 1 and y1 <= vy1 + 1:
            painted += len("".join(text.split()))
            if invisible or light or tiny or covered:
                found.append((tuple(box), text, _bands(span, chars)))
            continue  # the whole span is on the page
        outside = []
        for c in chars:
            cx0, cy0, cx1, cy1 = c[3]
            if not (vx0 <= (cx0 + cx1) / 2 <= vx1 and vy0 <= (cy0 + cy1) / 2 <= vy1):
                outside.append(c)
            elif not chr(c[0]).isspace():
                painted += 1
        if invisible or light or tiny or covered:
            found.append((tuple(box), text, _bands(span, chars)))
            continue
        if outside:
            union = pymupdf.Rect(outside[0][3])
            for c in outside[1:]:
                union |= pymupdf.Rect(c[3])
            text = "".join(chr(c[0]) for c in outside).replace(" ", "")
            found.append((tuple(union), text, _bands(span, outside)))
    if painted > visible_chars:
        found += _clipped(page, spans)
    return found


def _under_paint(
    span: dict, paints: list[tuple], opaque: Callable[[int], bool]
) -> tuple[bool, tuple | None]:
    """(the whole span is under a later opaque image or fill, the part that is when only
    some characters are), character by character: the span's box may be mostly under a
    fill while its characters are not (redaction leaves 'Contact:' and '/' of one span on
    either side of a box), and a name may be under an image that leaves the words before
    it in sight."""
    box = tuple(span["bbox"])
    seqno = span["seqno"]
    later = [(n, b) for n, _, b in paints if n > seqno and _intersects(box, b)]
    if not later:
        return False, None
    x0, y0, x1, y1 = box
    span_area = (x1 - x0) * (y1 - y0)
    # a span mostly under one paint: its characters mostly under it are hidden; otherwise
    # only characters wholly under a paint (a signature image that overlaps the bottom of
    # the closing line leaves it legible)
    share = (
        HIDDEN_COVERED
        if any(_overlap(box, b) >= HIDDEN_COVERED * span_area for _, b in later)
        else HIDDEN_WHOLLY
    )
    chars = [c for c in span["chars"] if not chr(c[0]).isspace()]
    candidates = _paints_over_centres(chars, later)
    covered = []
    for k, c in enumerate(chars):
        cx0, cy0, cx1, cy1 = char_box = tuple(c[3])
        area = (cx1 - cx0) * (cy1 - cy0)
        # geometry first: the opacity of a fill costs a pass over the page's drawings
        if area > 0 and any(
            _overlap(char_box, later[p][1]) >= share * area and opaque(later[p][0])
            for p in candidates.get(k, ())
        ):
            covered.append(c)
    if len(covered) == len(chars):
        return True, None
    return False, (_part(span, covered) if covered else None)


def _paints_over_centres(chars: list[tuple], later: list[tuple]) -> dict[int, list[int]]:
    """Per character (index), the paints of ``later`` (indices, in order) that hold its
    centre. A paint covering more than half of a box's area along both axes (the shares
    used above are 0.8 and 0.98) holds its centre, so only these can cover it: a bisection
    over the centres instead of every character against every paint (a redacted page has a
    fill per box, and verification looks at every line they touch)."""
    centres = sorted(
        ((c[3][0] + c[3][2]) / 2, (c[3][1] + c[3][3]) / 2, k) for k, c in enumerate(chars)
    )
    xs = [x for x, _, _ in centres]
    found: dict[int, list[int]] = {}
    for p, (_, (bx0, by0, bx1, by1)) in enumerate(later):
        for _, y, k in centres[bisect.bisect_left(xs, bx0) : bisect.bisect_right(xs, bx1)]:
            if by0 <= y <= by1:
                found.setdefault(k, []).append(p)
    return found


def _part(span: dict, chars: list[tuple]) -> tuple:
    """(box, text, bands) of some characters of a span, as _hidden_spans gives them."""
    union = pymupdf.Rect(chars[0][3])
    for c in chars[1:]:
        union |= pymupdf.Rect(c[3])
    return tuple(union), "".join(chr(c[0]) for c in chars), _bands(span, chars)


def _clipped(page: pymupdf.Page, spans: list[dict]) -> list[tuple]:
    """Characters painted outside their clipping path: in the text layer, never on the page.
    Text extraction leaves out characters outside the clip (TEXT_CLIP, in MuPDF's default
    flags), the trace of painted text does not; so when the trace holds more characters on
    the page than the extraction (a cheap count, done for every page), the characters that
    the extraction lacks near their origin are the clipped ones."""
    seen: set[tuple[int, int, int]] = set()
    for block in page.get_text("rawdict")["blocks"]:
        for line in block.get("lines", ()):
            for span in line["spans"]:
                for char in span["chars"]:
                    x, y = char["origin"]
                    seen.add((ord(char["c"][:1] or " "), round(x), round(y)))
    vx0, vy0, vx1, vy1 = page.rect
    found = []
    for span in spans:
        clipped = []
        for c in span["chars"]:
            code, (x, y) = c[0], c[2]
            cx0, cy0, cx1, cy1 = c[3]
            if chr(code).isspace():
                continue
            if not (vx0 <= (cx0 + cx1) / 2 <= vx1 and vy0 <= (cy0 + cy1) / 2 <= vy1):
                continue  # outside the page: found as such
            near = {(code, round(x) + dx, round(y) + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)}
            if not near & seen:
                clipped.append(c)
        if clipped:
            union = pymupdf.Rect(clipped[0][3])
            for c in clipped[1:]:
                union |= pymupdf.Rect(c[3])
            text = "".join(chr(c[0]) for c in clipped)
            found.append((tuple(union), text, _bands(span, clipped)))
    return found


def _bands(span: dict, chars: list[tuple]) -> list[pymupdf.Rect]:
    """Boxes that touch every character of ``chars`` (texttrace tuples) through its middle.
    MuPDF removes every character whose (font-sized) box touches a redaction, so a full box
    would take the visible line above or below with it. One span may hold several lines
    (a scan's text layer): a horizontal line gets a band across its height, a line on its
    side (a straightened page, a margin note) a band across its width, and a slanted line a
    small box in the middle of each character."""
    dx, dy = span["dir"]
    axis = 1 if abs(dx) >= 0.98 else 0 if abs(dy) >= 0.98 else None
    if axis is None:
        bands = []
        for c in chars:
            box = pymupdf.Rect(c[3])
            cx, cy = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
            rx, ry = max(box.width * 0.15, 0.1), max(box.height * 0.15, 0.1)
            bands.append(pymupdf.Rect(cx - rx, cy - ry, cx + rx, cy + ry))
        return bands
    lines: dict[int, pymupdf.Rect] = {}
    for c in chars:
        key = round(c[2][axis])  # the baseline: origin y (or x for a line on its side)
        box = pymupdf.Rect(c[3])
        lines[key] = lines[key] | box if key in lines else box
    bands = []
    for union in lines.values():
        if axis == 1:
            pad = union.height * 0.35
            bands.append(
                pymupdf.Rect(union.x0 + 0.2, union.y0 + pad, union.x1 - 0.2, union.y1 - pad)
            )
        else:
            pad = union.width * 0.35
            bands.append(
                pymupdf.Rect(union.x0 + pad, union.y0 + 0.2, union.x1 - pad, union.y1 - 0.2)
            )
    return bands


def outside_strips(page: pymupdf.Page) -> list[pymupdf.Rect]:
    """The parts of the page's images that lie beyond the visible page (their pixels are in
    the file, but no reader sees them on the page)."""
    visible = page.rect
    strips = []
    for info in page.get_image_info():
        box = pymupdf.Rect(info["bbox"])
        if box.is_empty or (box + (1, 1, -1, -1)) in visible:
            continue
        around = (
            pymupdf.Rect(box.x0, box.y0, box.x1, visible.y0),
            pymupdf.Rect(box.x0, visible.y1, box.x1, box.y1),
            pymupdf.Rect(box.x0, box.y0, visible.x0, box.y1),
            pymupdf.Rect(visible.x1, box.y0, box.x1, box.y1),
        )
        strips += [strip for strip in around if strip.width > 1 and strip.height > 1]
    return strips


def blank_images_outside(page: pymupdf.Page) -> int:
    """Blank the pixels of images beyond the visible page; returns the number of strips."""
    strips = outside_strips(page)
    for strip in strips:
        page.add_redact_annot(strip, fill=False, cross_out=False)
    if strips:
        page.apply_redactions(
            images=pymupdf.PDF_REDACT_IMAGE_PIXELS,
            graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
            text=pymupdf.PDF_REDACT_TEXT_NONE,
        )
    return len(strips)


def remove_hidden_text(
    page: pymupdf.Page,
    art: dict[int, list[Rect]] | None = None,
    words: dict[int, list[tuple]] | None = None,
) -> int:
    """Delete the text ``hidden_text`` finds from the page content; nothing is drawn in its
    place and images and drawings stay. Returns the number of spans removed. ``words``
    receives the page's words when nothing was removed (see ``_hidden_spans``)."""
    hidden = _hidden_spans(page, art=art, words=words)
    if not hidden:
        return 0
    if words is not None:
        words.pop(page.number, None)  # the page changes: its words are read again
    for _, _, bands in hidden:
        for band in bands:
            page.add_redact_annot(band, fill=False, cross_out=False)
    page.apply_redactions(
        images=pymupdf.PDF_REDACT_IMAGE_NONE,
        graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
        text=pymupdf.PDF_REDACT_TEXT_REMOVE,
    )
    return len(hidden)


def page_needs_ocr(page: pymupdf.Page, word_count: int) -> bool:
    return word_count <= SCAN_MAX_WORDS and image_coverage(page) >= SCAN_COVERAGE


def extract_text(
    doc: pymupdf.Document,
    options: AnonymisationOptions,
    progress: Progress = None,
    ocr_words: dict[int, list[tuple[Rect, str]]] | None = None,
    ocr_dpi: dict[int, int] | None = None,
    *,
    regroup: bool = False,
    words_read: dict[int, list[tuple]] | None = None,
    turned: list[str] | None = None,
) -> tuple[DocText, list[int]]:
    """The document's text with word boxes; OCR'd pages (and with ``regroup`` every page,
    e.g. a scan's text layer) in reading order without specks (``ocr_reading_order``).
    ``words_read``: pages whose words normalisation read already, unchanged since. A scanned
    page whose text reads turned is turned upright first; ``turned`` receives a note."""
    pages: list[tuple[list[tuple], Rect]] = []
    ocr_pages: list[int] = []
    total = doc.page_count
    for number, page in enumerate(doc):
        words = words_read.get(number) if words_read else None
        if words is None:
            words = page.get_text("words")
        if page_needs_ocr(page, len(words)):
            if ocr_available():
                dpi = detection_dpi(page, max_dpi=options.ocr_dpi, min_dpi=options.ocr_min_dpi)
                turn = sideways_turn(page, language=options.ocr_language)
                if not turn:
                    textpage = ocr_textpage(page, language=options.ocr_language, dpi=dpi, full=True)
                    words = page.get_text("words", textpage=textpage)
                    turn = scan_turn(page, words, language=options.ocr_language)
                if turn:
                    # the sheet was scanned sideways or upside down: the page is turned
                    # upright (as a stored /Rotate is) and read again
                    turn_upright(page, turn)
                    if turned is not None:
                        turned.append(f"gedraaide scan ({turn}°) rechtgezet (p. {number + 1})")
                    textpage = ocr_textpage(page, language=options.ocr_language, dpi=dpi, full=True)
                    words = page.get_text("words", textpage=textpage)
                ocr_pages.append(number)
                if ocr_words is not None:
                    ocr_words[number] = [(tuple(w[:4]), w[4]) for w in words]
                if ocr_dpi is not None:
                    ocr_dpi[number] = dpi
                words = ocr_reading_order(words)
            else:
                logger.warning("page %s is a scan but Tesseract is not installed", number)
        elif regroup:
            words = ocr_reading_order(words)
        pages.append((words, tuple(page.rect)))
        if progress is not None:
            progress(number + 1, total)
    return build_doctext(pages), ocr_pages


def build_doctext(pages: list[tuple[list[tuple], Rect]]) -> DocText:
    """One text of all pages from their words (``page.get_text("words")`` tuples, in order),
    with a line break between the lines and a blank line between the blocks of a page."""
    out = DocText()
    parts: list[str] = []
    pos = 0
    for number, (words, page_rect) in enumerate(pages):
        if number:
            parts.append(PAGE_SEP)
            pos += len(PAGE_SEP)
        page_start = pos
        previous = None
        line: Line | None = None
        for x0, y0, x1, y1, word, block, line_no, _ in words:
            key = (number, block, line_no)
            if previous is not None:
                sep = " " if key == previous else ("\n" if key[1] == previous[1] else BLOCK_SEP)
                parts.append(sep)
                pos += len(sep)
            if line is None or key != previous:  # a new line (the first one: previous is None)
                line = Line(number, (x0, y0, x1, y1), pos, pos, len(out.words))
                out.lines.append(line)
            out.words.append(Word(number, (x0, y0, x1, y1), key, pos, pos + len(word)))
            parts.append(word)
            pos += len(word)
            line.end = pos
            lx0, ly0, lx1, ly1 = line.rect
            line.rect = (min(lx0, x0), min(ly0, y0), max(lx1, x1), max(ly1, y1))
            previous = key
        out.page_spans.append((page_start, pos))
        out.page_rects.append(page_rect)
    out.text = "".join(parts)
    out._starts = [w.start for w in out.words]
    return out


def page_words(dt: DocText, page: int) -> list[tuple]:
    """The words of one page of ``dt`` as ``page.get_text("words")`` tuples, in text order."""
    start, end = dt.page_spans[page]
    found = []
    for n, word in enumerate(dt.words_in(start, end) if end > start else []):
        found.append((*word.rect, dt.text[word.start : word.end], word.key[1], word.key[2], n))
    return found


def normalise(data: bytes, options: AnonymisationOptions, progress: Progress = None) -> Normalised:
    doc = open_pdf(data)
    ocr_words: dict[int, list[tuple[Rect, str]]] = {}
    ocr_dpi: dict[int, int] = {}
    try:
        had_layers = bool(doc.get_ocgs())
        art: dict[int, list[Rect]] = {}
        words: dict[int, list[tuple]] = {}
        removed = sanitise(doc, art, words)
        if had_layers:
            # MuPDF keeps the optional-content state it read when opening; only a fresh
            # open of the document without /OCProperties shows (and extracts) what was in
            # hidden layers.
            reopened = pymupdf.open(stream=doc.tobytes(), filetype="pdf")
            doc.close()
            doc = reopened
            words.clear()
        text, ocr_pages = extract_text(
            doc, options, progress, ocr_words, ocr_dpi, words_read=words, turned=removed
        )
    except (UnreadableDocument, SoftTimeLimitExceeded):  # a time limit is not a broken PDF
        doc.close()
        raise
    except Exception as exc:  # noqa: BLE001 - broken page content
        doc.close()
        raise UnreadableDocument(f"PDF kan niet gelezen worden: {exc}") from exc
    return Normalised(
        doc=doc,
        text=text,
        ocr_pages=ocr_pages,
        removed=removed,
        ocr_words=ocr_words,
        ocr_dpi=ocr_dpi,
        art=art,
    )
