from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, register_converter

from festivals.sitemaps import EditionSitemap, FestivalSitemap
from presskit.sitemaps import (
    AssetSitemap,
    FilmSitemap,
    PageSitemap,
    PersonSitemap,
    PressReleaseSitemap,
)

from . import views
from .lib.converters import UnicodeSlugConverter
from .lib.i18n import switch_language
from .lib.page_cache import public_page

register_converter(UnicodeSlugConverter, "uslug")

handler400 = "config.views.bad_request"
handler500 = "config.views.server_error"


sitemaps = {
    "pages": PageSitemap,
    "films": FilmSitemap,
    "people": PersonSitemap,
    "news": PressReleaseSitemap,
    "files": AssetSitemap,
    "festivals": FestivalSitemap,
    "editions": EditionSitemap,
}

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", public_page(sitemap), {"sitemaps": sitemaps}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("healthz", views.healthz, name="healthz"),
    path("language/<str:code>/", switch_language, name="switch-language"),
]

# What readers see, in each of the site's languages: English at the addresses
# it has always had, the others under their prefix (/es/, /kk/, /ru/).
urlpatterns += i18n_patterns(
    path("press/", include("presskit.accreditation.urls")),
    path("", include("presskit.urls")),
    path("", include("festivals.urls")),
    prefix_default_language=False,
)
