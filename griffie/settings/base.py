"""Settings shared by every environment. Environment files override; never secrets here."""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab

from .utils import config

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = config(
    "SECRET_KEY",
    "insecure-dev-key-change-me",
    help_text="Django secret key; required in production.",
)
DEBUG = config("DEBUG", False, help_text="Django debug mode. Never in production.")
ALLOWED_HOSTS = config(
    "ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"], help_text="Comma-separated host names."
)
CSRF_TRUSTED_ORIGINS = config("CSRF_TRUSTED_ORIGINS", [], help_text="Comma-separated origins.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "guardian",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "django_filters",
    "people",
    "meetings",
    "documents",
    "publication",
    "confidentiality",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # An anonymous visitor's public page from the page cache, before everything below
    # (publication/cache.py).
    "publication.cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "confidentiality.middleware.SessionTimeoutMiddleware",
    "confidentiality.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # What browsers and shared caches may keep, for every response (publication/cache.py).
    "publication.cache.CachePolicyMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "griffie.urls"
WSGI_APPLICATION = "griffie.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "griffie.context_processors.site",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------
DATABASE_URL = config(
    "DATABASE_URL",
    f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
    help_text="postgres://user@host:5432/name for PostgreSQL; SQLite file by default.",
)
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication -----------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "confidentiality.auth.AxesBackend",  # django-axes login throttling, first so it can refuse
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
ANONYMOUS_USER_NAME = None  # guardian: the public has no object permissions at all
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home-after-login"
LOGOUT_REDIRECT_URL = "publication:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Internationalisation -----------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# One way to write dates on every screen (griffie/formats/nl/formats.py).
FORMAT_MODULE_PATH = ["griffie.formats"]

# --- Static files and stored documents ----------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Every stored document (originals and derived files) lives outside any public path and is
# served only through views that check who may see it: there is no MEDIA_URL on purpose.
PRIVATE_MEDIA_ROOT = Path(
    config(
        "PRIVATE_MEDIA_ROOT",
        str(BASE_DIR / "var" / "private_media"),
        help_text="Folder for originals and derived files; never served directly.",
    )
)
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": "/not-served/"},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Several machines (web and worker nodes) need no shared disk when the documents live in
# S3-compatible object storage (MinIO, or a provider's). The code reaches files only
# through Django's storage API, so nothing else changes.
DOCUMENT_STORAGE = config(
    "DOCUMENT_STORAGE", "filesystem", help_text="'filesystem' (PRIVATE_MEDIA_ROOT) or 's3'."
)
if DOCUMENT_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": config("S3_BUCKET", "griffie-documents", help_text="Bucket name."),
            "endpoint_url": config(
                "S3_ENDPOINT_URL", "", help_text="e.g. http://minio:9000; empty for AWS."
            )
            or None,
            "region_name": config("S3_REGION", "", help_text="Region, if any.") or None,
            "access_key": config("S3_ACCESS_KEY", "", help_text="Access key id."),
            "secret_key": config("S3_SECRET_KEY", "", help_text="Secret access key."),
            # Private: every file is served through views that check access, never by URL.
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
            "addressing_style": "path",
        },
    }
WHITENOISE_MAX_AGE = 3600

DOCUMENT_MAX_UPLOAD_SIZE = config(
    "DOCUMENT_MAX_UPLOAD_SIZE",
    100 * 1024 * 1024,
    help_text="Largest file accepted at intake, in bytes (100 MB by default).",
)
DATA_UPLOAD_MAX_NUMBER_FILES = 50
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Celery -------------------------------------------------------------------------------
CELERY_BROKER_URL = config(
    "CELERY_BROKER_URL",
    "",
    help_text="redis://127.0.0.1:6379/0 to use a worker; empty runs tasks in-process.",
)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# Do not lose work: acknowledge after the task ran, requeue when a worker dies, take one
# task at a time. The time limits are not CELERY_ settings on purpose: Celery would write
# the sender's values into every message. The tasks read them where they are defined
# (documents/tasks.py), so the worker's own configuration decides.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
TASK_SOFT_TIME_LIMIT = config(
    "CELERY_TASK_SOFT_TIME_LIMIT", 600, help_text="Seconds before a task is asked to stop."
)
TASK_TIME_LIMIT = config(
    "CELERY_TASK_TIME_LIMIT", 660, help_text="Seconds before a task's process is killed."
)
# A task whose worker vanished (main process killed, machine gone) is handed out again after
# this many seconds; it must exceed the hard limit, or a live run would be delivered twice.
# The recovery task below brings back documents whose task was lost altogether.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": TASK_TIME_LIMIT + 60}
_SENTINEL_MASTER = config(
    "CELERY_SENTINEL_MASTER",
    "",
    help_text="Redis Sentinel master name, with CELERY_BROKER_URL=sentinel://host:26379;…",
)
if _SENTINEL_MASTER:
    CELERY_BROKER_TRANSPORT_OPTIONS["master_name"] = _SENTINEL_MASTER
