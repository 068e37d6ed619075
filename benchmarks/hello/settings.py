"""A bare Django project: the pages benchmark's baseline (benchmarks/pages.py).

What the smallest Django site costs under the same gunicorn configuration
(config/gunicorn.py) as the press office: no middleware, no database, no
apps, DEBUG off. `/` answers "ok"; `/cache-page/` is a small template page
behind Django's own `cache_page`, with files on disk as the cache.

    DJANGO_SETTINGS_MODULE=benchmarks.hello.settings \
        .venv/bin/gunicorn -c config/gunicorn.py benchmarks.hello.wsgi --bind 127.0.0.1:8766
"""

import os
from pathlib import Path

HERE = Path(__file__).resolve().parent

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# Nothing here is secret: the project signs nothing.
SECRET_KEY = "bench-hello-world-" + "x" * 40
ROOT_URLCONF = "benchmarks.hello.urls"
WSGI_APPLICATION = "benchmarks.hello.wsgi.application"

INSTALLED_APPS = []
MIDDLEWARE = []
DATABASES = {}
USE_I18N = False
USE_TZ = True

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [HERE / "templates"],
    }
]

# cache_page's store: files, as the press office's own default cache. The
# benchmark points it into benchmarks/work/; nothing is left elsewhere.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("HELLO_CACHE_DIR", str(HERE.parent / "work" / "hello-cache")),
    }
}
