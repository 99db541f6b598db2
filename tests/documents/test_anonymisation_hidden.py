"""Hidden content, rotated pages, published PDF metadata and the OCR text layer of scans
(issue 8 item 6 and 'Scans', issue 11 'Published PDFs'), on PDFs built here with PyMuPDF."""

import pymupdf
import pytest

from devtools.samples.pdfkit import clean_scan
from documents.anonymisation import AnonymisationOptions, anonymise_pdf
from documents.anonymisation import normalise as normalise_module
from documents.anonymisation import redact as redact_module
from documents.anonymisation.normalise import hidden_text
from documents.anonymisation.ocr import ocr_available, ocr_reading_order

needs_ocr = pytest.mark.skipif(not ocr_available(), reason="Tesseract (nld) not installed")

VISIBLE = (
    "Geachte raad,\nIk schrijf u over de bibliotheek in het dorp.\nDe openingstijden zijn kort."
)
SECRET = "Verborgen aantekening over de schulden van de buurman"
OPTIONS = AnonymisationOptions(deny_terms=("Piet Jansen",))


def _page() -> tuple[pymupdf.Document, pymupdf.Page]:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), VISIBLE, fontsize=11)
    return doc, page


def _grey_image(page: pymupdf.Page, rect: pymupdf.Rect) -> None:
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 120, 20), False)
    pix.set_rect(pix.irect, (120, 160, 200))
    page.insert_image(rect, pixmap=pix, keep_proportion=False)


def white_text(page):
    page.insert_text((72, 300), SECRET, fontsize=11, color=(1, 1, 1))


def invisible_text(page):
    page.insert_text((72, 300), SECRET, fontsize=11, render_mode=3)


def transparent_text(page):
    page.insert_text((72, 300), SECRET, fontsize=11, fill_opacity=0)


def microscopic_text(page):
    page.insert_text((72, 300), SECRET, fontsize=1)


def text_under_an_image(page):
    page.insert_text((72, 300), SECRET, fontsize=11)
    _grey_image(page, pymupdf.Rect(60, 280, 420, 310))


def text_under_a_black_box(page):
    page.insert_text((72, 300), SECRET, fontsize=11)
    page.draw_rect(pymupdf.Rect(60, 285, 420, 306), color=(0, 0, 0), fill=(0, 0, 0))


def _append_content(page, stream: bytes) -> None:
    """Page content written as a PDF producer writes it, for what insert_text cannot make."""
    page.insert_text((72, 90), "Datum: 3 maart", fontsize=11)  # the /helv font resource
    doc = page.parent
    xref = doc.get_new_xref()
    doc.update_object(xref, "<<>>")
    doc.update_stream(xref, stream)
    contents = " ".join(f"{c} 0 R" for c in page.get_contents())
    doc.xref_set_key(page.xref, "Contents", f"[{contents} {xref} 0 R]")


def text_outside_its_clipping_path(page):
    """Painted, but clipped to a one-point square elsewhere: no pixel shows, the text layer
    (pdftotext, copy and paste in some readers) still has it."""
    _append_content(
        page, b"q 10 10 1 1 re W n BT /helv 11 Tf 72 542 Td (%s) Tj ET Q" % SECRET.encode()
    )


def text_outside_the_crop_box(page):
    page.insert_text((72, 760), SECRET, fontsize=11)
    page.set_cropbox(pymupdf.Rect(0, 0, 595, 600))


def text_outside_the_media_box(page):
    page.insert_text((72, 900), SECRET, fontsize=11)


def text_running_off_the_page(page):
    page.insert_text((560, 300), "Zie ook " + SECRET, fontsize=11)


HIDERS = [
    white_text,
    invisible_text,
    transparent_text,
    microscopic_text,
    text_under_an_image,
    text_under_a_black_box,
    text_outside_its_clipping_path,
    text_outside_the_crop_box,
    text_outside_the_media_box,
]


def _all_text(pdf: bytes) -> str:
    """Everything a reader could select or copy, also beyond the page edges, plus the raw
    (decompressed) content streams."""
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    parts = []
    for page in doc:
        if abs(page.cropbox) < abs(page.mediabox):
            page.set_cropbox(page.mediabox)  # what a crop box hides, too
        parts.append(page.get_text(clip=pymupdf.INFINITE_RECT()))
    parts += [
        doc.xref_stream(xref).decode("latin-1", errors="ignore")
        for xref in range(1, doc.xref_length())
        if doc.xref_is_stream(xref)
    ]
    return "\n".join(parts)


