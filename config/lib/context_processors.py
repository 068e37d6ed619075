from django.conf import settings

from .i18n import languages_of


def site(request) -> dict:
    """The site's name and address, this page's canonical URL, and its languages."""
    return {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "canonical_url": settings.SITE_URL + request.path,
        **languages_of(request),
    }
