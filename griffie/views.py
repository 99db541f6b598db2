import re

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    HttpResponseServerError,
)
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.views.decorators.cache import cache_control

from people.roles import is_griffie


@login_required
def home_after_login(request: HttpRequest) -> HttpResponseRedirect:
    """Send each role to its own start page after logging in."""
    if is_griffie(request.user):
        return redirect("documents:inbox")
    return redirect("confidentiality:index")


HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
THEME_DEFAULTS = {
    "THEME_PRIMARY_COLOR": "#1d4f7c",
    "THEME_PRIMARY_HOVER_COLOR": "#123452",
    "THEME_ON_PRIMARY_COLOR": "#ffffff",
}


def _colour(name: str) -> str:
    """A colour from settings, only if it is a plain #rrggbb (nothing else reaches the CSS)."""
    value = getattr(settings, name, "")
    return value if HEX_COLOUR.fullmatch(value or "") else THEME_DEFAULTS[name]


@cache_control(public=True, max_age=3600)
def theme_css(request: HttpRequest) -> HttpResponse:
    """The municipality's colours as design tokens, layered over static/css/tokens.css."""
    css = (
        ".griffie-theme {\n"
        f"  --griffie-theme-primary: {_colour('THEME_PRIMARY_COLOR')};\n"
        f"  --griffie-theme-primary-hover: {_colour('THEME_PRIMARY_HOVER_COLOR')};\n"
        f"  --griffie-theme-on-primary: {_colour('THEME_ON_PRIMARY_COLOR')};\n"
        "}\n"
    )
    return HttpResponse(css, content_type="text/css; charset=utf-8")


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    return redirect(static("img/favicon.svg"), permanent=True)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Our own 404 (Django uses it whenever DEBUG is off, as in ``make demo``)."""
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponseServerError:
    """Rendered without a request context: no database, no session, nothing that may be
    what just failed."""
    return HttpResponseServerError(render_to_string("500.html"))
