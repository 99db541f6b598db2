"""House style and service pages: theme tokens from settings, our own error pages, the public
secrecy register in reach of search engines, contact details and the accessibility statement."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@override_settings(THEME_PRIMARY_COLOR="#8a1538", THEME_ON_PRIMARY_COLOR="#ffffff")
def test_theme_css_carries_the_municipality_colours(client):
    response = client.get(reverse("theme-css"))
    assert response["Content-Type"].startswith("text/css")
    assert "--griffie-theme-primary: #8a1538;" in response.content.decode()


@override_settings(THEME_PRIMARY_COLOR="#123456;}body{background:url(//evil)")
def test_theme_css_accepts_only_plain_hex_colours(client):
    css = client.get(reverse("theme-css")).content.decode()
    assert "evil" not in css
    assert "--griffie-theme-primary: #1d4f7c;" in css


def test_every_page_links_the_nl_design_system_css_and_the_theme(client):
    page = client.get(reverse("publication:home")).content.decode()
    for href in ("/static/nlds/components.css", "/static/css/tokens.css", reverse("theme-css")):
        assert f'href="{href}"' in page
    assert "/static/img/favicon.svg" in page


def test_the_default_tokens_are_our_own_neutral_set():
    from django.conf import settings

    tokens = (settings.BASE_DIR / "static" / "css" / "tokens.css").read_text()
    assert "EUPL-1.2" in tokens
    assert "utrecht-color-" not in tokens  # no Utrecht brand tokens, only component tokens


@override_settings(DEBUG=False)
def test_unknown_address_shows_our_dutch_404_without_url_patterns(client):
    response = client.get("/bestaat-niet/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Pagina niet gevonden" in page
    assert "URLconf" not in page and "griffie/" not in page.split("<main", 1)[1].split("</main>")[0]
    assert 'class="utrecht-page-header' in page


def test_demo_runs_with_debug_off_so_the_technical_404_never_shows():
    from django.conf import settings

    makefile = (settings.BASE_DIR / "Makefile").read_text()
    demo = makefile.split("\ndemo:", 1)[1].split("\n\n", 1)[0]
    assert "DEBUG=false" in demo and "runserver" in demo


def test_500_page_renders_in_dutch(rf):
    from griffie.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()


def test_favicon_ico_points_to_the_svg(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("img/favicon.svg")


def test_secrecy_register_lives_where_robots_txt_allows_and_is_in_the_navigation(client):
    register = reverse("secrecy-register:register")
    assert register == "/geheimhouding/"
    robots = client.get(reverse("publication:robots")).content.decode()
    disallowed = [
        line.split(":", 1)[1].strip() for line in robots.splitlines() if "Disallow" in line
    ]
    assert not any(register.startswith(path) for path in disallowed)
    home = client.get(reverse("publication:home")).content.decode()
    assert f'href="{register}"' in home
    assert client.get(register).status_code == 200


def test_old_secrecy_register_address_redirects_permanently(client):
    response = client.get("/raadsleden/geheimhouding/?page=2")
    assert response.status_code == 301
    assert response["Location"] == "/geheimhouding/?page=2"


@override_settings(
    GRIFFIE_CONTACT_EMAIL="griffie@raad.example",
    GRIFFIE_CONTACT_PHONE="0113 123 456",
    GRIFFIE_CONTACT_ADDRESS="Raadhuisplein 1\\n1234 AB Dorp",
)
def test_footer_gives_griffie_contact_details_from_settings(client):
    page = client.get(reverse("publication:meetings")).content.decode()
    footer = page.split("<footer", 1)[1]
    assert "mailto:griffie@raad.example" in footer
    assert "0113 123 456" in footer and "Raadhuisplein 1<br>1234 AB Dorp" in footer
    assert reverse("publication:accessibility") in footer


def test_accessibility_statement_is_public_with_breadcrumbs(client):
    page = client.get(reverse("publication:accessibility")).content.decode()
    assert "<h1>Toegankelijkheidsverklaring</h1>" in page
    assert "WCAG" in page
    assert 'aria-label="Kruimelpad"' in page and 'aria-current="page"' in page


def test_menu_button_is_a_disclosure_for_the_main_menu(client):
    page = client.get(reverse("publication:home")).content.decode()
    assert 'aria-controls="site-menu"' in page and 'aria-expanded="false"' in page
    assert 'id="site-menu"' in page


@pytest.mark.parametrize(
    ("kwargs", "shown"),
    [
        ({"griffie": True, "is_staff": True}, False),
        ({"is_staff": True, "is_superuser": True}, True),
    ],
)
def test_beheer_link_only_for_administrators(kwargs, shown):
    client = Client()
    client.force_login(UserFactory(**kwargs))
    page = client.get(reverse("publication:home")).content.decode()
    assert (reverse("admin:index") in page) is shown


@override_settings(
    MUNICIPALITY_NAME="Veere",
    MUNICIPALITY_TOOI="https://identifier.overheid.nl/tooi/id/gemeente/gm0717",
    THEME_LOGO="https://veere.example/logo.svg",
)
def test_municipality_name_tooi_and_logo_come_from_settings(client):
    page = client.get(reverse("publication:home")).content.decode()
    assert "Gemeenteraad Veere" in page
    assert 'content="https://identifier.overheid.nl/tooi/id/gemeente/gm0717"' in page
    assert 'src="https://veere.example/logo.svg"' in page
