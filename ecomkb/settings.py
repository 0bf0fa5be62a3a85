"""Settings for ecomkb, read from the environment in this one place.

`make run` sets DJANGO_DEBUG=1 and needs nothing else. Production (debug off)
refuses to start without DJANGO_SECRET_KEY, with a one-line message rather
than a traceback.
"""

import base64
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.management.utils import get_random_secret_key
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def fail(message):
    """Stop at start-up with a readable message, not a traceback."""
    sys.stderr.write(f"ecomkb configuration error: {message}\n")
    sys.exit(2)


def env(name, default=None, parse=None, *, empty_is_unset=True):
    """The one door to the environment: every setting read from it comes through here (ecomkb/tests checks that
    no other line reads os.environ). Unset, or empty unless `empty_is_unset` is off, gives `default`; `parse`
    turns the text into the setting, and a value it refuses (ValueError: what it must be) stops start-up with one
    line naming the variable."""
    value = os.environ.get(name)
    if value is None or (empty_is_unset and not value.strip()):
        return default
    if parse is None:
        return value
    try:
        return parse(value.strip())
    except ValueError as error:
        fail(f"{name} must be {error}, not {value!r}.")


def whole_number(text, minimum=0):
    try:
        number = int(text)
    except ValueError:
        raise ValueError("a whole number") from None
    if number < minimum:
        raise ValueError(f"a whole number of at least {minimum}")
    return number


def positive_number(text):
    try:
        number = float(text)
    except ValueError:
        raise ValueError("a number above 0, such as 1 or 0.5") from None
    if not 0 < number < float("inf"):
        raise ValueError("a number above 0, such as 1 or 0.5")
    return number


def boolean(text):
    if text.lower() in {"1", "true", "yes", "on"}:
        return True
    if text.lower() in {"0", "false", "no", "off"}:
        return False
    raise ValueError("1 or 0 (or true/false, yes/no, on/off)")


def log_level(text):
    if text.upper() not in {"CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG"}:
        raise ValueError("one of CRITICAL, ERROR, WARNING, INFO, DEBUG")
    return text.upper()


def env_bool(name, default=False):
    return env(name, default, boolean)


def env_int(name, default, minimum=0):
    return env(name, default, lambda text: whole_number(text, minimum))


def env_list(name, default=""):
    """Comma-separated; set but empty is an empty list (DJANGO_TRUSTED_PROXIES= trusts no proxy)."""
    text = env(name, default, empty_is_unset=False)
    return [item.strip() for item in text.split(",") if item.strip()]


# Local, git-ignored state shared by `make run`, `make serve` and management commands: SQLite file,
# page cache, dev secret. ECOMKB_VAR_DIR moves it (tests run a server on a throwaway one).
VAR_DIR = env("ECOMKB_VAR_DIR", BASE_DIR / "var", Path)

DEBUG = env_bool("DJANGO_DEBUG")


def _secret_key():
    key = env("DJANGO_SECRET_KEY", "")
    if key:
        return key
    if not DEBUG:
        fail("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off (see README, 'Production').")
    # Development only: a random key kept in var/ so that sessions survive restarts.
    VAR_DIR.mkdir(exist_ok=True)
    key_file = VAR_DIR / "dev-secret-key"
    if not key_file.exists():
        key_file.write_text(get_random_secret_key())
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()


def _mfa_keys():
    """Fernet keys sealing second-factor secrets in the database (accounts/sealing.py), newest first.

    A key of its own, not derived from SECRET_KEY: rotating that one must not lock every editor out.
    """
    keys = env_list("DJANGO_MFA_KEYS")
    if not keys and DEBUG:  # development only, kept beside the dev secret key
        VAR_DIR.mkdir(exist_ok=True)
        key_file = VAR_DIR / "dev-mfa-key"
        if not key_file.exists():
            key_file.write_text(base64.urlsafe_b64encode(os.urandom(32)).decode())
        keys = [key_file.read_text().strip()]
    if not keys:
        fail(
            "DJANGO_MFA_KEYS must be set when DJANGO_DEBUG is off (see README, 'Editors' accounts'); make one with "
            "python3 -c 'import base64, os; print(base64.urlsafe_b64encode(os.urandom(32)).decode())'"
        )
    for key in keys:
        try:
            if len(base64.urlsafe_b64decode(key.encode())) != 32:
                raise ValueError
        except ValueError:
            fail("each DJANGO_MFA_KEYS entry must be 32 random bytes in URL-safe base64 (44 characters).")
    return keys


