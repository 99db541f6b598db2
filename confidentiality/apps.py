from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConfidentialityConfig(AppConfig):
    name = "confidentiality"
    verbose_name = _("Vertrouwelijkheid en geheimhouding")

    def ready(self) -> None:
        # Register the Celery tasks in every process: notifications send them by name.
        from . import tasks  # noqa: F401
