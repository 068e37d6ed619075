from django.urls import reverse

from config.lib.sitemaps import SiteSitemap as Sitemap

from .models import Asset, Film, Person, PressRelease


class FilmSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.9

    def items(self):
        return Film.objects.published().order_by("pk")

    def lastmod(self, film):
        return film.updated_at


class PersonSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Person.objects.published().order_by("pk")

    def lastmod(self, person):
        return person.updated_at


class PressReleaseSitemap(Sitemap):
    changefreq = "never"
    priority = 0.7

    def items(self):
        return PressRelease.objects.published().order_by("pk")

    def lastmod(self, release):
        return release.updated_at


class AssetSitemap(Sitemap):
    """The pages of the stills, posters and documents anyone may have."""

    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return Asset.objects.published().order_by("pk")

    def lastmod(self, asset):
        return asset.updated_at


class PageSitemap(Sitemap):
    """The public lists: home, films, news, coverage, schedule and festivals."""

    changefreq = "daily"
    priority = 0.5

    def items(self):
        return [
            "presskit:home",
            "presskit:film-list",
            "presskit:news-list",
            "presskit:coverage-list",
            "festivals:screening-list",
            "festivals:festival-list",
        ]

    def location(self, name):
        return reverse(name)