@pytest.mark.parametrize("hide", HIDERS, ids=lambda f: f.__name__)
def test_hidden_text_is_removed_and_visible_text_stays(hide):
    doc, page = _page()
    hide(page)
    source = doc.tobytes()
    assert "schulden" in _all_text(source)  # the input does hold it

    result = anonymise_pdf(source, OPTIONS)

    assert result.verification.ok, result.verification.reason
    readable = _all_text(result.output_pdf)
    assert "schulden" not in readable and "buurman" not in readable
    text = pymupdf.open(stream=result.output_pdf, filetype="pdf")[0].get_text()
    assert "Ik schrijf u over de bibliotheek in het dorp." in text
    assert any("onzichtbare tekst" in line for line in result.removed)


def test_the_visible_part_of_a_line_running_off_the_page_stays():
    doc, page = _page()
    text_running_off_the_page(page)
    result = anonymise_pdf(doc.tobytes(), OPTIONS)
    assert result.verification.ok, result.verification.reason
    readable = _all_text(result.output_pdf)
    assert "Zie" in readable and "schulden" not in readable


def test_text_inside_its_clipping_path_is_visible_and_stays():
    """Word processors clip every page to its box: text inside a clip is text a reader sees."""
    doc, page = _page()
    _append_content(
        page, b"q 60 530 400 30 re W n BT /helv 11 Tf 72 542 Td (%s) Tj ET Q" % SECRET.encode()
    )
    assert hidden_text(page) == []
    result = anonymise_pdf(doc.tobytes(), OPTIONS)
    assert result.verification.ok, result.verification.reason
    assert SECRET in pymupdf.open(stream=result.output_pdf, filetype="pdf")[0].get_text()


def test_of_a_word_half_inside_its_clip_the_part_outside_is_hidden():
    """MuPDF draws (and extracts) a character only where its glyph meets the clip."""
    doc, page = _page()
    _append_content(page, b"q 0 530 100 30 re W n BT /helv 11 Tf 72 542 Td (Bibliotheek) Tj ET Q")
    assert [text for _, text in hidden_text(page)] == ["heek"]
    result = anonymise_pdf(doc.tobytes(), OPTIONS)
    assert result.verification.ok, result.verification.reason
    text = pymupdf.open(stream=result.output_pdf, filetype="pdf")[0].get_text()
    assert text.splitlines()[-1] == "Bibliot"


def test_white_text_on_a_dark_band_is_visible_and_stays():
    doc, page = _page()
    page.draw_rect(pymupdf.Rect(60, 280, 420, 310), color=(0, 0.2, 0.4), fill=(0, 0.2, 0.4))
    page.insert_text((72, 300), "Gemeente Noord-Beveland", fontsize=11, color=(1, 1, 1))
    page.insert_text((72, 322), "De regel eronder is gewoon zichtbaar.", fontsize=11)
    assert hidden_text(page) == []
    result = anonymise_pdf(doc.tobytes(), OPTIONS)
    text = pymupdf.open(stream=result.output_pdf, filetype="pdf")[0].get_text()
    assert "Gemeente Noord-Beveland" in text
    assert "De regel eronder is gewoon zichtbaar." in text


def test_verification_refuses_hidden_text_that_normalisation_left(monkeypatch):
    monkeypatch.setattr(
        normalise_module, "remove_hidden_text", lambda page, art=None, words=None: 0
    )
    doc, page = _page()
    white_text(page)
    result = anonymise_pdf(doc.tobytes(), OPTIONS)
    assert result.output_pdf is None
    assert any("onzichtbare tekst" in leak for leak in result.verification.leaks)


# --- rotated pages -------------------------------------------------------------------------

LETTER = """Piet Jansen
Dorpsstraat 12a
4484 AB Kortgene
Telefoon: 06-12345678

Geachte leden van de raad,

Ik schrijf u over de Dorpsstraat in Kortgene.

Met vriendelijke groet,



Piet Jansen
"""


