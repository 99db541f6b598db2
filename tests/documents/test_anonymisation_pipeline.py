"""End-to-end tests of the anonymisation engine on small PDFs built here with PyMuPDF."""

import os

import pymupdf
import pytest

from documents.anonymisation import (
    AnonymisationOptions,
    UnreadableDocument,
    anonymise_pdf,
    apply_proposal,
    propose,
)
from documents.anonymisation.ocr import ocr_available

LETTER = """Piet Jansen
Dorpsstraat 12a
4484 AB Kortgene
Telefoon: 06-12345678
E-mail: piet.jansen@example.nl

Aan de gemeenteraad van Noord-Beveland

Geachte leden van de raad,

Ik schrijf u over de Dorpsstraat. Wethouder De Vries heeft dat toegezegd.
Mijn buurman, de heer Bas Visser, is het met mij eens. De visser ving vis.
Mijn IBAN is NL91 ABNA 0417 1643 00 en mijn BSN 111222333.
Ik ben geboren op 12-03-1980. Ons kenteken is 12-ABC-3.

Met vriendelijke groet,



Piet Jansen
"""
PERSONAL = [
    "Piet",
    "Jansen",
    "Dorpsstraat 12a",
    "4484 AB",
    "06-12345678",
    "piet.jansen@example.nl",
    "Bas Visser",
    "NL91 ABNA 0417 1643 00",
    "111222333",
    "12-03-1980",
    "12-ABC-3",
]
CLOSING_Y = 72 + 10 * 1.2 * 16  # baseline of 'Met vriendelijke groet,' (line 17)


def letter_pdf(*, signature="vector", extras=True) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), LETTER, fontsize=10)
    sig = pymupdf.Rect(80, CLOSING_Y + 8, 220, CLOSING_Y + 40)
    if signature == "vector":
        shape = page.new_shape()
        shape.draw_bezier(sig.bl, (120, sig.y0), (160, sig.y1), sig.tr)
        shape.finish(color=(0, 0, 0.6), width=1.5)
        shape.commit()
    elif signature == "image":
        pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 140, 32), False)
        pix.set_rect(pix.irect, (0, 0, 120))
        page.insert_image(sig, pixmap=pix)
    if extras:
        doc.set_metadata({"author": "Piet Jansen", "title": "Brief Piet Jansen 06-12345678"})
        doc.set_xml_metadata("<x:xmpmeta xmlns:x='adobe:ns:meta/'>Piet Jansen</x:xmpmeta>")
        page.add_text_annot((500, 80), "Piet Jansen belt terug op 06-12345678")
        page.add_freetext_annot(pymupdf.Rect(350, 90, 560, 110), "Afzender: Piet Jansen")
        widget = pymupdf.Widget()
        widget.field_name = "naam"
        widget.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
        widget.field_value = "Piet Jansen"
        widget.rect = pymupdf.Rect(350, 120, 560, 140)
        page.add_widget(widget)
        doc.embfile_add("bijlage.txt", b"Piet Jansen, Dorpsstraat 12a", desc="Piet Jansen")
        doc.add_ocg("verborgen", on=False)
    return doc.tobytes()


def everything_readable(pdf: bytes) -> str:
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    parts = [page.get_text() for page in doc]
    parts += [str(v) for v in doc.metadata.values() if v]
    parts.append(doc.get_xml_metadata())
    for page in doc:
        parts += [a.info.get("content", "") for a in page.annots()]
        parts += [str(w.field_value) for w in page.widgets()]
    parts += [doc.embfile_get(i).decode(errors="ignore") for i in range(doc.embfile_count())]
    return "\n".join(parts)


OPTIONS = AnonymisationOptions(
    keep_names=("Jan de Vries",), deny_terms=("Piet Jansen", "Dorpsstraat 12a")
)


