"""The test suite: fast hashing, in-memory email and cache (tests/conftest.py gives each test its own media folder)."""

import os

import jinja2

os.environ.setdefault("DJANGO_SECRET_KEY", "django-insecure-test-key")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PUBLIC_CACHE_NEWS_URL = ""
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# Tasks run as they are enqueued (once the transaction commits), in the test's process.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# WhiteNoise reads files from the apps and static/ directly, no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# A misspelt variable in a public template fails the test that renders it.
TEMPLATES[1]["OPTIONS"]["undefined"] = jinja2.StrictUndefined  # noqa: F405
