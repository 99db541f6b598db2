"""``manage.py anonymise``: the same pipeline without database records, for batch use."""

import json

import pymupdf
import pytest
from django.core.management import CommandError, call_command

from tests.factories import make_pdf

LETTER = (
    "Geachte raad,\n\nIk, Piet Jansen, woon aan de Dorpsstraat 12, 4484 AB Kortgene.\n"
    "Wethouder Kees Lodewijks beloofde een oplossing.\n\nMet vriendelijke groet,\n\nPiet Jansen"
)


def encrypted() -> bytes:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "geheim")
    return doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="x", owner_pw="y")


def test_writes_the_output_under_the_same_name_and_reports_json(tmp_path, capsys):
    source = tmp_path / "brief.pdf"
    source.write_bytes(make_pdf(LETTER))
    out = tmp_path / "uit"
    call_command("anonymise", str(source), "--output-dir", str(out), "--keep", "Kees Lodewijks")
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    text = "".join(p.get_text() for p in pymupdf.open(out / "brief.pdf"))
    assert "Jansen" not in text and "Dorpsstraat 12" not in text
    assert "Kees Lodewijks" in text
    assert report["pages"] == 1
    assert report["verification"]["ok"] is True
    assert report["entities"]["PERSON"] >= 1
    assert report["entities"]["ADDRESS"] >= 1
    assert report["output"] == str(out / "brief.pdf")


def test_an_unreadable_file_gets_no_output_and_a_non_zero_exit(tmp_path, capsys):
    good, bad = tmp_path / "goed.pdf", tmp_path / "versleuteld.pdf"
    good.write_bytes(make_pdf(LETTER))
    bad.write_bytes(encrypted())
    out = tmp_path / "uit"
    with pytest.raises(CommandError):
        call_command("anonymise", str(bad), str(good), "--output-dir", str(out))
    assert (out / "goed.pdf").exists()
    assert not (out / "versleuteld.pdf").exists()
    reports = [json.loads(line) for line in capsys.readouterr().out.strip().splitlines()]
    assert [r["file"].rsplit("/", 1)[-1] for r in reports] == ["versleuteld.pdf", "goed.pdf"]


@pytest.mark.parametrize(
    "sentence,suspects",
    [
        ("Het project loopt vertraging op.", []),
        # a made-up project name: no dictionary word, no kept name, so the net lists it
        (
            "Het project Zwarbelinck loopt vertraging op.",
            [{"text": "Zwarbelinck", "kind": "capitalised", "pages": [1]}],
        ),
    ],
)
def test_the_report_lists_each_suspect_left_standing_with_kind_and_page(
    tmp_path, capsys, sentence, suspects
):
    source = tmp_path / "brief.pdf"
    source.write_bytes(make_pdf(f"Geachte raad,\n\n{sentence}\n\nMet vriendelijke groet"))
    call_command("anonymise", str(source), "--output-dir", str(tmp_path / "uit"))
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert report["suspects"] == suspects
    assert report["suspect_count"] == len(suspects)
