"""Production: PostgreSQL, Redis, a separate worker, and every security header on."""

from .base import *  # noqa: F403
from .utils import config

SECRET_KEY = config("SECRET_KEY", help_text="Django secret key.")
DEBUG = False
SECURE_SSL_REDIRECT = config("SECURE_SSL_REDIRECT", True, help_text="Redirect HTTP to HTTPS.")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
