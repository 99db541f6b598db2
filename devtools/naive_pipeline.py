"""The yardstick for ``manage.py bench_anonymise --vs-naive``: a naive anonymiser built from
the same two packages the engine uses, as anyone would write it in an afternoon.

    python -m devtools.naive_pipeline --output-dir DIR FILE.pdf ...

Per file: deduce (``Deduce().deidentify``) on each page's text layer, every annotation's
text searched on the page (``page.search_for``), a redaction annotation per hit, MuPDF's
``apply_redactions`` and a save. No normalisation, no signatures, no verification, no
policy: it only sets the pace. Runs without Django (start-up is part of what is timed).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pymupdf


def anonymise(deduce, data: bytes) -> bytes:
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        for page in doc:
            for annotation in deduce.deidentify(page.get_text()).annotations:
                for rect in page.search_for(annotation.text):
                    page.add_redact_annot(rect, fill=(0, 0, 0))
            page.apply_redactions()
        return doc.tobytes(garbage=3, deflate=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--output-dir", required=True, type=Path)
    args = parser.parse_args(argv)
    from deduce import Deduce  # part of the timed start-up, as in the engine's process

    deduce = Deduce()
    args.output_dir.mkdir(parents=True, exist_ok=True)
    for path in args.files:
        (args.output_dir / path.name).write_bytes(anonymise(deduce, path.read_bytes()))


if __name__ == "__main__":
    main()
