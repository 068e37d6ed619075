"""Settings shared by every environment, read from the environment (12-factor).

dev, test and prod only override a few values; every setting lives here.
"""

import datetime
import os
import zoneinfo
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from config.lib.db import reset_connection

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    """Return the boolean in `name`; anything but true/false is a configuration error."""
    value = env(name).lower()
    if not value:
        return default
    if value not in {"true", "false"}:
        raise ImproperlyConfigured(f"{name} must be 'true' or 'false', not {value!r}.")
    return value == "true"


def env_count(name: str, default: int) -> int:
    """Return the whole number, 0 or more, in `name`; anything else is a configuration error."""
    value = env(name)
    if not value:
        return default
    if not (value.isascii() and value.isdigit()):
        raise ImproperlyConfigured(f"{name} must be a whole number, 0 or more, not {value!r}.")
    return int(value)


def env_list(name: str, default: str = "") -> list[str]:
    """Return the comma-separated values in `name`, without blanks."""
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def env_secret(name: str) -> str:
    """Return `name`, or the contents of the file named in `name_FILE` (Docker secrets)."""
    path = env(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return env(name)


SECRET_KEY = env_secret("DJANGO_SECRET_KEY")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "config.apps.PressOfficeAdminConfig",  # Django's admin, the dashboard its front page
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_countries",
    "django_filters",
    "reversion",
    "axes",
    "django_tasks_db",
    "config.apps.SiteConfig",
    "presskit",
    "festivals",
]

MIDDLEWARE = [
    # The language of the address, before anything answers (config/lib/i18n.py).
    "config.lib.i18n.PathLanguageMiddleware",
    # Then a cached page is answered before any other work, with the
    # security and CSP headers it was stored with (config/lib/page_cache.py).
    "config.lib.page_cache.PageCacheMiddleware",
    # The pages Django builds take turns, a few per process at a time (config/lib/turns.py).
    "config.lib.turns.PageTurnsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # A first visit in another language goes to its pages (never answered from the cache).
    "config.lib.i18n.FirstVisitLanguageMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The page's language from its address (/es/...; none is English).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Gives accredited journalists the pass that lets the page cache answer them.
    "presskit.accreditation.passes.PressPassMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Answers a sign-in refused while an account or an address cools off (django-axes).
    "axes.middleware.AxesMiddleware",
    # Last, nearest the views: a failing database or a full disk is a 503 that says so.
    "config.views.FailedPartMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

# The public pages (templates/) render with Jinja2, for speed (config/lib/jinja2.py);
# the admin and Django's own apps keep Django's template language.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "config.lib.jinja2.environment",
            "extensions": ["jinja2.ext.i18n"],
            "context_processors": [
                "config.lib.context_processors.site",
                "festivals.context_processors.time_zone",
            ],
            "autoescape": True,
            "trim_blocks": True,
            "lstrip_blocks": True,
        },
    },
]