def _closing_line() -> pymupdf.Rect:
    with pymupdf.open() as doc:
        page = doc.new_page()
        page.insert_text((72, 72), LETTER, fontsize=10)
        return page.search_for("Met vriendelijke groet,")[0]


CLOSING = _closing_line()
SIGNATURE = pymupdf.Rect(80, CLOSING.y1 + 6, 220, CLOSING.y1 + 36)  # as displayed


def rotated_letter(rotation: int) -> bytes:
    """A portrait letter stored rotated: the media box and the content are turned, /Rotate
    turns them back, so a reader sees it upright (as scanners and some printers store it)."""
    doc = pymupdf.open()
    width, height = (842, 595) if rotation in (90, 270) else (595, 842)
    page = doc.new_page(width=width, height=height)
    page.set_rotation(rotation)
    to_stored = page.derotation_matrix
    page.insert_text(pymupdf.Point(72, 72) * to_stored, LETTER, fontsize=10, rotate=rotation)
    sig = SIGNATURE
    page.draw_bezier(
        sig.bl * to_stored,
        pymupdf.Point(120, sig.y0) * to_stored,
        pymupdf.Point(160, sig.y1) * to_stored,
        sig.tr * to_stored,
        color=(0, 0, 0.6),
        width=1.5,
    )
    return doc.tobytes()


def _ink(page: pymupdf.Page, rect: pymupdf.Rect) -> int:
    """Pixels in ``rect`` (as displayed) that are neither white nor the grey fill."""
    pix = page.get_pixmap(clip=rect, dpi=72, colorspace=pymupdf.csGRAY)
    return sum(1 for value in pix.samples if value < 150)


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_rotated_letter_comes_out_anonymised_and_upright(rotation):
    source = rotated_letter(rotation)
    shown = pymupdf.open(stream=source, filetype="pdf")[0]
    assert shown.rotation == rotation and _ink(shown, SIGNATURE) > 20  # a visible signature

    result = anonymise_pdf(source, OPTIONS)

    assert result.verification.ok, result.verification.reason
    page = pymupdf.open(stream=result.output_pdf, filetype="pdf")[0]
    assert page.rotation == 0 and page.rect.width < page.rect.height  # upright portrait
    text = page.get_text()
    for value in ("Jansen", "Dorpsstraat 12a", "4484 AB", "06-12345678"):
        assert value not in text, value
    assert "Ik schrijf u over de Dorpsstraat in Kortgene." in text
    assert any(f.entity_type == "SIGNATURE" and f.action == "redact" for f in result.findings)
    assert _ink(page, SIGNATURE) == 0  # the signature is gone where the reader saw it


def rotated_scan_with_text_layer(rotation: int) -> bytes:
    """A scanned letter as scanners store it: the page is kept turned (/Rotate), the scan and
    its invisible OCR text layer are drawn turned in the stored page, so a reader sees the
    letter upright and can select the layer's text."""
    with pymupdf.open() as upright:
        page = upright.new_page()
        page.insert_text((72, 72), LETTER, fontsize=10)
        scan = page.get_pixmap(dpi=150, colorspace=pymupdf.csGRAY)
    doc = pymupdf.open()
    width, height = (842, 595) if rotation in (90, 270) else (595, 842)
    page = doc.new_page(width=width, height=height)
    page.set_rotation(rotation)
    to_stored = page.derotation_matrix
    page.insert_image(pymupdf.Rect(0, 0, 595, 842) * to_stored, pixmap=scan, rotate=rotation)
    page.insert_text(
        pymupdf.Point(72, 72) * to_stored, LETTER, fontsize=10, rotate=rotation, render_mode=3
    )
    return doc.tobytes()


@needs_ocr
@pytest.mark.parametrize("rotation", [90, 270])
def test_rotated_scan_with_a_text_layer_is_anonymised_not_refused(rotation):
    """Straightening turns the layer's lines on their side in the page's coordinates; the
    hidden-text removal must take them whole, not a horizontal band through a vertical line
    (which left 'W…' behind and made verification refuse the letter)."""
    result = anonymise_pdf(rotated_scan_with_text_layer(rotation), OPTIONS)

    assert result.verification.ok, result.verification.reason
    assert result.ocr_pages == [0]  # the old layer is gone: the scan is read again
    page = pymupdf.open(stream=result.output_pdf, filetype="pdf")[0]
    assert page.rotation == 0 and page.rect.width < page.rect.height
    text = page.get_text()  # the scan's new text layer: what OCR reads on the redacted scan
    for value in ("Jansen", "12a", "4484", "12345678"):
        assert value not in text, value
    assert "Kortgene" in text


