from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationConfig(AppConfig):
    name = "publication"
    verbose_name = _("Publicatie")

    def ready(self) -> None:
        from .cache import connect_signals

        connect_signals()
