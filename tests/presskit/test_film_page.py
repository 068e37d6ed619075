"""The film page: everything a journalist needs on one page, and nothing unpublished."""

import datetime
import re

import pytest
from django.utils import timezone

from festivals.models import Screening
from presskit.models import Credit

from ..factories import (
    DRAFT,
    make_asset,
    make_award,
    make_coverage,
    make_credit,
    make_edition,
    make_film,
    make_person,
    make_picture,
    make_quote,
    make_screening,
)
from ..pages import h1_texts, html_of, json_ld_of_type, open_graph

pytestmark = pytest.mark.django_db
URL = "/films/la-tregua/"


def test_the_film_page_names_the_director_and_the_cast_with_their_characters(client, catalogue):
    html = html_of(client.get(URL))

    assert h1_texts(html) == ["La Tregua"]
    assert "The Truce" in html
    assert "Directed by" in html
    assert "Miguel Ángel Vivas" in html
    cast = html[html.index('id="cast"') : html.index('id="crew"')]
    order = [cast.index(name) for name in ("Miguel Herrán", "Arón Piper", "Dina Tasbulatova")]
    assert order == sorted(order), "cast is in billing order"
    assert "as Reyes" in cast
    assert "as Salgado" in cast
    assert "as Aisulu" in cast


def test_the_film_page_gives_the_facts_a_journalist_checks(client, catalogue):
    html = html_of(client.get(URL))

    for fact in (
        "150 minutes",
        "Spain, Kazakhstan",
        "Spanish, Kazakh, Russian",
        "Spassk 99 AIE",
        "Umaifilm LLP",
        "Karlag",  # the synopsis
        "Special award",
        "73rd San Sebastián International Film Festival",
    ):
        assert fact in html, fact


def test_quotes_carry_their_speaker_and_outlet(client, catalogue):
    html = html_of(client.get(URL))

    quote = html[html.index("consolation between people") :][:600]
    assert "Miguel Ángel Vivas" in quote
    assert "The Astana Times" in quote


def test_screenings_and_coverage_appear_with_local_times(client, catalogue):
    html = html_of(client.get(URL))

    assert "21:00" in html
    assert "21:00 San Sebastián time" in " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "18:00" in html
    assert "18:00 Astana time" in " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "Asia/Almaty" not in html.split('id="screenings"')[1], "no raw zone id"
    assert (
        '<li lang="es"><cite>La Tregua llega a San Sebastián tras un rodaje accidentado</cite>'
        in html
    )
    assert "July 2025" in html  # coverage known only to the month


def test_drafts_on_a_published_film_stay_hidden(client):
    film = make_film(slug="la-tregua", title="La Tregua")
    make_credit(film=film, person=make_person(name="Draft Person", publication_status=DRAFT))
    make_quote(film=film, text="A draft quote.", publication_status=DRAFT)
    make_coverage(film=film, headline="Draft clipping", publication_status=DRAFT)
    make_screening(film=film, title="Draft screening", publication_status=DRAFT)
    make_award(film=film, name="Draft award", publication_status=DRAFT)

    html = html_of(client.get(URL))

    # A person in draft is not announced yet: not even their name shows.
    for hidden in (
        "Draft Person",
        "A draft quote.",
        "Draft clipping",
        "Draft screening",
        "Draft award",
    ):
        assert hidden not in html


def test_a_draft_film_is_not_found_by_the_public(client):
    make_film(slug="secret", publication_status=DRAFT)

    assert client.get("/films/secret/").status_code == 404


def test_staff_preview_a_draft_film_with_a_banner(editor_client):
    make_film(slug="secret", title="Secret Project", publication_status=DRAFT)

    html = html_of(editor_client.get("/films/secret/"))

    assert "Secret Project" in html
    assert "Preview: this is a draft" in html


def test_upcoming_and_past_screenings_are_apart(client):
    film = make_film(slug="la-tregua")
    now = timezone.now()
    make_screening(film=film, title="Next week", starts_at=now + datetime.timedelta(days=7))
    make_screening(film=film, title="Last year", starts_at=now - datetime.timedelta(days=365))
    make_screening(
        film=film,
        title="Called off",
        starts_at=now + datetime.timedelta(days=8),
        status=Screening.Status.CANCELLED,
    )

    html = html_of(client.get(URL))

    upcoming = html[html.index("<h3>Upcoming</h3>") : html.index("<h3>Past</h3>")]
    assert "Next week" in upcoming
    assert "Called off" in upcoming
    assert "Cancelled" in upcoming
    assert "Last year" in html[html.index("<h3>Past</h3>") :]


def test_the_film_page_describes_the_movie_for_search_engines(client, catalogue):
    html = html_of(client.get(URL))

    (movie,) = json_ld_of_type(html, "Movie")
    assert movie["name"] == "La Tregua"
    assert movie["alternateName"] == "The Truce"
    assert movie["duration"] == "PT2H30M"
    assert [director["name"] for director in movie["director"]] == ["Miguel Ángel Vivas"]
    assert [actor["name"] for actor in movie["actor"]][:2] == ["Miguel Herrán", "Arón Piper"]
    assert {country["name"] for country in movie["countryOfOrigin"]} == {"Spain", "Kazakhstan"}
    assert "Spassk 99 AIE" in {company["name"] for company in movie["productionCompany"]}
    assert movie["award"] == ["Special award, San Sebastián 2025"]
    events = json_ld_of_type(html, "ScreeningEvent")
    assert len(events) == 5
    assert {event["eventStatus"] for event in events} == {"https://schema.org/EventScheduled"}


def test_link_previews_use_the_film_title_and_logline(client, catalogue):
    og = open_graph(html_of(client.get(URL)))

    assert og["og:title"] == "La Tregua (The Truce)"
    assert og["og:type"] == "video.movie"
    assert og["og:description"].startswith("In a Soviet labour camp")
    assert og["og:url"] == "http://127.0.0.1:8000/films/la-tregua/"


def test_a_cancelled_screening_is_marked_for_search_engines(client):
    film = make_film(slug="la-tregua")
    make_screening(film=film, status=Screening.Status.CANCELLED, edition=make_edition())

    html = html_of(client.get(URL))

    (event,) = json_ld_of_type(html, "ScreeningEvent")
    assert event["eventStatus"] == "https://schema.org/EventCancelled"
    assert event["superEvent"]["@type"] == "Festival"


def test_crew_lists_each_person_once_per_heading(client, catalogue):
    html = html_of(client.get(URL))
    produced = html[html.index("Produced by") : html.index('id="companies"')]

    assert produced.count("Erlan Bekhozhin") == 1
    assert "executive producer, creative executive producer; co-producer, Kazakhstan" in produced
    assert Credit.objects.filter(person__slug="erlan-bekhozhin").count() == 2


def test_the_gallery_shows_public_pictures_with_copies_in_their_order(client):
    film = make_film(slug="la-tregua")
    make_picture(film, title="Second", caption="The second picture.", order=2)
    make_picture(film, title="First", caption="The first picture.", order=1)
    draft = make_person(name="Casting Secret", publication_status=DRAFT)
    make_picture(film, title="Third", caption="Casting Secret on set.", order=3, people=[draft])
    make_asset(film=film, title="No copies", caption="A picture without copies.", order=0)

    html = html_of(client.get(URL))

    assert html.index("The first picture.") < html.index("The second picture.")
    assert "A picture without copies." not in html
    assert "Casting Secret" not in html  # shown or named: hidden until they are announced
    assert html.count("/web/") >= 2  # each shown picture offers its web copy