def test_letter_is_anonymised_everywhere_a_reader_could_look():
    source = letter_pdf()
    original = bytes(source)
    result = anonymise_pdf(source, OPTIONS)
    assert source == original  # the input bytes are never changed
    assert result.verification.ok, result.verification.reason
    readable = everything_readable(result.output_pdf)
    for value in PERSONAL:
        assert value not in readable, value
    out = pymupdf.open(stream=result.output_pdf, filetype="pdf")
    assert out.embfile_count() == 0
    assert not out.get_xml_metadata()
    assert not any(out.metadata.get(k) for k in ("author", "producer", "creator", "subject"))
    assert out.metadata["title"] == "Ingekomen brief"  # neutral: no title was passed in
    assert out[0].first_annot is None and out[0].first_widget is None
    assert not out.get_ocgs()
    # Kept: the registry alderman, the street without number, the place, the ordinary word.
    text = out[0].get_text()
    assert "Wethouder De Vries" in text
    assert "de Dorpsstraat." in text
    assert "Kortgene" in text
    assert "De visser ving vis" in text
    assert "aanvrager" in text and "belanghebbende" in text
    report = result.report()
    assert report["entities"]["PERSON"] >= 3 and report["entities"]["SIGNATURE"] == 1


def test_vector_signature_after_closing_phrase_is_removed():
    result = anonymise_pdf(letter_pdf(signature="vector", extras=False), OPTIONS)
    assert result.output_pdf is not None, result.verification.reason
    page = pymupdf.open(stream=result.output_pdf, filetype="pdf")[0]
    area = pymupdf.Rect(60, CLOSING_Y + 4, 300, CLOSING_Y + 44)
    strokes = [
        d
        for d in page.get_drawings()
        if d["rect"].intersects(area) and d.get("color") and d["color"] != d.get("fill")
    ]
    assert strokes == []


def test_image_signature_pixels_are_removed():
    source = letter_pdf(signature="image", extras=False)
    area = pymupdf.Rect(90, CLOSING_Y + 12, 210, CLOSING_Y + 36)
    before = pymupdf.open(stream=source, filetype="pdf")[0].get_pixmap(clip=area, dpi=36)
    assert before.pixel(5, 5)[2] > 100  # blue signature is there
    result = anonymise_pdf(source, OPTIONS)
    assert result.output_pdf is not None, result.verification.reason
    after = pymupdf.open(stream=result.output_pdf, filetype="pdf")[0].get_pixmap(clip=area, dpi=36)
    pixels = {after.pixel(x, y) for x in range(after.width) for y in range(after.height)}
    assert all(abs(r - b) < 10 for r, _, b in pixels)  # grey mask, no blue left


def test_encrypted_pdf_is_refused():
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "geheim")
    data = doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="x", owner_pw="y")
    with pytest.raises(UnreadableDocument) as exc:
        propose(data, OPTIONS)
    assert "versleuteld" in exc.value.reason


@pytest.mark.parametrize("data", [b"", b"%PDF-1.7 kapot", b"geen pdf"])
def test_broken_input_is_refused(data):
    with pytest.raises(UnreadableDocument):
        propose(data, OPTIONS)


def test_proposal_ids_are_stable_and_rejections_are_respected():
    source = letter_pdf(extras=False)
    first, second = propose(source, OPTIONS), propose(source, OPTIONS)
    assert [f.id for f in first.findings] == [f.id for f in second.findings]
    visser = next(f for f in first.findings if f.text == "Bas Visser")
    result = apply_proposal(first, OPTIONS, rejected_ids={visser.id})
    assert result.verification.ok
    assert "Bas Visser" in pymupdf.open(stream=result.output_pdf, filetype="pdf")[0].get_text()


def test_reviewer_box_is_redacted_and_verified():
    proposal = propose(letter_pdf(extras=False), OPTIONS)
    page = pymupdf.open(stream=proposal.pdf, filetype="pdf")[0]
    box = page.search_for("Noord-Beveland")[0]
    result = apply_proposal(proposal, OPTIONS, extra_boxes=[(0, tuple(box))])
    assert result.verification.ok
    assert "Noord-Beveland" not in pymupdf.open(stream=result.output_pdf)[0].get_text()


