"""Embargoes are typed and shown in a zone the press officer picks, never in UTC by hand,
and embargoing something public asks first, saying what disappears."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from presskit.models import PressRelease

from ..admin_forms import form_data
from ..factories import make_accreditation, make_film, make_picture, make_release, signed_in

pytestmark = pytest.mark.django_db

FORM = "pressrelease_form"


def _change(release) -> str:
    return reverse("admin:presskit_pressrelease_change", args=[release.pk])


def _post_embargo(client: Client, release, day: str, time: str, **fields):
    data = form_data(client.get(_change(release)), FORM)
    data.update(embargo_until_0=day, embargo_until_1=time, **fields)
    return client.post(_change(release), data)


def test_an_embargo_typed_in_madrid_is_stored_as_the_right_instant(press_client):
    release = make_release(publication_status="draft")

    response = _post_embargo(
        press_client, release, "2026-09-25", "21:00", embargo_time_zone="Europe/Madrid"
    )

    assert response.status_code == 302
    release.refresh_from_db()
    assert release.embargo_until == datetime.datetime(2026, 9, 25, 19, 0, tzinfo=datetime.UTC)
    shown = press_client.get(_change(release)).content.decode()
    assert "25 Sep 2026 21:00 Madrid time, which is 25 Sep 2026 19:00 UTC" in shown
    assert 'value="21:00' in shown  # shown back as typed, not in UTC


def test_without_a_zone_the_press_offices_own_is_used(press_client, settings):
    settings.PRESS_OFFICE_TIME_ZONE = "Asia/Almaty"  # UTC+5
    release = make_release(publication_status="draft")

    _post_embargo(press_client, release, "2026-10-02", "10:00", embargo_time_zone="")

    release.refresh_from_db()
    assert release.embargo_until == datetime.datetime(2026, 10, 2, 5, 0, tzinfo=datetime.UTC)


def test_a_time_the_clocks_skip_is_refused_by_name(press_client):
    release = make_release(publication_status="draft")

    response = _post_embargo(
        press_client, release, "2027-03-28", "02:30", embargo_time_zone="Europe/Madrid"
    )

    assert response.status_code == 200
    assert "does not exist in Europe/Madrid" in response.content.decode()
    release.refresh_from_db()
    assert release.embargo_until is None


def test_embargoing_a_public_release_says_what_disappears_and_waits_for_a_tick(press_client):
    release = make_release(title="Cast announced")
    tomorrow = timezone.localdate() + datetime.timedelta(days=2)

    asked = _post_embargo(press_client, release, tomorrow.isoformat(), "12:00")

    page = asked.content.decode()
    assert asked.status_code == 200
    assert "This press release is public now." in page
    assert "its page, the news list, the home page, the RSS feed and the sitemap" in page
    assert PressRelease.objects.published().filter(pk=release.pk).exists()

    confirmed = _post_embargo(
        press_client, release, tomorrow.isoformat(), "12:00", confirm_embargo="on"
    )

    assert confirmed.status_code == 302
    assert not PressRelease.objects.published().filter(pk=release.pk).exists()
    assert Client().get(release.get_absolute_url()).status_code == 404


def test_editors_neither_see_nor_send_the_embargo_fields(editor_client):
    release = make_release(
        publication_status="draft",
        embargo_until=datetime.datetime(2026, 9, 25, 19, 0, tzinfo=datetime.UTC),
    )

    data = form_data(editor_client.get(_change(release)), FORM)
    data["title"] = "A corrected title"
    response = editor_client.post(_change(release), data)

    assert not {"embargo_until_0", "confirm_embargo"} & set(data)
    assert response.status_code == 302
    release.refresh_from_db()
    assert release.title == "A corrected title"
    assert release.embargo_until == datetime.datetime(2026, 9, 25, 19, 0, tzinfo=datetime.UTC)


def test_changing_only_the_zone_keeps_the_moment(press_client):
    moment = datetime.datetime(2026, 9, 25, 19, 0, tzinfo=datetime.UTC)
    release = make_release(
        publication_status="draft", embargo_until=moment, embargo_time_zone="Europe/Madrid"
    )
    data = form_data(press_client.get(_change(release)), FORM)
    data["embargo_time_zone"] = "Asia/Almaty"

    press_client.post(_change(release), data)

    release.refresh_from_db()
    assert (release.embargo_until, release.embargo_time_zone) == (moment, "Asia/Almaty")


def test_a_whole_press_kit_is_embargoed_from_the_films_form(press_client):
    film = make_film(title="La Tregua", slug="la-tregua")
    make_picture(film, title="The steppe at dawn", name="steppe.jpg")
    change = reverse("admin:presskit_film_change", args=[film.pk])
    tomorrow = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    data = form_data(press_client.get(change), "film_form")
    data.update(embargo_until_0=tomorrow, embargo_until_1="12:00")

    asked = press_client.post(change, data)

    assert "This film is public now." in asked.content.decode()
    assert "its page, its press kit and press notes" in asked.content.decode()
    assert press_client.post(change, {**data, "confirm_embargo": "on"}).status_code == 302
    for address in (film.get_absolute_url(), f"{film.get_absolute_url()}press-kit.zip"):
        assert Client().get(address).status_code == 404
    kit = signed_in(make_accreditation().user).get(f"{film.get_absolute_url()}press-kit/")
    assert "Embargoed until" in kit.content.decode()
    assert "The steppe at dawn" in kit.content.decode()
