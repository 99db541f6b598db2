"""Issue 17: the 404 page used the internal header. It now has exactly the public site's
header as an anonymous visitor sees it, for everyone: never the griffie's or a member's
menu, so a 404 looks the same whoever asks."""

import re

import pytest
from django.test import Client, override_settings

from tests.confidentiality.helpers import verify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _header(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.search(r"<header.*?</header>", html, re.S).group(0))


@override_settings(DEBUG=False)
def test_the_404_has_the_public_header_of_an_anonymous_visitor():
    anonymous = Client()
    public = _header(anonymous.get("/"))
    missing = anonymous.get("/bestaat-niet/")
    assert missing.status_code == 404
    assert _header(missing) == public
    assert "Inloggen" in public and "Vergaderingen" in public


@override_settings(DEBUG=False)
@pytest.mark.parametrize("url", ["/bestaat-niet/", "/griffie/stukken/999999/"])
def test_a_logged_in_griffie_user_gets_no_internal_menu_on_a_404(url):
    public = _header(Client().get("/"))
    griffie = verify(Client(), UserFactory(griffie=True))
    assert "Postkamer" in _header(griffie.get("/"))  # the internal menu exists…
    missing = griffie.get(url)
    assert missing.status_code == 404
    header = _header(missing)
    assert header == public  # …but not on the 404
    assert "Postkamer" not in header and "Uitloggen" not in header
