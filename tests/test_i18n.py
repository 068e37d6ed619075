"""The interface in four languages: addresses, switch, alternates, first visits, catalogues."""

import io
import zipfile
from pathlib import Path
from urllib.parse import urlsplit
from wsgiref.util import setup_testing_defaults
from xml.etree import ElementTree

import icalendar
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.handlers.wsgi import WSGIHandler
from django.utils import translation

from config.lib.filters import date, runtime
from config.lib.page_cache import serve_cached_pages
from presskit.models import Film

from .pages import html_of, parse_strictly
from .test_page_cache import _wsgi_get
from .test_public_site import PUBLIC_PAGES

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
SITE = "http://127.0.0.1:8000"
OTHERS = ("es", "kk", "ru")
# The keywords `make messages` extracts with, besides Babel's own (_, gettext, pgettext, ...).
KEYWORDS = {
    "gettext_lazy": None,
    "ngettext_lazy": (1, 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext_lazy": ((1, "c"), 2, 3),
    "gettext_noop": None,
}


def browser_in(languages: str) -> dict:
    """The headers of a browser opening a page, in `languages` (Accept-Language)."""
    return {
        "HTTP_ACCEPT": "text/html,application/xhtml+xml,*/*;q=0.8",
        "HTTP_ACCEPT_LANGUAGE": languages,
    }


def in_language(path: str, code: str) -> str:
    return path if code == "en" else f"/{code}{path}"


def alternates_of(html: str) -> dict[str, str]:
    tree = parse_strictly(html)
    return {
        link.get("hreflang"): link.get("href")
        for link in tree.iter("link")
        if link.get("rel") == "alternate" and link.get("hreflang")
    }


def test_english_pages_keep_their_addresses_and_the_others_have_a_prefix(client, catalogue):
    english = client.get("/films/la-tregua/")
    assert english.status_code == 200
    assert '<html lang="en">' in english.content.decode()

    for code in OTHERS:
        page = client.get(f"/{code}/films/la-tregua/")
        assert page.status_code == 200
        assert f'<html lang="{code}">' in page.content.decode()


@pytest.mark.parametrize("code", ["en", *OTHERS])
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_page_names_itself_in_every_language_and_back(client, catalogue, path, code):
    html = html_of(client.get(in_language(path, code)))
    path = urlsplit(path).path
    alternates = alternates_of(html)

    assert f'<html lang="{code}">' in html
    assert alternates == {
        "en": SITE + path,
        "es": SITE + "/es" + path,
        "kk": SITE + "/kk" + path,
        "ru": SITE + "/ru" + path,
        "x-default": SITE + path,
    }
    # Reciprocal: the page it names in another language names this one back.
    other = "es" if code != "es" else "kk"
    back = alternates_of(html_of(client.get(urlsplit(alternates[other]).path)))
    assert back[code] == alternates[code]


def test_the_switch_stays_on_the_same_page_and_remembers(client, catalogue):
    html = html_of(client.get("/kk/films/la-tregua/"))
    tree = parse_strictly(html)
    switch = next(nav for nav in tree.iter("nav") if nav.get("class") == "language-switch")
    links = {link.get("lang"): link for link in switch.iter("a")}
    assert set(links) == {"en", "es", "kk", "ru"}
    assert links["kk"].get("aria-current") == "true"
    assert [link.text for link in links.values()] == ["English", "Español", "Қазақша", "Русский"]

    response = client.get(links["ru"].get("href"))

    assert response.status_code == 302
    assert response["Location"] == "/ru/films/la-tregua/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"


def test_the_switch_never_leads_off_the_site(client):
    for elsewhere in ("https://elsewhere.example/", "//elsewhere.example/", "/\\elsewhere.example"):
        response = client.get("/language/es/", {"next": elsewhere})
        assert response["Location"] == "/es/", elsewhere
    assert client.get("/language/de/?next=/").status_code == 404


def test_the_browsers_language_is_honoured_on_the_first_visit_only(client, catalogue):
    first = client.get("/films/la-tregua/", **browser_in("kk,ru;q=0.8,en;q=0.5"))

    assert first.status_code == 302
    assert first["Location"] == "/kk/films/la-tregua/"
    cookie = first.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "kk"
    assert cookie["max-age"] == 365 * 24 * 60 * 60  # kept after the browser closes
    # The reader then chooses English, and stays there.
    client.get("/language/en/?next=/kk/films/la-tregua/")
    again = client.get("/films/la-tregua/", **browser_in("kk,ru;q=0.8,en;q=0.5"))
    assert again.status_code == 200
    assert '<html lang="en">' in again.content.decode()


def test_a_browser_in_english_or_an_unknown_language_gets_the_english_page(client, catalogue):
    for header in ("en-GB,en;q=0.9", "de-DE,de;q=0.9", ""):
        response = client.get("/films/la-tregua/", **browser_in(header))
        assert response.status_code == 200
        assert '<html lang="en">' in response.content.decode()


@pytest.mark.parametrize(
    ("path", "extra"),
    [
        ("/news/feed/", {"HTTP_ACCEPT": "application/rss+xml"}),  # a feed reader
        ("/screenings.ics", {"HTTP_ACCEPT": "text/calendar"}),  # a calendar subscribing
        ("/films/la-tregua/", {"HTTP_REFERER": "http://testserver/festivals/"}),  # from our page
    ],
)
def test_only_a_browser_arriving_at_a_page_is_sent_to_its_language(client, catalogue, path, extra):
    response = client.get(path, **{**browser_in("ru"), **extra})

    assert response.status_code == 200
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_a_cached_english_page_is_not_served_to_a_first_visit_in_kazakh(client, catalogue):
    application = serve_cached_pages(WSGIHandler())
    assert client.get("/films/la-tregua/")["X-Public-Cache"] == "miss"
    assert _wsgi_get(application, "/films/la-tregua/")[1]["X-Public-Cache"] == "hit"

    status, headers = _first_visit(application, "/films/la-tregua/", "kk")

    assert status == "302 Found"
    assert headers["Location"] == "/kk/films/la-tregua/"


def _first_visit(application, path: str, language: str) -> tuple[str, dict]:
    environ = {"PATH_INFO": path, "REQUEST_METHOD": "GET", **browser_in(language)}
    setup_testing_defaults(environ)
    answered = {}

    def start_response(status, headers, exc_info=None):
        answered.update(status=status, headers=dict(headers))

    body = application(environ, start_response)
    b"".join(body)
    if hasattr(body, "close"):
        body.close()
    return answered["status"], answered["headers"]


def test_each_language_has_its_pages_cached_whatever_the_thread_served_before(client, catalogue):
    for path in ("/kk/films/la-tregua/", "/films/la-tregua/", "/ru/films/la-tregua/"):
        assert client.get(path)["X-Public-Cache"] == "miss"
    # The thread last served a Russian page: an English and a Kazakh one still hit.
    for path in ("/films/la-tregua/", "/kk/films/la-tregua/", "/ru/films/la-tregua/"):
        response = client.get(path)
        assert response["X-Public-Cache"] == "hit"
        assert f'<html lang="{path[1:3] if path[3] == "/" else "en"}">' in response.content.decode()


def test_a_page_answered_before_the_view_speaks_its_own_addresses_language(client, catalogue):
    client.get("/ru/no-such-page/")  # the thread last spoke Russian

    refused = client.get("/films/la-tregua/", HTTP_HOST="elsewhere.example")

    assert refused.status_code == 400
    assert '<html lang="en">' in refused.content.decode()


def test_the_sitemap_lists_each_page_in_each_language_with_its_alternates(client, catalogue):
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    entries = {
        url.find("s:loc", ns).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)
        }
        for url in root.findall("s:url", ns)
    }
    film = f"{SITE}/films/la-tregua/"

    for code in OTHERS:
        assert f"{SITE}/{code}/films/la-tregua/" in entries
    assert entries[film] == {
        "en": film,
        "es": f"{SITE}/es/films/la-tregua/",
        "kk": f"{SITE}/kk/films/la-tregua/",
        "ru": f"{SITE}/ru/films/la-tregua/",
        "x-default": film,
    }