# Recovery of anonymisation runs: a run silent for longer than this is dead (the hard limit
# would have ended it); it is queued again, at most DOCUMENT_RUN_ATTEMPTS times.
DOCUMENT_RUN_SILENCE_SECONDS = TASK_TIME_LIMIT + 60
# On PostgreSQL a started run that no process holds (its run lock is free) is dead; it is
# queued again once it has been quiet this long (time for Celery's own redelivery first).
DOCUMENT_RUN_DEAD_SECONDS = 60
DOCUMENT_RUN_ATTEMPTS = config(
    "DOCUMENT_RUN_ATTEMPTS",
    3,
    help_text="Times a run that died (worker killed, hard time limit) is started again "
    "before the document is marked failed.",
)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_DEFAULT_QUEUE = "griffie"
CELERY_WORKER_MAX_TASKS_PER_CHILD = 200
CELERY_BEAT_SCHEDULE = {
    "recover-documents": {
        "task": "documents.tasks.recover_documents",
        "schedule": 60,
    },
    "remove-orphan-files": {
        "task": "documents.tasks.remove_orphan_files",
        "schedule": 60 * 60,
    },
    "secrecy-review-reminders": {
        "task": "confidentiality.tasks.send_secrecy_review_reminders",
        "schedule": 24 * 60 * 60,
    },
    # Councillors: the daily e-mail digest of new documents, and deleting the private notes
    # of members whose term ended (docs/operations.md, "Notes and notifications").
    "member-digests": {
        "task": "confidentiality.tasks.send_member_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    "delete-expired-reading-notes": {
        "task": "confidentiality.tasks.delete_expired_reading_notes",
        "schedule": crontab(hour=2, minute=30),
    },
}

# --- E-mail (notifications to councillors) ---------------------------------------------------
EMAIL_BACKEND = config(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend",
    help_text="django.core.mail.backends.smtp.EmailBackend to send for real.",
)
EMAIL_HOST = config("EMAIL_HOST", "localhost", help_text="SMTP server.")
EMAIL_PORT = config("EMAIL_PORT", 25, help_text="SMTP port.")
EMAIL_HOST_USER = config("EMAIL_HOST_USER", "", help_text="SMTP user, if any.")
EMAIL_HOST_PASSWORD = config("EMAIL_HOST_PASSWORD", "", help_text="SMTP password, if any.")
EMAIL_USE_TLS = config("EMAIL_USE_TLS", False, help_text="STARTTLS to the SMTP server.")
DEFAULT_FROM_EMAIL = config(
    "DEFAULT_FROM_EMAIL",
    "griffie@example.nl",
    help_text="Sender of the notifications to councillors.",
)

# --- Caches and sessions ------------------------------------------------------------------
# One cache for every web process (public page cache, API throttling) when CACHE_URL names a
# Redis database; without it a per-process in-memory cache (demo, tests).
CACHE_URL = config(
    "CACHE_URL",
    "",
    help_text="redis://host:6379/1 for the shared Redis cache; empty: in-memory per process.",
)


def caches_for(url: str) -> dict:
    if not url:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    return {
        "default": {
            # Django's RedisCache with one client per process (griffie/caches.py).
            "BACKEND": "griffie.caches.SharedClientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "griffie",
        }
    }


CACHES = caches_for(CACHE_URL)

