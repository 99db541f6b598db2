"""Generator kinds for how a PDF is stored (devtools/samples/stored.py), judged like the
eval judges: rotated pages and hidden text come out produced, without the personal data."""

import random

import pymupdf
import pytest

from devtools.samples import generate_document
from devtools.samples.stored import HIDING, stored_rotated, with_hidden_text
from documents.anonymisation import AnonymisationOptions, anonymise_pdf
from tests.corpus.eval import options_kwargs
from tests.corpus.judge import read_pdf, signature_check


def _letter(seed: str):
    return generate_document(random.Random(seed), "letter", "citizen", False, index=0)


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_stored_rotated_looks_the_same_and_comes_out_clean(rotation):
    sample = _letter(f"rot-{rotation}")
    rotated = stored_rotated(sample, rotation)
    upright = pymupdf.open(stream=sample.pdf_bytes, filetype="pdf")[0]
    stored = pymupdf.open(stream=rotated.pdf_bytes, filetype="pdf")[0]
    assert stored.rotation == rotation and stored.rect == upright.rect
    before, after = upright.get_pixmap(dpi=20).samples, stored.get_pixmap(dpi=20).samples
    assert sum(abs(a - b) for a, b in zip(before, after, strict=True)) < len(before)  # same look

    result = anonymise_pdf(rotated.pdf_bytes, AnonymisationOptions(**options_kwargs(rotated)))

    assert result.output_pdf is not None, result.verification.reason
    reading = read_pdf(result.output_pdf, ocr=False)
    for item in rotated.truth.personal:
        assert not reading.find(item["text"], item["type"]), item
    out = pymupdf.open(stream=result.output_pdf, filetype="pdf")
    source = pymupdf.open(stream=sample.pdf_bytes, filetype="pdf")
    for sig in rotated.truth.signatures:
        rect = pymupdf.Rect(sig["rect"])
        assert signature_check(source[sig["page"]], out[sig["page"]], rect) == []


@pytest.mark.parametrize("how", HIDING)
def test_hidden_text_kinds_come_out_clean(how):
    sample = with_hidden_text(_letter(f"hidden-{how}"), random.Random(how), how)
    hidden = [p for p in sample.truth.personal if p["where"][0].startswith("hidden text")]
    assert len(hidden) == 2

    result = anonymise_pdf(sample.pdf_bytes, AnonymisationOptions(**options_kwargs(sample)))

    assert result.output_pdf is not None, result.verification.reason
    reading = read_pdf(result.output_pdf, ocr=False)
    for item in sample.truth.personal:
        assert not reading.find(item["text"], item["type"]), item
