"""``manage.py bench_anonymise``: speed and memory of the anonymisation engine.

Generates Dutch letters with PyMuPDF (typed pages, and scans: a rendered page inserted as an
image), then measures worker start-up, typed pages per second, seconds per scanned page and
peak memory. Figures are recorded in docs/benchmarks.md.
"""

import json
import random
import resource
import time

import pymupdf
from django.core.management.base import BaseCommand

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

    def handle(self, *args, **options):
        started = time.perf_counter()
        warm_up()
        startup = time.perf_counter() - started

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
        t0 = time.perf_counter()
        for data in typed_docs:
            failures += anonymise_pdf(data, opts).output_pdf is None
        typed_seconds = time.perf_counter() - t0

        t0 = time.perf_counter()
        for data in scans:
            failures += anonymise_pdf(data, opts).output_pdf is None
        scan_seconds = time.perf_counter() - t0

        figures = {
            "startup_seconds": round(startup, 2),
            "typed_pages": pages,
            "typed_documents": len(typed_docs),
            "typed_pages_per_second": round(pages / typed_seconds, 1),
            "scanned_pages": len(scans),
            "scan_dpi": options["scan_dpi"],
            "seconds_per_scanned_page": round(scan_seconds / max(len(scans), 1), 2),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "failed_verification": failures,
            "goals": {
                "typed_pages_per_second": ">= 40",
                "seconds_per_scanned_page": "<= 1.2",
                "startup_seconds": "<= 10",
                "peak_rss_mb": "<= 1536",
            },
        }
        self.stdout.write(json.dumps(figures, indent=2))
