"""The generator produces valid, deterministic documents whose truth is really in them."""

from __future__ import annotations

import random
import re
from collections import Counter
from types import SimpleNamespace

import pymupdf
import pytest

from devtools.samples import (
    CATEGORIES,
    REGISTRY,
    TYPICAL_SENDERS,
    elfproef,
    generate_corpus,
    generate_document,
    iban_valid,
)
from devtools.samples.demo import demo_documents
from devtools.samples.generator import FORMS, corpus_plan
from devtools.samples.other_material import mistyped_bsn, mistyped_iban
from devtools.samples.people import bsn, iban
from devtools.samples.stored import HIDING

from .eval import DEFAULT_SEED
from .judge import occurs, read_pdf, signature_check, tesseract_available


@pytest.fixture(scope="module")
def corpus():
    return generate_corpus(seed=7, count=30, scans=4)


def test_corpus_is_deterministic_per_seed():
    a = generate_corpus(seed=11, count=6, scans=1)
    b = generate_corpus(seed=11, count=6, scans=1)
    c = generate_corpus(seed=12, count=6, scans=1)
    assert [d.pdf_bytes for d in a] == [d.pdf_bytes for d in b]
    assert [d.describe() for d in a] == [d.describe() for d in b]
    assert [d.describe() for d in a] != [d.describe() for d in c]


def test_valid_pdfs_with_expected_page_counts(corpus):
    for d in corpus:
        doc = pymupdf.open(stream=d.pdf_bytes, filetype="pdf")
        assert doc.page_count == d.page_count >= 1, d.filename
        assert all(0 <= p < d.page_count for p in d.truth.omit_pages)
        assert all(0 <= s["page"] < d.page_count for s in d.truth.signatures)
        assert len(d.truth.omit_pages) < d.page_count, "at least one page must remain"
        if d.category in ("petition", "citizens_initiative"):
            assert d.truth.omit_pages, d.filename
        assert d.subject and d.received_on and d.sender.name


def test_every_personal_item_is_in_the_input(corpus):
    for d in corpus:
        reading = read_pdf(d.pdf_bytes, ocr=False)
        for item in d.truth.personal:
            nuisance = [w for w in item["where"] if w not in ("text", "omitted page")]
            if d.scanned and not nuisance:
                continue  # only in the image: checked below (no text layer)
            assert reading.find(item["text"], item["type"]), (d.filename, item)
        for phrase in d.truth.keep if not d.scanned else []:
            assert occurs(reading.page_text(), phrase, "KEEP"), (d.filename, phrase)


def test_scans_have_no_text_layer(corpus):
    scans = [d for d in corpus if d.scanned]
    assert scans
    for d in scans:
        doc = pymupdf.open(stream=d.pdf_bytes, filetype="pdf")
        for page in doc:
            assert page.get_text().strip() == "" or "Retour:" in page.get_text(), d.filename
            assert page.get_images()


def test_signatures_are_drawn_where_the_truth_says(corpus):
    blank = pymupdf.open()
    blank_page = blank.new_page(width=595, height=842)
    for d in corpus:
        doc = pymupdf.open(stream=d.pdf_bytes, filetype="pdf")
        for sig in d.truth.signatures:
            # against a blank page the signature must count as unmasked ink
            problems = signature_check(doc[sig["page"]], blank_page, pymupdf.Rect(sig["rect"]))
            assert not problems, "blank page shows no ink"
            problems = signature_check(
                doc[sig["page"]], doc[sig["page"]], pymupdf.Rect(sig["rect"])
            )
            assert problems, (d.filename, sig)


def test_identifiers_are_valid(corpus):
    rng = random.Random(3)
    for _ in range(200):
        assert elfproef(bsn(rng))
        assert iban_valid(iban(rng))
    types = {item["type"] for d in corpus for item in d.truth.personal}
    for d in corpus:
        for item in d.truth.personal:
            # valid, or (the typos of devtools.samples.other_material) the same shape
            if item["type"] == "BSN":
                assert re.fullmatch(r"\d{9}|\d{4}\.\d{2}\.\d{3}", item["text"]), item
            if item["type"] == "IBAN":
                assert re.fullmatch(r"NL\d{2}[A-Z]{4}\d{10}", item["text"].replace(" ", "")), item
    assert {"PERSON", "ADDRESS", "POSTCODE", "PHONE", "EMAIL"} <= types


