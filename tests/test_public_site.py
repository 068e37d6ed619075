"""Site-wide promises of the public pages: the URL contract, valid HTML, one h1,
search-engine files, and no draft reaching anyone through any channel."""

from xml.etree import ElementTree

import pytest
from django.urls import resolve

from .factories import DRAFT, make_credit, make_film, make_person, make_release, make_screening
from .pages import h1_texts, html_of, json_ld, parse_strictly

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/",
    "/films/",
    "/films/la-tregua/",
    "/films/la-tregua/press-kit/",
    "/people/aron-piper/",
    "/people/miguel-angel-vivas/",
    "/screenings/",
    "/screenings/?city=astana",
    "/festivals/",
    "/festivals/comic-con-astana/",
    "/festivals/san-sebastian/2025/",
    "/news/",
    "/news/la-tregua-first-look-comic-con-astana/",
    "/coverage/",
    "/search/?q=tregua",
]


# Journalists bookmark these (DESIGN.md): the addresses must not change.
@pytest.mark.parametrize(
    ("path", "view_name"),
    [
        ("/", "presskit:home"),
        ("/films/la-tregua/", "presskit:film-detail"),
        ("/films/la-tregua/press-kit/", "presskit:film-press-kit"),
        ("/films/la-tregua/press-kit.zip", "presskit:film-press-kit-zip"),
        ("/people/aron-piper/", "presskit:person-detail"),
        ("/assets/2/", "presskit:asset-detail"),
        ("/assets/2/print/La%20Tregua%20-%20Reyes.jpg", "presskit:asset-file"),
        ("/screenings/", "festivals:screening-list"),
        ("/screenings.ics", "festivals:screening-calendar"),
        ("/festivals/san-sebastian/", "festivals:festival-detail"),
        ("/festivals/san-sebastian/2025/", "festivals:edition-detail"),
        ("/news/", "presskit:news-list"),
        ("/news/first-look/", "presskit:news-detail"),
        ("/news/feed/", "presskit:news-feed"),
        ("/coverage/", "presskit:coverage-list"),
        ("/sitemap.xml", "sitemap"),
        ("/robots.txt", "robots"),
        ("/admin/", "admin:index"),
    ],
)
def test_public_urls_keep_their_addresses(path, view_name):
    match = resolve(path)
    assert match.view_name == view_name


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_public_page_is_valid_html_with_one_h1(client, catalogue, path):
    html = html_of(client.get(path))

    parse_strictly(html)
    assert len(h1_texts(html)) == 1
    assert '<link rel="canonical" href="http://127.0.0.1:8000/' in html
    json_ld(html)  # parses, where there is any


def test_the_sitemap_lists_public_pages_and_nothing_unpublished(client, catalogue):
    make_film(slug="secret-film", publication_status=DRAFT)
    make_person(slug="secret-person", publication_status=DRAFT)
    make_release(slug="secret-release", publication_status=DRAFT)

    response = client.get("/sitemap.xml")

    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ElementTree.fromstring(response.content)
    urls = {loc.text for loc in root.findall("s:url/s:loc", namespace)}
    assert "http://127.0.0.1:8000/films/la-tregua/" in urls
    assert "http://127.0.0.1:8000/people/aron-piper/" in urls
    assert "http://127.0.0.1:8000/news/la-tregua-san-sebastian-2025/" in urls
    assert "http://127.0.0.1:8000/festivals/san-sebastian/2025/" in urls
    assert "http://127.0.0.1:8000/screenings/" in urls
    assert not [url for url in urls if "secret" in url]


def test_robots_txt_points_at_the_sitemap_and_keeps_out_of_the_admin(client):
    text = client.get("/robots.txt").content.decode()

    assert "Disallow: /admin/" in text
    assert "Disallow: /preview/" in text
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in text


def test_a_draft_film_leaks_through_no_public_channel(client):
    film = make_film(slug="secret-film", title="Secret Film", publication_status=DRAFT)
    make_credit(film=film, person=make_person(slug="public-person"))
    make_screening(film=film, title="Secret screening")
    make_release(slug="secret-news", title="Secret news", film=film)

    assert client.get("/films/secret-film/").status_code == 404
    assert client.get("/news/secret-news/").status_code == 404
    for path in [
        "/",
        "/films/",
        "/screenings/",
        "/screenings.ics",
        "/news/",
        "/news/feed/",
        "/sitemap.xml",
        "/people/public-person/",
        "/coverage/",
    ]:
        body = client.get(path).content.decode()
        assert "Secret" not in body, path
        assert "secret-film" not in body, path


def test_a_friendly_page_answers_an_unknown_address(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert h1_texts(response.content.decode()) == ["Page not found"]


def test_the_not_found_page_names_no_address_of_its_own(client):
    page = client.get("/no-such-page/").content.decode()

    assert 'rel="canonical"' not in page
    assert 'property="og:url"' not in page


def test_a_staff_preview_of_a_draft_is_kept_by_no_cache_and_indexed_by_no_robot(editor_client):
    make_film(slug="secret-film", title="Secret Film", publication_status=DRAFT)

    preview = editor_client.get("/films/secret-film/")

    assert preview.status_code == 200
    assert "no-store" in preview["Cache-Control"]
    assert "private" in preview["Cache-Control"]
    assert preview["X-Robots-Tag"] == "noindex, nofollow"


def test_a_published_page_seen_by_staff_is_no_preview(editor_client):
    make_film(slug="la-tregua", title="La Tregua")

    page = editor_client.get("/films/la-tregua/")

    assert "X-Robots-Tag" not in page