# --- The council ----------------------------------------------------------------------------
MUNICIPALITY_NAME = config("MUNICIPALITY_NAME", "Noord-Beveland", help_text="Shown on the site.")
MUNICIPALITY_TOOI = config(
    "MUNICIPALITY_TOOI",
    "https://identifier.overheid.nl/tooi/id/gemeente/gm1695",
    help_text="TOOI identifier of the municipality, used in DiWoo metadata.",
)
# House style: NL Design System components themed with our neutral tokens
# (static/css/tokens.css); a municipality sets its own colours and logo here.
THEME_PRIMARY_COLOR = config(
    "THEME_PRIMARY_COLOR",
    "#1d4f7c",
    help_text="Primary colour (#rrggbb) of header, buttons and links; at least 4.5:1 on white.",
)
THEME_PRIMARY_HOVER_COLOR = config(
    "THEME_PRIMARY_HOVER_COLOR", "#123452", help_text="Hover colour of links and buttons."
)
THEME_ON_PRIMARY_COLOR = config(
    "THEME_ON_PRIMARY_COLOR", "#ffffff", help_text="Text colour on the primary colour."
)
THEME_LOGO = config(
    "THEME_LOGO",
    "img/logo.svg",
    help_text="Logo in the header: a path under static/ or an absolute URL on this site.",
)
GRIFFIE_CONTACT_ADDRESS = config(
    "GRIFFIE_CONTACT_ADDRESS",
    "Postbus 7\n4490 AA Wissenkerke",
    help_text="Postal address of the griffie, shown in the footer (\\n for a new line).",
)
GRIFFIE_CONTACT_PHONE = config(
    "GRIFFIE_CONTACT_PHONE", "0113 377 300", help_text="Telephone number of the griffie."
)
GRIFFIE_CONTACT_EMAIL = config(
    "GRIFFIE_CONTACT_EMAIL",
    "griffie@example.nl",
    help_text="E-mail address of the griffie, shown in the footer.",
)
# The municipality's own contact details where they differ from the griffie's (a visiting
# address, the general phone number): like GRIFFIE_CONTACT_*, the anonymisation engine
# never redacts them (documents.workflow.own_contacts).
MUNICIPALITY_CONTACT_ADDRESS = config(
    "MUNICIPALITY_CONTACT_ADDRESS",
    "",
    help_text="Postal or visiting address of the municipality (\\n for a new line); kept in documents.",
)
MUNICIPALITY_CONTACT_PHONE = config(
    "MUNICIPALITY_CONTACT_PHONE", "", help_text="General phone number of the municipality."
)
MUNICIPALITY_CONTACT_EMAIL = config(
    "MUNICIPALITY_CONTACT_EMAIL", "", help_text="General e-mail address of the municipality."
)
SITE_URL = config("SITE_URL", "http://127.0.0.1:8000", help_text="Public base URL, for feeds.")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "celery.app.trace": {"level": "WARNING"},
        # Presidio announces its device and recognisers on every start; only problems matter.
        "presidio-analyzer": {"level": "WARNING"},
    },
    "root": {"handlers": ["console"], "level": config("LOG_LEVEL", "INFO", help_text="Log level.")},
}

from .security import *  # noqa

# --- Public raadsinformatie site (publication app) ------------------------------------------
PUBLIC_PAGE_CACHE_SECONDS = config(
    "PUBLIC_PAGE_CACHE_SECONDS",
    300,
    help_text="Seconds an anonymous public page is cached per worker; 0 turns it off. "
    "Any publish, withdrawal or edit invalidates the cache at once.",
)
PUBLIC_SITE_VERSION_SECONDS = config(
    "PUBLIC_SITE_VERSION_SECONDS",
    1,
    help_text="How often (seconds) each worker re-checks whether public content changed.",
)

# --- Open-data API (publication.api) --------------------------------------------------------
API_ANON_THROTTLE_RATE = config(
    "API_ANON_THROTTLE_RATE",
    "120/minute",
    help_text="Requests per client IP to the open-data API, e.g. 120/minute; 'off': no limit. "
    "Counted in the default cache, so every web process shares the count.",
)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],  # public, anonymous, read-only
    "DEFAULT_PERMISSION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "publication.api.problem_exception_handler",
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": f"Raadsinformatie gemeente {MUNICIPALITY_NAME}",
    "DESCRIPTION": "Alleen-lezen API naar het model van ODS Open Raadsinformatie. "
    "Bevat uitsluitend openbare gegevens. Fouten zijn application/problem+json.",
    "VERSION": "1.0.0",
    "SERVERS": [{"url": SITE_URL.rstrip("/")}],
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "CategorieEnum": "documents.models.Category",
        "SoortEnum": "people.models.BodyKind",
    },
}
