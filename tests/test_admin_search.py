"""Editors find records by name with or without accents, in any case, by any spelling on file."""

import json

import pytest
from django.urls import reverse

from .factories import make_festival, make_person, make_venue

pytestmark = pytest.mark.django_db


def _names(response) -> set[str]:
    return {str(obj) for obj in response.context["cl"].result_list}


@pytest.mark.parametrize(
    "query", ["Aron", "aron piper", "ARÓN", "Arón Piper", "piper"], ids=lambda q: q
)
def test_searching_people_ignores_accents_and_case(editor_client, query):
    make_person(name="Arón Piper", slug="aron-piper")
    make_person(name="Miguel Herrán", slug="miguel-herran")

    response = editor_client.get(reverse("admin:presskit_person_changelist"), {"q": query})

    assert _names(response) == {"Arón Piper"}


def test_typing_the_accent_finds_a_name_stored_without_it(editor_client):
    make_person(name="Farabi Akkozov", slug="farabi-akkozov")

    response = editor_client.get(reverse("admin:presskit_person_changelist"), {"q": "Fárabi"})

    assert _names(response) == {"Farabi Akkozov"}


def test_another_spelling_on_file_finds_the_person(editor_client):
    make_person(name="Erlan Bekhozhin", slug="erlan-bekhozhin", also_known_as="Yerlan Bekhozhin")

    response = editor_client.get(reverse("admin:presskit_person_changelist"), {"q": "yerlan"})

    assert _names(response) == {"Erlan Bekhozhin"}


def test_searching_festivals_finds_san_sebastian_without_the_accent(editor_client):
    make_festival(name="San Sebastián International Film Festival", slug="san-sebastian")
    make_festival(name="Comic Con Astana", slug="comic-con-astana")

    response = editor_client.get(reverse("admin:festivals_festival_changelist"), {"q": "sebastian"})

    assert _names(response) == {"San Sebastián International Film Festival"}


def test_kazakh_names_are_found_in_their_own_script_in_any_case(editor_client):
    make_venue(
        name="Қарағанды Cinema",
        slug="karagandy-cinema",
        city="Қарағанды",
        country="KZ",
        time_zone="Asia/Almaty",
    )

    response = editor_client.get(reverse("admin:festivals_venue_changelist"), {"q": "ҚАРАҒАНДЫ"})

    assert _names(response) == {"Қарағанды Cinema, Қарағанды"}


def test_screenings_are_found_by_their_city_without_accents(editor_client, catalogue):
    response = editor_client.get(
        reverse("admin:festivals_screening_changelist"), {"q": "san sebastian"}
    )

    found = response.context["cl"].result_list
    assert len(found) == 2  # the press screening and the premiere
    assert {screening.city for screening in found} == {"San Sebastián"}


def test_autocomplete_for_credits_ignores_accents(editor_client, catalogue):
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "aron",
            "app_label": "presskit",
            "model_name": "credit",
            "field_name": "person",
        },
    )

    assert response.status_code == 200
    results = json.loads(response.content)["results"]
    assert [result["text"] for result in results] == ["Arón Piper"]