def test_the_feed_and_the_calendar_exist_in_each_language(client, catalogue):
    feed = client.get("/kk/news/feed/").content.decode()
    assert "<language>kk</language>" in feed
    assert "баспасөз релиздері" in feed

    calendar = icalendar.Calendar.from_ical(client.get("/ru/screenings.ics").content)
    assert str(calendar["X-WR-CALNAME"]) == "Показы"
    descriptions = [str(event["DESCRIPTION"]) for event in calendar.walk("VEVENT")]
    assert any(text.startswith("La Tregua (The Truce): Пресс-показ.") for text in descriptions)
    assert not [text for text in descriptions if " of La Tregua" in text]


def test_the_press_kit_is_in_the_language_it_is_taken_in(client, catalogue):
    russian = _entries(client.get("/ru/films/la-tregua/press-kit.zip"))
    english = _entries(client.get("/films/la-tregua/press-kit.zip"))

    # Its own files are named in Russian, in Cyrillic; the film keeps its title.
    assert {"La Tregua - Титры.txt", "La Tregua - Материалы для прессы.pdf"} <= set(russian)
    assert {"Список файлов.csv", "Список файлов.json"} <= set(russian)
    credits = russian["La Tregua - Титры.txt"].decode()
    assert credits.startswith("La Tregua\nПеремирие\n")
    assert "Режиссёр: Мигель Анхель Вивас" in credits
    assert "В ролях:" in credits
    assert "Director: Miguel Ángel Vivas" in english["La Tregua - Credits.txt"].decode()
    # Kept once built, each language its own: the English kit did not replace the Russian.
    film_id = Film.objects.get(slug="la-tregua").pk
    languages, _files = default_storage.listdir(f"kits/{film_id}")
    assert sorted(languages) == ["en", "ru"]
    for code in languages:
        assert len(default_storage.listdir(f"kits/{film_id}/{code}")[1]) == 1
    again = client.get("/ru/films/la-tregua/press-kit.zip")
    assert not again["ETag"].startswith("W/")  # sent as kept (a build's ETag is weak)
    assert _entries(again) == russian


