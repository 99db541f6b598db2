"""What a reader sees, not only the text layer (issue 16 item 2): text in images, spaced-out
capitals, tables read across the row, signature images; on letters built in
devtools/samples/layouts.py with invented names."""

import pymupdf
import pytest

from devtools.samples import layouts
from documents.anonymisation import (
    AnonymisationOptions,
    UnreadableDocument,
    anonymise_pdf,
    apply_proposal,
    propose,
)
from documents.anonymisation import engine as engine_module
from documents.anonymisation import redact as redact_module
from documents.anonymisation import verify as verify_module
from documents.anonymisation import visual as visual_module
from documents.anonymisation.ocr import ocr_available, ocr_region_words, ocr_textpage
from documents.anonymisation.visual import join_spaced, triage

needs_ocr = pytest.mark.skipif(not ocr_available(), reason="Tesseract (nld) not installed")
OPTIONS = AnonymisationOptions()


def what_a_reader_sees(pdf: bytes) -> str:
    """The text layer plus OCR of every rendered page, spaces and case squashed away."""
    parts = []
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        for page in doc:
            parts.append(page.get_text())
            if ocr_available():
                textpage = ocr_textpage(page, language="nld", dpi=200, full=True)
                parts.append(page.get_text(textpage=textpage))
    return "".join("".join(parts).split()).lower()


def squash(value: str) -> str:
    return "".join(value.split()).lower()


def anonymised(pdf: bytes) -> tuple[object, str]:
    result = anonymise_pdf(pdf, OPTIONS)
    assert result.output_pdf is not None, result.verification.reason
    return result, what_a_reader_sees(result.output_pdf)


def typed_letter() -> bytes:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), layouts.BODY + "\nMet vriendelijke groet,\n\n\nLotte Verhoeven")
    return doc.tobytes()


# --- the cheap test: which pages are read as rendered -------------------------------------


def test_a_typed_page_whose_text_layer_agrees_is_not_read_again(monkeypatch):
    def no_ocr(*args, **kwargs):
        raise AssertionError("OCR on a typed page")

    monkeypatch.setattr(visual_module, "ocr_region_words", no_ocr)
    with pymupdf.open(stream=typed_letter(), filetype="pdf") as doc:
        assert triage(doc[0], doc[0].get_text("words")) == []
    result = anonymise_pdf(typed_letter(), OPTIONS)
    assert result.output_pdf is not None and result.visual_pages == {}
    assert result.report()["visual_pages"] == {}


@pytest.mark.parametrize(
    ("build", "reason"),
    [
        (layouts.id_card_letter, "afbeelding"),
        (layouts.image_letterhead_letter, "afbeelding"),
        (layouts.spaced_capitals_letter, "gespatieerde tekst"),
        (layouts.neighbours_table_letter, "tabel"),
    ],
)
def test_pages_whose_text_layer_may_differ_are_picked(build, reason):
    with pymupdf.open(stream=build(), filetype="pdf") as doc:
        assert reason in triage(doc[0], doc[0].get_text("words"))


def test_a_text_layer_of_unmapped_characters_is_not_trusted():
    """A font without a Unicode map: the layer holds replacement or private-use characters
    where the reader sees letters."""
    with pymupdf.open(stream=typed_letter(), filetype="pdf") as doc:
        words = doc[0].get_text("words")
        garbled = [(*w[:4], "\ufffd" * len(w[4]), *w[5:]) for w in words[:10]] + words[10:]
        assert "onleesbare tekstlaag" in triage(doc[0], garbled)
        assert "onleesbare tekstlaag" not in triage(doc[0], words)


def test_spaced_letters_are_joined_into_the_words_a_reader_sees():
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "Namens  P I E T   V A N   D E N   B E R G  en anderen", fontsize=11)
    words = [w[4] for w in join_spaced(page.get_text("words"))]
    assert words == ["Namens", "Piet", "van", "den", "Berg", "en", "anderen"]


# --- the layouts that leaked --------------------------------------------------------------


@needs_ocr
def test_text_in_a_photographed_identity_card_is_read_and_the_card_goes():
    result, seen = anonymised(layouts.id_card_letter())

    for value in ("Verhoeven", layouts.DOCUMENT_NUMBER, layouts.BSN, "14051987"):
        assert squash(value) not in seen, value
    assert squash("Bijgevoegd een kopie van mijn identiteitsbewijs") in seen
    assert result.visual_pages == {0: ["afbeelding"]}
    card = next(f for f in result.findings if f.source == "visual:id_document")
    assert card.action == "redact" and card.page == 0
    assert pymupdf.Rect(card.rects[0]).contains(pymupdf.Rect(80, 220, 300, 360))


