"""Editors type screening times as the venue's clocks show them; the database holds UTC."""

import datetime

import pytest
from django.urls import reverse

from festivals.models import Screening, Venue

from ..admin_forms import form_data
from ..factories import make_film, make_screening, make_venue

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
ADD_URL = reverse("admin:festivals_screening_add")


def _add_screening(client, **fields):
    page = client.get(ADD_URL)
    return client.post(ADD_URL, form_data(page, "screening_form", fields))


@pytest.fixture
def astana():
    return make_venue(name="Expo hall", city="Astana", country="KZ", time_zone="Asia/Almaty")


@pytest.fixture
def kursaal():
    return make_venue(name="Kursaal", city="San Sebastián", country="ES", time_zone="Europe/Madrid")


def test_a_time_typed_for_astana_is_stored_as_the_right_utc_instant(editor_client, astana):
    response = _add_screening(
        editor_client,
        film=str(make_film().pk),
        venue=str(astana.pk),
        kind="first_look",
        starts_at_0="2025-07-12",
        starts_at_1="19:00",
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    screening = Screening.objects.get()
    # Kazakhstan has been on UTC+5 all year since March 2024.
    assert screening.starts_at == datetime.datetime(2025, 7, 12, 14, 0, tzinfo=UTC)
    assert screening.time_zone == "Asia/Almaty"
    assert screening.city == "Astana"


def test_a_time_typed_for_san_sebastian_in_summer_time_is_stored_in_utc(editor_client, kursaal):
    response = _add_screening(
        editor_client,
        film=str(make_film().pk),
        venue=str(kursaal.pk),
        kind="world_premiere",
        starts_at_0="2025-09-20",
        starts_at_1="21:00",
        ends_at_0="2025-09-20",
        ends_at_1="23:30",
    )

    assert response.status_code == 302
    screening = Screening.objects.get()
    assert screening.starts_at == datetime.datetime(2025, 9, 20, 19, 0, tzinfo=UTC)
    assert screening.ends_at == datetime.datetime(2025, 9, 20, 21, 30, tzinfo=UTC)


def test_a_winter_time_in_san_sebastian_uses_the_winter_offset(editor_client, kursaal):
    _add_screening(
        editor_client,
        film=str(make_film().pk),
        venue=str(kursaal.pk),
        kind="public",
        starts_at_0="2025-12-01",
        starts_at_1="20:00",
    )

    assert Screening.objects.get().starts_at == datetime.datetime(2025, 12, 1, 19, 0, tzinfo=UTC)


def test_the_change_page_shows_the_venue_local_time_and_its_zone(editor_client, astana):
    screening = make_screening(
        venue=astana, starts_at=datetime.datetime(2025, 7, 12, 14, 0, tzinfo=UTC)
    )

    response = editor_client.get(reverse("admin:festivals_screening_change", args=[screening.pk]))

    page = response.content.decode()
    assert 'value="19:00:00"' in page
    assert 'value="2025-07-12"' in page
    assert "As the clocks show it in Asia/Almaty" in page


def test_the_list_shows_local_times_with_their_zone(editor_client, astana, kursaal):
    make_screening(venue=astana, starts_at=datetime.datetime(2025, 7, 12, 14, 0, tzinfo=UTC))
    make_screening(venue=kursaal, starts_at=datetime.datetime(2025, 9, 20, 19, 0, tzinfo=UTC))

    page = editor_client.get(reverse("admin:festivals_screening_changelist")).content.decode()

    assert "12 Jul 2025, 19:00 (Asia/Almaty, UTC+05:00)" in page
    assert "20 Sep 2025, 21:00 (Europe/Madrid, UTC+02:00)" in page


def test_saving_again_without_changes_keeps_the_same_instant(editor_client, astana):
    screening = make_screening(
        venue=astana, starts_at=datetime.datetime(2025, 7, 12, 14, 0, tzinfo=UTC)
    )
    url = reverse("admin:festivals_screening_change", args=[screening.pk])

    response = editor_client.post(url, form_data(editor_client.get(url), "screening_form"))

    assert response.status_code == 302
    screening.refresh_from_db()
    assert screening.starts_at == datetime.datetime(2025, 7, 12, 14, 0, tzinfo=UTC)


def test_a_time_the_clocks_skip_is_refused_and_nothing_is_saved(editor_client, kursaal):
    response = _add_screening(
        editor_client,
        film=str(make_film().pk),
        venue=str(kursaal.pk),
        kind="public",
        starts_at_0="2025-03-30",
        starts_at_1="02:30",
    )

    assert response.status_code == 200
    assert "does not exist in Europe/Madrid" in response.content.decode()
    assert not Screening.objects.exists()


def test_a_release_without_venue_needs_a_time_zone(editor_client):
    fields = {
        "film": str(make_film().pk),
        "kind": "theatrical_release",
        "country": "ES",
        "starts_at_0": "2025-10-01",
        "starts_at_1": "00:00",
    }
    response = _add_screening(editor_client, **fields)

    assert response.status_code == 200
    assert "the time zone its date applies in" in response.content.decode()
    assert not Screening.objects.exists()

    response = _add_screening(editor_client, **fields, time_zone="Europe/Madrid")

    assert response.status_code == 302
    assert Screening.objects.get().starts_at == datetime.datetime(2025, 9, 30, 22, 0, tzinfo=UTC)


def test_a_festival_screening_without_venue_is_refused(editor_client):
    response = _add_screening(
        editor_client,
        film=str(make_film().pk),
        kind="gala",
        time_zone="Europe/Madrid",
        starts_at_0="2025-09-20",
        starts_at_1="21:00",
    )

    assert response.status_code == 200
    assert "Only theatrical and streaming releases may have no venue." in response.content.decode()
    assert not Screening.objects.exists()


def test_a_venue_zone_from_another_country_is_refused(editor_client):
    url = reverse("admin:festivals_venue_add")
    data = form_data(
        editor_client.get(url),
        "venue_form",
        {
            "name": "Expo",
            "slug": "expo",
            "city": "Astana",
            "country": "KZ",
            "time_zone": "Europe/Madrid",
        },
    )

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert "Europe/Madrid is a time zone of Spain, but the venue is in Kazakhstan" in (
        response.content.decode()
    )
    assert "Asia/Almaty" in response.context["adminform"].form.errors["time_zone"][0]
    assert not Venue.objects.exists()
