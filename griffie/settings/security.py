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
# Nobody enrols a device by password alone: the griffie or an admin issues a one-time
# activation (link), stored hashed, that expires (docs/adr/0004-second-factor.md).
SECOND_FACTOR_ACTIVATION_HOURS = config(
    "SECOND_FACTOR_ACTIVATION_HOURS",
    72,
    help_text="Hours an activation link for the second factor stays valid.",
)
SECOND_FACTOR_BACKUP_CODES = 10
# Every URL under these prefixes needs a session that passed the second factor, whatever
# the view (confidentiality.middleware.SecondFactorMiddleware); the admin has OTPAdminSite.
SECOND_FACTOR_REQUIRED_PREFIXES = ("/griffie/", "/raadsleden/")
SECOND_FACTOR_EXEMPT_URL_NAMES = (
    "confidentiality:otp-verify",
    "confidentiality:otp-activate",
    "confidentiality:otp-setup",
    "confidentiality:register",
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

# --- Login throttling (django-axes) ---------------------------------------------------------
# Lock a user name *from one address* only: behind a proxy every client may share one
# address, and an address-wide lock would let 20 failures lock everybody out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = config(
    "AXES_FAILURE_LIMIT",
    5,
    help_text="Failed logins for one user name from one address before that pair is locked.",
)
AXES_COOLOFF_TIME = (
    config(
        "AXES_COOLOFF_MINUTES", 15, help_text="Minutes a locked user name and address stay locked."
    )
    / 60
)
AXES_RESET_ON_SUCCESS = True
# Not verbose: otherwise every process, every management command included, logs
# "AXES: BEGIN ..." on start-up. Lockouts are still logged (with the lockout parameters).
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The address: REMOTE_ADDR, or what a trusted proxy saw (never a client-written header).
AXES_CLIENT_IP_CALLABLE = "confidentiality.net.client_ip"
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
