"""End to end: the forms of personal data seen in material written elsewhere (issue 8, items
1-5), on small PDFs built here with invented values."""

import random

import pymupdf

from devtools.samples import generate_document
from documents.anonymisation import AnonymisationOptions, anonymise_pdf


def pdf_with(text: str, width: float = 500) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_textbox(pymupdf.Rect(60, 60, 60 + width, 800), text, fontsize=10)
    return doc.tobytes()


def output_text(pdf: bytes, **options) -> str:
    result = anonymise_pdf(pdf, AnonymisationOptions(**options))
    assert result.output_pdf is not None, result.verification.reason
    doc = pymupdf.open(stream=result.output_pdf, filetype="pdf")
    return " ".join(" ".join(page.get_text().split()) for page in doc)


def test_a_surname_seen_with_a_first_name_goes_where_it_stands_alone():
    text = output_text(
        pdf_with(
            "Geachte raad,\n\nIk sprak gisteren met Anna Kortewind over de bomen.\n"
            "Later belde Kortewind mij terug; ook Anna was boos."
        )
    )
    assert "Kortewind" not in text
    assert "Anna" not in text
    assert "bomen" in text


def test_a_name_wrapped_at_the_end_of_a_typed_line_goes_whole():
    doc = pymupdf.open()
    doc.new_page().insert_text(
        (60, 72),
        "Het vervangende pasje voor de milieustraat is afgegeven aan Bram van\n"
        "Spreeuwenburg op verzoek van de aanvrager.",
        fontsize=10,
    )
    text = output_text(doc.tobytes())
    assert "Spreeuwenburg" not in text
    assert "Bram" not in text
    assert "milieustraat" in text


def test_identifiers_in_every_form_go_and_look_alikes_stay():
    text = output_text(
        pdf_with(
            "Geachte raad,\n\nRekening NL12ABNA0123456789 (een tikfout in het controlegetal), "
            "BSN: 123456789, paspoort KX7R2LM84, rijbewijs 4417290385, klantnummer 88213-A.\n"
            "Volg ons op @dorpsbelang_kats. Bel (0113) 123456 of +31 (6) 21436587.\n"
            "Zie sectie 4815 JK van het rapport. Ordernummer 3344556677 is verzonden.\n"
            "Het werk is gegund aan Bouwbedrijf Zandvliet B.V. te Goes."
        )
    )
    for gone in (
        "NL12ABNA0123456789",
        "123456789",
        "KX7R2LM84",
        "4417290385",
        "88213-A",
        "@dorpsbelang_kats",
        "123456",
        "21436587",
    ):
        assert gone not in text, gone
    for kept in ("4815 JK", "3344556677", "Bouwbedrijf Zandvliet B.V. te Goes"):
        assert kept in text, kept


def test_generated_letters_with_forms_from_other_material_leak_nothing():
    rng = random.Random(4242)
    checked = 0
    for _ in range(12):
        sample = generate_document(rng, "letter", "citizen", nuisance=False)
        text = output_text(
            sample.pdf_bytes,
            category="letter",
            sender_type="citizen",
            deny_terms=tuple(sample.deny_terms),
        ).lower()
        for item in sample.truth.personal:
            if "text" in item["where"]:
                assert " ".join(item["text"].split()).lower() not in text, item
                checked += 1
    assert checked > 50
