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
    path("press/", include("presskit.accreditation.urls")),
    path("", include("presskit.urls")),
    path("", include("festivals.urls")),
]
