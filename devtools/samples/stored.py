"""Generator kinds for how a PDF is stored rather than what it says (issue 8 item 6): pages
stored rotated, and text a reader can select but not see. Each takes a generated
``SampleDocument`` and returns a new one whose truth still holds.

    from devtools.samples.stored import stored_rotated, with_hidden_text
"""

from __future__ import annotations

import dataclasses
import random

import pymupdf

from .model import SampleDocument
from .pdfkit import pdf_bytes

HIDDEN_NOTE = "Notitie: {name} belde over de zaak, terugbellen op {phone}."


def stored_rotated(sample: SampleDocument, rotation: int) -> SampleDocument:
    """The same pages as a reader sees them, stored turned: the media box and the content
    are rotated and /Rotate turns them back (as scanners and some printers store pages).
    Signature rects stay valid: they are in the coordinates of what the reader sees."""
    if rotation not in (90, 180, 270):
        raise ValueError("rotation must be 90, 180 or 270")
    doc = pymupdf.open(stream=sample.pdf_bytes, filetype="pdf")
    for page in doc:
        if page.rotation:
            continue
        # What remove_rotation() would prepend for such a page, inverted: it turns the
        # upright content into the stored orientation.
        with pymupdf.open() as scratch:
            width, height = page.mediabox.width, page.mediabox.height
            if rotation in (90, 270):
                width, height = height, width
            probe = scratch.new_page(width=width, height=height)
            probe.set_rotation(rotation)
            to_stored = probe.remove_rotation()
        page.clean_contents()  # one content stream with balanced q/Q
        xref = page.get_contents()[0]
        matrix = " ".join(f"{v:g}" for v in tuple(to_stored))
        doc.update_stream(xref, f"q {matrix} cm\n".encode() + doc.xref_stream(xref) + b"\nQ")
        box = page.mediabox
        if rotation in (90, 270):
            page.set_mediabox(pymupdf.Rect(box.y0, box.x0, box.y1, box.x1))
        page.set_rotation(rotation)
    data = pdf_bytes(doc)
    name = sample.filename.removesuffix(".pdf") + f"-rot{rotation}.pdf"
    return dataclasses.replace(sample, filename=name, pdf_bytes=data)


HIDING = ("white", "invisible", "tiny", "image", "box", "crop")


def with_hidden_text(
    sample: SampleDocument, rng: random.Random, how: str | None = None
) -> SampleDocument:
    """Add a note with a made-up name and phone number to the first page, hidden one of the
    ways a reader cannot see but can copy: white, invisible (render mode 3), microscopic,
    under an image, under a black box, or outside the crop box."""
    first = rng.choice(["Joost", "Ineke", "Rutger", "Sevda", "Marloes"])
    last = rng.choice(["Brouwershaven", "Kraaijeveld", "Oosterling", "Vermaas"])
    name = f"{first} {last}"
    phone = f"06-{rng.randrange(10**7, 10**8)}"
    note = HIDDEN_NOTE.format(name=name, phone=phone)
    how = how or rng.choice(HIDING)
    doc = pymupdf.open(stream=sample.pdf_bytes, filetype="pdf")
    page = doc[0]
    spot = pymupdf.Point(72, page.rect.height - 24)
    if how == "white":
        page.insert_text(spot, note, fontsize=8, color=(1, 1, 1))
    elif how == "invisible":
        page.insert_text(spot, note, fontsize=8, render_mode=3)
    elif how == "tiny":
        page.insert_text(spot, note, fontsize=1)
    elif how == "image":
        page.insert_text(spot, note, fontsize=8)
        pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 40, 4), False)
        pix.set_rect(pix.irect, (255, 255, 255))
        page.insert_image(
            pymupdf.Rect(60, spot.y - 10, page.rect.width - 20, spot.y + 4),
            pixmap=pix,
            keep_proportion=False,
        )
    elif how == "box":
        page.insert_text(spot, note, fontsize=8)
        page.draw_rect(
            pymupdf.Rect(60, spot.y - 10, page.rect.width - 20, spot.y + 4),
            color=(0, 0, 0),
            fill=(0, 0, 0),
        )
    else:
        page.insert_text(spot, note, fontsize=8)
        page.set_cropbox(pymupdf.Rect(0, 0, page.rect.width, page.rect.height - 40))
    truth = dataclasses.replace(
        sample.truth,
        personal=[
            *sample.truth.personal,
            {"type": "PERSON", "text": name, "where": [f"hidden text ({how})"]},
            {"type": "PHONE", "text": phone, "where": [f"hidden text ({how})"]},
        ],
    )
    name_out = sample.filename.removesuffix(".pdf") + f"-hidden-{how}.pdf"
    return dataclasses.replace(sample, filename=name_out, pdf_bytes=pdf_bytes(doc), truth=truth)


__all__ = ["HIDING", "stored_rotated", "with_hidden_text"]
