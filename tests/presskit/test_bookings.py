"""Seats at press screenings: booking, the waiting list, giving back, the door, the list.

Journalists act through the screening's page as they would in a browser;
emails are read from the locmem outbox after the request's transaction
commits and the task sends them.
"""

import csv
import datetime
import io

import icalendar
import pytest
import time_machine
from django.core import mail, signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from festivals.models import Screening
from presskit.bookings import services
from presskit.bookings.emails import send_booking_email
from presskit.bookings.views import feed_token
from presskit.models import Accreditation, Booking, Film

from ..admin_forms import form_data
from ..factories import (
    committed,
    make_accreditation,
    make_edition,
    make_film,
    make_screening,
    make_user,
    make_venue,
    signed_in,
)

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 9, 20, 7, 0, tzinfo=datetime.UTC)  # 09:00 in San Sebastián
BEFORE = START - datetime.timedelta(days=2)


def _press_screening(**fields) -> Screening:
    fields = {
        "kind": Screening.Kind.PRESS,
        "seats": 2,
        "starts_at": START,
        "film": fields.pop("film", None) or make_film(title="La Tregua", runtime_minutes=100),
        **fields,
    }
    return make_screening(**fields)


def _journalist(name="Dana Abenova", **fields):
    accreditation = make_accreditation(name=name, time_zone="Asia/Almaty", **fields)
    return accreditation, signed_in(accreditation.user)


def _book(client, screening, **data):
    with committed():
        return client.post(reverse("press:book", args=[screening.pk]), data, follow=True)


def _page(client, screening) -> str:
    return client.get(reverse("press:screening", args=[screening.pk])).content.decode()


@pytest.fixture(autouse=True)
def _before_the_screening():
    with time_machine.travel(BEFORE, tick=False):
        yield


def test_a_journalist_books_a_seat_with_one_click_and_gets_ticket_and_calendar_by_email():
    screening = _press_screening(seats=40)
    accreditation, client = _journalist()
    page = _page(client, screening)
    assert "40 of 40" in page
    # The start on the venue's clocks and on the journalist's own (Almaty).
    assert "Sun 20 September 2026, 09:00 Madrid time" in page
    assert "20 September, 12:00 Almaty time, your time" in page

    response = _book(client, screening)

    booking = Booking.objects.get()
    assert booking.accreditation == accreditation
    assert booking.is_seated
    page = response.content.decode()
    assert f"Ticket {booking.ticket_code}" in page
    assert "39 of 40" in page
    [email] = mail.outbox
    assert email.to == [accreditation.email]
    assert booking.ticket_code in email.body
    assert "Sunday 20 September 2026, 09:00 Madrid time" in email.body
    [(filename, ics, content_type), (qr_name, qr, qr_type)] = email.attachments
    # The code to scan at the door, as a picture and on the page.
    assert (qr_name, qr_type) == (f"ticket-{booking.ticket_code}.png", "image/png")
    assert qr.startswith(b"\x89PNG")
    assert f'class="ticket-qr"><title>Ticket {booking.ticket_code}</title>' in page
    assert filename.endswith(".ics")
    assert content_type == "text/calendar"
    event = icalendar.Calendar.from_ical(ics).walk("VEVENT")[0]
    assert event.decoded("dtstart") == START
    assert booking.ticket_code in str(event["description"])


def test_never_more_seats_than_the_capacity_the_next_may_wait_in_line():
    screening = _press_screening(seats=2)
    for name in ("Ana", "Bruno"):
        _book(_journalist(name)[1], screening)
    third, client = _journalist("Carmen")

    full = _book(client, screening).content.decode()

    assert "Every seat is taken" in full
    assert "Join the waiting list" in full
    assert screening.bookings.seated().count() == 2
    waiting = _book(client, screening, wait="1").content.decode()
    assert "You are on the waiting list" in waiting
    assert "number 1" in _page(client, screening)
    assert Booking.objects.get(accreditation=third).is_waiting


