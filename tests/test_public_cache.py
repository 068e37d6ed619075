"""The page cache makes public pages fast and never shows what is no longer public."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from presskit.models import Film

from .admin_forms import form_data
from .factories import make_film

pytestmark = pytest.mark.django_db
URL = "/films/la-tregua/"


@pytest.fixture
def film():
    return make_film(slug="la-tregua", title="La Tregua", logline="First logline")


def test_the_second_anonymous_visit_is_served_from_the_cache(client, film):
    first = client.get(URL)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(URL)

    assert first["X-Public-Cache"] == "miss"
    assert second["X-Public-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    assert "Content-Security-Policy" in second


def test_an_edit_saved_in_the_admin_shows_at_once(
    client, editor_client, film, django_capture_on_commit_callbacks
):
    assert "First logline" in client.get(URL).content.decode()
    url = reverse("admin:presskit_film_change", args=[film.pk])

    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            url, form_data(editor_client.get(url), "film_form", {"logline": "New logline"})
        )

    response = client.get(URL)
    assert response["X-Public-Cache"] == "miss"
    assert "New logline" in response.content.decode()


def test_a_withdrawn_film_disappears_at_once(
    client, press_client, film, django_capture_on_commit_callbacks
):
    assert client.get(URL).status_code == 200
    assert "La Tregua" in client.get("/films/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        press_client.post(
            reverse("admin:presskit_film_changelist"),
            {"action": "unpublish_selected", "_selected_action": [film.pk]},
        )

    assert client.get(URL).status_code == 404
    assert "La Tregua" not in client.get("/films/").content.decode()


def test_a_change_made_outside_the_admin_shows_within_the_stated_time(client, film):
    client.get(URL)
    Film.objects.filter(pk=film.pk).update(logline="Changed in a shell")

    assert "First logline" in client.get(URL).content.decode()
    later = timezone.now() + datetime.timedelta(seconds=settings.PUBLIC_CACHE_SECONDS + 1)
    with time_machine.travel(later):
        assert "Changed in a shell" in client.get(URL).content.decode()


def test_logged_in_staff_always_get_a_fresh_page(editor_client, film):
    editor_client.get(URL)
    response = editor_client.get(URL)

    assert "X-Public-Cache" not in response


def test_a_staff_preview_is_never_served_to_the_public(client, editor_client):
    make_film(slug="secret", title="Secret Project", publication_status="draft")

    assert editor_client.get("/films/secret/").status_code == 200
    assert client.get("/films/secret/").status_code == 404


def test_the_cache_can_be_turned_off(client, film, settings):
    settings.PUBLIC_CACHE_SECONDS = 0
    client.get(URL)

    assert "X-Public-Cache" not in client.get(URL)
