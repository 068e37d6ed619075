from django.conf import settings

from .i18n import languages_of


def site(request) -> dict:
    """The site's name and address, and this page's languages and canonical URL."""
    return {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        **languages_of(request),
    }
