"""CPU time of each public URL of ``bench_web`` in one process, uncached: what a gunicorn
worker spends in Python per request, which on a shared machine is a steadier figure than
wall-clock latency under load.

    DATABASE_URL=postgres://postgres@/griffie_bench python -m devtools.webcpu [--repeat 20]
    python -m devtools.webcpu --profile "API, eerste pagina" [--sort tottime]

Runs the WSGI application as gunicorn does (``griffie.settings.base``, DEBUG off, page cache
off, API throttle off), each URL a few times to warm, then ``--repeat`` times; prints the
best and the median CPU ms (``time.process_time``), the queries and their wall time, and the
size of the response. The database's own CPU is not in the figure (see the EXPLAINs in
docs/benchmarks.md). Needs the data of ``manage.py bench_web --data-only``.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time

SETTINGS = {
    "DJANGO_SETTINGS_MODULE": "griffie.settings.base",
    "DEBUG": "false",
    "LOG_LEVEL": "WARNING",
    "PUBLIC_PAGE_CACHE_SECONDS": "0",
    "API_ANON_THROTTLE_RATE": "off",
}


class QueryMeter:
    """Counts the queries of a request and their wall time (an ``execute_wrapper``)."""

    def __init__(self):
        self.count, self.seconds = 0, 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.count += 1
            self.seconds += time.perf_counter() - started


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--only", help="only the URLs whose name contains this")
    parser.add_argument("--url", action="append", help="measure this path instead (repeatable)")
    parser.add_argument("--profile", help="cProfile the URL whose name contains this")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--lines", type=int, default=45)
    options = parser.parse_args(argv)
    for name, value in SETTINGS.items():
        os.environ.setdefault(name, value)

    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.management import call_command
    from django.db import connection
    from django.test import RequestFactory

    from devtools.management.commands.bench_web import Command

    call_command("collectstatic", interactive=False, verbosity=0)  # the manifest, as gunicorn's
    handler = WSGIHandler()
    factory = RequestFactory()

    def get(url: str) -> tuple[int, int]:
        path, _, query = url.partition("?")
        environ = factory._base_environ(
            PATH_INFO=path,
            QUERY_STRING=query,
            REQUEST_METHOD="GET",
            HTTP_HOST="127.0.0.1",
            SERVER_NAME="127.0.0.1",
        )
        status = []
        result = handler(environ, lambda s, headers, exc_info=None: status.append(s))
        try:
            size = sum(len(chunk) for chunk in result)
        finally:
            result.close()
        return int(status[0].split()[0]), size

    urls = {url: url for url in options.url} if options.url else Command().urls()
    if options.profile or options.only:
        wanted = options.profile or options.only
        urls = {name: url for name, url in urls.items() if wanted.lower() in name.lower()}
    if options.profile:
        name, url = next(iter(urls.items()))
        for _ in range(3):
            get(url)
        profile = cProfile.Profile(time.process_time)
        profile.enable()
        for _ in range(options.repeat):
            get(url)
        profile.disable()
        print(f"{name}: {url}, {options.repeat} requests")
        pstats.Stats(profile).sort_stats(options.sort).print_stats(options.lines)
        return

    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print("| URL | CPU ms best | CPU ms median | queries | query ms (wall) | KB |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, url in urls.items():
        for _ in range(3):
            status, size = get(url)
        if status != 200:
            sys.exit(f"{name}: {url} answered {status}")
        cpu, meters = [], []
        for _ in range(options.repeat):
            meter = QueryMeter()
            with connection.execute_wrapper(meter):
                started = time.process_time()
                get(url)
                cpu.append(time.process_time() - started)
            meters.append(meter)
        meter = meters[cpu.index(min(cpu))]
        print(
            f"| {name} | {min(cpu) * 1000:.1f} | {statistics.median(cpu) * 1000:.1f} "
            f"| {meter.count} | {meter.seconds * 1000:.1f} | {size / 1024:.0f} |"
        )
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
