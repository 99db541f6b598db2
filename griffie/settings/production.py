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

# Production always shares one Redis cache between the web processes: a page cached or a
# throttle counted by one worker holds for all (the connection opens on first use).
CACHE_URL = config(
    "CACHE_URL",
    "redis://127.0.0.1:6379/1",
    help_text="Redis database for the shared cache (not the broker's database).",
)
CACHES = caches_for(CACHE_URL)  # noqa: F405
