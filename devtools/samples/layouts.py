"""Letters whose text layer differs from what a reader sees (issue 16 item 2), built with
PyMuPDF: a photographed identity card, a table of neighbours, spaced-out capitals, a letterhead
set as an image, a signature image without a closing phrase. Names, addresses and numbers are
invented."""

from __future__ import annotations

import pymupdf

NAME = "Lotte Verhoeven"
STREET = "Zeedijk 14"
POSTCODE = "4485 KT"
PLACE = "Kamperland"
PHONE = "06-24681357"
EMAIL = "lotte.verhoeven@example.nl"
DOCUMENT_NUMBER = "IRK4T7PL2"
BSN = "111222333"  # passes the eleven test
NEIGHBOURS = [
    ("M. Dekkers", "Zeedijk", "16", "4485 KT"),
    ("R. Wagemaker", "Zeedijk", "18", "4485 KT"),
    ("S. Bosschaart", "Veerweg", "3", "4485 KV"),
]
BODY = (
    "Geachte leden van de gemeenteraad,\n\n"
    "Hierbij dien ik een zienswijze in op het bestemmingsplan voor de Zeedijk.\n"
    "De nieuwe parkeerplaats komt vlak naast de speeltuin te liggen.\n"
    "Ik vraag u het plan aan te passen.\n"
)


def _picture(width: float, height: float, lines: list[tuple[str, float]], *, dpi=200, fill=None):
    """A picture (pixmap) of text lines, as a scanner or a camera delivers it."""
    with pymupdf.open() as scratch:
        page = scratch.new_page(width=width, height=height)
        if fill is not None:
            page.draw_rect(page.rect, color=None, fill=fill)
        y = 4.0
        for text, size in lines:
            y += size * 1.35
            page.insert_text((8, y), text, fontsize=size, fontname="helv")
        return page.get_pixmap(dpi=dpi)


def _letter(doc: pymupdf.Document, top: float = 72, closing: bool = True) -> pymupdf.Page:
    page = doc.new_page()
    text = BODY + ("\nMet vriendelijke groet,\n" if closing else "")
    page.insert_text((72, top), text, fontsize=10)
    return page


def _turned(pix: pymupdf.Pixmap, turn: int) -> pymupdf.Pixmap:
    """The picture turned clockwise by ``turn`` degrees (a photograph taken sideways)."""
    if not turn:
        return pix
    with pymupdf.open() as scratch:
        width, height = (pix.height, pix.width) if turn in (90, 270) else (pix.width, pix.height)
        page = scratch.new_page(width=width, height=height)
        page.insert_image(page.rect, pixmap=pix, rotate=turn)
        return page.get_pixmap(dpi=72)


def id_card_letter(turn: int = 0, *, placed: bool = False) -> bytes:
    """A typed letter with a photograph of an identity card pasted in; ``turn`` (90, 180,
    270): the card turned clockwise, in the photograph itself or (``placed``) by the way the
    upright photograph is placed on the page."""
    doc = pymupdf.open()
    page = _letter(doc, closing=False)
    page.insert_text((72, 200), "Bijgevoegd een kopie van mijn identiteitsbewijs:", fontsize=10)
    page.insert_text((72, 480), "Met vriendelijke groet,", fontsize=10)
    card = _picture(
        243,
        153,
        [
            ("IDENTITEITSKAART", 10),
            ("Naam: VERHOEVEN", 8),
            ("Voornamen: Lotte Maria", 8),
            ("Geboortedatum: 14 05 1987", 8),
            (f"Documentnummer: {DOCUMENT_NUMBER}", 8),
            (f"Persoonsnummer: {BSN}", 8),
        ],
        fill=(0.85, 0.9, 0.97),
    )
    box = pymupdf.Rect(72, 215, 315, 368) if turn in (0, 180) else pymupdf.Rect(72, 215, 225, 458)
    if placed:
        page.insert_image(box, stream=card.tobytes("jpeg", jpg_quality=85), rotate=turn)
    else:
        picture = _turned(card, turn).tobytes("jpeg", jpg_quality=85)
        page.insert_image(box, stream=picture)
    return doc.tobytes()