def test_consent_publishes_in_full_except_bsn():
    options = AnonymisationOptions(deny_terms=("Piet Jansen",), consent_personal_data=True)
    result = anonymise_pdf(letter_pdf(extras=False), options)
    text = pymupdf.open(stream=result.output_pdf, filetype="pdf")[0].get_text()
    assert "Piet Jansen" in text and "06-12345678" in text
    assert "111222333" not in text


def test_petition_signatory_page_is_left_out():
    doc = pymupdf.open()
    doc.new_page().insert_text(
        (72, 72),
        "Petitie: meer bankjes in Kortgene.\n\nWij vragen de raad "
        "om meer bankjes langs de Havenweg.",
        fontsize=11,
    )
    rows = "Naam | Adres | Handtekening\n" + "\n".join(
        f"{n} | {s} {i + 3}, 4484 AB Kortgene |"
        for i, (n, s) in enumerate(
            [
                ("Piet Jansen", "Dorpsstraat"),
                ("Bas Visser", "Kerkweg"),
                ("Anna de Wit", "Havenweg"),
                ("Kees Bakker", "Molenstraat"),
                ("Mr. H. Kwak", "Ring"),
                ("Roos Smit", "Schuitvlotstraat"),
            ]
        )
    )
    doc.new_page().insert_text((72, 72), rows, fontsize=11)
    result = anonymise_pdf(doc.tobytes(), AnonymisationOptions(category="petition"))
    assert result.omitted_pages == [1]
    out = pymupdf.open(stream=result.output_pdf, filetype="pdf")
    assert out.page_count == 2
    assert "Lijst met ondertekenaars niet gepubliceerd (gedragscode art. 3c)" in out[1].get_text()
    assert "Jansen" not in out[1].get_text()
    assert "meer bankjes" in out[0].get_text()


def test_verification_fails_when_data_stays_readable(monkeypatch):
    from documents.anonymisation import engine

    monkeypatch.setattr(engine, "redact", lambda proposal, findings, **kw: (proposal.pdf, []))
    result = anonymise_pdf(letter_pdf(extras=False), OPTIONS)
    assert result.output_pdf is None
    assert not result.verification.ok
    assert result.verification.reason.startswith("needs review")


needs_ocr = pytest.mark.skipif(
    not ocr_available() and os.environ.get("CI") != "true",
    reason="Tesseract with Dutch data is not installed",
)


@needs_ocr
def test_scanned_page_is_ocred_and_redacted():
    source = pymupdf.open(stream=letter_pdf(extras=False), filetype="pdf")
    pix = source[0].get_pixmap(dpi=150, colorspace=pymupdf.csGRAY)
    scan = pymupdf.open()
    scan.new_page().insert_image(scan[0].rect, pixmap=pix)
    result = anonymise_pdf(scan.tobytes(), OPTIONS)
    assert result.ocr_pages == [0]
    assert result.verification.ok, result.verification.reason
    out = pymupdf.open(stream=result.output_pdf, filetype="pdf")
    layer = out[0].get_text()  # the neutral terms and the invisible OCR text layer
    assert "aanvrager" in layer and "Geachte" in layer
    for value in ("Jansen", "06-12345678", "111222333", "Visser", "NL91"):
        assert value not in layer, value
    page = out[0]
    words = page.get_text(textpage=page.get_textpage_ocr(dpi=300, language="nld", full=True))
    for value in ("Jansen", "06-12345678", "111222333", "Visser", "NL91"):
        assert value not in words, value
    assert "Dorpsstraat." in words or "Dorpsstraat" in words


def three_page_letter() -> bytes:
    doc = pymupdf.open()
    for number in range(3):
        doc.new_page().insert_text(
            (72, 72),
            f"Pagina {number + 1}\n\nGeachte heer Jansen,\nBel mij op 06-12345678.",
            fontsize=11,
        )
    return doc.tobytes()


