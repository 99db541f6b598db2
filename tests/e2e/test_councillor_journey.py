"""A councillor's journey in a real browser: the griffie issues an activation, the
councillor sets up the app and receives backup codes, reads a vertrouwelijk original and a
watermarked geheim download — and after the raad excludes them, the same pages refuse."""

import base64
import datetime

import pymupdf
import pytest
from django.utils import timezone
from django_otp.oath import TOTP

from confidentiality import second_factor
from confidentiality.models import Authority, Exclusion, WooGround
from confidentiality.service import impose_secrecy
from people.models import BodyKind
from people.service import create_body
from tests.confidentiality.helpers import member, stored_document
from tests.e2e.conftest import log_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def code_for(base32_key: str) -> str:
    key = base32_key.replace(" ", "")
    return f"{TOTP(base64.b32decode(key + '=' * (-len(key) % 8))).token():06d}"


def test_councillor_reads_downloads_and_is_refused_after_exclusion(page, tmp_path):
    raad = create_body("Gemeenteraad", BodyKind.RAAD)
    user = UserFactory(username="raadslid", first_name="Anouk", last_name="Geelhoed", raadslid=True)
    person = member(user, raad)
    griffie = UserFactory(username="griffier", griffie=True)
    activation = second_factor.issue_activation(user, issued_by=griffie)
    letter = stored_document("Klacht over geluidsoverlast", sender_name="Piet Jansen")
    secret = stored_document("Grondaankoop Wissenkerke")
    impose_secrecy(
        title="Grondaankoop Wissenkerke",
        imposed_by=Authority.COLLEGE,
        ground=WooGround.L2B,
        provided_to=[raad],
        documents=[secret],
        reference="B&W 2026-112",
    )

    log_in(page, "raadslid", "geheim-wachtwoord-123")
    # No device yet: the password alone leads to a request for an activation, not a QR code.
    page.get_by_text("Dat kan alleen met een activeringslink").wait_for()
    page.goto(activation.path)
    key = page.get_by_test_id("manual-key").inner_text()
    page.get_by_label("Code uit uw authenticator-app").fill(code_for(key))
    page.get_by_role("button", name="Koppelen").click()
    assert page.get_by_test_id("backup-codes").locator("li").count() == 10
    page.get_by_role("link", name="Verder").click()

    page.goto("/raadsleden/vertrouwelijk/")
    page.get_by_role("link", name="Klacht over geluidsoverlast").click()
    assert "VERTROUWELIJK" in page.content()

    page.goto("/raadsleden/geheim/")
    page.get_by_role("link", name="Grondaankoop Wissenkerke").first.click()
    secret_url = page.url
    assert "GEHEIM" in page.content()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download (PDF met watermerk)").click()
    path = tmp_path / "geheim.pdf"
    download_info.value.save_as(path)
    watermark = "".join(p.get_text() for p in pymupdf.open(path))
    assert "GEHEIM" in watermark
    assert "Anouk Geelhoed" in watermark or "raadslid" in watermark

    # The raad excludes the councillor for breaching secrecy (registered by the griffie).
    today = timezone.localdate()
    Exclusion.objects.create(
        person=person,
        decision_reference="Raadsbesluit 2026-45",
        start=today,
        end=today + datetime.timedelta(days=60),
    )
    page.goto("/raadsleden/geheim/")
    assert "Grondaankoop Wissenkerke" not in page.content()
    assert "Raadsbesluit 2026-45" in page.content()
    response = page.goto(secret_url)
    assert response.status == 404
    assert letter.subject  # vertrouwelijk (non-secret) reading is not part of the exclusion
