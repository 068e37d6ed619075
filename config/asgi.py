import os

from django.core.asgi import get_asgi_application

from config.lib.i18n import prepare_languages

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")

application = get_asgi_application()
prepare_languages()
