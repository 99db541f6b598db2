"""Load test of the public site: bulk-create published documents (received over twenty
years) and meetings in the configured database, start gunicorn on loopback and measure
requests/s and p95 latency of every public URL (the list, its last page and the way onward, a
document page, search with a common word, a rare word and no hits, the API's first page and
one halfway by cursor, a DiWoo sitemap page, the RSS feed, and a static file through
WhiteNoise), without the page cache (``PUBLIC_PAGE_CACHE_SECONDS=0``) and with it.

    DATABASE_URL=postgres://postgres@/griffie_bench python manage.py bench_web --documents 200000

Use a throw-away database: the command adds (and on the next run replaces) its own data,
marked with registration year 2099 and meeting titles starting with "[bench]".
"""

import contextlib
import datetime
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pymupdf
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from devtools.bulk import bulk_published
from documents.models import Document, DocumentFile
from meetings.models import Meeting
from people.models import Body, BodyKind
from publication.models import PublicationDecision

BENCH_YEAR = 2099
WORDS = (
    "haven verkeer parkeren bibliotheek zwembad subsidie dijk windmolen fietspad school "
    "sportpark kermis riolering groen speeltuin begroting woningbouw dorpshuis"
).split()
COMMON_WORD = "raad"  # in every document ("Geachte raad")
RARE_WORD = "vuurtoren"  # in one document of every RARE_EVERY
RARE_EVERY = 1000
NO_HITS = "xylofoonconcert"
SITEMAP_COPY = "bench/sitemap-page.xml"  # under STATIC_ROOT
STATIC_SITEMAP = "statisch bestand, kopie van de sitemap-pagina"
YEARS = 20  # the archive: received over twenty years, up to today
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %.3f connect=%d,read=%d,write=%d,status=%d,timeout=%d\\n",
    summary.requests, summary.duration, latency:percentile(95) / 1000.0,
    e.connect, e.read, e.write, e.status, e.timeout))
