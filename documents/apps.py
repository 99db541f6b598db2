from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Ingekomen stukken")

    def ready(self) -> None:
        # Register the Celery tasks in every process (web included): they are sent by name
        # (documents.queueing), and nothing else imports them.
        from . import tasks  # noqa: F401