def test_other_material_typos_fail_their_checksum_but_keep_their_shape():
    rng = random.Random(5)
    for _ in range(50):
        assert not iban_valid(mistyped_iban(rng))
        assert not elfproef(mistyped_bsn(rng))
        assert re.fullmatch(r"NL\d{2}[A-Z]{4}\d{10}", mistyped_iban(rng))


@pytest.mark.parametrize("category", CATEGORIES)
def test_every_category_with_its_typical_senders(category):
    for i, sender_type in enumerate(TYPICAL_SENDERS[category]):
        d = generate_document(random.Random(f"{category}-{i}"), category, sender_type, index=i)
        assert d.category == category and d.sender_type == sender_type
        assert pymupdf.open(stream=d.pdf_bytes, filetype="pdf").page_count == d.page_count
        for item in d.truth.personal:
            assert not any(item["text"] == k for k in d.truth.keep)


def test_gedragscode_rules_in_truth():
    rng = random.Random(99)
    personal = lambda d: {i["text"] for i in d.truth.personal}  # noqa: E731
    # 3a: office holders keep name and e-mail
    d = generate_document(rng, "letter", "office_holder")
    reg = {r["name"]: r for r in REGISTRY}
    assert (
        d.sender.name in reg
        and d.sender.name not in personal(d)
        and d.sender.email not in personal(d)
    )
    # 3b: civil servants keep their name, not their e-mail
    d = generate_document(rng, "letter", "civil_servant")
    assert d.sender.name not in personal(d)
    # 3e: initiators' names may stay, support declarations are left out
    d = generate_document(rng, "citizens_initiative", "citizen")
    assert d.sender.name in d.truth.allowed and d.truth.omit_pages
    # 3h: the activity contact person keeps name, phone and e-mail
    d = generate_document(rng, "activity", "organisation")
    assert d.sender.phone in d.truth.keep and d.sender.email in d.truth.keep
    # 3c: citizens' letters lose the sender's name
    d = generate_document(rng, "objection", "citizen")
    assert d.sender.name in d.deny_terms


def test_nuisance_locations_are_detected():
    d = generate_document(random.Random(5), "objection", "citizen", nuisance=True)
    reading = read_pdf(d.pdf_bytes, ocr=False)
    for item in d.truth.personal:
        for where in item["where"]:
            if where in ("text", "omitted page"):
                continue
            assert reading.find(item["text"], item["type"]), (where, item)


def test_judge_flags_an_engine_that_does_nothing():
    from .eval import evaluate_document

    class Options(SimpleNamespace):
        pass

    def identity(pdf, options):
        return SimpleNamespace(output_pdf=pdf, findings=[], omitted_pages=[], verification=None)

    d = generate_document(random.Random(8), "petition", "citizen")
    rec = evaluate_document(d, Options, identity, ocr=False)
    assert rec["produced"] and rec["leaks"] and not rec["omitted_ok"]
    assert rec["kept"] == rec["keep_total"]


def test_demo_documents_cover_everything():
    docs = demo_documents()
    assert len(docs) >= 30
    assert {d.category for d in docs} == set(CATEGORIES)
    assert {d.sender_type for d in docs} == {st for v in TYPICAL_SENDERS.values() for st in v}
    assert sum(d.scanned for d in docs) >= 3
    assert len({d.filename for d in docs}) == len(docs)


# --- the forms of issue 8 in the eval corpus -----------------------------------------------------


def test_the_default_eval_plan_gives_every_form_of_issue_8_a_share():
    plan = corpus_plan(random.Random(DEFAULT_SEED), 60, scans=10)
    assert plan == corpus_plan(random.Random(DEFAULT_SEED), 60, scans=10)
    forms = Counter(form for *_, form in plan)
    assert set(forms) - {""} == set(FORMS)
    assert all(forms[form] >= 5 for form in FORMS), forms
    assert forms["hidden"] >= len(HIDING)  # every way of hiding takes a turn
    for category, sender_type, scanned, form in plan:
        if form == "line_break_scan":
            assert scanned
        if form in ("informal", "email_header"):
            assert (category, sender_type, scanned) == ("letter", "citizen", False)
        if form in ("rotated", "hidden"):
            assert not scanned
    # the forms take no combination of category and typical sender out of the corpus
    combos = {(c, st) for c in CATEGORIES for st in TYPICAL_SENDERS[c]}
    assert combos <= {(c, st) for c, st, *_ in plan}