end
"""


GZIP_HEADERS = {"Accept-Encoding": "gzip"}


class Command(BaseCommand):
    help = "Maak testdata en meet de openbare site onder belasting (wrk of eigen client)."

    def add_arguments(self, parser):
        parser.add_argument("--documents", type=int, default=10_000)
        parser.add_argument("--meetings", type=int, default=200)
        parser.add_argument("--duration", type=int, default=10, help="seconds per URL")
        parser.add_argument("--connections", type=int, default=8)
        parser.add_argument(
            "--modes",
            default="uncached,cached",
            help="comma-separated: uncached (PUBLIC_PAGE_CACHE_SECONDS=0), cached",
        )
        parser.add_argument("--workers", type=int, default=max(2, (os.cpu_count() or 1) * 2))
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument("--skip-data", action="store_true")
        parser.add_argument("--data-only", action="store_true", help="create the data, no load")

    def handle(self, *args, **options):
        if not options["skip_data"]:
            started = time.perf_counter()
            self.create_data(options["documents"], options["meetings"])
            self.stdout.write(
                f"data: {options['documents']} documents, {options['meetings']} "
                f"meetings in {time.perf_counter() - started:.1f}s "
                f"({connection.vendor})"
            )
        if options["data_only"]:
            return
        urls = self.urls()
        modes = [m.strip() for m in options["modes"].split(",") if m.strip()]
        tables = {mode: self.run_mode(mode, urls, options) for mode in modes}
        tool = "wrk" if shutil.which("wrk") else "threaded urllib client"
        load = os.getloadavg()
        self.stdout.write(
            f"\n{timezone.now():%Y-%m-%d %H:%M} UTC, {tool}, {min(2, options['connections'])} threads, "
            f"{options['connections']} connections, {options['duration']}s per URL, gunicorn "
            f"{options['workers']} sync workers, {os.cpu_count()} CPUs, {connection.vendor}, "
            f"{Document.objects.filter(registration_year=BENCH_YEAR).count()} bench documents, "
            f"cache {'Redis' if settings.CACHE_URL else 'in-memory per worker'}, "
            f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}"
        )
        for mode, results in tables.items():
            static = results["statisch bestand"][0]
            self.stdout.write(f"\n{mode}:\n")
            self.stdout.write("| URL | requests/s | % of static | p95 (ms) | errors |")
            self.stdout.write("|---|---:|---:|---:|---:|")
            for name, (rps, p95, errors) in results.items():
                self.stdout.write(
                    f"| {name} | {rps:.0f} | {rps / static:.0%} | {p95:.1f} | {errors} |"
                )
            same_size = results[STATIC_SITEMAP][0]
            for name, (rps, _p95, _errors) in results.items():
                if "sitemap" in name.lower() and "gzip" not in name and name != STATIC_SITEMAP:
                    self.stdout.write(
                        f"{name}: {rps / same_size:.0%} of its own bytes as a static file"
                    )

    def urls(self) -> dict[str, str]:
        from publication import public
        from publication.api import KeysetPagination
        from publication.sitemaps import PAGE_SIZE

        documents = public.public_documents().filter(registration_year=BENCH_YEAR)
        total = documents.count()
        middle = documents[total // 2]
        paging = KeysetPagination()
        paging.ordering = public.LIST_ORDER
        today = timezone.localdate()
        old = today.replace(year=today.year - YEARS + 5)
        sitemap_page = max(1, total // 2 // PAGE_SIZE)  # halfway
        return {
            "lijst, pagina 1": "/ingekomen-stukken/",
            "lijst, pagina 20 (de laatste van 1.000)": "/ingekomen-stukken/?page=20",
            f"lijst, verder vanaf {old:%Y} (tot=)": f"/ingekomen-stukken/?tot={old}",
            "stukpagina": f"/stukken/{middle.uuid}/",
            f"zoeken, gewoon woord ({COMMON_WORD}, 100 %)": f"/zoeken/?q={COMMON_WORD}",
            f"zoeken, zeldzaam woord ({RARE_WORD}, 0,1 %)": f"/zoeken/?q={RARE_WORD}",
            "zoeken, geen resultaten": f"/zoeken/?q={NO_HITS}",
            "API, eerste pagina": "/api/v1/informatieobjecten/",
            "API, pagina halverwege (cursor)": (
                f"/api/v1/informatieobjecten/?cursor={paging.key(middle)}"
            ),
            f"DiWoo-sitemap, pagina {sitemap_page}": (
                f"/sitemaps/diwoo-infocat006.xml?p={sitemap_page}"
            ),
            "RSS-feed ingekomen stukken": "/feeds/ingekomen-stukken.rss",
        }

    def run_mode(self, mode: str, urls: dict[str, str], options) -> dict:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "griffie.settings.base",
            "DEBUG": "false",
            "LOG_LEVEL": "WARNING",
            "API_ANON_THROTTLE_RATE": "off",  # the load generator is one client
        }
        if mode == "uncached":
            env["PUBLIC_PAGE_CACHE_SECONDS"] = "0"
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True)
        sitemap = next(path for name, path in urls.items() if "sitemap" in name.lower())
        # A static file of the sitemap page's own bytes: a 1 MB answer against a 1 MB file.
        # WhiteNoise reads its files when it starts, so the copy is written by a first run.
        if not (Path(settings.STATIC_ROOT) / SITEMAP_COPY).exists():
            with self.serving(env, options) as base:
                body = urllib.request.urlopen(base + sitemap).read()
            (Path(settings.STATIC_ROOT) / SITEMAP_COPY).parent.mkdir(exist_ok=True)
            (Path(settings.STATIC_ROOT) / SITEMAP_COPY).write_bytes(body)
        with self.serving(env, options) as base:
            home = urllib.request.urlopen(base + "/").read().decode()
            css = re.search(r'href="(/static/[^"]+\.css)"', home).group(1)
            statics = {"statisch bestand": css, STATIC_SITEMAP: f"/static/{SITEMAP_COPY}"}
            results = {}
            for name, path in {**urls, **statics}.items():
                results[name] = self.load(base + path, options)
                self.stderr.write(f"{mode}: {name}: {results[name]}")
            # A crawler asks for gzip; the page cache sends a large body (a sitemap page)
            # compressed then, and WhiteNoise its compressed static files.
            gzipped = {n: p for n, p in urls.items() if "sitemap" in n.lower()}
            for name, path in {**gzipped, "statisch bestand": css}.items():
                results[f"{name}, gzip"] = self.load(base + path, options, GZIP_HEADERS)
                self.stderr.write(f"{mode}: {name}, gzip: {results[f'{name}, gzip']}")
            return results

    @contextlib.contextmanager
    def serving(self, env: dict[str, str], options) -> Iterator[str]:
        """gunicorn on loopback with ``env`` for the length of the block; yields its base URL."""
        port = options["port"]
        server = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "griffie.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                str(options["workers"]),
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=settings.BASE_DIR,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            self.wait_for(base + "/")
            yield base
        finally:
            server.terminate()
            server.wait(timeout=30)

    def wait_for(self, url: str) -> None:
        for _ in range(100):
            try:
                urllib.request.urlopen(url, timeout=2).read()
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def load(self, url: str, options, headers: dict[str, str] | None = None):
        headers = headers or {}
        # warm every worker first
        for _ in range(options["workers"] * 4):
            urllib.request.urlopen(urllib.request.Request(url, headers=headers)).read()
        if shutil.which("wrk"):
            with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
                script.write(WRK_SCRIPT)
            out = subprocess.run(
                [
                    "wrk",
                    "-t",
                    str(min(2, options["connections"])),  # wrk wants a connection per thread
                    "-c",
                    str(options["connections"]),
                    "-d",
                    f"{options['duration']}s",
                    "-s",
                    script.name,
                    *(f"-H{name}: {value}" for name, value in headers.items()),
                    url,
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            os.unlink(script.name)
            requests, duration_us, p95, error_kinds = re.search(
                r"RESULT (\d+) (\d+) ([\d.]+) (\S+)", out
            ).groups()
            # "0" when clean, else the kinds that occurred, e.g. "1 (read=1)"
            counts = dict(kind.split("=") for kind in error_kinds.split(","))
            seen = {kind: int(n) for kind, n in counts.items() if int(n)}
            errors = sum(seen.values())
            if seen:
                errors = f"{errors} ({', '.join(f'{k}={n}' for k, n in seen.items())})"
            return int(requests) / (int(duration_us) / 1e6), float(p95), errors
        return self.threaded_load(url, options, headers)

    def threaded_load(self, url, options, headers=None):
        latencies, errors, stop = [], [0], time.perf_counter() + options["duration"]
        lock = threading.Lock()

        def worker():
            while time.perf_counter() < stop:
                start = time.perf_counter()
                try:
                    request = urllib.request.Request(url, headers=headers or {})
                    urllib.request.urlopen(request, timeout=10).read()
                except OSError:
                    errors[0] += 1
                    continue
                with lock:
                    latencies.append(time.perf_counter() - start)

        threads = [threading.Thread(target=worker) for _ in range(options["connections"])]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        p95 = statistics.quantiles(latencies, n=20)[18] * 1000 if len(latencies) > 20 else 0
        return len(latencies) / options["duration"], p95, errors[0]

    @transaction.atomic
    def create_data(self, n_documents: int, n_meetings: int) -> None:
        # Straight deletes (no signals, no collecting 200,000 objects): bench rows only.
        bench = Document.objects.filter(registration_year=BENCH_YEAR)
        PublicationDecision.objects.filter(document__in=bench)._raw_delete(connection.alias)
        DocumentFile.objects.filter(document__in=bench)._raw_delete(connection.alias)
        bench._raw_delete(connection.alias)
        Meeting.objects.filter(title__startswith="[bench]").delete()
        from django.contrib.auth.models import Group

        body = Body.objects.filter(name="[bench] Gemeenteraad").first() or Body.objects.create(
            name="[bench] Gemeenteraad",
            kind=BodyKind.RAAD,
            group=Group.objects.get_or_create(name="orgaan: [bench] Gemeenteraad")[0],
        )
        now = timezone.now()
        Meeting.objects.bulk_create(
            [
                Meeting(
                    body=body,
                    title=f"[bench] Raadsvergadering {i}",
                    starts_at=now + datetime.timedelta(days=i - n_meetings // 2),
                    location="Raadzaal",
                )
                for i in range(n_meetings)
            ]
        )
        pdf = pymupdf.open()
        pdf.new_page().insert_textbox(
            pymupdf.Rect(72, 72, 520, 770),
            "Geachte raad,\n\nDit is een geanonimiseerde brief over de haven.",
        )
        data = pdf.tobytes()
        name = default_storage.save("bench/geanonimiseerd.pdf", ContentFile(data))
        subjects = [
            f"Brief over {WORDS[i % len(WORDS)]} en {WORDS[(i * 7) % len(WORDS)]}"
            for i in range(n_documents)
        ]

        def text(i: int, subject: str) -> str:
            rare = f" Het gaat ook over de {RARE_WORD}." if i % RARE_EVERY == RARE_EVERY - 1 else ""
            return (
                f"{subject}. Geachte {COMMON_WORD}, wij vragen uw aandacht voor "
                f"{WORDS[i % len(WORDS)]}.{rare}"
            )

        today = timezone.localdate()
        bulk_published(
            [(subject, text(i, subject)) for i, subject in enumerate(subjects)],
            year=BENCH_YEAR,
            file_name=name,
            pdf=data,
            first_day=today.replace(year=today.year - YEARS),
            days=YEARS * 365,
            batch_size=5000,
        )
        if connection.vendor == "postgresql":
            transaction.on_commit(lambda: connection.cursor().execute("VACUUM ANALYZE"))
