from django.core.management.base import BaseCommand, CommandError

from documents.demo_data import load_demo_data
from people.models import Body


class Command(BaseCommand):
    help = "Load the demo council of Noord-Beveland with users, meetings and incoming post."

    def handle(self, *args, **options):
        if Body.objects.exists():
            raise CommandError(
                "Er staan al gegevens in de database; demo-data laad je in een lege database "
                "(verwijder var/db.sqlite3)."
            )
        logins, documents = load_demo_data()
        self.stdout.write(self.style.SUCCESS(f"{len(documents)} ingekomen stukken geladen."))
        self.stdout.write("Inloggen op http://127.0.0.1:8000/inloggen/ met:")
        for login in logins:
            self.stdout.write(f"  {login.role:<20} {login.username:<14} {login.password}")
