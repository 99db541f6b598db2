"""The second factor: who must pass it, activation by the griffie or an admin, enrolment,
backup codes and the reset after a lost device (docs/adr/0004-second-factor.md).

- Enrolment needs an activation the griffie or an admin issued: a one-time token that
  expires (``SECOND_FACTOR_ACTIVATION_HOURS``), stored as a SHA-256 hash, shown once.
- The TOTP device is created only on POST, after the activation was redeemed by the same
  user's password session; the key travels in the session until then, never in the database.
- Backup codes (``BackupCodes``, a django-otp device): shown once, each works once, only their
  hashes stored.
- Issuing an activation and resetting a device are written to the access log.
"""

import base64
import math
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext
from django_otp import devices_for_user
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from people.roles import is_griffie, is_second_factor_verified

from .models import (
    AccessLog,
    AccessResult,
    Activation,
    BackupCode,
    BackupCodes,
    hash_activation_token,
    hash_backup_code,
    new_backup_code,
)
from .net import client_ip, user_agent

ACTIVATION_SESSION_KEY = "_second_factor_activation"
PENDING_KEY_SESSION_KEY = "_second_factor_pending_key"


@dataclass(frozen=True)
class IssuedActivation:
    activation: Activation
    token: str  # shown once; only its hash is stored

    @property
    def path(self) -> str:
        return reverse("confidentiality:otp-activate", args=[self.token])


def log_event(
    request: HttpRequest | None,
    action: str,
    *,
    actor: User | None = None,
    subject: User | None = None,
    reason: str = "",
) -> AccessLog:
    """An access-log line for an event about a user's second factor (opaque ids only)."""
    if actor is None and request is not None and request.user.is_authenticated:
        actor = request.user
    return AccessLog.objects.create(
        actor=actor,
        actor_name=actor.get_username() if actor else "",
        action=action,
        object_type="user" if subject is not None else "",
        object_id=str(subject.pk) if subject is not None else "",
        result=AccessResult.ALLOWED,
        reason=reason[:50],
        ip=client_ip(request) if request is not None else None,
        user_agent=user_agent(request) if request is not None else "",
    )


def may_issue(actor: User, user: User | AnonymousUser) -> bool:
    """The griffie (after its own second factor) issues activations for anyone but
    superusers; a verified superuser (admin, or ``manage.py issue_activation``) for anyone."""
    if not is_second_factor_verified(actor) or not user.is_active:
        return False
    if actor.is_superuser:
        return True
    return is_griffie(actor) and not user.is_superuser


def has_second_factor(user: User | AnonymousUser) -> bool:
    return any(devices_for_user(user, confirmed=True))


@transaction.atomic
def issue_activation(
    user: User,
    *,
    issued_by: User | None = None,
    request: HttpRequest | None = None,
    reset: bool = False,
) -> IssuedActivation:
    """A new one-time activation for ``user``; earlier unused ones stop working.

    ``reset=True`` is the procedure for a lost device: every device of the user (TOTP and
    backup codes) is deleted at once, so the lost phone opens nothing any more."""
    now = timezone.now()
    Activation.objects.filter(user=user).usable(now).update(revoked_at=now)
    if reset:
        for device in devices_for_user(user, confirmed=None):
            device.delete()
    token = secrets.token_urlsafe(32)
    activation = Activation.objects.create(
        user=user,
        token_hash=hash_activation_token(token),
        issued_by=issued_by,
        is_reset=reset,
        expires_at=now + timedelta(hours=settings.SECOND_FACTOR_ACTIVATION_HOURS),
    )
    log_event(
        request,
        "second_factor_reset" if reset else "activation_issued",
        actor=issued_by,
        subject=user,
    )
    return IssuedActivation(activation, token)


def find_activation(user: User | AnonymousUser, token: str) -> Activation | None:
    """The usable activation of ``user`` with this token, else None (expired, used, revoked,
    or someone else's: all look the same)."""
    if not token or not user.is_authenticated:
        return None
    return (
        Activation.objects.usable()
        .filter(user=user, token_hash=hash_activation_token(token))
        .first()
    )


def new_pending_key() -> str:
    """A fresh TOTP key (hex, as django-otp stores it), kept in the session until POST."""
    return secrets.token_hex(20)


