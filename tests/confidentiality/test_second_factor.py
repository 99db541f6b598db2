"""Issue 9: the second factor is enrolled only through an activation the griffie or an admin
issues; backup codes work once; a lost device is reset (and logged); every griffie screen
needs the second factor; the admin too."""

import base64
import io
import re
from datetime import timedelta

import pymupdf
import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_otp.oath import TOTP, totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from confidentiality import second_factor
from confidentiality.models import (
    AccessLog,
    Activation,
    BackupCode,
    BackupCodes,
    WatermarkIssue,
    hash_backup_code,
)
from documents.models import FileKind
from tests.confidentiality.helpers import verify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def code_for_base32(text: str) -> str:
    key = base64.b32decode(text.replace(" ", "") + "=" * (-len(text.replace(" ", "")) % 8))
    return f"{TOTP(key).token():06d}"


def shown_key(page) -> str:
    return re.search(rb'data-testid="manual-key">([A-Z2-7 ]+)<', page.content).group(1).decode()


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)  # the password step only
    return client


def enrol_through(client, path: str):
    """Follow an activation link to the end; returns the final response."""
    assert client.get(path)["Location"] == reverse("confidentiality:otp-setup")
    page = client.get(reverse("confidentiality:otp-setup"))
    return client.post(
        reverse("confidentiality:otp-setup"), {"token": code_for_base32(shown_key(page))}
    )


# --- activation and enrolment ---------------------------------------------------------------
def test_enrolment_through_an_activation_issued_by_the_griffie(world):
    user, griffie = world.users["college"], world.users["griffie"]
    issued = second_factor.issue_activation(user, issued_by=griffie)
    client = logged_in(user)

    assert client.get(issued.path)["Location"] == reverse("confidentiality:otp-setup")
    page = client.get(reverse("confidentiality:otp-setup"))
    key = shown_key(page)
    assert re.fullmatch(r"[A-Z2-7]{4}( [A-Z2-7]{1,4})+", key)  # base32, not hex
    assert b"<svg" in page.content
    assert not TOTPDevice.objects.filter(user=user).exists()  # GET creates nothing

    wrong = client.post(reverse("confidentiality:otp-setup"), {"token": "000000"})
    assert wrong.status_code == 200 and not TOTPDevice.objects.filter(user=user).exists()
    done = client.post(reverse("confidentiality:otp-setup"), {"token": code_for_base32(key)})

    device = TOTPDevice.objects.get(user=user, confirmed=True)
    assert base64.b32encode(device.bin_key).decode().rstrip("=") == key.replace(" ", "")
    codes = re.findall(rb"<li><code>([a-z2-7]{4}(?:-[a-z2-7]{4}){3})</code></li>", done.content)
    assert len(codes) == 10
    assert BackupCode.objects.filter(device__user=user).count() == 10
    assert client.get(reverse("confidentiality:index")).status_code == 200
    assert AccessLog.objects.filter(action="activation_issued", actor=griffie).exists()
    assert AccessLog.objects.filter(action="second_factor_enrolled", actor=user).exists()
    # The link worked once.
    again = logged_in(user)
    assert again.get(issued.path)["Location"] == reverse("confidentiality:otp-verify")
    assert again.get(reverse("confidentiality:otp-setup"))["Location"] == reverse(
        "confidentiality:otp-verify"
    )


def test_the_activation_token_is_stored_hashed_only(world):
    issued = second_factor.issue_activation(world.users["college"])
    stored = Activation.objects.get()
    assert issued.token not in stored.token_hash and len(stored.token_hash) == 64


def test_an_expired_activation_does_not_work(world):
    user = world.users["college"]
    issued = second_factor.issue_activation(user)
    Activation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    client = logged_in(user)
    assert client.get(issued.path)["Location"] == reverse("confidentiality:otp-verify")
    assert client.get(reverse("confidentiality:otp-setup"))["Location"] == reverse(
        "confidentiality:otp-verify"
    )


def test_an_activation_works_only_for_the_user_it_was_issued_to(world):
    issued = second_factor.issue_activation(world.users["college"])
    thief = logged_in(world.users["other_commissie"])
    assert thief.get(issued.path)["Location"] == reverse("confidentiality:otp-verify")
    assert thief.get(reverse("confidentiality:otp-setup")).status_code == 302
    assert Activation.objects.get().redeemed_at is None


def test_an_activation_needs_the_password_first(world):
    issued = second_factor.issue_activation(world.users["college"])
    response = Client().get(issued.path)
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_typed_activation_code_works_like_the_link(world):
    user = world.users["college"]
    issued = second_factor.issue_activation(user)
    client = logged_in(user)
    response = client.post(reverse("confidentiality:otp-activate"), {"code": issued.token})
    assert response["Location"] == reverse("confidentiality:otp-setup")


