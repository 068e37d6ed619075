from django.conf import settings


def site(request) -> dict:
    """The site's name and address, and this page's canonical URL."""
    return {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "canonical_url": settings.SITE_URL + request.path,
    }