MFA_ENCRYPTION_KEYS = _mfa_keys()

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
    "django.contrib.sitemaps",
    "django.contrib.humanize",  # allauth's passkey list uses it (the page was a 500 without)
    "axes",  # sign-in throttling (accounts/throttle.py)
    # Lowest layer first (docs/architecture.md); ecomkb/ is the project package, not an app.
    "bilingual",
    "content",
    "search",
    "pagecache",
    "redirects",  # old addresses, kept as data: a rename leaves one, editors add their own
    "conversion",  # the Traditional → Simplified conversion table editors keep (bilingual.chinese applies it)
    "article",
    "modes",
    "trends",
    "glossary",  # the article's terms in three scripts, and their termbase (TBX)
    "editors",
    "accounts",  # two-factor sign-in, throttling, audit trail (docs/operations.md)
    "pages",
    "opendata",  # recent changes, feeds, the read API, dumps (README, "Reusing the knowledge base")
    "xliff",  # translators' files: XLIFF and PO export and import (docs/translators.md)
    # After accounts/, whose templates replace allauth's.
    "allauth",
    "allauth.account",
    "allauth.mfa",
]

MIDDLEWARE = [
    "ecomkb.requestlog.RequestIdMiddleware",  # an id for each request's log lines (LOGGING below)
    "accounts.middleware.TrustedProxyHeadersMiddleware",  # X-Forwarded-Proto and -Host only from a trusted proxy
    "pagecache.middleware.PageCacheMiddleware",  # a cached page (with its headers) skips all below
    "pagecache.headers.SurrogateKeyMiddleware",  # Cache-Control and surrogate keys for shared caches (Varnish, CDN)
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files, before anything slower
    "django.middleware.http.ConditionalGetMiddleware",  # ETag; 304 for a repeat visit
    "csp.middleware.CSPMiddleware",
    "opendata.middleware.ApiVaryMiddleware",  # the API's answers vary on neither language nor cookie
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "conversion.middleware.ConversionTableMiddleware",  # this process's conversion table as the database holds it
    "django.middleware.common.CommonMiddleware",
    "redirects.middleware.RedirectMiddleware",  # a 404 at an old address: 301 to where it leads now
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.StaffAreaMiddleware",  # every page not marked public needs both factors
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",  # records who made each change
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
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
                "bilingual.context_processors.languages",
            ],
        },
    },
]

WSGI_APPLICATION = "ecomkb.wsgi.application"

VAR_DIR.mkdir(exist_ok=True)


def database(url):
    """DATABASE_URL as Django's DATABASES entry (dj-database-url). Set but empty is an error, not SQLite: a
    production whose variable came out empty must not quietly write to a file of its own."""
    try:
        if not url:
            raise ValueError
        return dj_database_url.parse(url, conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60), conn_health_checks=True)
    except ValueError:
        raise ValueError(
            "a database URL such as postgres://user@host:5432/ecomkb (unset it for SQLite in var/)"
        ) from None


SQLITE_URL = f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
DATABASES = {"default": env("DATABASE_URL", parse=database, empty_is_unset=False) or database(SQLITE_URL)}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        # Several gunicorn workers write one file. Write-ahead logging lets readers go on while an editor
        # saves; IMMEDIATE makes every transaction take the write lock when it begins, so two saves queue
        # (up to `timeout` seconds) instead of both reading and then deadlocking ("database is locked").
        transaction_mode="IMMEDIATE",
        timeout=20,
        # Search scans a text column (search/query.py); memory-mapped reads make that scan 2-3 times faster.
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=268435456",
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Refuses nothing: sees every new password, so one set by someone else is one-time (accounts/passwords.py).
    {"NAME": "accounts.passwords.OneTimePasswords"},
]
ACCOUNTS_ONE_TIME_PASSWORD_HOURS = env_int("ACCOUNTS_ONE_TIME_PASSWORD_HOURS", 72)
# Audit lines about user names that are no account: kept this many days (manage.py pruneauthevents).
ACCOUNTS_ANONYMOUS_EVENT_DAYS = env_int("ACCOUNTS_ANONYMOUS_EVENT_DAYS", 30)

# Languages. Content is written in English and Traditional Chinese; URLs carry the language.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("zh-hant", _("Traditional Chinese")),
    # Converted on the fly from the Traditional Chinese (bilingual/chinese.py); not a content language.
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
# Where collectstatic writes; DJANGO_STATIC_ROOT moves it (a volume of its own, or a test's throwaway folder).
STATIC_ROOT = env("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles", Path)

# The original article every page credits.
SOURCE_ARTICLE = {
    "title": "電子商務運營模式分類",
    "site": "才華齋",
}


# ---------------------------------------------------------------------------
# Production serving (docs/operations.md). Each value can be set from the environment.

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed, hash-named files that whitenoise serves with far-future cache headers.
    # With debug on (`make run`) the plain storage, so no collectstatic is needed.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}