def test_no_self_enrolment_with_the_password_alone(world):
    user = world.users["college"]
    client = logged_in(user)
    page = client.get(reverse("confidentiality:otp-verify"))
    assert page.status_code == 200 and b"activeringslink" in page.content
    setup = client.get(reverse("confidentiality:otp-setup"))
    assert setup["Location"] == reverse("confidentiality:otp-verify")
    client.post(reverse("confidentiality:otp-setup"), {"token": "123456"})
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert client.get(reverse("confidentiality:index")).status_code == 302


def test_a_new_activation_revokes_the_earlier_one(world):
    user = world.users["college"]
    first = second_factor.issue_activation(user)
    second_factor.issue_activation(user)
    assert logged_in(user).get(first.path)["Location"] == reverse("confidentiality:otp-verify")


# --- backup codes ---------------------------------------------------------------------------
def test_a_backup_code_works_once(world, settings):
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    user = world.users["raadslid"]
    TOTPDevice.objects.create(user=user, name="telefoon", confirmed=True)
    codes = second_factor.new_backup_codes(user)
    client = logged_in(user)
    ok = client.post(reverse("confidentiality:otp-verify"), {"token": codes[0].upper()})
    assert ok.status_code == 302
    assert client.get(reverse("confidentiality:secret-list")).status_code == 200
    again = logged_in(user)
    refused = again.post(reverse("confidentiality:otp-verify"), {"token": codes[0]})
    assert refused.status_code == 200
    assert again.get(reverse("confidentiality:secret-list")).status_code == 302


def test_a_copy_of_the_database_holds_no_backup_code_only_its_hash(world):
    user = world.users["raadslid"]
    codes = second_factor.new_backup_codes(user)
    stored = set(BackupCode.objects.filter(device__user=user).values_list("code_hash", flat=True))
    assert stored == {hash_backup_code(code) for code in codes}
    for code in codes:
        assert code not in stored and code.replace("-", "") not in stored
        assert len(code.replace("-", "")) == 16  # 80 random bits: no guessing from the hash


def test_a_backup_code_may_be_typed_in_capitals_with_spaces_instead_of_hyphens(world, settings):
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    user = world.users["raadslid"]
    code = second_factor.new_backup_codes(user)[3]
    client = logged_in(user)
    typed = code.upper().replace("-", " ")
    assert client.post(reverse("confidentiality:otp-verify"), {"token": typed}).status_code == 302
    assert BackupCode.objects.filter(device__user=user).count() == 9


def test_a_wrong_backup_code_counts_towards_the_throttle(world):
    user = world.users["raadslid"]
    second_factor.new_backup_codes(user)
    assert second_factor.verify(user, "aaaa-bbbb-cccc-dddd") is None
    device = BackupCodes.objects.get(user=user)
    assert device.throttling_failure_count == 1
    assert BackupCode.objects.filter(device=device).count() == 10


# --- reset after a lost device --------------------------------------------------------------
def test_reset_of_a_lost_device_by_the_griffie_is_logged_and_kills_the_old_device(world):
    user, griffie = world.users["raadslid"], world.users["griffie"]
    old = TOTPDevice.objects.create(user=user, name="oude telefoon", confirmed=True)
    second_factor.new_backup_codes(user)
    manager = verify(Client(), griffie)
    page = manager.post(reverse("confidentiality:second-factor"), {"user": user.pk, "reset": "on"})
    link = re.search(rb'data-testid="activation-link">([^<]+)<', page.content).group(1).decode()

    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    assert not BackupCodes.objects.filter(user=user).exists()
    entry = AccessLog.objects.get(action="second_factor_reset")
    assert entry.actor == griffie and entry.object_id == str(user.pk)
    # The lost phone's code opens nothing; the new activation does.
    client = logged_in(user)
    client.post(reverse("confidentiality:otp-verify"), {"token": f"{totp(old.bin_key):06d}"})
    assert client.get(reverse("confidentiality:secret-list")).status_code == 302
    done = enrol_through(client, link.replace("http://testserver", ""))
    assert done.status_code == 200
    assert client.get(reverse("confidentiality:secret-list")).status_code == 200


def test_only_the_verified_griffie_issues_activations_and_never_for_a_superuser(world):
    target = world.users["raadslid"]
    member = verify(Client(), world.users["college"])
    url = reverse("confidentiality:second-factor")
    assert member.post(url, {"user": target.pk}).status_code == 404
    password_only = logged_in(world.users["griffie"])
    assert password_only.post(url, {"user": target.pk}).status_code == 302
    griffie = verify(Client(), world.users["griffie"])
    assert griffie.post(url, {"user": world.users["superuser"].pk}).status_code == 404
    assert not Activation.objects.exists()


