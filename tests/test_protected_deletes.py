"""Deleting a record that others use is refused, and the page says what uses it."""

import pytest
from django.urls import reverse

from festivals.models import Festival, Venue
from presskit.models import Asset, Credit, Film, Person

from .factories import (
    make_asset,
    make_credit,
    make_edition,
    make_film,
    make_person,
    make_screening,
    make_venue,
)

pytestmark = pytest.mark.django_db


def _delete(client, record):
    opts = record._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[record.pk])
    return client.post(url, {"post": "yes"})


def test_deleting_a_film_with_credits_is_refused_and_names_them(press_client):
    credit = make_credit(character="Salgado")

    response = _delete(press_client, credit.film)

    assert response.status_code == 200
    page = response.content.decode()
    assert "would require deleting the following protected related objects" in page
    assert "as Salgado" in page
    assert Film.objects.filter(pk=credit.film.pk).exists()
    assert Credit.objects.filter(pk=credit.pk).exists()


def test_deleting_a_person_with_credits_is_refused(press_client):
    credit = make_credit()

    response = _delete(press_client, credit.person)

    assert "protected related objects" in response.content.decode()
    assert Person.objects.filter(pk=credit.person.pk).exists()


def test_deleting_a_festival_with_editions_is_refused(press_client):
    edition = make_edition()

    response = _delete(press_client, edition.festival)

    assert "protected related objects" in response.content.decode()
    assert Festival.objects.filter(pk=edition.festival.pk).exists()


def test_deleting_a_venue_with_screenings_is_refused(press_client):
    screening = make_screening()

    response = _delete(press_client, screening.venue)

    assert "protected related objects" in response.content.decode()
    assert Venue.objects.filter(pk=screening.venue.pk).exists()


def test_bulk_delete_of_films_in_use_is_refused(press_client):
    used, unused = make_credit().film, make_film()

    response = press_client.post(
        reverse("admin:presskit_film_changelist"),
        {"action": "delete_selected", "_selected_action": [used.pk, unused.pk], "post": "yes"},
    )

    assert "protected related objects" in response.content.decode()
    assert Film.objects.filter(pk__in=[used.pk, unused.pk]).count() == 2


def test_a_film_nothing_uses_can_be_deleted(press_client):
    film = make_film()

    response = _delete(press_client, film)

    assert response.status_code == 302
    assert not Film.objects.filter(pk=film.pk).exists()


def test_editors_cannot_delete_films_venues_or_people(editor_client):
    for record in (make_film(), make_venue(), make_credit().person):
        response = _delete(editor_client, record)
        assert response.status_code == 403
        assert type(record).objects.filter(pk=record.pk).exists()


def test_editors_can_delete_a_credit(editor_client):
    credit = make_credit()

    response = _delete(editor_client, credit)

    assert response.status_code == 302
    assert not Credit.objects.filter(pk=credit.pk).exists()


def test_a_person_a_picture_shows_cannot_be_deleted(press_client):
    person = make_person(name="Zhanar Secretova", publication_status="draft")
    still = make_asset(title="Secretova on set")
    still.people.add(person)
    url = reverse("admin:presskit_person_delete", args=[person.pk])

    page = press_client.get(url).content.decode()
    response = press_client.post(url, {"post": "yes"})

    assert "Secretova on set" in page
    assert Person.objects.filter(pk=person.pk).exists()
    assert response.status_code in (200, 403)
    assert not Asset.objects.published().filter(pk=still.pk).exists()
