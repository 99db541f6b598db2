"""Issue 17: English was left on screen: "Person" on the exclusions screen, and in the admin
"Body", "Access attempts/failures/logs", "TOTP devices", "Static devices" and "OTP Token".
django-axes and django-otp ship no Dutch: locale/nl holds their messages, compiled and
committed so a fresh clone shows Dutch without GNU gettext."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.confidentiality.helpers import verify

pytestmark = pytest.mark.django_db

ENGLISH = (
    "Person",
    "Body",
    "Access attempts",
    "Access failures",
    "Access logs",
    "TOTP devices",
    "Static devices",
    "OTP Token",
)


def _visible_text(html: bytes) -> str:
    text = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html.decode(), flags=re.S)
    return re.sub(r"<[^>]+>", " ", text)


def test_the_exclusions_screen_names_the_person_in_dutch(world):
    client = verify(Client(), world.users["griffie"])
    text = _visible_text(client.get(reverse("confidentiality:exclusions")).content)
    assert "Raadslid of commissielid" in text
    assert not re.search(r"\bPerson\b", text)


def test_the_admin_index_has_no_english_model_names(world):
    client = verify(Client(), world.users["superuser"])
    text = _visible_text(client.get(reverse("admin:index")).content)
    for english in ENGLISH:
        assert not re.search(rf"\b{english}\b", text, flags=re.I), english
    for dutch in ("Inlogpogingen", "Mislukte inlogpogingen", "Inlogregistraties"):
        assert dutch in text
    assert "Authenticator-apps" in text and "Reservecodes" in text


def test_the_admin_membership_and_meeting_forms_say_orgaan(world):
    client = verify(Client(), world.users["superuser"])
    for url in (
        reverse("admin:people_body_change", args=[world.raad.pk]),
        reverse("admin:meetings_meeting_add"),
        reverse("admin:people_person_add"),
    ):
        text = _visible_text(client.get(url).content)
        assert not re.search(r"\b(Body|Person|Meeting)\b", text), url
        assert re.search(r"Persoon|Orgaan|Fractie", text), url


def test_the_admin_login_asks_for_the_code_in_dutch(world):
    text = _visible_text(Client().get(reverse("admin:login")).content)
    assert "Code tweede factor" in text
    assert "OTP Token" not in text


def _po_entries(path: Path) -> dict[str, str]:
    """msgid → first msgstr of a .po file (plural entries keyed by the singular)."""
    entries, key, current, field = {}, None, {}, None
    for line in [*path.read_text().splitlines(), ""]:
        if not line.strip() or line.startswith("#"):
            if current.get("msgid"):
                entries[current["msgid"]] = current.get("msgstr", current.get("msgstr[0]", ""))
            current, field = ({}, None) if not line.strip() else (current, field)
            continue
        match = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
        if match:
            field, key = match.group(1), match.group(2)
            current[field] = key
        else:
            current[field] += re.match(r'^"(.*)"$', line).group(1)
    return entries


def test_the_committed_dutch_catalog_is_compiled_from_the_po_file():
    folder = Path(settings.LOCALE_PATHS[0]) / "nl" / "LC_MESSAGES"
    entries = _po_entries(folder / "django.po")
    assert entries, "no messages in the .po file"
    with (folder / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    for msgid, msgstr in entries.items():
        assert compiled.gettext(msgid) == msgstr, f"django.mo is older than django.po: {msgid}"
