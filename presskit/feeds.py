from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import PressRelease


class PressReleaseFeed(Feed):
    """/news/feed/: published press releases, newest first, for feed readers."""

    feed_type = Rss201rev2Feed
    description = _("Press releases: news about our films, festivals and screenings.")
    feed_copyright = ""

    def title(self):
        return gettext("%(site)s: press releases") % {"site": settings.SITE_NAME}

    # Absolute links on the site's own address, not on the Host a reader sent.
    def link(self):
        return settings.SITE_URL + reverse("presskit:news-list")

    def feed_url(self):
        return settings.SITE_URL + reverse("presskit:news-feed")

    def item_link(self, release):
        return settings.SITE_URL + release.get_absolute_url()

    def items(self):
        return PressRelease.objects.published().select_related("film").newest_first()[:30]

    def item_title(self, release):
        return str(release.title_in)

    def item_description(self, release):
        return str(release.summary_in) or str(release.body_in)[:400]

    def item_pubdate(self, release):
        return release.released_at

    def item_updateddate(self, release):
        return release.updated_at

    def item_author_name(self, release):
        return settings.SITE_NAME

    def item_categories(self, release):
        return [release.film.title] if release.film_id else []

    def item_guid(self, release):
        return f"{settings.SITE_URL}{release.get_absolute_url()}"

    def item_guid_is_permalink(self, release):
        return True