def _cache_from_url(url):
    """CACHE_URL → a CACHES entry: redis://, rediss://, memcached://host:port, file:///path, locmem://."""
    parts = urlsplit(url)
    if parts.scheme in {"redis", "rediss"}:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if parts.scheme == "memcached" and parts.netloc:
        return {"BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache", "LOCATION": parts.netloc}
    if parts.scheme == "file" and parts.path:
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": parts.path,
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    if parts.scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}}
    fail(
        f"CACHE_URL {url!r} is not understood; use redis://host:6379/0, memcached://host:11211, "
        "file:///absolute/path or locmem://."
    )


# Pages are cached (pagecache/middleware.py). Every process on the machine — gunicorn workers, `make run`,
# a management command, debug on or off — shares var/cache/ unless CACHE_URL names a shared server
# (Redis); so a save from any of them empties the cache production reads. Debug only stops pages
# being cached (PAGE_CACHE_SECONDS below), never the invalidation.
CACHE_URL = env("CACHE_URL", f"file://{VAR_DIR / 'cache'}")
CACHES = {
    # Sign-in's security state — allauth's rate limits and the TOTP codes already used — lives in the database:
    # no page can push it out, every worker and server shares it, and it holds while the page cache is down.
    # (allauth reads Django's default cache; the table is made by accounts' migrations.)
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "accounts_security_cache",
        "OPTIONS": {"MAX_ENTRIES": 1_000_000},  # entries expire within minutes; never culled by a flood
    },
    "pages": _cache_from_url(CACHE_URL),  # pages and counts (pagecache/, content/counts.py): CACHE_URL
}
# Several sites sharing one Redis keep apart by prefix.
CACHES["pages"]["KEY_PREFIX"] = env("CACHE_KEY_PREFIX", "ecomkb")
if CACHES["pages"]["BACKEND"].endswith("PyMemcacheCache"):
    try:
        import pymemcache  # noqa: F401
    except ImportError:
        fail("CACHE_URL names memcached, but pymemcache is not installed (pip install pymemcache).")
# Saves empty the page cache at once anyway. Off with debug on, so `make run` shows template edits.
PAGE_CACHE_SECONDS = 0 if DEBUG else env_int("PAGE_CACHE_SECONDS", 24 * 3600)
# Shared caches in front of the app (Varnish: deploy/; a CDN) keep readers' pages HTTP_CACHE_SECONDS, because
# every change purges exactly the pages it touches (pagecache/headers.py, pagecache/purges.py). Browsers, which
# nobody can purge, keep them HTTP_CACHE_BROWSER_SECONDS (none with debug on); search results a minute.
HTTP_CACHE_SECONDS = env_int("HTTP_CACHE_SECONDS", 24 * 3600)
HTTP_CACHE_BROWSER_SECONDS = 0 if DEBUG else env_int("HTTP_CACHE_BROWSER_SECONDS", 60)
HTTP_CACHE_STALE_SECONDS = env_int("HTTP_CACHE_STALE_SECONDS", 60)
HTTP_CACHE_QUERY_SECONDS = env_int("HTTP_CACHE_QUERY_SECONDS", 60)
# The caches told to purge: Varnish addresses (http://host:port), for the servers that send purges.
PURGE_URLS = env_list("DJANGO_PURGE_URLS")
# Whether a change queues its purge even in a process that sends none (a shell started without DJANGO_PURGE_URLS):
# the servers send it. On with debug off; a server with no cache to tell drops what is queued.
PURGE_QUEUE_ALWAYS = env_bool("DJANGO_PURGE_QUEUE_ALWAYS", not DEBUG)
PURGE_POLL_SECONDS = 1  # how often each server looks for purges another process queued or that are due again
# Each purge is sent again this much later: a page rendered from the old data just before the commit.
PURGE_REPEAT_SECONDS = env_int("DJANGO_PURGE_REPEAT_SECONDS", 2)

# Behind a TLS-terminating reverse proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Plain HTTP is sent to https; DJANGO_SECURE_SSL_REDIRECT=0 turns that off for a local trial.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = 0 if DEBUG else env_int("DJANGO_HSTS_SECONDS", 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "pages.views.csrf_failure"  # the 403 page in the page's language, not Django's English one

# Content-Security-Policy (django-csp 4): nothing inline, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Open knowledge (opendata/, README "Reusing the knowledge base"). The API's requests per client address.
OPENDATA_API_RATE = env("OPENDATA_API_RATE", "120/m")
# The licence of the editors' own texts (summaries, bodies, background, translations), as the dumps and the
# download page state it: the operator's choice. Empty: none granted, and they say so. The article's text is
# quoted from its source, whose licence is unknown (README, "Reusing the knowledge base").
OPENDATA_LICENCE = env("OPENDATA_LICENCE", "")
OPENDATA_DUMP_DIR = env("OPENDATA_DUMP_DIR", VAR_DIR / "dumps", Path)
# A dump older than the latest change is made again when the download page is next asked, at most this often.
OPENDATA_DUMP_SECONDS = env_int("OPENDATA_DUMP_SECONDS", 300)

