"""``manage.py anonymise FILE.pdf ... --output-dir DIR``: run the engine without database records."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from documents.anonymisation import (
    AnonymisationOptions,
    UnreadableDocument,
    anonymise_pdf,
    warm_up,
)
from documents.anonymisation.suspects import find_suspects
from documents.anonymisation.types import CATEGORIES, SENDER_TYPES
from documents.management.progress import ProgressBar
from documents.workflow import own_contacts, own_details


class Command(BaseCommand):
    help = (
        "Anonymise PDF files (gedragscode art. 3) and print a JSON report per file; on a "
        "terminal a progress bar on stderr shows the files and the pages of the current one."
    )
    # Files in, files out: no database, URLs or templates, so Django's system checks (about
    # 0.3 CPU s of every run, docs/benchmarks.md) check nothing this command uses.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--output-dir", required=True, type=Path)
        parser.add_argument("--category", default="letter", choices=CATEGORIES)
        parser.add_argument("--sender-type", default="citizen", choices=SENDER_TYPES)
        parser.add_argument(
            "--keep",
            action="append",
            default=[],
            metavar="NAME",
            help="registry name that stays (office holder, civil servant)",
        )
        parser.add_argument(
            "--deny",
            action="append",
            default=[],
            metavar="TERM",
            help="sender detail from intake that must go",
        )
        parser.add_argument("--neutral-term", default="aanvrager")
        parser.add_argument(
            "--consent", action="store_true", help="sender asked for publication with personal data"
        )

    def handle(self, *args, **options) -> None:
        engine_options = AnonymisationOptions(
            category=options["category"],
            sender_type=options["sender_type"],
            keep_names=tuple(options["keep"]),
            deny_terms=tuple(options["deny"]),
            neutral_term=options["neutral_term"],
            consent_personal_data=options["consent"],
            own_contacts=own_contacts(),
        )
        output_dir: Path = options["output_dir"]
        output_dir.mkdir(parents=True, exist_ok=True)
        warm_up()
        failed = 0
        files = options["files"]
        with ProgressBar(
            len(files), unit="bestanden", stdout=self.stdout, stderr=self.stderr
        ) as bar:
            for path in files:
                bar.note(path.name)
                report, ok = self.anonymise_one(path, engine_options, output_dir, bar)
                failed += not ok
                bar.step()
                bar.write(json.dumps(report, ensure_ascii=False))
        if failed:
            raise CommandError(f"{failed} van {len(files)} documenten niet geanonimiseerd")

    @staticmethod
    def anonymise_one(
        path: Path, engine_options: AnonymisationOptions, output_dir: Path, bar: ProgressBar
    ) -> tuple[dict, bool]:
        report: dict = {"file": str(path)}

        def pages(done: int, total: int) -> None:
            bar.note(f"{path.name}: pagina {done} van {total}")

        try:
            result = anonymise_pdf(path.read_bytes(), engine_options, progress=pages)
        except (UnreadableDocument, OSError) as exc:
            report.update(ok=False, error=getattr(exc, "reason", str(exc)))
            return report, False
        report.update(result.report())
        if result.output_pdf is None:
            return report, False
        target = output_dir / path.name
        target.write_bytes(result.output_pdf)
        report["output"] = str(target)
        # the reviewer's net: words left standing that might be personal
        kept = [f.text for f in result.findings if f.action == "keep"]
        suspects = find_suspects(
            result.output_pdf,
            keep=[*engine_options.keep_names, *own_details(), *kept],
            words=result.verification.words or None,  # read by verification already
        )
        report["suspects"] = [
            {"text": s.text, "kind": s.kind, "pages": [p + 1 for p in s.pages]} for s in suspects
        ]
        report["suspect_count"] = len(suspects)
        return report, True