def neighbours_table_letter(*, surnames_only: bool = False) -> bytes:
    """A letter with a table of neighbours: name, street, house number and postcode each
    in their own cell, written column by column (as some programs do): the text layer holds
    the streets apart from their house numbers, a reader reads them across the row.
    ``surnames_only``: the name column holds the surname alone ('Dekkers'), with no header."""
    doc = pymupdf.open()
    page = _letter(doc, closing=False)
    page.insert_text((72, 190), "De volgende buren steunen deze zienswijze:", fontsize=10)
    columns = [72, 200, 300, 370, 470]
    top = 205
    header = ("Naam", "Straat", "Nr.", "Postcode")
    rows = [header, *NEIGHBOURS]
    if surnames_only:
        rows = [(name.split()[-1], *rest) for name, *rest in NEIGHBOURS]
    for col in range(len(header)):
        for row, values in enumerate(rows):
            page.insert_text((columns[col] + 4, top + row * 20 + 14), values[col], fontsize=10)
    for row in range(len(rows)):
        page.draw_line((columns[0], top + row * 20), (columns[-1], top + row * 20), width=0.5)
    bottom = top + len(rows) * 20
    page.draw_line((columns[0], bottom), (columns[-1], bottom), width=0.5)
    for x in columns:
        page.draw_line((x, top), (x, bottom), width=0.5)
    page.insert_text((72, bottom + 40), "Met vriendelijke groet,", fontsize=10)
    return doc.tobytes()


def spaced_capitals_letter() -> bytes:
    """A letterhead and a signature line in spaced-out capitals."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 50), "L O T T E   V E R H O E V E N", fontsize=12)
    page.insert_text(
        (72, 100), BODY + "\nMet vriendelijke groet,\n\n\n\nL.  V E R H O E V E N", fontsize=10
    )
    return doc.tobytes()


def spaced_contact_letter() -> bytes:
    """A letterhead set in spaced-out capitals and digits: address, postcode and phone."""
    doc = pymupdf.open()
    page = doc.new_page()
    spaced = [" ".join(part) for part in (NAME.upper(), STREET.upper(), POSTCODE, PLACE.upper())]
    page.insert_text((72, 40), spaced[0], fontsize=11)
    page.insert_text((72, 54), f"{spaced[1]}   {spaced[2]}   {spaced[3]}", fontsize=9)
    page.insert_text((72, 66), "T E L   " + " ".join(PHONE), fontsize=9)
    page.insert_text((72, 100), BODY + "\nMet vriendelijke groet,\n\n\n" + NAME, fontsize=10)
    return doc.tobytes()


def image_letterhead_letter(turn: int = 0) -> bytes:
    """A letter whose letterhead (name, address, phone, e-mail) is a picture; ``turn`` (90,
    180, 270): scanned turned clockwise, a strip down the right margin when sideways."""
    doc = pymupdf.open()
    page = _letter(doc, top=150)
    head = _picture(
        450,
        90,
        [
            (NAME, 14),
            (f"{STREET}, {POSTCODE} {PLACE}", 9),
            (f"Telefoon {PHONE}   E-mail {EMAIL}", 9),
            ("", 9),
            ("lid van de bewonerscommissie sinds 2004", 9),
        ],
    )
    box = pymupdf.Rect(72, 30, 522, 120) if turn in (0, 180) else pymupdf.Rect(500, 320, 590, 770)
    if turn in (90, 270):
        page.insert_text((72, 300), "(briefhoofd in de marge)", fontsize=10)
    page.insert_image(box, stream=_turned(head, turn).tobytes("png"))
    return doc.tobytes()


def signature_without_closing_letter() -> bytes:
    """A signature image above the printed name, with no closing phrase before it."""
    doc = pymupdf.open()
    page = _letter(doc, closing=False)
    with pymupdf.open() as scratch:
        sp = scratch.new_page(width=140, height=40)
        sp.draw_bezier((5, 30), (40, -10), (80, 60), (135, 8), color=(0, 0, 0.5), width=2)
        sp.draw_bezier((20, 25), (50, 35), (70, 5), (110, 28), color=(0, 0, 0.5), width=1.5)
        ink = sp.get_pixmap(dpi=150, alpha=True)
    page.insert_image(pymupdf.Rect(72, 150, 212, 190), stream=ink.tobytes("png"))
    page.insert_text((72, 205), NAME, fontsize=10)
    return doc.tobytes()


def signature_after_closing_letter() -> bytes:
    """A signature image between 'Met vriendelijke groet,' and the printed name."""
    doc = pymupdf.open()
    page = _letter(doc, closing=True)
    with pymupdf.open() as scratch:
        sp = scratch.new_page(width=140, height=40)
        sp.draw_bezier((5, 30), (40, -10), (80, 60), (135, 8), color=(0, 0, 0.5), width=2)
        ink = sp.get_pixmap(dpi=150, alpha=True)
    page.insert_image(pymupdf.Rect(72, 160, 212, 200), stream=ink.tobytes("png"))
    page.insert_text((72, 235), NAME, fontsize=10)
    return doc.tobytes()


def drawn_signature_after_thanks_letter() -> bytes:
    """A signature drawn (vector) between 'Bij voorbaat dank,' and the printed name: no
    closing phrase the detector knows."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), BODY + "\nBij voorbaat dank,", fontsize=10)
    page.draw_bezier((80, 185), (110, 150), (150, 200), (200, 160), color=(0, 0, 0.5), width=1.5)
    page.draw_bezier((95, 180), (120, 190), (140, 165), (185, 178), color=(0, 0, 0.5), width=1.2)
    page.insert_text((72, 215), NAME, fontsize=10)
    page.draw_line((72, 260), (522, 260), width=0.5)  # a rule: no signature
    return doc.tobytes()


