"""Every public page runs the same number of queries whether it shows 5 rows or 200."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from presskit.models import Asset, Subtitles

from .factories import (
    make_award,
    make_coverage,
    make_credit,
    make_edition,
    make_film,
    make_outlet,
    make_person,
    make_picture,
    make_quote,
    make_release,
    make_screening,
    make_venue,
)
from .presskit import files

pytestmark = pytest.mark.django_db
SMALL, LARGE = 5, 200
MAX_QUERIES = 15
WEBVTT = "WEBVTT\n\n00:00:00.500 --> 00:00:01.500\nA line.\n"


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PUBLIC_CACHE_SECONDS = 0


def _build(size: int, tag: str) -> dict[str, str]:
    """A film with `size` of everything, and `size` other films, releases and clippings."""
    film = make_film(slug=f"film-{tag}")
    edition = make_edition(year=2000 + size + len(tag))
    venues = [make_venue(), make_venue(city="Astana", country="KZ", time_zone="Asia/Almaty")]
    outlet = make_outlet()
    person = make_person(slug=f"person-{tag}")
    start = timezone.now() - datetime.timedelta(days=size // 2)
    for n in range(size):
        make_credit(film=film, person=person if n == 0 else make_person(), character=f"Role {n}")
        make_credit(film=make_film(), person=person, character=f"Other role {n}")
        make_quote(film=film, speaker=person if n % 2 else None, outlet=outlet)
        make_coverage(film=film, outlet=outlet)
        make_screening(
            film=film,
            venue=venues[n % 2],
            edition=edition if n % 3 else None,
            starts_at=start + datetime.timedelta(days=n),
        )
        make_award(film=film, edition=edition)
        make_release(film=film)
    # Trailers with subtitles: one, or three in every language.
    for _trailer in range(1 if size == SMALL else 3):
        trailer = make_picture(
            film, kind=Asset.Kind.TRAILER, content=files.video("WEBM"), name="trailer.webm"
        )
        for language in ("en", "es") if size == SMALL else ("en", "es", "kk", "ru"):
            Subtitles.objects.create(asset=trailer, language=language, text=WEBVTT)
    return {
        "film": f"/films/film-{tag}/",
        "person": f"/people/person-{tag}/",
        "edition": edition.get_absolute_url(),
    }


PAGES = [
    "/",
    "/films/",
    "{film}",
    "{film}press-kit/",
    "{person}",
    "/screenings/",
    "/screenings/?city=astana",
    "/screenings.ics",
    "{edition}",
    "/festivals/",
    "/news/",
    "/news/feed/",
    "/coverage/",
    "/sitemap.xml",
]


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("page", PAGES)
def test_queries_do_not_grow_with_the_data(client, page):
    small = _build(SMALL, "small")
    small_count = _count(client, page.format(**small))

    large = _build(LARGE, "large")
    large_count = _count(client, page.format(**large))

    assert large_count == small_count, (
        f"{page}: {small_count} queries at {SMALL}, {large_count} at {LARGE}"
    )
    assert large_count <= MAX_QUERIES, f"{page}: {large_count} queries"


def test_the_counted_film_pages_show_the_trailers_and_their_subtitles(client):
    built = _build(SMALL, "small")

    for page in ("{film}", "{film}press-kit/"):
        assert 'class="subtitle-links"' in client.get(page.format(**built)).content.decode()


# The pages that show records' texts read each text's Kazakh column in the same queries.
IN_KAZAKH = ["/kk/", "/kk/films/", "/kk{film}", "/kk{person}", "/kk/screenings/", "/kk/news/"]


@pytest.mark.parametrize("page", IN_KAZAKH)
def test_a_page_in_another_language_makes_the_queries_it_makes_in_english(client, page):
    data = _build(SMALL, "small")
    english = _count(client, page.removeprefix("/kk").format(**data))

    kazakh = _count(client, page.format(**data))

    assert kazakh == english, f"{page}: {kazakh} queries in Kazakh, {english} in English"
