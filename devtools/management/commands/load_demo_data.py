from django.core.management.base import BaseCommand, CommandError

from devtools.demo_data import load_demo_data, load_summary
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
        self._second_factor(logins)

    def _second_factor(self, logins):
        """Every demo login needs a second factor. With DEBUG (``make demo``) each gets a
        ready device whose key and backup codes are printed here; otherwise a one-time
        activation link, exactly as in production."""
        from django.conf import settings
        from django.contrib.auth import get_user_model

        from confidentiality import second_factor

        users = get_user_model().objects.filter(username__in=[x.username for x in logins])
        if settings.DEBUG:
            self.stdout.write(
                "Tweestapsverificatie (alleen demo): voer de sleutel in een authenticator-app "
                "in, of gebruik een reservecode (elke code werkt één keer)."
            )
            for user in users.order_by("username"):
                key, codes = second_factor.demo_enrol(user)
                self.stdout.write(f"  {user.username:<14} sleutel {key}  reserve {codes[0]}")
            return
        base = settings.SITE_URL.rstrip("/")
        self.stdout.write(
            "Tweestapsverificatie: open na het inloggen de activeringslink (eenmalig, "
            f"{settings.SECOND_FACTOR_ACTIVATION_HOURS} uur geldig):"
        )
        for user in users.order_by("username"):
            issued = second_factor.issue_activation(user)
            self.stdout.write(f"  {user.username:<14} {base}{issued.path}")