def test_progress_is_reported_per_page():
    source = three_page_letter()
    detected, verified, overall = [], [], []
    proposal = propose(source, OPTIONS, progress=lambda done, total: detected.append((done, total)))
    assert detected == [(1, 3), (2, 3), (3, 3)]
    result = apply_proposal(
        proposal, OPTIONS, progress=lambda done, total: verified.append((done, total))
    )
    assert result.verification.ok
    assert verified == [(1, 3), (2, 3), (3, 3)]
    anonymise_pdf(source, OPTIONS, progress=lambda done, total: overall.append((done, total)))
    assert overall[0] == (1, 3) and overall[-1] == (3, 3)
    assert [d for d, _ in overall] == sorted(d for d, _ in overall)  # never goes down
    # Positional signatures are unchanged.
    assert apply_proposal(proposal, OPTIONS, set(), []).verification.ok


def test_text_in_a_hidden_layer_is_read_and_redacted():
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "Geachte raad,\n\nIk schrijf u over de Dorpsstraat.", fontsize=11)
    hidden = doc.add_ocg("verborgen", on=False)
    page.insert_text(
        (72, 200), "Mail mij op piet.jansen@example.nl of bel 06-12345678", fontsize=11, oc=hidden
    )
    source = doc.tobytes()
    assert "piet.jansen" not in pymupdf.open(stream=source, filetype="pdf")[0].get_text()
    result = anonymise_pdf(source, AnonymisationOptions())
    assert result.verification.ok, result.verification.reason
    assert {f.entity_type for f in result.findings} >= {"EMAIL", "PHONE"}
    out = pymupdf.open(stream=result.output_pdf, filetype="pdf")
    assert not out.get_ocgs()
    text = out[0].get_text()
    assert "piet.jansen@example.nl" not in text and "06-12345678" not in text
    assert "Dorpsstraat" in text
    raw = b"".join(
        out.xref_stream(x) or b"" for x in range(1, out.xref_length()) if out.xref_is_stream(x)
    )
    assert b"example.nl" not in raw and b"12345678" not in raw


def test_verification_flags_contact_data_that_detection_never_saw():
    from documents.anonymisation.verify import verify

    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "Schrijf naar onbekend@example.nl", fontsize=11)
    verification = verify(doc.tobytes(), [], AnonymisationOptions())
    assert not verification.ok
    assert "niet gevonden bij detectie" in verification.reason


def test_organisation_names_stay():
    doc = pymupdf.open()
    doc.new_page().insert_text(
        (72, 72),
        "Geachte raad,\n\nDe Stichting Welzijn Noord-Beveland en Rabobank Oosterschelde steunen\n"
        "het plan, net als de Albert Heijn. Piet Jansen belde mij daarover.\n",
        fontsize=11,
    )
    result = anonymise_pdf(doc.tobytes(), AnonymisationOptions())
    assert result.verification.ok, result.verification.reason
    text = pymupdf.open(stream=result.output_pdf, filetype="pdf")[0].get_text()
    for name in ("Stichting Welzijn Noord-Beveland", "Rabobank Oosterschelde", "Albert Heijn"):
        assert name in " ".join(text.split()), name
    assert "Jansen" not in text
    organisations = [f for f in result.findings if f.entity_type == "ORGANISATION"]
    assert "Albert Heijn" in {f.text for f in organisations}
    assert all(f.action == "keep" for f in organisations)


@needs_ocr
def test_scan_verification_catches_pixels_left_unredacted(monkeypatch):
    from documents.anonymisation import engine

    source = pymupdf.open(stream=letter_pdf(extras=False), filetype="pdf")
    pix = source[0].get_pixmap(dpi=150, colorspace=pymupdf.csGRAY)
    scan = pymupdf.open()
    scan.new_page().insert_image(scan[0].rect, pixmap=pix)
    proposal = propose(scan.tobytes(), OPTIONS)
    assert proposal.ocr_words[0] and proposal.ocr_dpi[0] == 200  # a 150 dpi scan, read at 200
    monkeypatch.setattr(engine, "redact", lambda proposal, findings, **kw: (proposal.pdf, []))
    result = apply_proposal(proposal, OPTIONS)
    assert result.output_pdf is None
    assert "leesbaar" in result.verification.reason


