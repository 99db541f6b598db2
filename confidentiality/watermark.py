"""A visible per-user watermark on every page of a PDF handed out from the councillors' area."""

import pymupdf


class NotWatermarkable(Exception):
    """The file is not a PDF we can open (or it is password protected)."""


RED = (0.75, 0.0, 0.0)


def stamp(page: pymupdf.Page, *, level: str, lines: list[str], code: str) -> None:
    """Put the watermark on one page: a band at the top and bottom naming the level, the
    recipient and the code, and the level written large across the page."""
    band = " · ".join([level, *lines, code])
    page.wrap_contents()
    rect = page.rect
    for y in (14, rect.height - 8):
        page.insert_text((18, y), band, fontsize=7.5, color=RED, fontname="helv", overlay=True)
    centre = pymupdf.Point(rect.width / 2, rect.height / 2)
    morph = (centre, pymupdf.Matrix(-35))
    size = max(24.0, min(rect.width, rect.height) / 9)
    start = pymupdf.Point(centre.x - size * len(level) * 0.3, centre.y)
    page.insert_text(
        start, level, fontsize=size, color=RED, fill_opacity=0.18, morph=morph, overlay=True
    )
    page.insert_text(
        pymupdf.Point(start.x, start.y + size * 0.7),
        f"{lines[0] if lines else ''} {code}",
        fontsize=size / 3.5,
        color=RED,
        fill_opacity=0.25,
        morph=morph,
        overlay=True,
    )


def _open(data: bytes) -> pymupdf.Document:
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # pymupdf raises several types for broken files
        raise NotWatermarkable(str(exc)) from exc
    if doc.needs_pass or doc.page_count == 0:
        raise NotWatermarkable("encrypted or empty")
    return doc


def page_count(data: bytes) -> int:
    doc = _open(data)
    count = doc.page_count
    doc.close()
    return count


def page_image(
    data: bytes, number: int, *, level: str | None, lines: list[str], code: str, dpi: int = 110
) -> bytes:
    """Page ``number`` (0-based) of the PDF as a PNG, with the watermark drawn into the
    pixels when ``level`` is given (reading in the browser: nothing but the image leaves the
    server). Raises IndexError for a page the document does not have."""
    doc = _open(data)
    if not 0 <= number < doc.page_count:
        doc.close()
        raise IndexError(number)
    doc.select([number])
    page = doc[0]
    if level:
        stamp(page, level=level, lines=lines, code=code)
    png = page.get_pixmap(dpi=dpi).tobytes("png")
    doc.close()
    return png


def watermark_pdf(data: bytes, *, level: str, lines: list[str], code: str) -> bytes:
    """Return ``data`` with, on every page: a band at the top and bottom naming the level,
    the recipient and the code, and the level written large across the page."""
    doc = _open(data)
    # Remove active content and hidden payloads that should not travel with a copy.
    doc.scrub(
        attached_files=True,
        clean_pages=False,
        embedded_files=True,
        hidden_text=False,
        javascript=True,
        metadata=True,
        redactions=False,
        remove_links=False,
        reset_fields=False,
        reset_responses=True,
        thumbnails=True,
        xml_metadata=True,
    )
    for page in doc:
        stamp(page, level=level, lines=lines, code=code)
    doc.set_metadata({"title": level, "keywords": code, "producer": "griffie"})
    out = doc.tobytes(garbage=3, deflate=True)
    doc.close()
    return out
