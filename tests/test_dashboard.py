"""The admin's front page tells each role what needs the press office's attention now."""

import datetime
import html
import re

import pytest
import time_machine
from django.urls import reverse

from festivals.models import Screening
from presskit.bookings import services
from presskit.models import Accreditation, Download

from .factories import (
    make_accreditation,
    make_film,
    make_picture,
    make_release,
    make_screening,
    make_venue,
)

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 9, 18, 10, 0, tzinfo=datetime.UTC)  # a Friday, 12:00 in Madrid


@pytest.fixture(autouse=True)
def _friday_morning():
    with time_machine.travel(NOW, tick=False):
        yield


def _words(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def _sections(client) -> dict[str, str]:
    """The dashboard's sections by title, each as the words it shows."""
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    found = re.findall(
        r'<section class="module press-section"[^>]*>\s*<h2[^>]*>(.*?)</h2>(.*?)</section>',
        response.content.decode(),
        re.DOTALL,
    )
    return {_words(title): _words(body) for title, body in found}


@pytest.fixture
def film():
    return make_film(title="La Tregua")


def test_screenings_of_the_week_in_their_venues_time(press_client, film):
    astana = make_venue(name="Comic Con Astana", city="Astana", time_zone="Asia/Almaty")
    make_screening(
        film=film, venue=astana, title="Fan screening", starts_at=NOW + datetime.timedelta(days=2)
    )
    make_screening(film=film, title="Too far ahead", starts_at=NOW + datetime.timedelta(days=9))

    week = _sections(press_client)["Screenings in the next seven days"]

    assert (
        "La Tregua: Fan screening Sun 20 Sep, 15:00 Almaty time · Comic Con Astana, Astana" in week
    )
    assert "Too far ahead" not in week


def test_a_cancelled_or_private_screening_says_so_and_the_list_costs_the_same_for_many(
    press_client, film, django_assert_max_num_queries
):
    make_screening(
        film=film,
        title="Called off",
        status=Screening.Status.CANCELLED,
        starts_at=NOW + datetime.timedelta(days=1),
    )
    make_screening(
        film=film,
        title="Not announced",
        publication_status="draft",
        starts_at=NOW + datetime.timedelta(days=1),
    )
    for hour in range(9):  # eleven in all, one more than the section lists
        make_screening(film=make_film(), starts_at=NOW + datetime.timedelta(days=2, hours=hour))

    with django_assert_max_num_queries(30):  # a fixed number, however many screenings
        week = _sections(press_client)["Screenings in the next seven days"]

    called_off = week[week.index("Called off") : week.index("La Tregua: Not announced")]
    assert called_off.endswith("· cancelled ")
    assert "· not public" in week[week.index("Not announced") :]
    assert week.endswith("and 1 more")


def test_press_screenings_with_the_seats_left_and_the_line(press_client, film):
    screening = make_screening(
        film=film,
        kind=Screening.Kind.PRESS,
        seats=2,
        starts_at=NOW + datetime.timedelta(days=3),
    )
    for name in ("Dana", "Íñigo", "Aigerim"):
        services.book(
            screening_id=screening.pk, accreditation=make_accreditation(name=name), wait=True
        )

    press = _sections(press_client)["Press screenings"]

    assert "La Tregua: Press screening Full · 1 on the waiting list" in press


def test_editors_see_neither_bookings_nor_who_downloaded(editor_client, film):
    make_screening(
        film=film, kind=Screening.Kind.PRESS, seats=2, starts_at=NOW + datetime.timedelta(days=3)
    )

    sections = _sections(editor_client)

    assert "Press screenings" not in sections
    assert "Most downloaded this week" not in sections
    assert "Screenings in the next seven days" in sections


def test_a_press_officer_sees_who_waits_for_accreditation_and_an_editor_does_not(
    press_client, editor_client
):
    make_accreditation(name="Aigerim Nurlanova", status=Accreditation.Status.PENDING)
    make_accreditation(name="Already accredited")

    waiting = _sections(press_client)["Accreditation requests waiting"]

    assert "Aigerim Nurlanova, El Diario Vasco" in waiting
    assert "Already accredited" not in waiting
    assert "Accreditation requests waiting" not in _sections(editor_client)


def test_embargoes_lifting_within_two_days_with_when_and_how_soon(press_client, film):
    make_release(
        title="Selection announced", film=film, embargo_until=NOW + datetime.timedelta(hours=5)
    )
    make_release(title="Later news", film=film, embargo_until=NOW + datetime.timedelta(days=3))

    lifting = _sections(press_client)["Embargoes lifting in the next 48 hours"]

    assert (
        "Release: Selection announced lifts Fri 18 Sep, 17:00 Madrid time (in 5 h 00 min)"
    ) in lifting
    assert "Later news" not in lifting


def test_files_to_finish_say_what_each_lacks(editor_client, film):
    make_picture(film, title="Reyes", caption="", credit_line="")
    make_picture(film, title="Complete")

    unfinished = _sections(editor_client)["Files to finish"]

    assert "Reyes · La Tregua no caption, no credit" in unfinished
    assert "Complete" not in unfinished


def test_the_most_downloaded_files_of_the_week_and_by_which_outlets(press_client, film):
    reyes = make_picture(film, title="Reyes", name="reyes.jpg")
    key_art = make_picture(film, title="Key art", name="key.jpg")
    for outlet in ("El País", "El País", "Kazinform", ""):
        Download.objects.create(kind=Download.Kind.FILE, film=film, asset=reyes, outlet=outlet)
    Download.objects.create(kind=Download.Kind.FILE, film=film, asset=key_art, outlet="Variety")
    old = Download.objects.create(kind=Download.Kind.FILE, film=film, asset=key_art)
    Download.objects.filter(pk=old.pk).update(downloaded_at=NOW - datetime.timedelta(days=8))

    top = _sections(press_client)["Most downloaded this week"]

    assert "Reyes 4 downloads · El País (2), Kazinform (1) Key art 1 download · Variety (1)" in top
