"""The choices a secrecy decision is filtered on, without any model.

They live here, below both apps, because the documents' secrecy condition
(``DocumentQuerySet.under_secrecy``) filters on them across relations while documents never
imports confidentiality; ``confidentiality.models`` uses them for its fields.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LegalBasis(models.TextChoices):
    DECISION = "besluit", _("besluit tot oplegging van geheimhouding")
    CLOSED_MEETING = "van_rechtswege", _("van rechtswege: besloten vergadering")


class SecrecyStatus(models.TextChoices):
    ACTIVE = "active", _("geheim")
    LIFTED = "lifted", _("opgeheven")
