"""The page chrome's unchanging parts (``{% unchanging %}``, publication/templatetags/chrome.py)
are written once per process, language and script prefix, and written anew when a setting
changes: the pages say exactly what they said when every part was rendered each time."""

import pytest
from django.template import Context, RequestContext, Template
from django.test import RequestFactory
from django.urls import reverse, set_script_prefix
from django.utils import translation

pytestmark = pytest.mark.django_db

PAGES = [
    "publication:home",
    "publication:incoming",
    "publication:search",
    "publication:accessibility",
]


def test_pages_say_the_same_when_their_chrome_is_reused(client, settings):
    settings.MUNICIPALITY_NAME = "Kwaksaard"  # a changed setting: every part is written anew
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    first = {name: client.get(reverse(name)).content.decode() for name in PAGES}
    for name in PAGES:
        assert client.get(reverse(name)).content.decode() == first[name]
    home = first["publication:home"]
    assert "Gemeenteraad Kwaksaard" in home and 'href="/zoeken/"' in home
    assert "Toegankelijkheidsverklaring" in home and 'rel="alternate"' in home
    settings.MUNICIPALITY_NAME = "Zeedorp"
    again = client.get(reverse("publication:home")).content.decode()
    assert "Gemeenteraad Zeedorp" in again and "Kwaksaard" not in again


def test_a_part_is_kept_per_language_and_script_prefix_and_ignores_the_context(settings):
    settings.MUNICIPALITY_NAME = "Kwaksaard"  # start from nothing written
    template = Template(
        "{% load i18n chrome %}{% unchanging %}{% get_current_language as lang %}{{ lang }} "
        "{% url 'publication:home' %} {{ name }}{% endunchanging %}"
    )
    request = RequestFactory().get("/")

    def render(name: str) -> str:
        return template.render(RequestContext(request, {"name": name}))

    assert render("a") == "nl / a"
    # Written once: a value from the context is not looked at again (never put one inside).
    assert render("b") == "nl / a"
    with translation.override("en"):
        assert render("c") == "en / c"
    set_script_prefix("/raad/")
    try:
        assert render("d") == "nl /raad/ d"
    finally:
        set_script_prefix("/")
    settings.MUNICIPALITY_NAME = "Zeedorp"
    assert render("e") == "nl / e"
    # Without a request (no context processors) nothing is kept, nor taken.
    assert template.render(Context({"name": "f"})) == "nl / f"
    assert template.render(Context({"name": "g"})) == "nl / g"
    assert render("h") == "nl / e"