def test_signature_check_sees_an_unmasked_signature():
    from documents.anonymisation.verify import _signature_leak

    proposal = propose(letter_pdf(signature="image", extras=False), OPTIONS)
    signature = next(f for f in proposal.findings if f.entity_type == "SIGNATURE")
    page = pymupdf.open(stream=proposal.pdf, filetype="pdf")[0]
    assert _signature_leak(page, pymupdf.Rect(signature.rects[0]))


@needs_ocr
def test_reviewer_box_on_a_scan_is_checked_elsewhere_on_the_page():
    doc = pymupdf.open()
    doc.new_page().insert_text(
        (72, 72),
        "Geachte raad,\n\nHet buurtcomite Zeekraal vraagt aandacht.\n"
        "Ook Zeekraal zelf wil meepraten.\n",
        fontsize=12,
    )
    pix = doc[0].get_pixmap(dpi=150, colorspace=pymupdf.csGRAY)
    scan = pymupdf.open()
    scan.new_page().insert_image(scan[0].rect, pixmap=pix)
    proposal = propose(scan.tobytes(), AnonymisationOptions())
    first = next(r for r, w in proposal.ocr_words[0] if w.startswith("Zeekraal"))
    result = apply_proposal(proposal, AnonymisationOptions(), extra_boxes=[(0, first)])
    assert result.output_pdf is None  # the second 'Zeekraal' is still readable
    assert "leesbaar" in result.verification.reason


