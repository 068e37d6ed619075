from config.lib.sitemaps import SiteSitemap as Sitemap

from .models import Edition, Festival


class FestivalSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Festival.objects.order_by("pk")

    def lastmod(self, festival):
        return festival.updated_at


class EditionSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Edition.objects.select_related("festival").order_by("pk")

    def lastmod(self, edition):
        return edition.updated_at