def test_vertical_hidden_text_is_removed_whole():
    doc, page = _page()
    page.insert_text((500, 700), SECRET, fontsize=11, rotate=90, render_mode=3)
    page.insert_text((530, 700), SECRET, fontsize=1, rotate=90)  # microscopic, on its side
    normalise_module.remove_hidden_text(page)
    assert "schulden" not in page.get_text()
    assert "bibliotheek" in page.get_text()
    assert hidden_text(page) == []


# --- title, language, metadata ----------------------------------------------------------


def test_published_pdf_has_the_given_title_language_nl_and_no_other_metadata():
    doc, _ = _page()
    doc.set_metadata({"author": "Piet Jansen", "producer": "Word", "creator": "Piet"})
    doc.set_xml_metadata("<x:xmpmeta xmlns:x='adobe:ns:meta/'>Piet Jansen</x:xmpmeta>")
    options = AnonymisationOptions(deny_terms=("Piet Jansen",), title="Zienswijze bibliotheek")

    result = anonymise_pdf(doc.tobytes(), options)

    assert result.verification.ok, result.verification.reason
    out = pymupdf.open(stream=result.output_pdf, filetype="pdf")
    assert out.metadata["title"] == "Zienswijze bibliotheek"
    for key in ("author", "subject", "keywords", "creator", "producer", "creationDate"):
        assert not out.metadata[key], key
    assert not out.get_xml_metadata()
    catalog = out.pdf_catalog()
    assert out.xref_get_key(catalog, "Lang") == ("string", "nl")
    assert out.xref_get_key(catalog, "ViewerPreferences/DisplayDocTitle") == ("bool", "true")


def test_neutral_title_per_category_when_none_is_given():
    doc, _ = _page()
    result = anonymise_pdf(doc.tobytes(), AnonymisationOptions(category="objection"))
    out = pymupdf.open(stream=result.output_pdf, filetype="pdf")
    assert out.metadata["title"] == "Bezwaarschrift"


def test_a_title_that_names_the_sender_is_refused():
    doc, _ = _page()
    options = AnonymisationOptions(deny_terms=("Piet Jansen",), title="Brief van Piet Jansen")
    result = anonymise_pdf(doc.tobytes(), options)
    assert result.output_pdf is None
    assert any("P*** J*****" in leak for leak in result.verification.leaks)


def test_metadata_on_a_page_is_removed():
    doc, page = _page()
    xref = doc.get_new_xref()
    doc.update_object(xref, "<< /Type /Metadata /Subtype /XML >>")
    doc.update_stream(xref, b"<x:xmpmeta>Piet Jansen</x:xmpmeta>", new=True)
    doc.xref_set_key(page.xref, "Metadata", f"{xref} 0 R")
    page.add_file_annot((300, 300), b"Piet Jansen, Dorpsstraat 12a", "afzender.txt")

    result = anonymise_pdf(doc.tobytes(), OPTIONS)

    assert result.verification.ok, result.verification.reason
    assert "Jansen" not in _all_text(result.output_pdf)
    out = pymupdf.open(stream=result.output_pdf, filetype="pdf")
    assert all(out.xref_get_key(x, "Metadata")[0] == "null" for x in range(1, out.xref_length()))


# --- scans: OCR text layer and line-broken entities ----------------------------------------

SCAN_LETTER = """Geachte raad,

Hierbij dien ik een zienswijze in op het ontwerpbesluit over de bibliotheek.
Mijn buurvrouw kan dit bevestigen; zij is bereikbaar op 06 6860
9040. Ik verzoek u deze zienswijze bij uw besluit te betrekken.

Met vriendelijke groet,
"""