def _text_pdf(text: str, signatures: list[float] = ()) -> bytes:
    """One page with ``text`` at 10 pt from (72, 72); vector scribbles at the given y."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), text, fontsize=10)
    for y in signatures:
        shape = page.new_shape()
        shape.draw_bezier((80, y + 20), (120, y), (160, y + 24), (220, y + 4))
        shape.finish(color=(0, 0, 0.6), width=1.5)
        shape.commit()
    return doc.tobytes()


def test_organisation_letter_keeps_only_its_own_address():
    text = (
        "Dorpsraad Kamperland\nHoofdstraat 1\n4493 AA Kamperland\n\n"
        "Geachte raad,\n\nOok mijn buurvrouw, Hoop de Vos, Voorstraat 92-2, heeft geklaagd.\n"
        "De speeltuin aan de Veerweg 3 is kapot.\nBel 0113 - 716086 of 06 - 25423719.\n"
    )
    options = AnonymisationOptions(
        category="letter",
        sender_type="organisation",
        keep_addresses=("Hoofdstraat 1", "4493 AA", "Kamperland"),
    )
    result = anonymise_pdf(_text_pdf(text), options)
    assert result.output_pdf is not None, result.verification.reason
    out = pymupdf.open(stream=result.output_pdf, filetype="pdf")[0].get_text()
    assert "Hoofdstraat 1" in out and "4493 AA" in out
    for gone in ("Hoop de Vos", "Voorstraat 92-2", "Veerweg 3", "716086", "25423719"):
        assert gone not in out


def test_college_answer_masks_both_signatures_and_keeps_the_signing_officials():
    lines = [
        "Mevrouw A. Erhout",
        "Kerkweg 93",
        "4494 ZM Geersdijk",
        "",
        "Geachte mevrouw Erhout,",
        "",
        "Wij beantwoorden uw brief.",
        "",
        "Burgemeester en wethouders van Noord-Beveland,",
        "de secretaris,",
        "",
        "",
        "",
        "mr. T.A. van Oorschot",
        "de burgemeester,",
        "",
        "",
        "",
        "Jan de Vries",
    ]
    line_height = 10 * 1.2 * 1.0  # insert_text: fontsize * lineheight
    y = lambda i: 72 + i * line_height  # noqa: E731 - baseline of line i
    pdf = _text_pdf("\n".join(lines), signatures=[y(9) + 3, y(14) + 3])
    options = AnonymisationOptions(
        category="college_answer",
        sender_type="college",
        keep_names=("Jan de Vries",),
        deny_terms=("A. Erhout", "Kerkweg 93"),
    )
    result = anonymise_pdf(pdf, options)
    assert result.output_pdf is not None, result.verification.reason
    page = pymupdf.open(stream=result.output_pdf, filetype="pdf")[0]
    out = page.get_text()
    assert "Erhout" not in out and "Kerkweg 93" not in out
    assert "van Oorschot" in out and "Jan de Vries" in out
    strokes = [d for d in page.get_drawings() if d.get("color") and d["color"] != d.get("fill")]
    assert strokes == []
    assert sum(f.entity_type == "SIGNATURE" for f in result.findings) >= 2


def test_appointee_name_stays_but_not_their_address():
    text = (
        "De raad van de gemeente Noord-Beveland besluit Morris Mulder, geboren op 4-4-1989,\n"
        "wonende Kerkweg 12, 4494 AB Geersdijk, te benoemen tot lid van de rekenkamer.\n"
        "De benoemde is bereikbaar via 06-12345678.\n"
    )
    result = anonymise_pdf(
        _text_pdf(text), AnonymisationOptions(category="appointment", sender_type="college")
    )
    assert result.output_pdf is not None, result.verification.reason
    out = pymupdf.open(stream=result.output_pdf, filetype="pdf")[0].get_text()
    assert "Morris Mulder" in out
    for gone in ("4-4-1989", "Kerkweg 12", "4494 AB", "06-12345678"):
        assert gone not in out


def test_office_holders_registry_email_stays_but_a_civil_servants_goes():
    text = (
        "Geachte raad,\n\nCC: Cornelis Haasnoot <c.haasnoot@raad-noord-beveland.nl>\n"
        "Vragen aan r.kodde@noord-beveland.nl.\n"
    )
    options = AnonymisationOptions(
        keep_names=("Cornelis Haasnoot", "Ruud Kodde"),
        keep_emails=("c.haasnoot@raad-noord-beveland.nl",),
    )
    result = anonymise_pdf(_text_pdf(text), options)
    assert result.output_pdf is not None, result.verification.reason
    out = pymupdf.open(stream=result.output_pdf, filetype="pdf")[0].get_text()
    assert "c.haasnoot@raad-noord-beveland.nl" in out
    assert "r.kodde@noord-beveland.nl" not in out


def test_own_address_under_a_signature_is_a_persons_address():
    text = (
        "Dorpsraad Kamperland\nHoofdstraat 1\n4493 AA Kamperland\n\nGeachte raad,\n\n"
        "Schriftelijk reageren kan ook: Jan Jansen, Hoofdstraat 1, 4493 AA Kamperland.\n"
    )
    options = AnonymisationOptions(
        category="letter",
        sender_type="organisation",
        keep_addresses=("Hoofdstraat 1", "4493 AA", "Kamperland"),
    )
    proposal = propose(_text_pdf(text), options)
    actions = [(f.text, f.action) for f in proposal.findings if f.entity_type == "ADDRESS"]
    assert actions[0] == ("Hoofdstraat 1", "keep")  # the letterhead
    assert ("Hoofdstraat 1", "redact") in actions  # after Jan Jansen's name


def test_postcode_written_again_in_lower_case_goes_too():
    # Verification reads '3817 gt' as the postcode found at the address; detection must
    # remove it as well, or the letter is refused.
    text = (
        "Geachte raad,\n\nMijn adres is Lijsterbeslaan 40, 3817 GT Vlietdorp.\n"
        "Stuur de stukken naar postcode 3817gt, niet naar 3817 gt.\n"
    )
    result = anonymise_pdf(_text_pdf(text), AnonymisationOptions())
    assert result.output_pdf is not None, result.verification.reason
    out = pymupdf.open(stream=result.output_pdf, filetype="pdf")[0].get_text().lower()
    assert "3817" not in out
