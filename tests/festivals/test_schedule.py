"""/screenings/: the public finds where and when a film screens."""

import datetime

import pytest
from django.utils import timezone

from festivals.models import Screening

from ..factories import DRAFT, make_edition, make_festival, make_film, make_screening, make_venue
from ..pages import h1_texts, html_of

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def _titles(response) -> list[str]:
    return [screening.title for screening in response.context_data["object_list"]]


@pytest.fixture
def schedule():
    """Screenings in two cities at two festivals, for two films."""
    now = timezone.now()
    astana = make_venue(city="Astana", country="KZ", time_zone="Asia/Almaty")
    kursaal = make_venue(city="San Sebastián", country="ES", time_zone="Europe/Madrid")
    comic_con = make_edition(festival=make_festival(slug="comic-con-astana"), year=2025)
    ssiff = make_edition(festival=make_festival(slug="san-sebastian"), year=2025)
    tregua, other = make_film(slug="la-tregua"), make_film(slug="other-film")
    make_screening(
        film=tregua,
        venue=astana,
        edition=comic_con,
        title="Astana look",
        kind=Screening.Kind.FIRST_LOOK,
        starts_at=now + datetime.timedelta(days=3),
    )
    make_screening(
        film=tregua,
        venue=kursaal,
        edition=ssiff,
        title="Premiere",
        kind=Screening.Kind.WORLD_PREMIERE,
        starts_at=now + datetime.timedelta(days=10),
    )
    make_screening(
        film=other,
        venue=kursaal,
        edition=ssiff,
        title="Other gala",
        kind=Screening.Kind.GALA,
        starts_at=now + datetime.timedelta(days=11),
    )
    make_screening(
        film=tregua,
        venue=kursaal,
        title="Old screening",
        starts_at=now - datetime.timedelta(days=30),
    )
    make_screening(film=tregua, venue=astana, title="Draft", publication_status=DRAFT)
    return {"comic_con": comic_con, "ssiff": ssiff}


def test_the_schedule_lists_upcoming_soonest_first_then_past(client, schedule):
    response = client.get("/screenings/")

    assert _titles(response) == ["Astana look", "Premiere", "Other gala", "Old screening"]
    html = html_of(response)
    assert h1_texts(html) == ["Screenings"]
    assert html.index("Upcoming screenings") < html.index("Past screenings")


@pytest.mark.parametrize("city", ["Astana", "astana", "ASTANA"])
def test_filtering_by_city_ignores_case(client, schedule, city):
    assert _titles(client.get("/screenings/", {"city": city})) == ["Astana look"]


@pytest.mark.parametrize("city", ["San Sebastián", "san sebastian", "SAN SEBASTIAN"])
def test_filtering_by_city_ignores_accents(client, schedule, city):
    assert _titles(client.get("/screenings/", {"city": city})) == [
        "Premiere",
        "Other gala",
        "Old screening",
    ]


def test_an_unknown_city_finds_nothing(client, schedule):
    assert _titles(client.get("/screenings/", {"city": "Atlantis"})) == []


def test_filtering_by_festival_film_edition_and_kind(client, schedule):
    assert _titles(client.get("/screenings/", {"festival": "comic-con-astana"})) == ["Astana look"]
    assert _titles(client.get("/screenings/", {"film": "other-film"})) == ["Other gala"]
    assert _titles(client.get("/screenings/", {"edition": schedule["ssiff"].pk})) == [
        "Premiere",
        "Other gala",
    ]
    assert _titles(client.get("/screenings/", {"kind": "world_premiere"})) == ["Premiere"]
    assert _titles(
        client.get("/screenings/", {"film": "la-tregua", "festival": "san-sebastian"})
    ) == ["Premiere"]


def test_the_date_range_uses_the_local_date_at_the_venue(client):
    astana = make_venue(city="Astana", country="KZ", time_zone="Asia/Almaty")
    # 12 July, 21:00 UTC is already 13 July, 02:00 in Astana.
    make_screening(
        venue=astana, title="Late", starts_at=datetime.datetime(2025, 7, 12, 21, tzinfo=UTC)
    )

    on_the_12th = {"date_after": "2025-07-12", "date_before": "2025-07-12"}
    on_the_13th = {"date_after": "2025-07-13", "date_before": "2025-07-13"}
    assert _titles(client.get("/screenings/", on_the_12th)) == []
    assert _titles(client.get("/screenings/", on_the_13th)) == ["Late"]


def test_a_wrong_date_is_a_clear_error_not_a_crash(client, schedule):
    response = client.get("/screenings/", {"date_after": "2025-13-45"})

    assert response.status_code == 200
    html = html_of(response)
    assert "Enter a valid date." in html
    assert "Some filters are not valid" in html
    assert _titles(response) == []


def test_an_unknown_film_is_a_clear_error(client, schedule):
    html = html_of(client.get("/screenings/", {"film": "no-such-film"}))

    assert "Select a valid choice." in html


def test_days_are_headed_and_times_are_local_with_their_zone(client):
    kursaal = make_venue(city="San Sebastián", country="ES", time_zone="Europe/Madrid")
    make_screening(venue=kursaal, starts_at=datetime.datetime(2025, 9, 20, 19, tzinfo=UTC))

    html = html_of(client.get("/screenings/"))

    assert "Saturday 20 September 2025" in html
    assert "21:00" in html
    assert "San Sebastián time" in html
    assert "UTC+02:00" not in html, "the zone in words, not an offset"
    assert "San Sebastián" in html


def test_cancelled_and_moved_screenings_are_marked(client):
    now = timezone.now()
    make_screening(
        title="Off", status=Screening.Status.CANCELLED, starts_at=now + datetime.timedelta(days=1)
    )
    make_screening(
        title="Later",
        status=Screening.Status.MOVED,
        starts_at=now + datetime.timedelta(days=2),
        previous_starts_at=now + datetime.timedelta(days=1, hours=3),
    )

    html = html_of(client.get("/screenings/"))

    assert 'class="status status-cancelled">Cancelled' in html
    assert 'class="status status-moved">Moved from' in html


def test_the_schedule_is_paginated_and_keeps_the_filters(client):
    venue = make_venue(city="Astana", country="KZ", time_zone="Asia/Almaty")
    film = make_film()
    start = timezone.now() + datetime.timedelta(days=1)
    for hours in range(55):
        make_screening(film=film, venue=venue, starts_at=start + datetime.timedelta(hours=hours))

    first = client.get("/screenings/", {"city": "astana"})
    second = client.get("/screenings/", {"city": "astana", "page": 2})

    assert len(first.context_data["object_list"]) == 50
    assert len(second.context_data["object_list"]) == 5
    assert "city=Astana&amp;page=2" in html_of(first)


def test_releases_without_a_venue_are_listed_by_country(client):
    make_screening(
        venue=None,
        kind=Screening.Kind.THEATRICAL_RELEASE,
        title="In cinemas in Spain",
        time_zone="Europe/Madrid",
        country="ES",
        starts_at=timezone.now() + datetime.timedelta(days=5),
    )

    html = html_of(client.get("/screenings/"))

    assert "In cinemas in Spain" in html
    assert "All day" in html
    assert '<p class="where">Spain</p>' in html
