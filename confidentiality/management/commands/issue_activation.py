from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from confidentiality import second_factor


class Command(BaseCommand):
    help = (
        "Issue a one-time activation link for USERNAME's second factor (bootstrap of the "
        "first admin, or a reset with --reset after a lost device). Logged in the access log."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Lost device: delete the user's devices and backup codes first.",
        )

    def handle(self, *args: Any, username: str, reset: bool, **options: Any) -> None:
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {username!r}.")
        if second_factor.has_second_factor(user) and not reset:
            raise CommandError(
                f"{username} already has a second factor; use --reset for a lost device."
            )
        issued = second_factor.issue_activation(user, reset=reset)
        url = settings.SITE_URL.rstrip("/") + issued.path
        self.stdout.write(
            f"Activation for {username} (valid until {issued.activation.expires_at:%Y-%m-%d %H:%M} "
            f"UTC, works once, after logging in with the password):\n{url}"
        )