# Staff accounts (accounts/, README "Editors' accounts"): sign-in with a password and a second factor
# (django-allauth's mfa), throttling by (user name, client address) and by address (django-axes), an
# audit trail. Sessions end at browser close and after an idle hour.
AUTHENTICATION_BACKENDS = [
    "accounts.throttle.LoginThrottleBackend",
    "accounts.passwords.ExpiringPasswordBackend",  # Django's ModelBackend; one-time passwords expire
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/admin/"
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_IDLE_MINUTES", 60, minimum=1) * 60
SESSION_SAVE_EVERY_REQUEST = True  # the idle clock restarts with every request
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

ACCOUNT_ADAPTER = "accounts.adapter.StaffAccountAdapter"  # no sign-up; passwords throttled by axes only
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False  # no "remember me": the session ends with the browser
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]  # webauthn: passkeys and security keys
# WebAuthn checks the page's origin; `make run` serves plain http://localhost:8000 (use localhost, not 127.0.0.1).
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
MFA_TOTP_ISSUER = "ecomkb"
MFA_FORMS = {"authenticate": "accounts.forms.ThrottledAuthenticateForm"}
MFA_ADAPTER = "accounts.sealing.SealedSecretsAdapter"  # TOTP secrets and recovery seeds encrypted at rest

# Throttling (django-axes, accounts/throttle.py). Failures (password, code, current password when changing
# it) are counted per (user name, client address) pair, per client address (IPv6: per /64) and per account;
# a success clears only its own pair (docs/operations.md, "Sign-in throttling").
AXES_HANDLER = "accounts.throttle.PairAndAddressHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)  # per pair
ACCOUNTS_ADDRESS_FAILURE_LIMIT = env_int("ACCOUNTS_ADDRESS_FAILURE_LIMIT", 20)  # per address
# Per account, from every address together, in the last hour (OWASP ASVS 4.0, 2.2.1); the account's
# recognised devices (the cookie below, set by a sign-in with both factors) still sign in past it.
ACCOUNTS_ACCOUNT_FAILURE_LIMIT = env_int("ACCOUNTS_ACCOUNT_FAILURE_LIMIT", 100)
ACCOUNTS_DEVICE_COOKIE_NAME = "ecomkb_device"
ACCOUNTS_DEVICE_COOKIE_AGE = 180 * 24 * 3600  # seconds; each full sign-in renews it
AXES_COOLOFF_TIME = env("AXES_COOLOFF_HOURS", 1, positive_number)  # hours
AXES_RESET_ON_SUCCESS = True
# Never stored with an attempt: the sign-in form's password and code, the password-change forms' fields.
AXES_SENSITIVE_PARAMETERS = ["password", "code", "oldpassword", "password1", "password2"]
AXES_SENSITIVE_PARAMETERS += ["old_password", "new_password1", "new_password2"]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "accounts.throttle.counted_address"  # what the throttle counts (IPv6: the /64)
# The reverse proxies in front, by address or CIDR network (gunicorn.conf.py trusts the same ones for
# X-Forwarded-Proto). X-Forwarded-For is read only from them, from the right, up to the first address
# that is not one of them (accounts.throttle.client_address); `manage.py check --deploy` checks the list.
TRUSTED_PROXIES = env_list("DJANGO_TRUSTED_PROXIES", "127.0.0.1,::1")


# ---------------------------------------------------------------------------
# Request size. An admin change form holds at most ~100 fields, but a long article in two
# languages is large: 8 MB of form data (Chinese text is 9 bytes a character URL-encoded) leaves
# room for ~1 MB of text per field. A larger form is answered with a page in the editor's language
# (pages.views.bad_request, the project's handler400: a 413 page), never a bare 400.
DATA_UPLOAD_MAX_MEMORY_SIZE = 8 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

# ---------------------------------------------------------------------------
# Logging: one line per event on stderr (gunicorn and systemd/journald or docker keep it), with the
# request's path and an id to find its other lines; errors carry their traceback. Nothing is mailed.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "ecomkb.requestlog.RequestContext"}},
    "formatters": {
        "line": {
            "()": "ecomkb.requestlog.OneLineFormatter",
            "fmt": (
                "%(asctime)s %(levelname)s %(name)s [%(request_id)s %(request_method)s %(request_path)s] %(message)s"
            ),
        },
    },
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "line", "filters": ["request"]},
    },
    "root": {"handlers": ["stderr"], "level": env("DJANGO_LOG_LEVEL", "WARNING", log_level)},
    "loggers": {
        # Django's default sends request errors to mail_admins (no recipients here): stderr instead.
        "django": {"handlers": ["stderr"], "level": env("DJANGO_LOG_LEVEL", "INFO", log_level), "propagate": False},
        "django.server": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}