def logo_letter(pages: int = 3) -> bytes:
    """A typed letter of several pages with the same picture logo (words, no personal data)
    at the top of every page."""
    logo = _picture(160, 30, [("Bewonersoverleg Zeedijk", 11)])
    stream = logo.tobytes("png")
    doc = pymupdf.open()
    for number in range(pages):
        page = doc.new_page()
        page.insert_image(pymupdf.Rect(72, 30, 232, 60), stream=stream)
        page.insert_text((72, 100), BODY if number == 0 else f"Pagina {number + 1}", fontsize=10)
    return doc.tobytes()


def turned_scan_letter(turn: int = 0, skew: float = 0.0, *, dpi: int = 150) -> bytes:
    """A citizen's letter (letterhead with name, address, phone and e-mail; a signature
    image above the printed name) scanned as one image whose content is turned clockwise by
    ``turn`` degrees (a sheet fed sideways or upside down) and ``skew`` degrees more (fed
    askew); the page is the size of the scan, with no /Rotate to say it is turned."""
    with pymupdf.open() as letter:
        page = letter.new_page()
        head = f"{NAME}\n{STREET}\n{POSTCODE} {PLACE}\nTelefoon {PHONE}\nE-mail {EMAIL}"
        page.insert_text((72, 72), head, fontsize=10)
        page.insert_text((72, 170), BODY + "\nMet vriendelijke groet,", fontsize=10)
        page.draw_bezier((80, 295), (110, 255), (150, 310), (200, 268), color=(0, 0, 0.5), width=2)
        page.draw_bezier((95, 290), (120, 300), (140, 272), (185, 288), color=(0, 0, 0.5))
        page.insert_text((72, 316), NAME, fontsize=10)
        matrix = pymupdf.Matrix(dpi / 72, dpi / 72).prerotate(turn + skew)
        pix = page.get_pixmap(matrix=matrix, colorspace=pymupdf.csGRAY)
    doc = pymupdf.open()
    scan = doc.new_page(width=pix.width * 72 / dpi, height=pix.height * 72 / dpi)
    scan.insert_image(scan.rect, stream=pix.tobytes("jpeg", jpg_quality=80))
    return doc.tobytes()


SIGNATURE_BESIDE = pymupdf.Rect(220, 195, 360, 230)


def signature_beside_name_letter(*, drawn: bool = False, closing: bool = True) -> bytes:
    """A signature set to the right of the printed name, well away from it (an image, or
    drawn as vector paths with ``drawn``), with or without a closing phrase above."""
    doc = pymupdf.open()
    page = _letter(doc, closing=closing)
    page.insert_text((72, 215), NAME, fontsize=10)
    box = SIGNATURE_BESIDE
    if drawn:
        page.draw_bezier(
            (box.x0 + 3, box.y1 - 5),
            (box.x0 + 40, box.y0),
            (box.x0 + 70, box.y1),
            (box.x1 - 3, box.y0 + 6),
            color=(0, 0, 0.5),
            width=1.5,
        )
    else:
        with pymupdf.open() as scratch:
            sp = scratch.new_page(width=box.width, height=box.height)
            sp.draw_bezier((5, 30), (40, -10), (80, 60), (135, 8), color=(0, 0, 0.5), width=2)
            ink = sp.get_pixmap(dpi=150, alpha=True)
        page.insert_image(box, stream=ink.tobytes("png"))
    return doc.tobytes()
