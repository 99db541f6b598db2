"""Register received files from the command line, validated like the griffie's form.

    python manage.py intake brief.pdf --category letter --sender-type citizen \
        --subject "Verzoek om verkeersdrempels" --received 2026-11-02 \
        --consent publish_personal_data

Several files get the same registration details, each its own number; on a terminal a
progress bar on stderr shows how far the batch is.
"""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from documents.files import atomic_files
from documents.forms import RegistrationForm
from documents.intake import IntakeResult, UploadRefused, check_size, receive_file
from documents.management.progress import ProgressBar
from documents.models import Category, Document, SenderType

CONSENTS = {
    "publish_personal_data": "consent_publish_personal_data",
    "office_holder_contact": "consent_office_holder_contact",
    "no_objection": "no_objection_personal_data",
}


class Command(BaseCommand):
    help = "Registreer ingekomen stukken vanaf de opdrachtregel (dezelfde gegevens voor elk)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, metavar="file")
        parser.add_argument("--category", required=True, choices=Category.values)
        parser.add_argument("--sender-type", required=True, choices=SenderType.values)
        parser.add_argument("--subject", default="")
        parser.add_argument(
            "--received",
            type=date.fromisoformat,
            default=None,
            help="Datum ontvangst, JJJJ-MM-DD (standaard vandaag).",
        )
        parser.add_argument("--consent", nargs="*", choices=sorted(CONSENTS), default=[])
        parser.add_argument("--fractie", action="store_true", help="Ingediend door een fractie.")
        parser.add_argument("--sender-name", default="")
        parser.add_argument("--sender-address", default="")
        parser.add_argument("--sender-email", default="")
        parser.add_argument("--sender-phone", default="")
        parser.add_argument("--public-sender-term", default="")
        parser.add_argument("--description", default="")

    def handle(self, *args, **options) -> None:
        paths: list[Path] = options["files"]
        for path in paths:  # refused before anything is saved
            if not path.is_file():
                raise CommandError(f"Bestand niet gevonden: {path}")
            try:
                check_size(path.stat().st_size)
            except UploadRefused as exc:
                raise CommandError(f"{path}: {exc.reason}") from exc
        received = options["received"] or timezone.localdate()
        data = {
            "received_on": received.isoformat(),
            "subject": options["subject"],
            "description": options["description"],
            "category": options["category"],
            "sender_type": options["sender_type"],
            "sender_name": options["sender_name"],
            "sender_address": options["sender_address"],
            "sender_email": options["sender_email"],
            "sender_phone": options["sender_phone"],
            "public_sender_term": options["public_sender_term"],
        }
        if options["fractie"]:
            data["submitted_by_fractie"] = "on"
        for consent in options["consent"]:
            data[CONSENTS[consent]] = "on"
        form = RegistrationForm(data=data, instance=Document())
        if not form.is_valid():
            for field, errors in form.errors.items():
                for error in errors:
                    self.stderr.write(f"{field}: {error}")
            raise CommandError("De registratie is ongeldig; er is niets opgeslagen.")
        unreadable = []
        with ProgressBar(
            len(paths), unit="bestanden", stdout=self.stdout, stderr=self.stderr
        ) as bar:
            for path in paths:
                bar.note(path.name)
                result = self.register(path, data, received)
                document = result.document
                bar.step()
                if result.problem:
                    unreadable.append(path)
                    bar.clear()
                    self.stderr.write(
                        f"{document.registration_number}: {result.problem} (status mislukt)"
                    )
                else:
                    bar.write(f"{document.registration_number} {document.uuid}")
                if result.queue_down:
                    bar.write(
                        f"{document.registration_number}: opgeslagen; wordt verwerkt zodra de "
                        "wachtrij terug is (de paginaweergaven worden dan gemaakt)."
                    )
        if len(unreadable) == 1 and len(paths) == 1:
            raise CommandError("Het bestand kon niet worden gelezen; bewaard met status 'mislukt'.")
        if unreadable:
            raise CommandError(
                f"{len(unreadable)} van {len(paths)} bestanden konden niet worden gelezen; "
                "bewaard met status 'mislukt'."
            )

    @staticmethod
    def register(path: Path, data: dict, received: date) -> IntakeResult:
        with atomic_files():
            try:
                result = receive_file(path.read_bytes(), path.name, received_on=received)
            except UploadRefused as exc:
                raise CommandError(f"{path}: {exc.reason}") from exc
            document = result.document
            form = RegistrationForm(data=data, instance=document)
            form.is_valid()  # same data, validated above
            document = form.save(commit=False)
            document.public_sender_term = form.cleaned_data["public_sender_term"]
            document.registered_at = timezone.now()
            document.save()
            document.record("registered", None, "manage.py intake: " + ", ".join(form.changed_data))
        return result
