"""Settings for ecomkb, read from the environment in this one place.

`make run` sets DJANGO_DEBUG=1 and needs nothing else. Production (debug off)
refuses to start without DJANGO_SECRET_KEY, with a one-line message rather
than a traceback.
"""

import os
import sys
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"  # local, git-ignored state: SQLite file, dev secret


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def fail(message):
    """Stop at start-up with a readable message, not a traceback."""
    sys.stderr.write(f"ecomkb configuration error: {message}\n")
    sys.exit(2)


DEBUG = env_bool("DJANGO_DEBUG")


def _secret_key():
    key = os.environ.get("DJANGO_SECRET_KEY", "")
    if key:
        return key
    if not DEBUG:
        fail("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off (see README, 'Production').")
    # Development only: a random key kept in var/ so that sessions survive restarts.
    from django.core.management.utils import get_random_secret_key

    VAR_DIR.mkdir(exist_ok=True)
    key_file = VAR_DIR / "dev-secret-key"
    if not key_file.exists():
        key_file.write_text(get_random_secret_key())
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    fail("DJANGO_ALLOWED_HOSTS must list the site's host names when DJANGO_DEBUG is off.")

INSTALLED_APPS = [
    "modeltranslation",  # must precede the admin so its admin classes patch in first
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "simple_history",  # every version of every record, both languages (editors/)
    "ecomkb",
    "modes",
    "trends",
    "editors",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",  # records who made each change
]

ROOT_URLCONF = "ecomkb.urls"

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
                "ecomkb.context_processors.languages",
            ],
        },
    },
]

WSGI_APPLICATION = "ecomkb.wsgi.application"

VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Search scans a text column (ecomkb/search.py); memory-mapped reads make that scan 2-3 times faster.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA mmap_size=268435456"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages. Content is written in English and Traditional Chinese; URLs carry the language.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("zh-hant", _("Traditional Chinese")),
    # Converted on the fly from the Traditional Chinese (ecomkb/chinese.py); not a content language.
    ("zh-hans", _("Simplified Chinese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "zh-hant")
# Empty in one language: fall back to the other (templates mark such text as untranslated).
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "zh-hant")}
TIME_ZONE = "Asia/Taipei"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"

# The original article every page credits.
SOURCE_ARTICLE = {
    "title": "電子商務運營模式分類",
    "site": "才華齋",
}
