from django.core.management.base import BaseCommand, CommandError

from documents.demo_data import load_demo_data, load_summary
from people.models import Body


class Command(BaseCommand):
    help = (
        "Load the demo council of Noord-Beveland: users for each role, bodies, meetings and "
        "incoming post taken through anonymisation and publication."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-processing",
            action="store_true",
            help="Only receive the documents; do not anonymise or publish them.",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (and succeed) when the database already holds data.",
        )

    def handle(self, *args, **options):
        if Body.objects.exists():
            if options["if_empty"]:
                self.stdout.write("De database bevat al gegevens; demo-data niet opnieuw geladen.")
                return
            raise CommandError(
                "Er staan al gegevens in de database; demo-data laad je in een lege database "
                "(verwijder var/db.sqlite3)."
            )
        self.stdout.write("Demo-gegevens laden en stukken anonimiseren (dat duurt even) …")
        logins, _documents = load_demo_data(process=not options["no_processing"])
        for line in load_summary():
            self.stdout.write(self.style.SUCCESS(line))
        self.stdout.write("Inloggen op http://127.0.0.1:8000/inloggen/ met:")
        for login in logins:
            self.stdout.write(f"  {login.role:<20} {login.username:<14} {login.password}")
        self.stdout.write(
            "Raadsleden, commissieleden en wethouders koppelen bij de eerste keer inloggen een "
            "authenticator-app (QR-code) voor de tweestapsverificatie."
        )
