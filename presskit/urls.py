from django.urls import path, re_path

from config.lib.page_cache import public_page

from . import downloads, feeds, previews, views

app_name = "presskit"

urlpatterns = [
    path("", views.home, name="home"),
    path("films/", views.film_list, name="film-list"),
    path("films/<uslug:slug>/", views.film_detail, name="film-detail"),
    path("films/<uslug:slug>/press-kit/", views.film_press_kit, name="film-press-kit"),
    path(
        "films/<uslug:slug>/press-kit.zip", downloads.film_press_kit_zip, name="film-press-kit-zip"
    ),
    path(
        "films/<uslug:slug>/press-kit/chosen.zip",
        downloads.film_chosen_stills_zip,
        name="film-chosen-stills",
    ),
    path(
        "films/<uslug:slug>/press-notes.pdf",
        downloads.film_press_notes_pdf,
        name="film-press-notes",
    ),
    path("assets/<int:pk>/", views.asset_detail, name="asset-detail"),
    re_path(
        r"^assets/(?P<pk>[0-9]+)/(?P<kind>subtitles|captions)/(?P<language>[\w-]+)\.vtt$",
        downloads.asset_subtitles,
        name="asset-subtitles",
    ),
    path("assets/<int:pk>/<str:size>/<str:name>", downloads.asset_file, name="asset-file"),
    path("people/<uslug:slug>/", views.person_detail, name="person-detail"),
    path("news/", views.news_list, name="news-list"),
    path("news/feed/", public_page(feeds.PressReleaseFeed()), name="news-feed"),
    path("news/<uslug:slug>/", views.news_detail, name="news-detail"),
    path("coverage/", views.coverage_list, name="coverage-list"),
    path("search/", views.search, name="search"),
    path("preview/<str:token>/", previews.shared_preview, name="shared-preview"),
]