# A SQLite file in the project unless DATABASE_URL says otherwise. Each of a
# worker's threads keeps its connection for the next request (CONN_MAX_AGE),
# checked before reuse; on PostgreSQL, Django's pool does this instead.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DJANGO_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps them
    # Django's own pool (psycopg_pool), one per process. Every process that
    # serves the site (each gunicorn worker, and the tasks worker) may hold
    # DB_POOL_MAX_SIZE connections; `manage.py check --database default`,
    # which gunicorn runs before it starts (config/gunicorn.py), refuses a
    # total that could exceed the server's max_connections.
    # A connection comes back from a request with its transaction rolled
    # back and every SET undone (config/lib/db.py).
    DATABASES["default"]["OPTIONS"] = {
        "pool": {
            "min_size": int(env("DJANGO_DB_POOL_MIN_SIZE", "2")),
            "max_size": int(env("DJANGO_DB_POOL_MAX_SIZE", "10")),
            "timeout": float(env("DJANGO_DB_POOL_TIMEOUT", "10")),
            "reset": reset_connection,
        },
        # The session's defaults, so that RESET ALL returns to them.
        "options": "-c TimeZone=UTC",
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and a writer work at once under gunicorn; IMMEDIATE
    # takes the write lock at BEGIN, so two writers queue instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache must be shared by every process that serves the site, because
# public pages are invalidated through it: Redis when there are several
# machines, otherwise files on this one.
if redis_url := env("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": env("DJANGO_CACHE_PREFIX", "presskit"),
            # A Redis that does not answer costs a request at most this long, once
            # (config/lib/cache.py then leaves it alone for a few seconds).
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "config.lib.file_cache.FileCache",
            "LOCATION": env("DJANGO_CACHE_DIR", str(BASE_DIR / "var" / "cache")),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }
# Anonymous visitors get whole pages from the cache for at most this long
# (config/lib/page_cache.py); 0 turns the page cache off.
PUBLIC_CACHE_SECONDS = int(env("DJANGO_PUBLIC_CACHE_SECONDS", "300"))
# When public pages next change by themselves (an embargo lifts): the press office's rule.
PUBLIC_CACHE_NEXT_CHANGE = "presskit.publishing.services.next_public_change"
# Pages each process also keeps in its own memory, so a hit reads the shared cache once.
PUBLIC_CACHE_MEMORY_PAGES = int(env("DJANGO_PUBLIC_CACHE_MEMORY_PAGES", "500"))
# With Redis, every process hears of a new generation by pub/sub, so a hit asks nobody.
PUBLIC_CACHE_NEWS_URL = env("REDIS_URL")
# Pages each process builds at once; the other requests wait their turn (0: no turns).
PAGES_AT_ONCE = env_count("WEB_PAGES_AT_ONCE", 2)
# What a request that got no turn in time is answered with.
PAGES_TOO_BUSY_VIEW = "config.views.too_busy"
# The signed cookie by which an accredited journalist is answered from the cache,
# and the longest it lasts before they are read from the database again.
PUBLIC_CACHE_PASS_COOKIE = "press_pass"
PUBLIC_CACHE_PASS_SECONDS = 3600

# Background work (renditions) through Django's tasks framework, stored in
# the database and run by `manage.py db_worker`, which `make run` and `make
# serve` start beside the site (django-tasks-db).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Journalists sign in on the public site (presskit/accreditation/); staff in the admin.
LOGIN_URL = "press:login"
LOGIN_REDIRECT_URL = "press:account"

# Failed sign-ins, in the admin and on the public site alike, are counted per
# account and per address (django-axes, in the database): after 5 failures
# that one is refused for 15 minutes, then may try again; a success clears it.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(env("PRESSKIT_LOGIN_FAILURES", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(env("PRESSKIT_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "press/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "config.lib.clients.client_address"
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The interface speaks the four languages of the press La Tregua meets. English
# is the default and keeps the addresses it has always had; the others live
# under a prefix (/es/, /kk/, /ru/): config/urls.py and config/lib/i18n.py.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("es", "Spanish"),
    ("kk", "Kazakh"),
    ("ru", "Russian"),
]
USE_I18N = True
# The message catalogues (.po, kept in git; compiled to .mo by the Makefile).
LOCALE_PATHS = [BASE_DIR / "config" / "locale"]
# The reader's choice of language, kept a year (Django's default ends with the browser).
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Everything is stored in UTC; screenings are shown in their venue's own zone.
USE_TZ = True
TIME_ZONE = "UTC"
# The press office's own zone: embargoes are entered and shown in it by
# default, and an accreditation lasts to the end of its last day there.
PRESS_OFFICE_TIME_ZONE = env("PRESSKIT_TIME_ZONE", "Europe/Madrid")
try:
    zoneinfo.ZoneInfo(PRESS_OFFICE_TIME_ZONE)
except (ValueError, zoneinfo.ZoneInfoNotFoundError) as error:
    raise ImproperlyConfigured(
        f"PRESSKIT_TIME_ZONE={PRESS_OFFICE_TIME_ZONE!r} is not a time zone name; "
        "use one such as Europe/Madrid or Asia/Almaty."
    ) from error

STATIC_URL = "static/"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]