def test_a_seat_given_back_goes_to_the_first_in_line_who_is_told_by_email():
    screening = _press_screening(seats=1)
    first, first_client = _journalist("Ana")
    _book(first_client, screening)
    line = [_journalist(name) for name in ("Bruno", "Carmen")]
    for _, client in line:
        _book(client, screening, wait="1")
    mail.outbox.clear()

    with committed():
        first_client.post(reverse("press:cancel-booking", args=[screening.pk]))

    bruno = Booking.objects.get(accreditation=line[0][0])
    assert bruno.is_seated
    assert Booking.objects.get(accreditation=line[1][0]).is_waiting
    told = {email.to[0]: email for email in mail.outbox}
    assert set(told) == {first.email, line[0][0].email}
    assert "A seat is yours" in told[line[0][0].email].subject
    assert bruno.ticket_code in told[line[0][0].email].body
    assert "number 1" in _page(line[1][1], screening)


def test_one_seat_per_journalist_per_screening_also_in_the_database():
    screening = _press_screening(seats=5)
    accreditation, client = _journalist()
    _book(client, screening)

    again = _book(client, screening).content.decode()

    assert "Your ticket" in again
    assert screening.bookings.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(
            screening=screening,
            accreditation=accreditation,
            status=Booking.Status.WAITING,
        )


def test_two_screenings_at_the_same_time_cannot_both_be_one_journalists():
    first = _press_screening(seats=5)
    overlapping = _press_screening(seats=5, starts_at=START + datetime.timedelta(minutes=90))
    later = _press_screening(seats=5, starts_at=START + datetime.timedelta(hours=3))
    _, client = _journalist()
    _book(client, first)

    refused = _book(client, overlapping).content.decode()
    _book(client, later)

    assert "at that time: give it back first" in refused
    assert list(Booking.objects.values_list("screening", flat=True).order_by("pk")) == [
        first.pk,
        later.pk,
    ]


def test_the_booking_window_is_stated_in_the_venues_zone_and_kept():
    opens = START - datetime.timedelta(days=1)  # 19 Sep 09:00 Madrid time
    screening = _press_screening(bookings_open_at=opens, bookings_close_at=START)
    _, client = _journalist()

    early = _book(client, screening).content.decode()
    assert "Bookings open on 19 September, 09:00 Madrid time." in early
    with time_machine.travel(START - datetime.timedelta(minutes=1), tick=False):
        _book(client, screening)
    with time_machine.travel(START, tick=False):
        assert "Bookings have closed." in _book(_journalist("Late")[1], screening).content.decode()
    assert screening.bookings.seated().count() == 1


def test_a_screening_kept_for_an_editions_press_takes_only_them():
    edition = make_edition()
    screening = _press_screening(edition=edition, bookable_by=Screening.BookableBy.EDITION, seats=5)
    _, outsider = _journalist("Outsider")
    insider_accreditation, insider = _journalist("Insider")
    insider_accreditation.editions.add(edition)

    refused = _book(outsider, screening).content.decode()
    _book(insider, screening)

    assert f"Seats are kept for journalists accredited for {edition.title}" in refused
    assert [b.accreditation for b in Booking.objects.all()] == [insider_accreditation]


@pytest.mark.parametrize(
    "who", ["anonymous", "pending", "refused", "revoked", "expired", "inactive", "staff"]
)
def test_only_an_accredited_journalist_books(client, who):
    screening = _press_screening()
    if who == "staff":
        client = signed_in(make_user(is_staff=True))
    elif who != "anonymous":
        status = {"pending": "pending", "refused": "refused", "revoked": "revoked"}.get(
            who, "approved"
        )
        accreditation = make_accreditation(
            status=status,
            valid_until=datetime.date(2026, 9, 1) if who == "expired" else None,
        )
        if who == "inactive":
            accreditation.user.is_active = False
            accreditation.user.save()
        client = signed_in(accreditation.user)

    page = _book(client, screening).content.decode()

    assert "Only accredited journalists book seats" in page
    assert not Booking.objects.exists()


