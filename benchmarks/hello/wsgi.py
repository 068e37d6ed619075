"""WSGI entry point of the bare Django baseline (see settings.py)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.hello.settings")

application = get_wsgi_application()
