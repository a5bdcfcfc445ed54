"""Settings for robocampus, read from the environment.

The defaults run a complete center on one machine with nothing else installed:
SQLite in ``var/``, Celery tasks run eagerly in-process, e-mail to the
console. A real center sets ``DATABASE_URL`` (PostgreSQL), ``REDIS_URL``
(Celery broker and results, shared cache), ``SECRET_KEY``, ``ALLOWED_HOSTS``
and the e-mail variables; ``robocampus.site.settings_production`` adds the
HTTPS hardening that ``manage.py check --deploy`` asks for. See
``docs/deployment.md``.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
"""``src/robocampus``."""
VAR_DIR = Path(os.environ.get("ROBOCAMPUS_VAR_DIR", Path.cwd() / "var"))
"""Where the default SQLite database, uploads and collected static files live."""


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get(
    "SECRET_KEY", "insecure-development-key-set-SECRET_KEY-in-production"
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # serves the API docs (Swagger UI) from local static files, not a CDN
    "robocampus.accounts",
    "robocampus.curriculum",
    "robocampus.cohorts",
    "robocampus.facilities",
    "robocampus.certification",
    "robocampus.careers",
    "robocampus.lab",
    "robocampus.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "robocampus.site.urls"
WSGI_APPLICATION = "robocampus.site.wsgi.application"
ASGI_APPLICATION = "robocampus.site.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# -- storage ------------------------------------------------------------------------

if "DATABASE_URL" not in os.environ:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'robocampus.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
"""Site styles and the lab's bundle (built from ``frontend/`` into ``dist/``)."""
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# -- accounts -----------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
_VALIDATORS = "django.contrib.auth.password_validation."
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": _VALIDATORS + "UserAttributeSimilarityValidator"},
    {"NAME": _VALIDATORS + "MinimumLengthValidator"},
    {"NAME": _VALIDATORS + "CommonPasswordValidator"},
    {"NAME": _VALIDATORS + "NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
LOGIN_RATE_LIMIT = {
    "failures": int(os.environ.get("LOGIN_RATE_LIMIT_FAILURES", "5")),
    "window_s": int(os.environ.get("LOGIN_RATE_LIMIT_WINDOW_S", "900")),
}
"""Failed logins allowed per username and per client address in the window."""

# -- e-mail -------------------------------------------------------------------------

EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "robocampus <noreply@localhost>"
)

# -- language and time --------------------------------------------------------------

LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", _("Korean")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Seoul"
USE_TZ = True

# -- Celery -------------------------------------------------------------------------

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_TIME_LIMIT = 120
CELERY_BEAT_SCHEDULE = {
    # Submit, by the timer, attempts whose candidates never came back (a
    # request touching an attempt past its deadline does it too).
    "close-expired-attempts": {
        "task": "certification.close_expired_attempts",
        "schedule": 60.0,
    },
}
"""Run with ``celery -A robocampus.site beat`` (one beat process per site)."""
LAB_TASK_WAIT_S = float(os.environ.get("LAB_TASK_WAIT_S", "60"))
"""How long a request waits for a lab task that a worker runs, s."""

# -- certificates -------------------------------------------------------------------

SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
"""The public address of the site: credential ids, the issuer's key URL and
the QR code on a certificate point here, so it must be the address the world
reaches (https in production)."""
CERTIFICATE_KEY_DIR = Path(os.environ.get("CERTIFICATE_KEY_DIR", VAR_DIR / "keys"))
"""Where the issuer's Ed25519 private keys live (PEM, mode 0600); keep it out
of backups that leave the building. ``manage.py issuer_key generate`` makes
the first one, ``issuer_key rotate`` the next."""
ISSUER_NAME = {
    "ko": os.environ.get("ISSUER_NAME_KO", "안산 로봇직업교육센터"),
    "en": os.environ.get("ISSUER_NAME_EN", "Ansan Robot Vocational Education Center"),
}

# -- logging ------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