def line_broken_phone_scan() -> bytes:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), SCAN_LETTER, fontname="cour", fontsize=10)
    # specks in the margin between the two lines of the phone number
    page.draw_circle((40, 100 + 3 * 12 + 7), 0.9, color=(0, 0, 0), fill=(0, 0, 0))
    page.draw_circle((40, 100 + 3 * 12 + 9.5), 0.9, color=(0, 0, 0), fill=(0, 0, 0))
    return clean_scan(doc.tobytes())


def test_ocr_lines_are_regrouped_and_specks_dropped():
    # As Tesseract read the demo's zienswijze: the number's parts in three blocks and a
    # margin speck ':' between them.
    words = [
        (387, 436, 449, 446, "bereikbaar", 15, 2, 1),
        (456, 436, 468, 446, "op", 15, 2, 2),
        (476, 436, 487, 446, "06", 15, 2, 3),
        (495, 436, 518, 446, "6860", 15, 3, 0),
        (38, 449, 39, 460, ":", 16, 0, 0),
        (64, 449, 101, 460, "9040.", 16, 1, 0),
        (136, 449, 137, 460, "à", 16, 2, 0),
        (72, 474, 83, 484, "De", 17, 0, 0),
    ]
    regrouped = ocr_reading_order(words)
    lines: dict[tuple[int, int], list[str]] = {}
    for w in regrouped:
        lines.setdefault((w[5], w[6]), []).append(w[4])
    assert list(lines.values()) == [["bereikbaar", "op", "06", "6860"], ["9040."], ["De"]]
    blocks = [key[0] for key in lines]
    assert blocks[0] == blocks[1] != blocks[2]  # one paragraph, then a new one


@needs_ocr
def test_scan_with_a_phone_number_broken_over_two_lines_comes_out_clean():
    result = anonymise_pdf(line_broken_phone_scan(), OPTIONS)

    assert result.ocr_pages == [0]
    assert result.verification.ok, result.verification.reason
    phones = [f for f in result.findings if f.entity_type == "PHONE"]
    assert phones and len({round(r[1]) for f in phones for r in f.rects}) == 2  # both lines
    page = pymupdf.open(stream=result.output_pdf, filetype="pdf")[0]
    read = page.get_text(textpage=page.get_textpage_ocr(dpi=300, language="nld", full=True))
    assert "6860" not in read and "9040" not in read
    assert "6860" not in page.get_text() and "9040" not in page.get_text()


@needs_ocr
def test_scan_gets_an_invisible_text_layer_of_what_stays():
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 100), SCAN_LETTER, fontname="cour", fontsize=10)
    result = anonymise_pdf(clean_scan(doc.tobytes()), OPTIONS)

    assert result.verification.ok, result.verification.reason
    page = pymupdf.open(stream=result.output_pdf, filetype="pdf")[0]
    layer = page.get_text()
    assert "zienswijze" in layer and "bibliotheek" in layer  # searchable
    assert "6860" not in layer
    spans = [s for s in page.get_texttrace() if s["type"] == 3]
    assert spans  # invisible: render mode 3, over the image
    assert hidden_text(page, ocr_layer=True) == []


@needs_ocr
def test_text_layer_that_still_holds_personal_data_is_refused(monkeypatch):
    # A layer written from every OCR word, the redacted ones too: verification must see it.
    monkeypatch.setattr(
        redact_module,
        "_text_layer_words",
        lambda words, boxes: [(pymupdf.Rect(r), w) for r, w in words],
    )
    result = anonymise_pdf(line_broken_phone_scan(), OPTIONS)
    assert result.output_pdf is None
    assert any("PHONE" in leak for leak in result.verification.leaks)


@needs_ocr
def test_demo_zienswijze_scan_comes_out_without_the_third_partys_mobile_number():
    from devtools.samples.demo import demo_documents
    from tests.corpus.eval import options_kwargs

    sample = next(d for d in demo_documents() if d.filename.endswith("view-citizen-scan.pdf"))
    result = anonymise_pdf(sample.pdf_bytes, AnonymisationOptions(**options_kwargs(sample)))

    assert result.verification.ok, result.verification.reason
    out = pymupdf.open(stream=result.output_pdf, filetype="pdf")
    read = "".join(
        page.get_text(textpage=page.get_textpage_ocr(dpi=200, language="nld", full=True))
        + page.get_text()
        for page in out
    )
    digits = "".join(ch for ch in read if ch.isdigit())
    for item in sample.truth.personal:
        if item["type"] == "PHONE":
            number = "".join(ch for ch in item["text"] if ch.isdigit())
            assert number not in digits, item["text"]


