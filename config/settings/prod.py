"""Production: refuses to start without a secret key and allowed hosts.

HTTPS hardening is on unless DJANGO_HTTPS=false says the site runs behind
plain HTTP on purpose (the local load-test server, `make serve`).
"""

import os

from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("DJANGO_HTTPS", "true")

from .base import *  # noqa: F403

DEBUG = False

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY (or DJANGO_SECRET_KEY_FILE) must be set in production."
    )
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):  # noqa: F405
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is too weak for production: use at least 50 random characters."
    )
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS must list the site's host names in production, "
        "for example DJANGO_ALLOWED_HOSTS=press.example.org."
    )
