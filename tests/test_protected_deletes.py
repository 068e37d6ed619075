"""Deleting a record that others use is refused, and the page says what uses it.

Films, people, press releases and files go to the bin instead, with what
uses them (tests/test_bin.py).
"""

import pytest
from django.urls import reverse

from festivals.models import Festival, Venue
from presskit.models import Credit

from .factories import (
    make_credit,
    make_edition,
    make_film,
    make_screening,
    make_venue,
)

pytestmark = pytest.mark.django_db


def _delete(client, record):
    opts = record._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[record.pk])
    return client.post(url, {"post": "yes"})


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
