"""Local development: DEBUG on, a throwaway key, emails printed to the console."""

import os

os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
# Development only: never used when DJANGO_SECRET_KEY is set, never in prod.
os.environ.setdefault("DJANGO_SECRET_KEY", "django-insecure-development-key-do-not-deploy")
# Template edits show at once; `make serve` measures the cache.
os.environ.setdefault("DJANGO_PUBLIC_CACHE_SECONDS", "0")
# runserver starts a thread per request: a connection kept would never be reused.
os.environ.setdefault("DJANGO_CONN_MAX_AGE", "0")

from .base import *  # noqa: F403

# Served by runserver; the manifest is only needed once collectstatic has run.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# WhiteNoise reads files from the apps and static/ directly, no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# One process: an in-memory cache is shared by everything runserver does.
if not env("REDIS_URL"):  # noqa: F405
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
