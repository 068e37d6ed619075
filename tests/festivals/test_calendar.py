"""/screenings.ics: the schedule in people's calendars, valid RFC 5545."""

import datetime

import icalendar
import pytest
from django.utils import timezone

from festivals.models import Screening

from ..factories import DRAFT, make_film, make_screening, make_venue

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def _events(response) -> list[icalendar.Event]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    return list(calendar.walk("VEVENT"))


def test_the_demo_calendar_parses_with_every_screening(client, catalogue):
    events = _events(client.get("/screenings.ics"))

    assert len(events) == 5
    premiere = next(event for event in events if "Festival premiere" in event["SUMMARY"])
    assert premiere.decoded("DTSTART") == datetime.datetime(2025, 9, 20, 19, tzinfo=UTC)
    assert premiere["DTSTART"].params["TZID"] == "Europe/Madrid"
    assert premiere.decoded("DTEND") - premiere.decoded("DTSTART") == datetime.timedelta(
        minutes=150
    )
    assert "Kursaal, San Sebastián" in premiere["LOCATION"]
    assert premiere["URL"].startswith("http://127.0.0.1:8000/films/la-tregua/#screening-")
    assert premiere["STATUS"] == "CONFIRMED"


def test_the_calendar_carries_its_time_zones(client, catalogue):
    calendar = icalendar.Calendar.from_ical(client.get("/screenings.ics").content)

    zones = {str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")}
    assert zones == {"Europe/Madrid", "Asia/Almaty"}


def test_the_calendar_takes_the_same_filters_as_the_page(client, catalogue):
    assert len(_events(client.get("/screenings.ics", {"city": "astana"}))) == 1
    assert len(_events(client.get("/screenings.ics", {"festival": "san-sebastian"}))) == 2
    assert len(_events(client.get("/screenings.ics", {"kind": "theatrical_release"}))) == 2
    assert len(_events(client.get("/screenings.ics", {"film": "la-tregua"}))) == 5


def test_uids_stay_the_same_from_one_download_to_the_next(client, catalogue):
    first = {str(event["UID"]) for event in _events(client.get("/screenings.ics"))}
    second = {
        str(event["UID"]) for event in _events(client.get("/screenings.ics", {"film": "la-tregua"}))
    }

    assert first == second
    assert all(uid.startswith("screening-") and uid.endswith("@127.0.0.1") for uid in first)


def test_a_cancelled_screening_is_cancelled_in_the_calendar(client):
    make_screening(status=Screening.Status.CANCELLED)

    (event,) = _events(client.get("/screenings.ics"))

    assert event["STATUS"] == "CANCELLED"


def test_a_release_is_an_all_day_event_on_its_local_date(client):
    make_screening(
        venue=None,
        kind=Screening.Kind.THEATRICAL_RELEASE,
        time_zone="Asia/Almaty",
        country="KZ",
        starts_at=datetime.datetime(2025, 9, 30, 19, tzinfo=UTC),  # 1 October in Almaty
    )

    (event,) = _events(client.get("/screenings.ics"))

    assert event.decoded("DTSTART") == datetime.date(2025, 10, 1)
    assert event.decoded("DTEND") == datetime.date(2025, 10, 2)


def test_one_screening_has_its_own_calendar_link(client):
    screening = make_screening(film=make_film(title="La Tregua"), title="Premiere")
    make_screening(title="Another")

    (event,) = _events(client.get(f"/screenings/{screening.pk}.ics"))

    assert event["SUMMARY"] == "La Tregua: Premiere"


def test_drafts_never_reach_the_calendar(client):
    make_screening(title="Draft screening", publication_status=DRAFT)
    make_screening(title="Of a draft film", film=make_film(publication_status=DRAFT))
    draft = make_screening(publication_status=DRAFT)

    assert _events(client.get("/screenings.ics")) == []
    assert client.get(f"/screenings/{draft.pk}.ics").status_code == 404


def test_a_bad_filter_is_a_clear_400(client):
    response = client.get("/screenings.ics", {"date_before": "tomorrow"})

    assert response.status_code == 400
    assert "date_before: Enter a valid date." in response.content.decode()


def test_local_times_survive_a_round_trip_through_the_calendar(client):
    astana = make_venue(city="Astana", country="KZ", time_zone="Asia/Almaty")
    make_screening(
        venue=astana, starts_at=timezone.make_aware(datetime.datetime(2025, 7, 12, 13), UTC)
    )

    (event,) = _events(client.get("/screenings.ics"))

    local = event.decoded("DTSTART")
    assert (local.hour, local.minute, local.utcoffset()) == (18, 0, datetime.timedelta(hours=5))
