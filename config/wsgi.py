import os

from django.core.wsgi import get_wsgi_application

from config.lib.i18n import prepare_languages
from config.lib.page_cache import serve_cached_pages

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")

# Cached public pages are answered before Django's request handling starts.
application = serve_cached_pages(get_wsgi_application())
# Every language's catalogues and addresses, before the first requests (config/lib/i18n.py).
prepare_languages()