def test_a_seat_can_be_given_back_only_until_the_stated_time():
    screening = _press_screening(cancellable_until_minutes=120)
    _, client = _journalist()
    _book(client, screening)

    with time_machine.travel(START - datetime.timedelta(minutes=119), tick=False):
        page = client.post(
            reverse("press:cancel-booking", args=[screening.pk]), follow=True
        ).content.decode()

    assert "Seats can be given back until 20 September, 07:00 Madrid time" in page
    assert Booking.objects.get().is_seated


def test_the_waiting_list_is_served_in_order_when_seats_are_added():
    screening = _press_screening(seats=1)
    _book(_journalist("Seated")[1], screening)
    line = [_journalist(f"Waiting {n}")[0] for n in range(3)]
    for accreditation in line:
        with committed():
            services.book(screening_id=screening.pk, accreditation=accreditation, wait=True)

    screening.seats = 3
    with committed():
        screening.save()

    seated = set(screening.bookings.seated().values_list("accreditation", flat=True))
    assert {line[0].pk, line[1].pk} <= seated
    assert Booking.objects.get(accreditation=line[2]).is_waiting


# The door


@pytest.fixture
def door(press_client):
    return press_client


def _check(client, screening, code, *, at=None):
    """Check a code at the door half an hour before the screening (or `at`)."""
    with time_machine.travel(
        at or screening.starts_at - datetime.timedelta(minutes=30), tick=False
    ):
        return client.post(reverse("press:door-check", args=[screening.pk]), {"code": code})


def test_the_door_lets_a_ticket_in_once_and_says_why_not_otherwise(door):
    screening = _press_screening(seats=3)
    other = _press_screening(seats=3, starts_at=START + datetime.timedelta(days=1))
    journalists = [_journalist(name) for name in ("Ana", "Bruno", "Carmen")]
    _book(journalists[0][1], screening)
    _book(journalists[1][1], other)
    _book(journalists[2][1], screening)
    with committed():
        journalists[2][1].post(reverse("press:cancel-booking", args=[screening.pk]))
    ana, bruno, carmen = (Booking.objects.get(accreditation=a) for a, _ in journalists)

    typed = " ".join(ana.ticket_code.lower()[i : i + 4] for i in (0, 4))  # "k7pm 3qxa"
    assert "Valid: let in" in _check(door, screening, typed).content.decode()
    assert "Already used" in _check(door, screening, ana.ticket_code).content.decode()
    assert "Another screening" in _check(door, screening, bruno.ticket_code).content.decode()
    assert "Cancelled" in _check(door, screening, carmen.ticket_code).content.decode()
    assert "Unknown code" in _check(door, screening, "ZZZZZZZZ").content.decode()
    ana.refresh_from_db()
    assert ana.checked_in_at is not None


def test_the_door_is_for_staff_with_the_permission(editor_client, client):
    screening = _press_screening()
    _, journalist = _journalist()
    url = reverse("press:door-check", args=[screening.pk])
    assert client.get(url)["Location"].startswith(reverse("press:login"))
    for signed_in_without_it in (editor_client, journalist):
        assert signed_in_without_it.get(url).status_code == 403


def test_press_officers_export_each_screenings_list_with_no_shows(press_client):
    screening = _press_screening(seats=1)
    ana, ana_client = _journalist("Ana")
    _book(ana_client, screening)
    _book(_journalist("Bruno")[1], screening, wait="1")
    changelist = reverse("admin:presskit_booking_changelist")

    with time_machine.travel(START + datetime.timedelta(minutes=10), tick=False):
        page = press_client.get(changelist, {"screening": screening.pk})
        export = press_client.post(
            changelist,
            {
                "action": "export_csv",
                "_selected_action": list(screening.bookings.values_list("pk", flat=True)),
            },
        )

    assert page.status_code == 200
    rows = list(csv.DictReader(io.StringIO(export.content.decode("utf-8-sig"))))
    by_name = {row["journalist"]: row for row in rows}
    assert by_name["Ana"]["attendance"] == "No-show"
    assert by_name["Ana"]["ticket"] == Booking.objects.get(accreditation=ana).ticket_code
    assert by_name["Bruno"]["status"] == "On the waiting list"


