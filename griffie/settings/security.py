"""Security settings: second factor, session timeouts, login throttling, headers and CSP.

Imported at the end of ``base.py`` so every environment gets them; ``production.py`` adds
the HTTPS-only parts (HSTS, secure cookies, SSL redirect).
"""

from csp.constants import NONE, SELF

from .utils import config

# --- Second factor (django-otp, TOTP) ------------------------------------------------------
OTP_TOTP_ISSUER = config(
    "OTP_TOTP_ISSUER", "Griffie", help_text="Name shown in the authenticator app for TOTP codes."
)
OTP_TOTP_TOLERANCE = 1
CONFIDENTIALITY_ALLOW_SELF_ENROLMENT = config(
    "CONFIDENTIALITY_ALLOW_SELF_ENROLMENT",
    True,
    help_text=(
        "Let a user without any confirmed TOTP device enrol one after the password step. "
        "Switch off once every member has a device; the griffie then enrols devices in admin."
    ),
)

# --- Sessions -------------------------------------------------------------------------------
SESSION_IDLE_TIMEOUT = config(
    "SESSION_IDLE_TIMEOUT",
    30 * 60,
    help_text="Seconds of inactivity after which a user is logged out.",
)
SESSION_ABSOLUTE_TIMEOUT = config(
    "SESSION_ABSOLUTE_TIMEOUT",
    10 * 60 * 60,
    help_text="Seconds after login after which a user is logged out regardless of activity.",
)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# --- Login throttling -----------------------------------------------------------------------
LOGIN_THROTTLE_WINDOW = config(
    "LOGIN_THROTTLE_WINDOW", 15 * 60, help_text="Seconds over which failed logins are counted."
)
LOGIN_THROTTLE_MAX_PER_USER_AND_IP = config(
    "LOGIN_THROTTLE_MAX_PER_USER_AND_IP",
    5,
    help_text="Failed logins for one user name from one address before that pair is locked.",
)
LOGIN_THROTTLE_MAX_PER_IP = config(
    "LOGIN_THROTTLE_MAX_PER_IP",
    20,
    help_text="Failed logins from one address (any user name) before the address is locked.",
)
TRUSTED_PROXIES = config(
    "TRUSTED_PROXIES",
    [],
    help_text=(
        "Comma-separated addresses of reverse proxies whose X-Forwarded-For is believed. "
        "Empty: the client address is always REMOTE_ADDR."
    ),
)

# --- Headers ----------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