def base32_key(hex_key: str) -> str:
    """The key as authenticator apps want it typed: base32, in groups of four."""
    text = base64.b32encode(bytes.fromhex(hex_key)).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def config_url(user: User | AnonymousUser, hex_key: str) -> str:
    """otpauth:// URL for the QR code, built by django-otp from an unsaved device."""
    return TOTPDevice(user=user, name="authenticator", key=hex_key).config_url


def totp_matches(hex_key: str, token: str) -> bool:
    """Does ``token`` fit the pending key? (No device exists yet, so nothing is saved.)"""
    if not token.isdigit():
        return False
    totp = TOTP(bytes.fromhex(hex_key))
    totp.time = time.time()
    return totp.verify(int(token), settings.OTP_TOTP_TOLERANCE)


@transaction.atomic
def enrol(
    user: User,
    activation: Activation,
    hex_key: str,
    *,
    request: HttpRequest | None = None,
) -> tuple[TOTPDevice, list[str]]:
    """Redeem ``activation`` and create the user's devices: the TOTP device (with the key the
    user just proved to hold) and fresh backup codes. Old devices are replaced. Returns the
    TOTP device and the backup codes, which are shown once and never again."""
    activation = Activation.objects.select_for_update().get(pk=activation.pk)
    if activation.redeemed_at or activation.revoked_at or activation.expires_at <= timezone.now():
        raise ValueError("activation no longer usable")
    activation.redeemed_at = timezone.now()
    activation.save(update_fields=["redeemed_at"])
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    totp = TOTPDevice.objects.create(
        user=user, name="authenticator", key=hex_key, confirmed=True, tolerance=1
    )
    codes = new_backup_codes(user)
    log_event(request, "second_factor_enrolled", actor=user, subject=user)
    return totp, codes


def new_backup_codes(user: User | AnonymousUser) -> list[str]:
    """Replace the user's backup codes with fresh ones (each works once)."""
    BackupCodes.objects.filter(user=user).delete()
    device = BackupCodes.objects.create(user=user, name="backup", confirmed=True)
    codes = [new_backup_code() for _ in range(settings.SECOND_FACTOR_BACKUP_CODES)]
    BackupCode.objects.bulk_create(
        [BackupCode(device=device, code_hash=hash_backup_code(code)) for code in codes]
    )
    return codes


def verify(user: User | AnonymousUser, token: str) -> Device | None:
    """The confirmed device of ``user`` that accepts ``token`` (TOTP code or backup code),
    or None. django-otp throttles wrong guesses per device; a backup code is used up."""
    token = "".join(token.split())
    for device in devices_for_user(user, confirmed=True):
        if device.verify_is_allowed()[0] and device.verify_token(token):
            return device
    return None


def seconds_to_wait(user: User | AnonymousUser, now: datetime | None = None) -> int:
    """How many seconds django-otp still refuses every code of ``user`` after wrong codes
    (its throttle doubles the wait with each failure): 0 when a code is checked now. Even the
    right code is refused while this is above 0."""
    now = now or timezone.now()
    waits = [0]
    for device in devices_for_user(user, confirmed=True):
        allowed, data = device.verify_is_allowed()
        if not allowed and data and data.get("locked_until"):
            waits.append(math.ceil((data["locked_until"] - now).total_seconds()))
    return max(waits)


def wait_text(seconds: int) -> str:
    """How long to wait, for the messages: "30 seconden", "2 minuten"."""
    if seconds < 120:
        return ngettext("%(n)d seconde", "%(n)d seconden", seconds) % {"n": seconds}
    minutes = math.ceil(seconds / 60)
    return ngettext("%(n)d minuut", "%(n)d minuten", minutes) % {"n": minutes}


def demo_enrol(user: User | AnonymousUser) -> tuple[str, list[str]]:
    """Demo data only (``load_demo_data`` with DEBUG on): a ready device whose key is printed
    on the console, so a demo user can add it to an app at once. Refused outside DEBUG:
    a production install enrols through activations only."""
    if not settings.DEBUG:
        raise RuntimeError("pre-enrolled devices exist for the demo only (DEBUG)")
    key = new_pending_key()
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    TOTPDevice.objects.create(user=user, name="demo", key=key, confirmed=True)
    return base32_key(key), new_backup_codes(user)