def test_editors_do_not_see_who_booked(editor_client):
    response = editor_client.get(reverse("admin:presskit_booking_changelist"))
    assert response.status_code == 403


# Moves and cancellations


def _subscribe(accreditation: Accreditation):
    client = signed_in(make_user())  # any browser: the address alone opens it
    return client.get(reverse("press:calendar-feed", args=[feed_token(accreditation)]))


def test_a_moved_screening_tells_everyone_booked_or_waiting_with_the_old_and_new_time():
    screening = _press_screening(seats=1)
    seated, seated_client = _journalist("Ana")
    _book(seated_client, screening)
    waiting, waiting_client = _journalist("Bruno")
    _book(waiting_client, screening, wait="1")
    mail.outbox.clear()

    screening.starts_at = START + datetime.timedelta(hours=2)
    with committed():
        screening.save()

    told = {email.to[0]: email for email in mail.outbox}
    assert set(told) == {seated.email, waiting.email}
    for email in told.values():
        assert email.subject.startswith("Moved:")
        assert "Before: 20 September, 09:00 Madrid time" in email.body
        assert "Sunday 20 September 2026, 11:00 Madrid time" in email.body
    assert told[seated.email].attachments  # the new time for their calendar
    feed = icalendar.Calendar.from_ical(_subscribe(seated).content)
    [event] = feed.walk("VEVENT")
    assert event.decoded("dtstart") == START + datetime.timedelta(hours=2)


def test_a_cancelled_screening_tells_everyone_and_shows_cancelled_in_their_feed():
    screening = _press_screening(seats=3)
    accreditation, client = _journalist()
    _book(client, screening)
    mail.outbox.clear()

    screening.status = Screening.Status.CANCELLED
    with committed():
        screening.save()

    [email] = mail.outbox
    assert email.subject.startswith("Cancelled:")
    [event] = icalendar.Calendar.from_ical(_subscribe(accreditation).content).walk("VEVENT")
    assert str(event["status"]) == "CANCELLED"


def test_the_calendar_feed_dies_with_the_accreditation_and_cannot_be_forged():
    screening = _press_screening()
    accreditation, client = _journalist()
    _book(client, screening)
    assert _subscribe(accreditation).status_code == 200
    account = client.get(reverse("press:account")).content.decode()
    assert "webcal://" in account

    token = feed_token(accreditation)
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    another = signing.Signer(salt="not the feed's").sign_object([accreditation.pk, 0])
    for forged in (tampered, another):
        assert client.get(reverse("press:calendar-feed", args=[forged])).status_code == 404
    Accreditation.objects.filter(pk=accreditation.pk).update(status=Accreditation.Status.REVOKED)
    assert _subscribe(accreditation).status_code == 404


def test_a_press_screening_of_a_film_in_draft_has_no_page_for_anyone_outside(client):
    screening = _press_screening(film=make_film(publication_status="draft"))
    _, journalist = _journalist()
    for visitor in (client, journalist):
        assert visitor.get(reverse("press:screening", args=[screening.pk])).status_code == 404
        assert _book(visitor, screening).status_code == 404
    assert not Booking.objects.exists()


def test_the_film_page_links_a_press_screening_to_its_seats(client):
    screening = _press_screening()
    page = client.get(screening.film.get_absolute_url()).content.decode()
    assert reverse("press:screening", args=[screening.pk]) in page
    visitor = client.get(reverse("press:screening", args=[screening.pk])).content.decode()
    assert "2 of 2" in visitor
    assert "Sign in" in visitor
    # A visitor's own zone is their browser's: static/js/local-times.js writes it.
    assert f'datetime="{START.isoformat()}" data-local-time data-zone="Europe/Madrid"' in visitor
    assert "local-times.js" in visitor


def test_only_press_screenings_take_seats():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_screening(kind=Screening.Kind.PUBLIC, seats=10, starts_at=timezone.now())


# What the review asked for: the gate in every channel, seats kept, the line served fairly.