@needs_ocr
def test_a_letterhead_set_as_an_image_is_read_and_redacted_not_refused():
    result, seen = anonymised(layouts.image_letterhead_letter())

    for value in (
        layouts.NAME,
        layouts.STREET,
        layouts.POSTCODE,
        layouts.PHONE,
        layouts.EMAIL,
    ):
        assert squash(value) not in seen, value
    assert squash("Hierbij dien ik een zienswijze in") in seen
    found = {f.entity_type for f in result.findings if f.source.startswith("visual")}
    assert {"PERSON", "ADDRESS", "POSTCODE", "PHONE", "EMAIL"} <= found


def test_addresses_in_a_table_of_neighbours_are_read_across_the_row():
    result, seen = anonymised(layouts.neighbours_table_letter())

    for name, street, number, postcode in layouts.NEIGHBOURS:
        for value in (name, f"{street} {number}", postcode):
            assert not any(f.text == value and f.action == "keep" for f in result.findings), value
        assert squash(f"{street}{number}") not in seen
    addresses = [f for f in result.findings if f.entity_type == "ADDRESS" and f.action == "redact"]
    assert {" ".join(f.text.split()) for f in addresses} >= {
        "Zeedijk 16",
        "Zeedijk 18",
        "Veerweg 3",
    }
    # word by word: no box spans the column line between the street and the house number
    column_line = 300
    for finding in addresses:
        for x0, _, x1, _ in finding.rects:
            assert not x0 < column_line < x1
    page = pymupdf.open(stream=result.output_pdf, filetype="pdf")[0]
    assert "Straat" in page.get_text() and "Postcode" in page.get_text()


def test_a_table_of_neighbours_by_surname_is_read_cell_by_cell():
    """Surnames alone in the first column, the street and its house number in two more:
    read across the row as one line ('Dekkers Zeedijk 16 4485 KT') the surname ran into the
    street and stayed; cell by cell the row reads as an address block."""
    source = layouts.neighbours_table_letter(surnames_only=True)
    result, seen = anonymised(source)

    for name, street, number, postcode in layouts.NEIGHBOURS:
        surname = name.split()[-1]
        assert squash(surname) not in seen, surname
        assert squash(f"{street}{number}") not in seen
        assert squash(postcode) not in seen
    assert squash("steunen deze zienswijze") in seen


def test_words_in_spaced_out_capitals_are_redacted():
    result, _ = anonymised(layouts.spaced_capitals_letter())

    text = squash(pymupdf.open(stream=result.output_pdf, filetype="pdf")[0].get_text())
    assert "verhoeven" not in text and "lotte" not in text
    assert squash("Hierbij dien ik een zienswijze in") in text
    names = {f.text for f in result.findings if f.entity_type == "PERSON"}
    assert {"Lotte Verhoeven", "L. Verhoeven"} <= names


def test_a_spaced_out_address_and_phone_number_are_redacted():
    """Digits spaced out as letters are ('0 6 - 2 4 ...'), a letter next to a digit ('T E L
    0 6', '4 4 8 5 K T') parted: before, digits were not joined and the phone stayed."""
    result, seen = anonymised(layouts.spaced_contact_letter())

    for value in (layouts.PHONE, layouts.STREET, layouts.POSTCODE, "Verhoeven"):
        assert squash(value) not in seen, value
    assert squash("zienswijze") in seen


def _ink(pdf: bytes, rect: pymupdf.Rect) -> int:
    page = pymupdf.open(stream=pdf, filetype="pdf")[0]
    pix = page.get_pixmap(clip=rect, dpi=72, colorspace=pymupdf.csGRAY)
    return sum(1 for value in pix.samples if value < 150)


@needs_ocr
def test_a_signature_image_next_to_the_name_is_masked_without_a_closing_phrase():
    source = layouts.signature_without_closing_letter()
    signature = pymupdf.Rect(72, 150, 212, 190)
    assert _ink(source, signature) > 20

    result, _ = anonymised(source)

    assert _ink(result.output_pdf, signature) == 0
    assert any(f.source == "visual:image_signature" for f in result.findings)