def test_links_are_removed_and_a_remaining_link_is_refused(monkeypatch):
    doc, page = _page()
    uri = "mailto:piet.jansen@example.nl"
    page.insert_link({"kind": pymupdf.LINK_URI, "from": pymupdf.Rect(72, 60, 200, 75), "uri": uri})
    result = anonymise_pdf(doc.tobytes(), OPTIONS)
    assert result.verification.ok, result.verification.reason
    out = pymupdf.open(stream=result.output_pdf, filetype="pdf")
    assert out[0].first_link is None
    assert not any("piet.jansen" in out.xref_object(x) for x in range(1, out.xref_length()))

    monkeypatch.setattr(pymupdf.Document, "scrub", lambda self, **kwargs: None)
    refused = anonymise_pdf(doc.tobytes(), OPTIONS)
    assert refused.output_pdf is None
    assert any("annotaties" in leak for leak in refused.verification.leaks)


def _picture_with_text(text: str) -> pymupdf.Pixmap:
    with pymupdf.open() as doc:
        page = doc.new_page(width=400, height=300)
        page.insert_text((20, 250), text, fontsize=30)
        return page.get_pixmap(dpi=72, colorspace=pymupdf.csGRAY)


def _dark_pixels(pdf: bytes) -> int:
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    dark = 0
    for page in doc:
        for xref, *_ in page.get_images(full=True):
            pix = pymupdf.Pixmap(doc, xref)
            dark += sum(1 for value in pix.samples[:: pix.n] if value < 128)
    return dark


def test_image_pixels_beyond_the_page_are_blanked(monkeypatch):
    doc, page = _page()
    # a picture whose lower two thirds (with the text) lie below the crop box
    page.insert_image(
        pymupdf.Rect(100, 600, 500, 900), pixmap=_picture_with_text("GEHEIM"), keep_proportion=False
    )
    page.set_cropbox(pymupdf.Rect(0, 0, 595, 700))
    source = doc.tobytes()
    assert _dark_pixels(source) > 100

    result = anonymise_pdf(source, OPTIONS)

    assert result.verification.ok, result.verification.reason
    assert _dark_pixels(result.output_pdf) == 0

    monkeypatch.setattr(normalise_module, "blank_images_outside", lambda page: 0)
    refused = anonymise_pdf(source, OPTIONS)
    assert refused.output_pdf is None
    assert any("buiten de pagina" in leak for leak in refused.verification.leaks)


def test_a_line_redacted_in_the_middle_keeps_its_visible_ends_and_is_published():
    """Redaction takes the e-mail address and phone number out of one span and leaves
    'Contact:' and '/' on either side of the boxes: the span's box is then mostly under the
    fills, its remaining characters are not, and they are no hidden text."""
    doc, page = _page()
    page.insert_text(
        (72, 320),
        "Contact: annelies.verbrugge-oosterhout18@voorbeeld-werkgroep.nl / +31 (0)6 25 93 71 38",
        fontsize=8.5,
    )
    options = AnonymisationOptions(
        deny_terms=(
            "annelies.verbrugge-oosterhout18@voorbeeld-werkgroep.nl",
            "+31 (0)6 25 93 71 38",
        )
    )

    result = anonymise_pdf(doc.tobytes(), options)

    assert result.verification.ok, result.verification.reason
    text = pymupdf.open(stream=result.output_pdf, filetype="pdf")[0].get_text()
    assert "Contact:" in text and "voorbeeld-werkgroep" not in text and "93 71" not in text


def test_of_a_line_half_under_an_image_only_the_covered_characters_are_hidden():
    doc, page = _page()
    page.insert_text((72, 300), "Zichtbaar begin " + SECRET, fontsize=11)
    _grey_image(page, pymupdf.Rect(150, 285, 560, 310))
    hidden = "".join(text for _, text in hidden_text(page))
    assert "schulden" in hidden and "Zichtbaar" not in hidden