def test_no_email_about_a_screening_the_journalist_may_no_longer_see():
    screening = _press_screening(seats=3)
    accreditation, client = _journalist()
    _book(client, screening)
    mail.outbox.clear()
    Film.objects.filter(pk=screening.film_id).update(publication_status="draft")

    screening.refresh_from_db()
    screening.starts_at = START + datetime.timedelta(hours=1)
    with committed():
        screening.save()

    assert mail.outbox == []
    account = client.get(reverse("press:account")).content.decode()
    assert Booking.objects.get().ticket_code not in account
    [_, *events] = icalendar.Calendar.from_ical(_subscribe(accreditation).content).walk()
    assert [event for event in events if event.name == "VEVENT"] == []


def test_the_journalists_page_lists_their_seats_and_places_in_line():
    seated_at = _press_screening(seats=1)
    waiting_at = _press_screening(seats=1, starts_at=START + datetime.timedelta(days=1))
    _book(_journalist("First")[1], waiting_at)
    _, client = _journalist()
    _book(client, seated_at)
    _book(client, waiting_at, wait="1")

    page = client.get(reverse("press:account")).content.decode()

    assert (
        f'ticket <strong class="ticket-code-small">{Booking.objects.get(screening=seated_at, status="booked").ticket_code}'
        in page
    )
    assert "On the waiting list" in page


def test_a_new_calendar_address_voids_the_old_one():
    accreditation, client = _journalist()
    old = _subscribe(accreditation)
    assert old.status_code == 200

    client.post(reverse("press:new-calendar-address"))

    accreditation.refresh_from_db()
    assert accreditation.calendar_key == 1
    assert client.get(old.request["PATH_INFO"]).status_code == 404
    assert _subscribe(accreditation).status_code == 200


def test_a_seat_goes_to_the_first_in_line_who_may_still_have_it():
    edition = make_edition()
    screening = _press_screening(seats=1, edition=edition, bookable_by="edition")
    seated, seated_client = _journalist("Seated")
    no_longer, _ = _journalist("Dropped from the edition")
    next_in_line, _ = _journalist("Next")
    for accreditation in (seated, no_longer, next_in_line):
        accreditation.editions.add(edition)
    _book(seated_client, screening)
    for accreditation in (no_longer, next_in_line):
        with committed():
            services.book(screening_id=screening.pk, accreditation=accreditation, wait=True)
    no_longer.editions.clear()

    with committed():
        seated_client.post(reverse("press:cancel-booking", args=[screening.pk]))

    assert Booking.objects.get(accreditation=next_in_line).is_seated
    assert Booking.objects.get(accreditation=no_longer).is_waiting


def test_revoking_an_accreditation_gives_its_seats_to_those_in_line(press_client):
    screening = _press_screening(seats=1)
    revoked, revoked_client = _journalist("Revoked")
    _book(revoked_client, screening)
    waiting, waiting_client = _journalist("Waiting")
    _book(waiting_client, screening, wait="1")
    url = reverse("admin:presskit_accreditation_decide", args=["revoke", revoked.pk])

    with committed():
        press_client.post(url, {"confirm": "1", "reason": "Not a journalist."})

    assert Booking.objects.get(accreditation=revoked).is_cancelled
    assert Booking.objects.get(accreditation=waiting).is_seated


def test_press_officers_give_a_seat_back_and_the_first_in_line_gets_it(press_client):
    screening = _press_screening(seats=1)
    _book(_journalist("No-show")[1], screening)
    waiting, waiting_client = _journalist("Waiting")
    _book(waiting_client, screening, wait="1")
    seat = screening.bookings.seated().get()
    mail.outbox.clear()

    with committed():
        press_client.post(
            reverse("admin:presskit_booking_changelist"),
            {"action": "give_back", "_selected_action": [seat.pk]},
        )

    assert Booking.objects.get(accreditation=waiting).is_seated
    assert {email.to[0] for email in mail.outbox} == {seat.accreditation.email, waiting.email}


