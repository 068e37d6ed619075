"""Journalists pressing "Book" in the same second on PostgreSQL: the locks, not luck, hold.

Each journalist books from their own thread and connection, released by one
barrier so the transactions overlap. These run in the PostgreSQL pass of the
suite, as CI does; `make bench` runs the same race over HTTP with 200 of them.
"""

import datetime
import threading

import pytest
from django.db import connection

from festivals.models import Screening
from presskit.bookings import services
from presskit.models import Booking

from .factories import make_accreditation, make_screening

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def _at_once(calls) -> list:
    """Run each call in its own thread, all released together; what each returned or raised."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        try:
            results[index] = call()
        except Exception as error:
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_sixty_journalists_at_once_get_exactly_the_twenty_seats_and_the_rest_wait_in_line():
    screening = make_screening(kind=Screening.Kind.PRESS, seats=20)
    journalists = [make_accreditation() for _ in range(60)]

    results = _at_once(
        [
            lambda a=accreditation: services.book(
                screening_id=screening.pk, accreditation=a, wait=True
            )
            for accreditation in journalists
        ]
    )

    assert [r for r in results if isinstance(r, Exception)] == []
    seated = list(screening.bookings.seated())
    assert len(seated) == 20
    assert len({booking.ticket_code for booking in seated}) == 20
    line = list(screening.bookings.in_line())
    assert len(line) == 40
    # In line by when they came: every seated booking was made before every waiting one.
    assert max(b.created_at for b in seated) <= min(b.created_at for b in line)


def test_one_journalist_in_two_tabs_cannot_book_two_screenings_at_the_same_time():
    start = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=3)
    screenings = [
        make_screening(kind=Screening.Kind.PRESS, seats=5, starts_at=start + offset)
        for offset in (datetime.timedelta(0), datetime.timedelta(minutes=30))
    ]
    accreditation = make_accreditation()

    results = _at_once(
        [
            lambda s=screening: services.book(screening_id=s.pk, accreditation=accreditation)
            for screening in screenings
        ]
    )

    assert Booking.objects.active().count() == 1
    [refusal] = [r for r in results if isinstance(r, Exception)]
    assert isinstance(refusal, services.NotAllowed)
