"""Django settings, all from the environment so that one module serves a laptop and production.

SCORECARD_DEBUG            "true" (default, local use) or "false" (production: secure settings on)
SCORECARD_SECRET_KEY       required when DEBUG is off
SCORECARD_ALLOWED_HOSTS    comma-separated host names; required when DEBUG is off
SCORECARD_DATA_DIR         where files are kept: the SQLite database, collected static files (default: var/ here)
DATABASE_URL               e.g. postgres://user:password@host/db (default: SQLite in the data directory)
SCORECARD_PROXY_SSL_HEADER "true" when a proxy in front terminates HTTPS and sets X-Forwarded-Proto
SCORECARD_HSTS_SECONDS     Strict-Transport-Security max-age in production (default one year)
SCORECARD_EMAIL_HOST       the SMTP server reminders are sent through in production (with _PORT,
                           default 587, _USER, _PASSWORD and _USE_TLS, default true)
SCORECARD_EMAIL_FROM       the address reminders come from
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


def _flag(name: str, default: str) -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value not in {"true", "false", "1", "0", "yes", "no", "on", "off"}:
        raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")
    return value in {"true", "1", "yes", "on"}


def _list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


DEBUG = _flag("SCORECARD_DEBUG", "true")

_DEVELOPMENT_SECRET_KEY = "insecure-development-key-for-local-use-only-never-in-production"
SECRET_KEY = os.environ.get("SCORECARD_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SCORECARD_SECRET_KEY is not set. With SCORECARD_DEBUG=false it must be a long random string, "
            'e.g. python -c "import secrets; print(secrets.token_urlsafe(50))"'
        )
    SECRET_KEY = _DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = _list("SCORECARD_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SCORECARD_ALLOWED_HOSTS is not set. With SCORECARD_DEBUG=false list the host names the site "
            "is served on, separated by commas, e.g. scorecard.harrow.gov.uk"
        )
    ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]

DATA_DIR = Path(os.environ.get("SCORECARD_DATA_DIR") or Path.cwd() / "var").resolve()


def _database_from_url(url: str) -> dict[str, Any]:
    try:
        parsed = dj_database_url.parse(url, conn_max_age=600, conn_health_checks=True)
    except ValueError:  # the address may hold a password, so it is not repeated
        raise ImproperlyConfigured(
            "DATABASE_URL is not a database address; use e.g. postgres://user:password@host:5432/db "
            "(quote special characters in the password) or leave it unset for the SQLite file"
        ) from None
    if parsed.get("ENGINE") not in {"django.db.backends.postgresql", "django.db.backends.sqlite3"}:
        raise ImproperlyConfigured("DATABASE_URL must name PostgreSQL (postgres://...) or SQLite (sqlite:///path)")
    return dict(parsed)


_database: dict[str, Any]
if os.environ.get("DATABASE_URL"):
    _database = _database_from_url(os.environ["DATABASE_URL"])
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    _database = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(DATA_DIR / "scorecard.sqlite3")}
if _database["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while a writer works; IMMEDIATE takes the write lock at the start
    # of a transaction, so concurrent writers wait (busy timeout) instead of failing half-way.
    _database["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
        **_database.get("OPTIONS", {}),
    }
DATABASES = {"default": _database}
AUTH_USER_MODEL = "plans.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "scorecard.web.plans",
    "scorecard.web.accounts",
    "scorecard.web.pages",
    "scorecard.web.collection",
    "scorecard.web.editing",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "scorecard.web.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "scorecard.web.accounts.middleware.OrganisationMiddleware",
    "scorecard.web.accounts.middleware.RulesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "scorecard.web.urls"
WSGI_APPLICATION = "scorecard.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "scorecard.web.pages.context.site",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed names in production (`scorecard serve` collects them first); plain files
    # found in the apps while developing.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Large enough that an over-long text reaches the form, which names the field and its limit,
# rather than being cut off with a bare "bad request".
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# Reading pages are kept in the database until the organisation's data changes (pages/kept.py):
# shared by every app server on the database, and never shown once anything they show changed.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "scorecard_kept_pages",
        "TIMEOUT": 7 * 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": 20_000, "CULL_FREQUENCY": 4},
    },
}

# Publishing runs on a queue kept in the same database; `scorecard worker` (or the one
# `scorecard serve` starts) runs it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Reminders: printed to the console while developing, sent by SMTP in production.
EMAIL_BACKEND = (
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("SCORECARD_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("SCORECARD_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("SCORECARD_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("SCORECARD_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _flag("SCORECARD_EMAIL_USE_TLS", "true")
DEFAULT_FROM_EMAIL = os.environ.get("SCORECARD_EMAIL_FROM", "scorecard@localhost")

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

if not DEBUG:
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SCORECARD_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if _flag("SCORECARD_PROXY_SSL_HEADER", "false"):
        # Only safe when the proxy always sets the header: otherwise a client could claim HTTPS.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