def test_seats_cannot_drop_below_those_booked_nor_the_window_pass_the_start(press_client):
    screening = _press_screening(seats=2)
    for name in ("Ana", "Bruno"):
        _book(_journalist(name)[1], screening)
    url = reverse("admin:festivals_screening_change", args=[screening.pk])

    fewer = press_client.post(
        url, form_data(press_client.get(url), "screening_form", {"seats": "1"})
    )
    late = press_client.post(
        url,
        form_data(
            press_client.get(url),
            "screening_form",
            {"bookings_close_at_0": "2026-09-20", "bookings_close_at_1": "09:30"},
        ),
    )

    assert "2 journalists already have a seat: keep at least 2 seats" in fewer.content.decode()
    assert "Bookings must close by the time the screening starts." in late.content.decode()
    screening.refresh_from_db()
    assert (screening.seats, screening.bookings_close_at) == (2, None)


def test_the_booking_window_is_typed_on_the_venues_clocks(press_client):
    screening = _press_screening()
    url = reverse("admin:festivals_screening_change", args=[screening.pk])

    response = press_client.post(
        url,
        form_data(
            press_client.get(url),
            "screening_form",
            {"bookings_open_at_0": "2026-09-15", "bookings_open_at_1": "10:00"},
        ),
    )

    assert response.status_code == 302
    screening.refresh_from_db()
    assert screening.bookings_open_at == datetime.datetime(2026, 9, 15, 8, 0, tzinfo=datetime.UTC)


def test_a_move_of_venue_alone_is_told_too():
    screening = _press_screening(seats=1)
    _, client = _journalist()
    _book(client, screening)
    mail.outbox.clear()

    screening.venue = make_venue(name="Teatro Victoria Eugenia")
    with committed():
        screening.save()

    [email] = mail.outbox
    assert "Teatro Victoria Eugenia" in email.body
    assert "Before: 20 September, 09:00 Madrid time, Venue" in email.body


def test_a_seat_at_a_cancelled_screening_does_not_block_another_at_that_time(door):
    cancelled = _press_screening(seats=2)
    instead = _press_screening(seats=2, starts_at=START + datetime.timedelta(minutes=30))
    _, client = _journalist()
    _book(client, cancelled)
    cancelled.status = Screening.Status.CANCELLED
    with committed():
        cancelled.save()

    _book(client, instead)

    assert Booking.objects.get(screening=instead).is_seated
    code = Booking.objects.get(screening=cancelled).ticket_code
    assert "Screening cancelled" in _check(door, cancelled, code).content.decode()
    assert "give it back" not in _page(client, cancelled).lower()


def test_the_door_turns_away_one_only_waiting(door):
    screening = _press_screening(seats=1)
    _book(_journalist("Seated")[1], screening)
    waiting, client = _journalist("Waiting")
    _book(client, screening, wait="1")

    code = Booking.objects.get(accreditation=waiting).ticket_code
    assert "No seat" in _check(door, screening, code).content.decode()


def test_a_seat_given_back_before_its_email_went_out_is_not_announced():
    screening = _press_screening()
    accreditation = _journalist()[0]
    booking = services.book(screening_id=screening.pk, accreditation=accreditation)
    services.cancel(booking_id=booking.pk)  # both in one transaction: no email yet

    assert "not sent" in send_booking_email.call(booking_id=booking.pk, step="booked")


def test_the_door_lets_in_from_three_hours_before_until_the_end(door):
    screening = _press_screening(seats=1)  # 09:00 to 10:40 Madrid time
    _, client = _journalist()
    _book(client, screening)
    code = Booking.objects.get().ticket_code

    early = _check(door, screening, code, at=START - datetime.timedelta(hours=3, minutes=1))
    late = _check(door, screening, code, at=START + datetime.timedelta(minutes=101))

    assert "Too early" in early.content.decode()
    assert "The door opens at 20 September, 06:00 Madrid time" in early.content.decode()
    assert "Screening over" in late.content.decode()
    assert Booking.objects.get().checked_in_at is None
    assert "Valid: let in" in _check(door, screening, code).content.decode()
