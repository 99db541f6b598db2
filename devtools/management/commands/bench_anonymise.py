"""``manage.py bench_anonymise``: speed and memory of the anonymisation engine.

Generates Dutch letters with PyMuPDF (typed pages, and scans: a rendered page inserted as an
image), then measures worker start-up, typed pages per second, seconds per scanned page and
peak memory. Figures are recorded in docs/benchmarks.md.

``--vs-naive`` compares whole processes instead: one-page typed letters from the sample
generator (letterhead, signature, citizens and organisations), written to a folder, then
``manage.py anonymise`` over all of them and ``python -m devtools.naive_pipeline`` (deduce
on the text layer + PyMuPDF redaction) over the same files, in turn, each as a fresh
process after one warm-up run of each; start-up included. Prints the median wall and CPU seconds of each and the ratio.
Both modes print wall and CPU (user + system) figures and the load average before and after:
on a shared machine the CPU figures are the ones to compare.
"""

import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pymupdf
from django.conf import settings
from django.core.management.base import BaseCommand

from devtools.samples.generator import generate_document
from devtools.samples.pdfkit import clean_scan
from documents.anonymisation import AnonymisationOptions, anonymise_pdf, warm_up

FIRST = ["Piet", "Anna", "Bas", "Roos", "Kees", "Fatima", "Mohammed", "Sanne", "Jan", "Els"]
LAST = ["Jansen", "de Vries", "Visser", "Bakker", "van der Berg", "de Wit", "El Amrani", "Smit"]
STREETS = ["Dorpsstraat", "Kerkweg", "Havenweg", "Molenstraat", "Wilhelminastraat", "Ring"]
PLACES = ["Kortgene", "Wissenkerke", "Colijnsplaat", "Kamperland", "Geersdijk"]

BODY = (
    "Geachte leden van de gemeenteraad,\n\n"
    "Met deze brief wil ik reageren op het voorstel over de herinrichting van de {street}.\n"
    "Mijn buurman, de heer {neighbour}, en ik maken ons zorgen over de verkeersveiligheid.\n"
    "Wethouder De Vries heeft in de vergadering van 12 maart toegezegd hierop terug te komen.\n"
    "U kunt mij bereiken op {phone} of per e-mail via {email}.\n"
    "Het bedrag kan worden overgemaakt op NL91 ABNA 0417 1643 00.\n\n"
    "De visser ving vis in de haven en de Roos bloeit in het plantsoen.\n"
    "Wij vragen de raad om het plan aan te passen en de bewoners te betrekken.\n"
)


def _letter(rng: random.Random, pages: int) -> bytes:
    doc = pymupdf.open()
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    street = rng.choice(STREETS)
    fields = {
        "street": street,
        "neighbour": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "phone": f"06-{rng.randrange(10**7, 10**8)}",
        "email": f"{name.split()[0].lower()}{rng.randrange(100)}@example.nl",
    }
    for number in range(pages):
        page = doc.new_page()
        head = (
            f"{name}\n{street} {rng.randrange(1, 200)}{rng.choice(['', 'a', '-II'])}\n"
            f"4484 {rng.choice(['AB', 'CD', 'KL'])} {rng.choice(PLACES)}\n\n"
            if number == 0
            else f"Pagina {number + 1}\n\n"
        )
        body = head + BODY.format(**fields) * (2 if number else 1)
        if number == pages - 1:
            body += "\nMet vriendelijke groet,\n\n\n\n" + name + "\n"
        page.insert_textbox(pymupdf.Rect(72, 72, 530, 780), body, fontsize=10)
    return doc.tobytes()


