"""Editors correct a film's credits inline: reorder, add, remove."""

import pytest
from django.urls import reverse

from presskit.models import Credit

from ..admin_forms import form_data
from ..factories import make_credit, make_film, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def film_with_cast():
    film = make_film()
    herran = make_credit(
        film=film, person=make_person(name="Miguel Herrán"), character="Reyes", billing_order=1
    )
    piper = make_credit(
        film=film, person=make_person(name="Arón Piper"), character="Salgado", billing_order=2
    )
    return film, herran, piper


def _post(client, film, changes):
    url = reverse("admin:presskit_film_change", args=[film.pk])
    return client.post(url, form_data(client.get(url), "film_form", changes))


def test_two_credits_can_swap_places_in_one_save(editor_client, film_with_cast):
    film, herran, piper = film_with_cast

    response = _post(
        editor_client, film, {"credits-0-billing_order": "2", "credits-1-billing_order": "1"}
    )

    assert response.status_code == 302
    herran.refresh_from_db()
    piper.refresh_from_db()
    assert (piper.billing_order, herran.billing_order) == (1, 2)


def test_a_new_credit_can_take_the_place_a_removed_one_left(press_client, film_with_cast):
    film, _, _ = film_with_cast
    dina = make_person(name="Dina Tasbulatova")

    response = _post(
        press_client,
        film,
        {
            "credits-1-DELETE": "on",
            "credits-2-person": str(dina.pk),
            "credits-2-role": "cast",
            "credits-2-character": "Aisulu",
            "credits-2-billing_order": "2",
        },
    )

    assert response.status_code == 302
    assert list(film.credits.values_list("person__name", "billing_order")) == [
        ("Miguel Herrán", 1),
        ("Dina Tasbulatova", 2),
    ]


def test_two_credits_in_one_place_are_refused_with_a_clear_message(editor_client, film_with_cast):
    film, _, piper = film_with_cast

    response = _post(editor_client, film, {"credits-1-billing_order": "1"})

    assert response.status_code == 200
    assert "Position 1 is already taken by Miguel Herrán" in response.content.decode()
    piper.refresh_from_db()
    assert piper.billing_order == 2


def test_a_person_billed_first_on_two_films_can_have_their_bio_edited(editor_client):
    herran = make_person(name="Miguel Herrán")
    make_credit(film=make_film(), person=herran, character="Reyes", billing_order=1)
    make_credit(film=make_film(), person=herran, character="Rio", billing_order=1)
    url = reverse("admin:presskit_person_change", args=[herran.pk])

    response = editor_client.post(
        url, form_data(editor_client.get(url), "person_form", {"bio": "Actor from Madrid."})
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    herran.refresh_from_db()
    assert herran.bio == "Actor from Madrid."


def test_a_character_on_a_crew_credit_is_refused(editor_client, film_with_cast):
    film, herran, _ = film_with_cast

    response = _post(editor_client, film, {"credits-0-role": "director"})

    assert response.status_code == 200
    assert "Only cast credits have a character." in response.content.decode()
    assert Credit.objects.get(pk=herran.pk).role == Credit.Role.CAST


def test_an_editor_cannot_announce_a_cast_member_on_a_published_film(editor_client, film_with_cast):
    film, _, _ = film_with_cast
    dina = make_person(name="Dina Tasbulatova")

    response = _post(
        editor_client,
        film,
        {
            "credits-2-person": str(dina.pk),
            "credits-2-role": "cast",
            "credits-2-character": "Aisulu",
            "credits-2-billing_order": "3",
        },
    )

    assert response.status_code == 200
    assert "only press officers can make something public" in response.content.decode()
    assert not film.credits.filter(person=dina).exists()


def test_an_editor_prepares_the_cast_of_a_draft_film(editor_client):
    film = make_film(publication_status="draft")
    dina = make_person(name="Dina Tasbulatova")

    response = _post(
        editor_client,
        film,
        {
            "credits-0-person": str(dina.pk),
            "credits-0-role": "cast",
            "credits-0-character": "Aisulu",
            "credits-0-billing_order": "1",
        },
    )

    assert response.status_code == 302
    assert film.credits.get().person == dina
