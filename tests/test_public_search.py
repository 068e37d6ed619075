"""The public search: any script, any accents, grouped by kind, never past the gate."""

import pytest

from presskit.publishing.models import Publication

from .factories import (
    make_accreditation,
    make_credit,
    make_film,
    make_person,
    make_release,
    signed_in,
)
from .pages import html_of

pytestmark = pytest.mark.django_db


def _found(client, words: str, language: str = "") -> str:
    prefix = f"/{language}" if language else ""
    return html_of(client.get(f"{prefix}/search/", {"q": words}))


@pytest.mark.parametrize(
    "words", ["aliya", "Aliya Kassymova", "Алия", "Әлия", "kasymova", "ҚАСЫМОВА", "Алия Касымова"]
)
def test_a_person_is_found_from_any_script_or_spelling(client, words):
    film = make_film(title="La Tregua", slug="la-tregua")
    person = make_person(name="Әлия Қасымова", latin_name="Aliya Kassymova", slug="aliya")
    make_credit(film=film, person=person)

    html = _found(client, words)

    assert '<a href="/people/aliya/">Aliya Kassymova</a>' in html, words


def test_accents_and_case_do_not_matter_and_results_come_by_kind(client, catalogue):
    html = _found(client, "ARON")

    assert '<h2 id="found-people">' in html
    assert '<a href="/people/aron-piper/">Arón Piper</a>' in html
    assert '<h2 id="found-films">' not in html  # no film is called Aron

    tregua = _found(client, "tregua")
    assert '<h2 id="found-films">' in tregua
    assert '<h2 id="found-news">' in tregua  # releases name the film in their titles


def test_a_reader_in_kazakh_finds_names_in_their_spelling(client, catalogue):
    html = _found(client, "aron", "kk")

    assert '<a href="/kk/people/aron-piper/">Арон Пайпер</a>' in html
    assert '<html lang="kk">' in html


def test_nothing_the_gate_hides_is_found(client, catalogue):
    make_person(name="Zhanar Secretova", publication_status=Publication.DRAFT)
    make_film(title="Draftfilm", publication_status=Publication.DRAFT)
    make_release(title="Embargonews", embargo_until="2999-01-01T00:00Z")

    for words in ("secretova", "draftfilm", "embargonews"):
        html = _found(client, words)
        assert "Nothing found for" in html, words
        assert "found-" not in html, words  # no group of results at all


def test_an_accredited_journalist_finds_an_embargoed_release(catalogue):
    make_release(title="Embargonews", embargo_until="2999-01-01T00:00Z")

    html = _found(signed_in(make_accreditation().user), "embargonews")

    assert '<h2 id="found-news">' in html


def test_a_word_too_short_searches_nothing(client, catalogue):
    html = _found(client, "a")

    assert "found-" not in html
    assert "Nothing found" not in html