class Command(BaseCommand):
    help = "Benchmark the anonymisation engine (typed and scanned pages)."

    def add_arguments(self, parser):
        parser.add_argument("--typed-pages", type=int, default=120)
        parser.add_argument("--scanned-pages", type=int, default=10)
        parser.add_argument("--seed", type=int, default=1695)
        parser.add_argument("--scan-dpi", type=int, default=150, help="resolution of the scans")
        parser.add_argument(
            "--vs-naive",
            action="store_true",
            help="whole-process comparison with a naive deduce + PyMuPDF pipeline",
        )
        parser.add_argument(
            "--letters", type=int, default=104, help="one-page letters (--vs-naive)"
        )
        parser.add_argument("--rounds", type=int, default=3, help="runs of each (--vs-naive)")

    def handle(self, *args, **options):
        if options["vs_naive"]:
            load_before = os.getloadavg()[0]
            figures = compare_with_naive(options)
            figures["load_average"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
            self.stdout.write(json.dumps(figures, indent=2))
            return
        load_before = os.getloadavg()[0]
        started, started_cpu = time.perf_counter(), time.process_time()
        warm_up()
        startup = time.perf_counter() - started
        startup_cpu = time.process_time() - started_cpu

        rng = random.Random(options["seed"])
        typed_docs, pages = [], 0
        while pages < options["typed_pages"]:
            n = rng.choice([1, 2, 3])
            typed_docs.append(_letter(rng, n))
            pages += n
        scans = [
            clean_scan(_letter(rng, 1), options["scan_dpi"])
            for _ in range(options["scanned_pages"])
        ]
        opts = AnonymisationOptions(keep_names=("Jan de Vries",))

        failures = 0
        t0, c0 = time.perf_counter(), time.process_time()
        for data in typed_docs:
            failures += anonymise_pdf(data, opts).output_pdf is None
        typed_seconds = time.perf_counter() - t0
        typed_cpu = time.process_time() - c0

        t0, c0 = time.perf_counter(), time.process_time()
        for data in scans:
            failures += anonymise_pdf(data, opts).output_pdf is None
        scan_seconds = time.perf_counter() - t0
        scan_cpu = time.process_time() - c0

        figures = {
            "startup_seconds": round(startup, 2),
            "typed_pages": pages,
            "typed_documents": len(typed_docs),
            "typed_pages_per_second": round(pages / typed_seconds, 1),
            "scanned_pages": len(scans),
            "scan_dpi": options["scan_dpi"],
            "seconds_per_scanned_page": round(scan_seconds / max(len(scans), 1), 2),
            # CPU time of this process (the engine and its Tesseract are single-threaded):
            # on a shared machine the steadier figure
            "typed_pages_per_cpu_second": round(pages / max(typed_cpu, 1e-9), 1),
            "cpu_seconds_per_scanned_page": round(scan_cpu / max(len(scans), 1), 2),
            "startup_cpu_seconds": round(startup_cpu, 2),
            # wall figures mean something only on an idle machine: say how busy it was
            "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "failed_verification": failures,
            "goals": {
                "typed_pages_per_second": ">= 40",
                "seconds_per_scanned_page": "<= 1.0",
                "startup_seconds": "<= 10",
                "peak_rss_mb": "<= 1536",
            },
        }
        self.stdout.write(json.dumps(figures, indent=2))


def one_page_letters(count: int, seed: int) -> list[bytes]:
    """Typed one-page letters of citizens and organisations as the intake receives them."""
    letters, index = [], 0
    while len(letters) < count:
        index += 1
        rng = random.Random(f"bench-{seed}-{index}")
        sender = rng.choice(["citizen", "citizen", "organisation"])
        sample = generate_document(rng, "letter", sender, scanned=False, nuisance=False)
        if sample.page_count == 1:
            letters.append(sample.pdf_bytes)
    return letters


def _timed(command: list[str]) -> tuple[float, float, str]:
    """Wall and CPU seconds (user + system) of one child process, and what it printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def compare_with_naive(options: dict) -> dict:
    """``manage.py anonymise`` against the naive pipeline on the same letters, alternated."""
    with tempfile.TemporaryDirectory(prefix="bench-naive-") as folder:
        root = Path(folder)
        files = []
        for number, data in enumerate(one_page_letters(options["letters"], options["seed"])):
            path = root / f"letter{number:03d}.pdf"
            path.write_bytes(data)
            files.append(str(path))
        engine = [
            sys.executable,
            str(Path(settings.BASE_DIR) / "manage.py"),
            "anonymise",
            *files,
            "--output-dir",
            str(root / "engine"),
        ]
        naive = [sys.executable, "-m", "devtools.naive_pipeline", "--output-dir"]
        naive += [str(root / "naive"), *files]
        # a warm-up run of each, not counted: deduce builds its lookup cache on first use,
        # and the operating system's file cache fills
        _timed(engine)
        _timed(naive)
        runs: dict[str, list[tuple[float, float]]] = {"engine": [], "naive": []}
        produced = 0
        for _ in range(max(options["rounds"], 1)):  # in turn, so drift hits both alike
            wall, cpu, out = _timed(engine)
            runs["engine"].append((wall, cpu))
            produced = sum('"ok": true' in line for line in out.splitlines())
            wall, cpu, _ = _timed(naive)
            runs["naive"].append((wall, cpu))

    def median(name: str, index: int) -> float:
        return statistics.median(run[index] for run in runs[name])

    return {
        "letters": len(files),
        "rounds": len(runs["engine"]),
        "engine_produced": produced,
        "engine_wall_seconds": round(median("engine", 0), 2),
        "engine_cpu_seconds": round(median("engine", 1), 2),
        "naive_wall_seconds": round(median("naive", 0), 2),
        "naive_cpu_seconds": round(median("naive", 1), 2),
        # > 1: the engine is faster; the goal is >= 1.5 (whole process, start-up included)
        "speed_vs_naive_wall": round(median("naive", 0) / median("engine", 0), 2),
        "speed_vs_naive_cpu": round(median("naive", 1) / median("engine", 1), 2),
        "goal": ">= 1.5",
    }