def test_issue_activation_command_bootstraps_the_first_admin(db):
    admin = UserFactory(username="beheerder", is_staff=True, is_superuser=True)
    out = io.StringIO()
    call_command("issue_activation", "beheerder", stdout=out)
    path = re.search(r"https?://[^/]+(/\S+)", out.getvalue()).group(1)
    client = logged_in(admin)
    assert enrol_through(client, path).status_code == 200
    assert client.get(reverse("admin:index")).status_code == 200
    assert AccessLog.objects.filter(action="activation_issued", object_id=str(admin.pk)).exists()


# --- the griffie's screens ------------------------------------------------------------------
def _griffie_urls(world):
    """Every URL pattern under /griffie/, whatever app serves it, with sample arguments."""
    document = world.documents["geheim"]
    original = document.files.get(kind=FileKind.ORIGINAL)
    values = {"pk": document.pk, "file_pk": original.pk, "page": 0}

    def walk(patterns, prefix=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                yield prefix + str(entry.pattern)

    for route in walk(get_resolver().url_patterns):
        if not route.startswith("griffie/"):
            continue
        path = re.sub(
            r"<(?:\w+:)?(\w+)>", lambda m: str(values.get(m.group(1), 1)), route.lstrip("^")
        )
        yield "/" + path.replace("\\", "").rstrip("$")


def test_a_griffie_session_without_the_second_factor_is_sent_to_verify_on_every_url(world):
    urls = list(_griffie_urls(world))
    assert len(urls) >= 10 and any("/bestanden/" in u for u in urls)
    client = logged_in(world.users["griffie"])
    for url in urls:
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, (url, response.status_code)
            assert response["Location"].startswith(reverse("confidentiality:otp-verify")), url
            assert b"%PDF" not in response.content
    assert not WatermarkIssue.objects.exists()


def test_the_griffie_reads_of_secret_documents_are_logged_and_downloads_watermarked(world):
    document = world.documents["geheim"]
    griffie = world.users["griffie"]
    client = verify(Client(), griffie)
    assert client.get(reverse("documents:detail", args=[document.pk])).status_code == 200
    original = document.files.get(kind=FileKind.ORIGINAL)
    response = client.get(reverse("documents:file", args=[document.pk, original.pk]))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    issue = WatermarkIssue.objects.get(user=griffie)
    text = "".join(page.get_text() for page in pymupdf.open(stream=response.content))
    assert "GEHEIM" in text and issue.code in text
    actions = set(
        AccessLog.objects.filter(actor=griffie, object_id=str(document.uuid)).values_list(
            "action", flat=True
        )
    )
    assert {"griffie_view", "griffie_download"} <= actions


def test_the_griffie_reads_of_vertrouwelijk_documents_are_logged_unwatermarked(world):
    document = world.documents["vertrouwelijk"]
    client = verify(Client(), world.users["griffie"])
    original = document.files.get(kind=FileKind.ORIGINAL)
    response = client.get(reverse("documents:file", args=[document.pk, original.pk]))
    assert response.status_code == 200 and not WatermarkIssue.objects.exists()
    assert AccessLog.objects.filter(
        action="griffie_download", object_id=str(document.uuid), reason="griffie_vertrouwelijk"
    ).exists()


# --- demo data ------------------------------------------------------------------------------
def _demo_second_factor(settings, debug: bool) -> str:
    from devtools.demo_data import DemoLogin
    from devtools.management.commands.load_demo_data import Command

    settings.DEBUG = debug
    UserFactory(username="raadslid")
    out = io.StringIO()
    Command(stdout=out)._second_factor([DemoLogin("raadslid", "x", "raadslid")])
    return out.getvalue()


def test_demo_without_debug_prints_activation_links_and_enrols_nobody(db, settings):
    output = _demo_second_factor(settings, debug=False)
    assert "/raadsleden/tweestapsverificatie/activeren/" in output
    assert not TOTPDevice.objects.exists()
    with pytest.raises(RuntimeError):
        second_factor.demo_enrol(UserFactory())


def test_demo_with_debug_prints_a_working_base32_key(db, settings):
    output = _demo_second_factor(settings, debug=True)
    key = re.search(r"sleutel ([A-Z2-7 ]+?)  reserve", output).group(1)
    device = TOTPDevice.objects.get(user__username="raadslid")
    assert device.verify_token(code_for_base32(key))


def test_codes_issued_before_hashing_keep_working_after_the_migration(world, settings):
    """The migration moves each readable django-otp static token as its hash."""
    import importlib

    from django.apps import apps
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    user = world.users["raadslid"]
    static = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
    StaticToken.objects.bulk_create(
        StaticToken(device=static, token=t) for t in ("k4j2m7qa", "zz22yy33")
    )
    migration = importlib.import_module("confidentiality.migrations.0005_backup_codes_hashed")
    migration.hash_existing_codes(apps, None)

    assert not StaticDevice.objects.exists()
    assert "k4j2m7qa" not in set(BackupCode.objects.values_list("code_hash", flat=True))
    assert second_factor.verify(user, "K4J2 M7QA") is not None
    assert second_factor.verify(user, "k4j2m7qa") is None  # used up
