"""A visible per-user watermark on every page of a PDF handed out from the councillors' area."""

import pymupdf


class NotWatermarkable(Exception):
    """The file is not a PDF we can open (or it is password protected)."""


RED = (0.75, 0.0, 0.0)


def watermark_pdf(data: bytes, *, level: str, lines: list[str], code: str) -> bytes:
    """Return ``data`` with, on every page: a band at the top and bottom naming the level,
    the recipient and the code, and the level written large across the page."""
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # pymupdf raises several types for broken files
        raise NotWatermarkable(str(exc)) from exc
    if doc.needs_pass or doc.page_count == 0:
        raise NotWatermarkable("encrypted or empty")
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
    band = " · ".join([level, *lines, code])
    for page in doc:
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
    doc.set_metadata({"title": level, "keywords": code, "producer": "griffie"})
    out = doc.tobytes(garbage=3, deflate=True)
    doc.close()
    return out