def _entries(response) -> dict[str, bytes]:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    archive = zipfile.ZipFile(io.BytesIO(content))
    return {name: archive.read(name) for name in archive.namelist()}


def test_robots_keep_preview_links_out_in_every_language(client):
    text = client.get("/robots.txt").content.decode()

    for prefix in ("", "/es", "/kk", "/ru"):
        assert f"Disallow: {prefix}/preview/" in text


def test_the_interface_speaks_each_language(client, catalogue):
    said = {
        "es": ("Películas", "Proyecciones"),
        "kk": ("Фильмдер", "Көрсетілімдер"),
        "ru": ("Фильмы", "Показы"),
    }
    for code, words in said.items():
        html = html_of(client.get(f"/{code}/films/la-tregua/"))
        for word in words:
            assert word in html, (code, word)
        assert "Skip to content" not in html


def test_dates_and_durations_follow_the_language():
    import datetime

    moment = datetime.datetime(2026, 12, 6, 18, 0)
    with translation.override("ru"):
        assert date(moment, translation.pgettext("date format", "j F Y")) == "6 декабря 2026"
        assert runtime(101) == "101 минута (1 ч 41 мин)"
        assert runtime(95).startswith("95 минут ")
    with translation.override("es"):
        assert (
            date(moment, translation.pgettext("date format", "j F Y")) == "6 de diciembre de 2026"
        )
    with translation.override("en"):
        assert date(moment, translation.pgettext("date format", "j F Y")) == "6 December 2026"


def _messages() -> set[tuple[str | None, str]]:
    """Every message the interface has: in the templates and the Python code."""
    with open(ROOT / "config" / "babel.cfg") as mapping:
        method_map, options_map = parse_mapping_cfg(mapping)
    found = set()
    for folder in ("config", "presskit", "festivals", "templates"):
        for _file, _line, message, _comments, context in extract_from_dir(
            ROOT / folder, method_map, options_map, keywords={**_babel_keywords(), **KEYWORDS}
        ):
            msgid = message[0] if isinstance(message, tuple) else message
            found.add((context, msgid))
    return found


def _babel_keywords() -> dict:
    from babel.messages.extract import DEFAULT_KEYWORDS

    return dict(DEFAULT_KEYWORDS)


@pytest.mark.parametrize("code", OTHERS)
def test_every_message_of_the_interface_is_translated(code):
    with open(ROOT / "config" / "locale" / code / "LC_MESSAGES" / "django.po", "rb") as po:
        catalogue = read_po(po)
    translated = {
        (message.context, message.id if isinstance(message.id, str) else message.id[0])
        for message in catalogue
        if message.id
        and not message.fuzzy
        and all(message.string if isinstance(message.string, tuple) else [message.string])
    }

    missing = sorted(_messages() - translated, key=str)

    assert not missing, f"untranslated in {code} (run `make messages`, then translate): {missing}"
