import pytest

from ..factories import DRAFT, make_edition, make_screening
from ..pages import h1_texts, html_of

pytestmark = pytest.mark.django_db


def test_a_festival_page_lists_its_editions(client, catalogue):
    html = html_of(client.get("/festivals/san-sebastian/"))

    assert h1_texts(html) == ["San Sebastián International Film Festival"]
    assert "73rd San Sebastián International Film Festival" in html
    assert 'href="/festivals/san-sebastian/2025/"' in html


def test_an_edition_page_shows_its_programme_and_awards(client, catalogue):
    html = html_of(client.get("/festivals/san-sebastian/2025/"))

    assert h1_texts(html) == ["73rd San Sebastián International Film Festival"]
    assert "19 September 2025" in html
    assert "27 September 2025" in html
    assert "Festival premiere" in html
    assert "21:00" in html
    assert "Special award" in html
    assert "Exclusive first look" not in html  # that was Comic Con Astana


def test_an_edition_shows_no_draft_screenings(client):
    edition = make_edition()
    make_screening(edition=edition, title="Draft slot", publication_status=DRAFT)

    html = html_of(client.get(edition.get_absolute_url()))

    assert "Draft slot" not in html
    assert "No screenings announced for this edition yet." in html


def test_an_unknown_year_is_not_found(client, catalogue):
    assert client.get("/festivals/san-sebastian/1999/").status_code == 404
    assert client.get("/festivals/nowhere/").status_code == 404
