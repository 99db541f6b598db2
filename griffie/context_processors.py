from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static

from people.roles import is_griffie


def theme_logo_url() -> str:
    logo = settings.THEME_LOGO
    return logo if logo.startswith(("/", "https://", "http://")) else static(logo)


def site(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "MUNICIPALITY_NAME": settings.MUNICIPALITY_NAME,
        "MUNICIPALITY_TOOI": settings.MUNICIPALITY_TOOI,
        "is_griffie": bool(user and is_griffie(user)),
        "THEME": {"logo": theme_logo_url()},
        "GRIFFIE_CONTACT": {
            "address": settings.GRIFFIE_CONTACT_ADDRESS.replace("\\n", "\n"),
            "phone": settings.GRIFFIE_CONTACT_PHONE,
            "email": settings.GRIFFIE_CONTACT_EMAIL,
        },
    }
