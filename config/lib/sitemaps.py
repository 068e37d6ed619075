from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap


class SiteSitemap(Sitemap):
    """Sitemap entries on the site's own address (SITE_URL), whatever Host a request sent.

    Each page once per language (settings.LANGUAGES), each entry naming the
    page in every language and the English one as x-default (hreflang).
    """

    i18n = True
    alternates = True
    x_default = True

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme
