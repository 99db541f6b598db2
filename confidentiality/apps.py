from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConfidentialityConfig(AppConfig):
    name = "confidentiality"
    verbose_name = _("Vertrouwelijkheid en geheimhouding")
