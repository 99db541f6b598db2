"""``manage.py intake`` and ``manage.py anonymise`` over many files show a progress bar on a
terminal (issue 18), on stderr, and only there: piped or redirected output stays clean."""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command

from documents.management.progress import ProgressBar
from documents.models import Document
from tests.factories import make_pdf, run_intake

CONTROL = re.compile(r"[\r\x1b]")
BAR = re.compile(r"\[[#.]+\] (\d+)/(\d+) bestanden")


class Terminal(StringIO):
    def isatty(self) -> bool:
        return True


def bars(stderr: str) -> list[tuple[int, int]]:
    return [(int(done), int(total)) for done, total in BAR.findall(stderr)]


# --- the bar itself ---------------------------------------------------------------------------
def test_the_bar_is_cleared_before_each_line_of_output_and_at_the_end():
    out, err = Terminal(), Terminal()
    with ProgressBar(2, unit="bestanden", stdout=out, stderr=err) as bar:
        bar.write("eerste\n")
        bar.step()
        bar.write("tweede\n")
        bar.step()
    assert out.getvalue() == "eerste\ntweede\n"
    assert bars(err.getvalue()) == [(0, 2), (0, 2), (1, 2), (1, 2), (2, 2)]
    assert err.getvalue().endswith("\r\x1b[K")  # the terminal is left clean


@pytest.mark.parametrize("stdout_tty,stderr_tty", [(False, True), (True, False), (False, False)])
def test_no_bar_unless_both_streams_are_a_terminal(stdout_tty, stderr_tty):
    out = Terminal() if stdout_tty else StringIO()
    err = Terminal() if stderr_tty else StringIO()
    with ProgressBar(3, unit="bestanden", stdout=out, stderr=err) as bar:
        bar.note("brief.pdf: pagina 1 van 4")
        bar.write("regel\n")
        bar.step()
    assert err.getvalue() == ""
    assert out.getvalue() == "regel\n"


def test_page_notes_are_throttled_not_drawn_per_page():
    err = Terminal()
    bar = ProgressBar(1, unit="bestanden", stdout=Terminal(), stderr=err)
    for page in range(1, 501):
        bar.note(f"a.pdf: pagina {page} van 500")
    assert err.getvalue().count("\r\x1b[K") < 20


# --- the commands -----------------------------------------------------------------------------
@pytest.mark.django_db
def test_intake_of_many_files_shows_a_bar_on_a_terminal_and_registers_each(tmp_path):
    paths = []
    for i in range(3):
        path = tmp_path / f"brief-{i}.pdf"
        path.write_bytes(make_pdf(f"Geachte raad,\n\nBrief nummer {i}.\n"))
        paths.append(path)
    out, err = Terminal(), Terminal()
    call_command(
        "intake",
        *map(str, paths),
        "--category=letter",
        "--sender-type=organisation",
        "--subject=Verkeer",
        stdout=out,
        stderr=err,
    )
    numbers = list(Document.objects.order_by("pk").values_list("registration_sequence", flat=True))
    assert len(numbers) == 3
    assert bars(err.getvalue())[-1] == (3, 3)
    lines = out.getvalue().splitlines()
    assert len(lines) == 3 and not CONTROL.search(out.getvalue())
    assert all(document.registered_at for document in Document.objects.all())


@pytest.mark.django_db
def test_intake_output_is_clean_when_not_on_a_terminal(tmp_path):
    path = tmp_path / "brief.pdf"
    path.write_bytes(make_pdf())
    out, err = StringIO(), StringIO()
    run_intake(path, "letter", "organisation", "--subject=Verkeer", stdout=out, stderr=err)
    number = Document.objects.get().registration_number
    assert out.getvalue().startswith(number)
    assert not CONTROL.search(out.getvalue() + err.getvalue())
    assert "bestanden" not in err.getvalue()


def test_anonymise_shows_files_and_pages_on_a_terminal_and_keeps_the_json_clean(
    tmp_path, monkeypatch
):
    paths = []
    for i in range(2):
        path = tmp_path / f"brief-{i}.pdf"
        path.write_bytes(make_pdf("Geachte raad,\n\nIk, Piet Jansen, schrijf u.\n", pages=3))
        paths.append(path)
    out, err = Terminal(), Terminal()
    monkeypatch.setattr(ProgressBar, "REDRAW_EVERY", 0)  # every page, to see each one
    call_command(
        "anonymise",
        *map(str, paths),
        "--output-dir",
        str(tmp_path / "uit"),
        stdout=out,
        stderr=err,
    )
    reports = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["output"].rsplit("/", 1)[-1] for r in reports] == ["brief-0.pdf", "brief-1.pdf"]
    assert not CONTROL.search(out.getvalue())
    assert "brief-1.pdf: pagina 2 van 3" in err.getvalue()
    assert bars(err.getvalue())[-1] == (2, 2)
