"""The honest gate: the engine anonymises a small held-out corpus without a single leak.

Runs the same judge as `make eval` (python -m tests.corpus.eval) on 12 documents, 2 of them
scans. Fails (does not skip) while the engine is missing or leaks.
"""

import pytest

from .eval import format_table, run_eval
from .judge import tesseract_available

pytestmark = pytest.mark.quality


def test_small_corpus_without_leaks():
    assert tesseract_available(), "tesseract is needed for the OCR half of the judge"
    report = run_eval(n=12, seed=20261126, scans=2)
    s = report["summary"]
    assert s["produced"] == s["documents"] == 12, format_table(report)
    assert s["leak_count"] == 0, format_table(report)