MEDIA_URL = env("DJANGO_MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))

# Media go through STORAGES, so that moving them to S3-compatible storage
# (django-storages) is configuration, not code.
STORAGES = {
    "default": {
        "BACKEND": env("DJANGO_MEDIA_STORAGE", "django.core.files.storage.FileSystemStorage"),
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
if STORAGES["default"]["BACKEND"] == "storages.backends.s3.S3Storage":
    STORAGES["default"]["OPTIONS"] = {
        "bucket_name": env("DJANGO_MEDIA_BUCKET"),
        "endpoint_url": env("DJANGO_MEDIA_ENDPOINT_URL") or None,
        "access_key": env_secret("DJANGO_MEDIA_ACCESS_KEY"),
        "secret_key": env_secret("DJANGO_MEDIA_SECRET_KEY"),
        "default_acl": "private",
        "querystring_auth": True,
    }

# Email through Django 6.1's MAILERS: SMTP, by default to a mail server on
# this host (as Django's own default); development prints to the console.
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", "Press office <press@localhost>")
SERVER_EMAIL = env("DJANGO_SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ADMINS = env_list("DJANGO_ADMINS")
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": env("DJANGO_EMAIL_HOST", "localhost"),
            "port": int(env("DJANGO_EMAIL_PORT", "25")),
            "username": env("DJANGO_EMAIL_USER"),
            "password": env_secret("DJANGO_EMAIL_PASSWORD"),
            "use_tls": env_bool("DJANGO_EMAIL_USE_TLS", False),
            "timeout": 10,
        },
    }
}

# Content Security Policy, Django's built-in middleware. Scripts and styles
# come from our own origin only; an inline script needs the request's nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# HTTPS hardening: on by default in prod; `make serve` turns it off with
# DJANGO_HTTPS=false to run on plain http://127.0.0.1 for load tests.
HTTPS = env_bool("DJANGO_HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(env("DJANGO_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "INFO")},
}

# The public site's own address and name: canonical links, feeds, calendars,
# sitemaps and link previews use them rather than whatever Host a request sent.
SITE_URL = env("DJANGO_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = env("DJANGO_SITE_NAME", "Press office")

# Uploads (presskit/uploads.py): the most pixels an image may have, counting
# every frame, and the largest file each kind of asset may be.
# Behind nginx, the path prefix of an `internal` location aliased to the media
# folder (README): files are then sent by nginx once the app has checked
# access (X-Accel-Redirect). Empty: the app sends them itself.
PRESSKIT_ACCEL_REDIRECT = env("PRESSKIT_ACCEL_REDIRECT")
# How long a journalist's link for their picture desk works (presskit/accreditation/desk.py).
PRESSKIT_DESK_LINK_HOURS = int(env("PRESSKIT_DESK_LINK_HOURS", "48"))
# How long a preview link for someone without an account works unless the
# press officer chooses otherwise (presskit/previews.py), and the longest it may.
PRESSKIT_PREVIEW_LINK_DAYS = int(env("PRESSKIT_PREVIEW_LINK_DAYS", "7"))
PRESSKIT_PREVIEW_LINK_MAX_DAYS = 90
# How long a deleted film, person, release or file waits in the bin before it
# and what went with it are deleted for good (presskit/the_bin.py).
PRESSKIT_BIN_DAYS = int(env("PRESSKIT_BIN_DAYS", "30"))
# `manage.py backup` writes rows in this format: Django's JSON, times kept to the microsecond.
SERIALIZATION_MODULES = {"exactjson": "config.lib.exact_json"}
PRESSKIT_MAX_IMAGE_PIXELS = int(env("PRESSKIT_MAX_IMAGE_PIXELS", "60000000"))
# Files one bulk upload may carry (Django's default, 100, is a short film's stills).
DATA_UPLOAD_MAX_NUMBER_FILES = 500
# A form's text, files apart: room for every field at its longest (config/lib/admin.py
# limits each text to TEXT_LIMIT characters, with a form error that keeps the input).
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
PRESSKIT_UPLOAD_LIMITS = {
    "still": 50 * 1024 * 1024,
    "key_art": 100 * 1024 * 1024,
    "poster": 100 * 1024 * 1024,
    "headshot": 25 * 1024 * 1024,
    "document": 50 * 1024 * 1024,
    "trailer": 1024 * 1024 * 1024,
    "clip": 1024 * 1024 * 1024,
    "epk": 2 * 1024 * 1024 * 1024,
}
