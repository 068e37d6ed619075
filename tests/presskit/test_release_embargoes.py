"""A release is held back by the embargo of what it announces (its film, its screening's film),
and a journalist reads that embargo wherever the release reaches them; a release about a
screening has its embargo read in the venue's time zone unless another is chosen."""

import datetime
import io

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from presskit.accreditation.sending import subject_of
from presskit.kit.listing import press_kit
from presskit.models import PressRelease

from ..admin_forms import form_data
from ..factories import (
    committed,
    make_accreditation,
    make_film,
    make_picture,
    make_release,
    make_screening,
    make_venue,
    signed_in,
)

pytestmark = pytest.mark.django_db
LIFT = datetime.datetime(2030, 9, 25, 19, 0, tzinfo=datetime.UTC)
SAID = "EMBARGOED until 25 Sep 2030 21:00 Madrid time (19:00 UTC)"


@pytest.fixture
def selection(db):
    """A release of its own with no embargo, about a film whose selection is under embargo."""
    film = make_film(title="La Tregua", embargo_until=LIFT, embargo_time_zone="Europe/Madrid")
    return make_release(title="In competition at San Sebastián", film=film)


def test_the_films_embargo_is_stated_wherever_the_release_reaches_a_journalist(
    selection, press_client
):
    journalist = signed_in(make_accreditation().user)

    page = journalist.get(selection.get_absolute_url()).content.decode()
    listed = journalist.get(reverse("presskit:news-list")).content.decode()
    with committed():
        press_client.post(reverse("admin:presskit_pressrelease_send", args=[selection.pk]), {})

    assert "Embargoed until 25 September 2030, 21:00 Madrid time" in page
    assert "Embargoed until 25 Sep, 21:00 Madrid time" in listed
    assert subject_of(selection) == f"{SAID}: In competition at San Sebastián"
    [message] = mail.outbox
    assert message.subject.startswith(SAID)
    assert message.body.startswith(SAID)
    assert Client().get(selection.get_absolute_url()).status_code == 404


def test_a_later_embargo_of_its_own_is_the_one_stated(selection):
    selection.embargo_until = LIFT + datetime.timedelta(days=1)
    selection.save()

    assert selection.embargo_holding() == selection
    assert subject_of(selection).startswith("EMBARGOED until 26 Sep 2030")


def test_a_release_about_a_screening_has_its_embargo_read_in_the_venues_zone(press_client):
    astana = make_venue(name="Comic Con Astana", time_zone="Asia/Almaty")
    premiere = make_screening(venue=astana)
    release = make_release(publication_status="draft")
    change = reverse("admin:presskit_pressrelease_change", args=[release.pk])
    data = form_data(press_client.get(change), "pressrelease_form")
    data.update(screening=premiere.pk, embargo_until_0="2030-10-02", embargo_until_1="18:00")

    shown = press_client.get(change).content.decode()
    response = press_client.post(change, data)

    assert "or the venue&#x27;s for a release about a screening" in shown
    assert response.status_code == 302
    release.refresh_from_db()
    assert release.embargo_time_zone == "Asia/Almaty"
    assert release.embargo_until == datetime.datetime(2030, 10, 2, 13, 0, tzinfo=datetime.UTC)


def test_a_release_about_a_screening_in_draft_waits_for_it(client):
    release = make_release(screening=make_screening(publication_status="draft"))

    assert client.get(release.get_absolute_url()).status_code == 404
    assert not PressRelease.objects.published().filter(pk=release.pk).exists()


def test_the_release_page_shows_the_screening_it_announces(client, django_assert_max_num_queries):
    astana = make_venue(name="Comic Con Astana", city="Astana", time_zone="Asia/Almaty")
    release = make_release(screening=make_screening(venue=astana, title="First look"))

    client.get("/films/")  # the page cache asks when public pages next change
    with django_assert_max_num_queries(1):  # the release with its screening, venue and festival
        page = client.get(release.get_absolute_url()).content.decode()

    assert "The screening" in page
    assert "Comic Con Astana, Astana" in page
    assert "First look" in page


def test_a_screening_of_another_film_is_refused_by_name(press_client):
    release = make_release(film=make_film(title="La Tregua"), publication_status="draft")
    other = make_screening(film=make_film(title="Another film"))
    change = reverse("admin:presskit_pressrelease_change", args=[release.pk])
    data = form_data(press_client.get(change), "pressrelease_form")

    response = press_client.post(change, {**data, "screening": other.pk})

    assert "This is a screening of Another film, not of La Tregua." in response.content.decode()
    release.refresh_from_db()
    assert release.screening is None


def test_a_journalists_calendar_file_of_an_embargoed_film_states_the_embargo(selection):
    gala = make_screening(film=selection.film, title="Gala")
    address = reverse("festivals:screening-event-calendar", args=[gala.pk])

    ics = signed_in(make_accreditation().user).get(address)

    assert ics.status_code == 200
    assert "private" in ics["Cache-Control"]
    assert f"SUMMARY:{SAID}: La Tregua: Gala" in ics.content.decode().replace("\r\n ", "")
    assert Client().get(address).status_code == 404


def test_files_embargoed_with_their_film_are_covered_by_the_whole_kit(selection):
    film = selection.film
    same = make_picture(film, title="Same moment", embargo_until=LIFT, name="same.jpg")
    later = make_picture(
        film, title="Later", embargo_until=LIFT + datetime.timedelta(hours=2), name="later.jpg"
    )

    kit = press_kit(film, make_accreditation().user)

    assert kit.embargoed == [film, later]
    assert same.embargo_holding() == film
    assert "EMBARGOED, see the notice inside" in kit.filename


def test_an_embargo_read_on_a_venues_clocks_is_also_given_on_the_press_offices(selection):
    """Astana is four hours ahead of the press office in Madrid (in September)."""
    film = selection.film
    film.embargo_time_zone = "Asia/Almaty"
    film.save()
    tokyo = make_accreditation(time_zone="Asia/Tokyo")

    page = signed_in(tokyo.user).get(selection.get_absolute_url()).content.decode()
    notes = signed_in(tokyo.user).get(reverse("presskit:film-press-notes", args=[film.slug]))

    assert "Embargoed until 26 September 2030, 00:00 Almaty time" in page
    assert (
        "That is 25 September, 21:00 Madrid time at the press office, 25 September, 19:00 UTC "
        "and 26 September, 04:00 Tokyo time, your time."
    ) in " ".join(page.split())
    # Files are read by whoever they are passed to: the venue's clocks, the office's and UTC.
    said = "EMBARGOED until 26 Sep 2030 00:00 Almaty time (21:00 Madrid time on 25 Sep, 19:00 UTC on 25 Sep)"
    assert subject_of(selection).startswith(said)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(notes.content)).pages)
    assert said in " ".join(text.split())


def test_a_press_office_on_utc_says_the_moment_once(selection, settings):
    settings.PRESS_OFFICE_TIME_ZONE = "UTC"
    selection.film.embargo_time_zone = ""
    selection.film.save()

    page = signed_in(make_accreditation().user).get(selection.get_absolute_url())

    assert subject_of(selection).startswith("EMBARGOED until 25 Sep 2030 19:00 UTC: ")
    text = " ".join(page.content.decode().split())
    assert "Embargoed until 25 September 2030, 19:00 UTC</strong></p> <p>Shared with" in text