def test_the_corpus_carries_the_forms(corpus):
    assert {d.form for d in corpus} - {""} == set(FORMS)


def _form(form: str, index: int = 0, category="letter", sender_type="citizen", scanned=False):
    rng = random.Random(f"form-{form}-{index}")
    return generate_document(rng, category, sender_type, scanned, index=index, form=form)


def test_rotated_form_is_stored_rotated_and_its_truth_is_readable():
    d = _form("rotated", category="objection")
    doc = pymupdf.open(stream=d.pdf_bytes, filetype="pdf")
    assert all(page.rotation in (90, 180, 270) for page in doc)
    reading = read_pdf(d.pdf_bytes, ocr=False)
    assert d.truth.personal
    for item in d.truth.personal:
        if item["where"] != ["omitted page"]:
            assert reading.find(item["text"], item["type"]), item


@pytest.mark.parametrize("index", range(len(HIDING)))
def test_hidden_form_hides_a_name_and_phone_that_the_judge_reads(index):
    d = _form("hidden", index=index, category="view")
    how = HIDING[index]
    hidden = [i for i in d.truth.personal if i["where"] == [f"hidden text ({how})"]]
    assert {i["type"] for i in hidden} == {"PERSON", "PHONE"}
    reading = read_pdf(d.pdf_bytes, ocr=False)
    for item in hidden:
        assert reading.find(item["text"], item["type"]), (how, item)


def test_line_broken_entities_are_broken_over_two_lines_and_in_the_truth():
    from devtools.samples.generator import Ctx, line_broken_block

    ctx = Ctx(random.Random(4), "view", "citizen", "line_break_scan")
    doc = pymupdf.open()
    line_broken_block(ctx, doc)
    lines = [" ".join(ln.split()) for ln in doc[0].get_text().splitlines()]
    text = " ".join(lines)
    items = list(ctx.personal.values())
    assert {i["type"] for i in items} >= {"PERSON", "ADDRESS", "PHONE", "IBAN"}
    for item in items:
        if item["type"] == "POSTCODE":
            continue
        assert occurs(text, item["text"], item["type"]), item
        assert not any(occurs(ln, item["text"], item["type"]) for ln in lines), item


def test_line_broken_form_is_a_scan_whose_broken_entities_ocr_finds():
    if not tesseract_available():
        pytest.skip("tesseract is not installed")
    d = _form("line_break_scan", category="objection", scanned=True)
    assert d.scanned
    reading = read_pdf(d.pdf_bytes, ocr=True)
    broken = [i for i in d.truth.personal if i["type"] in ("PHONE", "IBAN", "PERSON", "ADDRESS")]
    found = [i for i in broken if reading.find(i["text"], i["type"])]
    assert len(found) >= 0.8 * len(broken), [i for i in broken if i not in found]


def test_informal_form_writes_a_lower_case_name_address_and_phone():
    d = _form("informal")
    text = " ".join(read_pdf(d.pdf_bytes, ocr=False).page_text().split())
    lower = [
        i for i in d.truth.personal if i["type"] in ("PERSON", "ADDRESS") and i["text"].islower()
    ]
    assert {i["type"] for i in lower} == {"PERSON", "ADDRESS"}
    for item in lower:
        assert item["text"] in text, item


def test_email_header_form_lists_a_neighbour_as_surname_comma_first_name():
    d = _form("email_header")
    text = read_pdf(d.pdf_bytes, ocr=False).page_text()
    assert "Van:" in text and "Onderwerp:" in text
    listed = [i["text"] for i in d.truth.personal if i["type"] == "PERSON" and ", " in i["text"]]
    assert listed and all(f"CC: {name}" in text for name in listed)


@pytest.mark.parametrize(
    ("form", "category", "sender_type", "scanned"),
    [
        ("informal", "view", "citizen", False),
        ("email_header", "letter", "organisation", False),
        ("line_break_scan", "letter", "citizen", False),
        ("sideways", "letter", "citizen", False),
    ],
)
def test_a_form_where_it_cannot_be_written_is_refused(form, category, sender_type, scanned):
    with pytest.raises(ValueError):
        generate_document(random.Random(1), category, sender_type, scanned, form=form)
