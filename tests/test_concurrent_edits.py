"""Two editors on the same record: the second save never silently overwrites the first."""

import pytest
from django.test import Client
from django.urls import reverse

from .admin_forms import form_data
from .factories import make_credit, make_film, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_editor_client(editor):
    other = make_user("bruno.editor", is_staff=True)
    other.groups.set(editor.groups.all())
    client = Client()
    client.force_login(other)
    return client


def test_a_stale_save_is_refused_and_says_who_changed_the_record(
    editor_client, second_editor_client
):
    film = make_film(title="La Tregua", logline="Old logline")
    url = reverse("admin:presskit_film_change", args=[film.pk])
    ana_page = editor_client.get(url)
    bruno_page = second_editor_client.get(url)

    ana = editor_client.post(url, form_data(ana_page, "film_form", {"logline": "Ana's logline"}))
    assert ana.status_code == 302
    bruno = second_editor_client.post(
        url, form_data(bruno_page, "film_form", {"synopsis": "Bruno's synopsis"})
    )

    assert bruno.status_code == 200
    page = bruno.content.decode()
    assert "was changed by ana.editor" in page
    assert "have NOT been saved" in page
    assert "Bruno&#x27;s synopsis" in page  # his input is still in the form
    film.refresh_from_db()
    assert film.logline == "Ana's logline"
    assert film.synopsis == ""


def test_saving_again_after_the_warning_replaces_the_other_version_knowingly(
    editor_client, second_editor_client
):
    film = make_film(logline="Old logline")
    url = reverse("admin:presskit_film_change", args=[film.pk])
    ana_page = editor_client.get(url)
    bruno_page = second_editor_client.get(url)
    editor_client.post(url, form_data(ana_page, "film_form", {"logline": "Ana's logline"}))
    warned = second_editor_client.post(
        url, form_data(bruno_page, "film_form", {"logline": "Bruno's logline"})
    )

    again = second_editor_client.post(url, form_data(warned, "film_form"))

    assert again.status_code == 302
    film.refresh_from_db()
    assert film.logline == "Bruno's logline"


def test_an_unchanged_record_saves_normally(editor_client):
    film = make_film()
    url = reverse("admin:presskit_film_change", args=[film.pk])

    response = editor_client.post(
        url, form_data(editor_client.get(url), "film_form", {"year": "2025"})
    )

    assert response.status_code == 302
    film.refresh_from_db()
    assert film.year == 2025


def test_inline_rows_are_guarded_too(editor_client, second_editor_client):
    credit = make_credit(character="Reyes")
    url = reverse("admin:presskit_film_change", args=[credit.film.pk])
    ana_page = editor_client.get(url)
    bruno_page = second_editor_client.get(url)
    editor_client.post(
        url, form_data(ana_page, "film_form", {"credits-0-character": "Captain Reyes"})
    )

    bruno = second_editor_client.post(
        url, form_data(bruno_page, "film_form", {"credits-0-character": "Reyes (older)"})
    )

    assert bruno.status_code == 200
    credit.refresh_from_db()
    assert credit.character == "Captain Reyes"
