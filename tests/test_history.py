"""Every saved change is kept: press officers can see it and undo it."""

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from .admin_forms import form_data
from .factories import make_film, make_venue

pytestmark = pytest.mark.django_db


def _edit(client, record, form_id, changes):
    opts = record._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
    return client.post(url, form_data(client.get(url), form_id, changes))


def test_each_admin_save_keeps_a_version(editor_client):
    film = make_film(logline="First logline")

    _edit(editor_client, film, "film_form", {"logline": "Second logline"})
    _edit(editor_client, film, "film_form", {"logline": "Third logline"})

    versions = Version.objects.get_for_object(film)
    assert versions.count() == 2
    assert versions[1].field_dict["logline"] == "Second logline"
    history = editor_client.get(reverse("admin:presskit_film_history", args=[film.pk]))
    assert history.status_code == 200


def test_a_press_officer_restores_an_earlier_version(press_client):
    film = make_film(logline="Good logline")
    _edit(press_client, film, "film_form", {"logline": "Good logline"})
    _edit(press_client, film, "film_form", {"logline": "A mistake"})
    good = Version.objects.get_for_object(film).last()
    url = reverse("admin:presskit_film_revision", args=[film.pk, good.pk])

    response = press_client.post(url, form_data(press_client.get(url), "film_form"))

    assert response.status_code == 302
    film.refresh_from_db()
    assert film.logline == "Good logline"


def test_an_editor_cannot_restore_a_published_record(editor_client):
    film = make_film(logline="Before")
    with reversion.create_revision():
        film.save()
    version = Version.objects.get_for_object(film).get()

    response = editor_client.get(
        reverse("admin:presskit_film_revision", args=[film.pk, version.pk])
    )

    assert response.status_code == 403


def test_an_editor_can_restore_a_venue(editor_client):
    venue = make_venue(name="Kursaal")
    _edit(editor_client, venue, "venue_form", {"name": "Kursaal"})
    _edit(editor_client, venue, "venue_form", {"name": "Kursal"})
    good = Version.objects.get_for_object(venue).last()
    url = reverse("admin:festivals_venue_revision", args=[venue.pk, good.pk])

    response = editor_client.post(url, form_data(editor_client.get(url), "venue_form"))

    assert response.status_code == 302
    venue.refresh_from_db()
    assert venue.name == "Kursaal"
