"""The database itself refuses records that make no sense, whatever path they come by."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from festivals.models import Screening
from presskit.models import Credit, Film, Quote

from .factories import (
    make_credit,
    make_edition,
    make_film,
    make_person,
    make_screening,
    make_venue,
)

pytestmark = pytest.mark.django_db


def _refused(create) -> bool:
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


def test_film_slugs_are_unique():
    make_film(slug="la-tregua")
    assert _refused(lambda: make_film(slug="la-tregua"))


def test_person_slugs_are_unique():
    make_person(slug="aron-piper")
    assert _refused(lambda: make_person(slug="aron-piper"))


def test_one_billing_position_per_film():
    film = make_film()
    make_credit(film=film, billing_order=1)
    assert _refused(lambda: make_credit(film=film, billing_order=1))
    make_credit(film=make_film(), billing_order=1)  # another film may use position 1


def test_only_cast_credits_have_a_character():
    assert _refused(lambda: make_credit(role=Credit.Role.DIRECTOR, character="Reyes"))


def test_a_quote_must_say_who_said_it():
    assert _refused(lambda: Quote.objects.create(text="Unattributed.", film=make_film()))


def test_an_edition_cannot_end_before_it_starts():
    assert _refused(
        lambda: make_edition(
            starts_on=datetime.date(2025, 9, 27), ends_on=datetime.date(2025, 9, 19)
        )
    )
    make_edition(starts_on=datetime.date(2025, 7, 12), ends_on=datetime.date(2025, 7, 12))


def test_one_edition_per_festival_and_year():
    edition = make_edition(year=2025)
    assert _refused(lambda: make_edition(festival=edition.festival, year=2025))


def test_a_venue_time_zone_must_be_a_real_iana_zone():
    assert _refused(lambda: make_venue(time_zone="Mars/Olympus_Mons"))
    assert _refused(lambda: make_venue(time_zone="Europe/Madird"))
    make_venue(time_zone="Asia/Almaty")


def test_a_screening_time_zone_must_be_a_real_iana_zone():
    screening = make_screening()
    assert _refused(lambda: Screening.objects.filter(pk=screening.pk).update(time_zone="Nowhere"))


def test_a_screening_cannot_end_before_it_starts():
    start = datetime.datetime(2025, 9, 20, 19, tzinfo=datetime.UTC)
    assert _refused(lambda: make_screening(starts_at=start, ends_at=start))


def test_only_releases_may_have_no_venue():
    film = make_film()
    start = datetime.datetime(2025, 10, 1, tzinfo=datetime.UTC)

    def festival_screening_without_venue():
        Screening.objects.create(
            film=film, kind=Screening.Kind.GALA, starts_at=start, time_zone="Europe/Madrid"
        )

    assert _refused(festival_screening_without_venue)
    Screening.objects.create(
        film=film,
        kind=Screening.Kind.THEATRICAL_RELEASE,
        starts_at=start,
        time_zone="Europe/Madrid",
        country="ES",
    )


def test_film_runtime_and_year_must_be_plausible():
    assert _refused(lambda: Film.objects.filter(pk=make_film().pk).update(runtime_minutes=0))
    assert _refused(lambda: make_film(year=1700))