@needs_ocr
def test_a_signature_image_under_the_closing_is_masked_without_being_read(monkeypatch):
    """The image lies wholly in the signature region, which goes whole: nothing of it stays
    visible, so Tesseract reads it neither at detection nor (one colour) at verification.
    It stays masked on its own when a reviewer rejects the region around it."""
    source = layouts.signature_after_closing_letter()
    signature = pymupdf.Rect(72, 160, 212, 200)
    assert _ink(source, signature) > 20
    calls = []
    real = pymupdf.Pixmap.pdfocr_tobytes

    def counting(pix, *args, **kwargs):
        calls.append(pix.irect)
        return real(pix, *args, **kwargs)

    monkeypatch.setattr(pymupdf.Pixmap, "pdfocr_tobytes", counting)

    proposal = propose(source, OPTIONS)
    result = apply_proposal(proposal, OPTIONS)

    assert result.output_pdf is not None, result.verification.reason
    assert calls == []
    assert _ink(result.output_pdf, signature) == 0
    region = [f for f in proposal.findings if f.source == "closing_phrase"]
    assert [f.source for f in proposal.findings if f.entity_type == "SIGNATURE"] == [
        "closing_phrase",
        "visual:image_signature",
    ]
    rejected = apply_proposal(proposal, OPTIONS, rejected_ids={region[0].id})
    assert rejected.output_pdf is not None, rejected.verification.reason
    assert _ink(rejected.output_pdf, signature) == 0


@needs_ocr
def test_a_region_of_one_colour_is_not_given_to_tesseract(monkeypatch):
    def no_ocr(*args, **kwargs):
        raise AssertionError("Tesseract asked to read a blank region")

    monkeypatch.setattr(pymupdf.Pixmap, "pdfocr_tobytes", no_ocr)
    doc = pymupdf.open()
    page = doc.new_page()
    page.draw_rect(pymupdf.Rect(72, 100, 300, 140), color=None, fill=(0.86, 0.86, 0.86))
    assert ocr_region_words(page, [pymupdf.Rect(80, 105, 290, 135)], language="nld", dpi=200) == []
    page.insert_text((90, 125), "Lotte", fontsize=12)  # now there is something to read
    with pytest.raises(AssertionError, match="blank region"):
        ocr_region_words(page, [pymupdf.Rect(80, 105, 290, 135)], language="nld", dpi=200)


def test_a_drawn_signature_after_an_unusual_closing_is_masked():
    source = layouts.drawn_signature_after_thanks_letter()
    signature = pymupdf.Rect(80, 159, 200, 203)  # between the thanks and the name
    assert _ink(source, signature) > 20

    result, _ = anonymised(source)

    assert _ink(result.output_pdf, signature) == 0
    assert [f.source for f in result.findings if f.entity_type == "SIGNATURE"] == [
        "visual:drawn_signature"
    ]
    page = pymupdf.open(stream=result.output_pdf, filetype="pdf")[0]
    assert [d for d in page.get_drawings() if d["rect"].y0 > 255]  # the rule stays
    assert "Bij voorbaat dank," in page.get_text()


@needs_ocr
def test_a_logo_on_every_page_is_read_once_and_not_again_when_nothing_touches_it(monkeypatch):
    calls = {"detection": 0, "verification": 0}
    read, reread = visual_module.ocr_region_words, verify_module.ocr_regions_text

    def counting_read(*args, **kwargs):
        calls["detection"] += 1
        return read(*args, **kwargs)

    def counting_reread(page, regions, **kwargs):
        calls["verification"] += len(regions)
        return reread(page, regions, **kwargs)

    monkeypatch.setattr(visual_module, "ocr_region_words", counting_read)
    monkeypatch.setattr(verify_module, "ocr_regions_text", counting_reread)

    result = anonymise_pdf(layouts.logo_letter(pages=3), OPTIONS)

    assert result.output_pdf is not None, result.verification.reason
    assert result.visual_pages == {n: ["afbeelding"] for n in range(3)}
    assert calls == {"detection": 1, "verification": 0}
    page = pymupdf.open(stream=result.output_pdf, filetype="pdf")[2]
    assert "Bewonersoverleg" in page.get_text()  # the logo's words, as a text layer


# --- fail closed -------------------------------------------------------------------------


