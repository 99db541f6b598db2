from django.conf import settings

from people.roles import is_griffie


def site(request):
    user = getattr(request, "user", None)
    return {
        "MUNICIPALITY_NAME": settings.MUNICIPALITY_NAME,
        "is_griffie": bool(user and is_griffie(user)),
    }