def test_a_document_is_refused_when_ocr_of_an_image_fails(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("tesseract crashed")

    monkeypatch.setattr(visual_module, "ocr_available", lambda: True)
    monkeypatch.setattr(visual_module, "ocr_region_words", broken)
    with pytest.raises(UnreadableDocument, match="OCR"):
        anonymise_pdf(layouts.image_letterhead_letter(), OPTIONS)


def test_without_ocr_an_image_letterhead_is_not_published(monkeypatch):
    monkeypatch.setattr(visual_module, "ocr_available", lambda: False)
    monkeypatch.setattr(verify_module, "ocr_available", lambda: False)

    result = anonymise_pdf(layouts.image_letterhead_letter(), OPTIONS)

    assert result.output_pdf is None
    assert "geen OCR" in result.verification.reason


@needs_ocr
def test_verification_reads_the_image_again(monkeypatch):
    """Detection found the letterhead's phone number; if redaction left its pixels, the
    second reading of the image sees it and nothing is published."""

    def redact_all_but_the_phone(proposal, findings, **kwargs):
        kept = [f for f in findings if f.entity_type != "PHONE"]
        return redact_module.redact(proposal, kept, **kwargs)

    monkeypatch.setattr(engine_module, "redact", redact_all_but_the_phone)
    result = anonymise_pdf(layouts.image_letterhead_letter(), OPTIONS)
    assert result.output_pdf is None
    assert "PHONE" in result.verification.reason


@needs_ocr
def test_what_stays_of_an_image_gets_a_text_layer_for_the_reviewers_net():
    result, _ = anonymised(layouts.image_letterhead_letter())

    page = pymupdf.open(stream=result.output_pdf, filetype="pdf")[0]
    layer = page.get_text(clip=pymupdf.Rect(72, 30, 522, 120))
    # the picture's text that stays is searchable
    assert squash("lid van de bewonerscommissie sinds 2004") in squash(layer)
    for value in (layouts.PHONE, "Verhoeven", layouts.EMAIL):
        assert value not in layer


# --- text turned in an image ---------------------------------------------------------------

TURNS = (90, 180, 270)


def read_at_every_turn(pdf: bytes, area: pymupdf.Rect) -> str:
    """What a reader who turns the page (or the photograph) reads in ``area``: OCR of the
    rendered area upright and turned by 90, 180 and 270 degrees, squashed."""
    parts = []
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        page = doc[0]
        for turn in (0, *TURNS):
            matrix = pymupdf.Matrix(250 / 72, 250 / 72).prerotate(turn)
            pix = page.get_pixmap(matrix=matrix, clip=area)
            pix.set_dpi(250, 250)
            ocr = pix.pdfocr_tobytes(language="nld", tessdata=visual_module_tessdata())
            with pymupdf.open(stream=ocr, filetype="pdf") as read:
                parts.append(read[0].get_text())
    return squash("".join(parts))


def visual_module_tessdata() -> str:
    from documents.anonymisation.ocr import tessdata_dir

    return tessdata_dir()


CARD_AREA = pymupdf.Rect(60, 205, 330, 470)


@needs_ocr
@pytest.mark.parametrize("placed", [False, True], ids=["photographed", "placed"])
@pytest.mark.parametrize("turn", TURNS)
def test_an_identity_card_turned_in_its_image_is_read_and_goes(turn, placed):
    source = layouts.id_card_letter(turn, placed=placed)
    before = read_at_every_turn(source, CARD_AREA)
    assert squash(layouts.DOCUMENT_NUMBER) in before  # the card is legible when turned

    result = anonymise_pdf(source, OPTIONS)

    assert result.output_pdf is not None, result.verification.reason
    after = read_at_every_turn(result.output_pdf, CARD_AREA)
    for value in ("Verhoeven", layouts.DOCUMENT_NUMBER, layouts.BSN):
        assert squash(value) not in after, value
    card = next(f for f in result.findings if f.source == "visual:id_document")
    assert card.action == "redact"


LETTERHEAD_AREA = {90: pymupdf.Rect(490, 310, 595, 780), 180: pymupdf.Rect(62, 20, 532, 130)}
LETTERHEAD_AREA[270] = LETTERHEAD_AREA[90]


@needs_ocr
@pytest.mark.parametrize("turn", TURNS)
def test_a_letterhead_scanned_turned_is_read_and_redacted(turn):
    source = layouts.image_letterhead_letter(turn)
    area = LETTERHEAD_AREA[turn]
    assert squash(layouts.PHONE) in read_at_every_turn(source, area)

    result = anonymise_pdf(source, OPTIONS)

    assert result.output_pdf is not None, result.verification.reason
    after = read_at_every_turn(result.output_pdf, area)
    for value in (layouts.NAME, layouts.STREET, layouts.POSTCODE, layouts.PHONE, layouts.EMAIL):
        assert squash(value) not in after, value
    assert squash("bewonerscommissie") in after  # what is not personal stays readable
    found = {f.entity_type for f in result.findings if f.source.startswith("visual")}
    assert {"PERSON", "PHONE", "EMAIL"} <= found
    for finding in result.findings:
        if finding.source.startswith("visual:") and finding.entity_type == "PHONE":
            assert all(area.contains(pymupdf.Rect(r)) for r in finding.rects)


@needs_ocr
def test_an_upright_image_is_read_once_not_turned(monkeypatch):
    """Cost in proportion: an image whose reading is known words is not read turned."""
    turns = []
    read = visual_module.ocr_region_words

    def counting_read(*args, **kwargs):
        turns.append(kwargs.get("turn", 0))
        return read(*args, **kwargs)

    monkeypatch.setattr(visual_module, "ocr_region_words", counting_read)
    result = anonymise_pdf(layouts.image_letterhead_letter(), OPTIONS)
    assert result.output_pdf is not None, result.verification.reason
    assert turns == [0]


@needs_ocr
def test_verification_reads_a_turned_image_turned(monkeypatch):
    """If redaction left the phone number in a sideways letterhead, the second reading (at
    the turn detection found) sees it and nothing is published."""

    def redact_all_but_the_phone(proposal, findings, **kwargs):
        kept = [f for f in findings if f.entity_type != "PHONE"]
        return redact_module.redact(proposal, kept, **kwargs)

    monkeypatch.setattr(engine_module, "redact", redact_all_but_the_phone)
    result = anonymise_pdf(layouts.image_letterhead_letter(90), OPTIONS)
    assert result.output_pdf is None
    assert "PHONE" in result.verification.reason


# --- a whole scanned page whose content is turned ------------------------------------------


def read_turned_scan(pdf: bytes) -> str:
    """OCR of every page at every turn (a reader turns the sheet), squashed."""
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        rect = doc[0].rect
    return read_at_every_turn(pdf, rect)


@needs_ocr
@pytest.mark.parametrize(("turn", "skew"), [(90, 0.0), (180, 2.0), (270, -3.0)])
def test_a_scan_turned_in_its_image_is_turned_upright_and_anonymised(turn, skew):
    source = layouts.turned_scan_letter(turn, skew)
    before = read_turned_scan(source)
    assert squash(layouts.PHONE) in before  # legible to a reader who turns the sheet

    result = anonymise_pdf(source, OPTIONS)

    assert result.output_pdf is not None, result.verification.reason
    assert any("gedraaide scan" in note for note in result.removed)
    after = read_turned_scan(result.output_pdf)
    for value in (layouts.NAME, layouts.STREET, layouts.POSTCODE, layouts.PHONE, layouts.EMAIL):
        assert squash(value) not in after, value
    assert squash("bestemmingsplan") in after  # what is not personal stays readable
    with pymupdf.open(stream=result.output_pdf, filetype="pdf") as doc:
        assert doc[0].rect.height > doc[0].rect.width  # published upright, as the letter
    signatures = [f for f in result.findings if f.entity_type == "SIGNATURE"]
    assert signatures and all(f.action == "redact" for f in signatures)
    for rect in (pymupdf.Rect(r) for f in signatures for r in f.rects):
        assert rect.height < rect.width  # the gap between two lines of the upright page
        assert _ink(result.output_pdf, rect) == 0


@needs_ocr
def test_an_upright_scan_is_not_read_turned(monkeypatch):
    """Cost in proportion: a scan whose OCR reads as words is read once."""
    from documents.anonymisation import orientation

    def no_turns(*args, **kwargs):
        raise AssertionError("an upright scan read turned")

    monkeypatch.setattr(orientation, "ocr_region_words", no_turns)
    result = anonymise_pdf(layouts.turned_scan_letter(0, 1.0), OPTIONS)
    assert result.output_pdf is not None, result.verification.reason
    assert not any("gedraaide scan" in note for note in result.removed)
    assert squash(layouts.PHONE) not in read_turned_scan(result.output_pdf)


@pytest.mark.parametrize("closing", [True, False], ids=["closing", "no-closing"])
@pytest.mark.parametrize("drawn", [False, True], ids=["image", "drawn"])
def test_a_signature_beside_the_name_is_masked(drawn, closing):
    """A signature set well to the right of the name on its line: before, an image half in
    the gap under the closing phrase kept its lower half, and one beyond 60 pt of the name
    (no closing phrase) was not masked at all."""
    if not drawn and not ocr_available():
        pytest.skip("Tesseract (nld) not installed")
    source = layouts.signature_beside_name_letter(drawn=drawn, closing=closing)
    box = layouts.SIGNATURE_BESIDE
    assert _ink(source, box) > 100

    result, seen = anonymised(source)

    assert _ink(result.output_pdf, box) == 0
    assert squash("Verhoeven") not in seen
