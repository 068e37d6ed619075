"""Booking, giving back and checking in seats at press screenings.

Every step runs in one transaction that first locks the screening's row,
then the journalist's accreditation: two journalists pressing "Book" in the
same second queue on the screening, so the seats counted are the seats
given; one journalist's two tabs queue on their accreditation, so two
screenings at the same time cannot both be theirs. (On SQLite the
transaction takes the write lock at its start, which queues them the same
way.) The journalist is told by email once the transaction commits.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, pgettext

from config.lib.filters import date, in_zone, zone_in_words
from festivals.models import Screening

from ..models import Accreditation, Booking
from .emails import tell

Status = Booking.Status


# How long before the start the door lets ticket holders in (and a ticket counts as used).
DOOR_OPENS_BEFORE = datetime.timedelta(hours=3)


class NotAllowed(Exception):
    """The step cannot be taken; the message says why, to the journalist."""


class Full(NotAllowed):
    """No seat is left; the journalist may join the waiting list."""


def venue_time(moment: datetime.datetime, screening: Screening) -> str:
    """'22 September, 09:00 San Sebastian time': a moment as the venue's clocks show it,
    in the active language."""
    zone = screening.time_zone or "UTC"
    said = date(in_zone(moment, zone), pgettext("date format", "j F, H:i"))
    return f"{said} {zone_in_words(zone)}"


def why_not(screening: Screening, accreditation: Accreditation | None, at=None) -> str:
    """Why this journalist may not book a seat at this screening now; "" if they may.

    What the screening's page says instead of a button, and what `book()`
    checks again under its locks.
    """
    at = at or timezone.now()
    if not screening.takes_bookings:
        return gettext("This screening takes no bookings.")
    if screening.is_cancelled:
        return gettext("This screening is cancelled.")
    if reason := not_for(screening, accreditation, at):
        return reason
    if screening.bookings_open_at and at < screening.bookings_open_at:
        return gettext("Bookings open on %(when)s.") % {
            "when": venue_time(screening.bookings_open_at, screening)
        }
    if at >= screening.bookings_close:
        return gettext("Bookings have closed.")
    return ""


def not_for(screening: Screening, accreditation: Accreditation | None, at=None) -> str:
    """Why this journalist may not hold a seat at this screening at all; "" if they may.

    Asked when they book, and again when a seat comes free and they are first in line.
    """
    if accreditation is None or not accreditation.is_valid(at):
        return gettext("Only accredited journalists book seats.")
    if screening.bookable_by == Screening.BookableBy.EDITION and not (
        accreditation.editions.filter(pk=screening.edition_id).exists()
    ):
        return gettext("Seats are kept for journalists accredited for %(edition)s.") % {
            "edition": screening.edition.title
        }
    if accreditation.valid_until and accreditation.valid_until < screening.local_date:
        return gettext("Your accreditation ends before this screening.")
    return ""


def seats_left(screening: Screening) -> int:
    return max(screening.seats - screening.bookings.seated().count(), 0)


@transaction.atomic
def book(*, screening_id: int, accreditation: Accreditation, wait: bool = False) -> Booking:
    """A seat for the journalist, or with `wait` a place in line when none is left.

    Raises Full when no seat is left and `wait` is false, NotAllowed for
    anything else that stands in the way.
    """
    screening = (
        Screening.objects.select_for_update(of=("self",))
        .select_related("film", "venue", "edition__festival")
        .get(pk=screening_id)
    )
    accreditation = (
        Accreditation.objects.select_for_update(of=("self",))
        .select_related("user")
        .get(pk=accreditation.pk)
    )
    if reason := why_not(screening, accreditation):
        raise NotAllowed(reason)
    if accreditation.bookings.active().filter(screening=screening).exists():
        raise NotAllowed(gettext("You already have a seat or a place in line at this screening."))
    # What they still hold and will attend: not a cancelled screening, nor one long over.
    held = (
        accreditation.bookings.active()
        .exclude(screening__status=Screening.Status.CANCELLED)
        .filter(screening__starts_at__gte=timezone.now() - datetime.timedelta(days=1))
        .select_related("screening__film", "screening__venue")
    )
    for booking in held:
        if booking.screening.overlaps(screening):
            raise NotAllowed(
                gettext(
                    "You have a seat or a place in line at %(film)s (%(when)s) at that time: "
                    "give it back first."
                )
                % {
                    "film": booking.screening.film.title,
                    "when": venue_time(booking.screening.starts_at, booking.screening),
                }
            )
    if seats_left(screening) > 0:
        booking = Booking.objects.create(
            screening=screening,
            accreditation=accreditation,
            status=Status.BOOKED,
            seated_at=timezone.now(),
        )
        tell(booking, "booked")
        return booking
    if not wait:
        raise Full(gettext("Every seat is taken. You can join the waiting list."))
    booking = Booking.objects.create(
        screening=screening, accreditation=accreditation, status=Status.WAITING
    )
    tell(booking, "waiting")
    return booking


@transaction.atomic
def cancel(*, booking_id: int, by_press_office: bool = False) -> Booking:
    """Give back a seat (or leave the line); the seat goes to the first in line.

    A journalist may give back a seat until the screening's cancellation
    deadline; the press office may at any time.
    """
    screening_id = Booking.objects.values_list("screening_id", flat=True).get(pk=booking_id)
    screening = (
        Screening.objects.select_for_update(of=("self",))
        .select_related("film", "venue")
        .get(pk=screening_id)
    )
    booking = Booking.objects.select_for_update(of=("self",)).get(pk=booking_id)
    if booking.is_cancelled:
        return booking
    too_late = timezone.now() >= screening.cancellations_close
    if booking.is_seated and too_late and not by_press_office:
        raise NotAllowed(
            gettext("Seats can be given back until %(when)s. Write to the press office.")
            % {"when": venue_time(screening.cancellations_close, screening)}
        )
    was_seated = booking.is_seated
    booking.status = Status.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.save(update_fields=["status", "cancelled_at"])
    tell(booking, "cancelled")
    if was_seated:
        fill_from_line(screening)
    return booking


def give_back_seats_of(accreditation_ids) -> int:
    """Seats and places in line at screenings to come, of journalists no longer accredited,
    given back: each seat goes to the first in line, and each journalist is told."""
    held = Booking.objects.active().filter(
        accreditation__in=accreditation_ids, screening__starts_at__gt=timezone.now()
    )
    given_back = list(held.values_list("pk", flat=True))
    for booking_id in given_back:
        cancel(booking_id=booking_id, by_press_office=True)
    return len(given_back)


def fill_from_line(screening: Screening) -> list[Booking]:
    """Give the free seats to those first in line who may still have them.

    Called with the screening's row locked (cancel(), or the screening's save).
    Nobody is seated once the screening has started or is cancelled.
    """
    if not screening.takes_bookings or screening.is_cancelled:
        return []
    if timezone.now() >= screening.starts_at:
        return []
    free = seats_left(screening)
    seated = []
    line = screening.bookings.in_line().select_related("accreditation__user")
    for booking in line.select_for_update(of=("self",)):
        if len(seated) >= free:
            break
        if not_for(screening, booking.accreditation):
            continue  # one who may no longer have it keeps their place, but not the seat
        booking.status = Status.BOOKED
        booking.seated_at = timezone.now()
        booking.save(update_fields=["status", "seated_at"])
        tell(booking, "promoted")
        seated.append(booking)
    return seated


@dataclass(frozen=True)
class Verdict:
    """What the door's page shows for one code: whether to let them in, and why."""

    admit: bool
    headline: str
    detail: str = ""


def normalize_code(typed: str) -> str:
    """A code as typed on a phone: any case, with spaces or dashes."""
    return "".join(typed.split()).replace("-", "").upper()


@transaction.atomic
def check_in(*, screening: Screening, code: str, by) -> Verdict:
    """Let a journalist in with their ticket code, once."""
    code = normalize_code(code)
    booking = (
        Booking.objects.select_for_update(of=("self",))
        .select_related("accreditation__user", "screening__film", "screening__venue")
        .filter(ticket_code=code)
        .first()
    )
    if booking is None:
        return Verdict(
            False,
            pgettext("door verdict", "Unknown code"),
            gettext("No ticket has the code %(code)s.")
            % {"code": code or pgettext("ticket code typed at the door", "(empty)")},
        )
    who = str(booking.accreditation)
    if screening.is_cancelled:
        return Verdict(
            False, pgettext("door verdict", "Screening cancelled"), gettext("Nobody is let in.")
        )
    if booking.screening_id != screening.pk:
        other = booking.screening
        return Verdict(
            False,
            pgettext("door verdict", "Another screening"),
            gettext("%(who)s has a ticket for %(film)s, %(when)s, %(place)s.")
            % {
                "who": who,
                "film": other.film.title,
                "when": venue_time(other.starts_at, other),
                "place": other.place_label,
            },
        )
    if booking.is_cancelled:
        return Verdict(
            False,
            pgettext("door verdict", "Cancelled"),
            gettext("%(who)s gave this seat back.") % {"who": who},
        )
    if booking.is_waiting:
        return Verdict(
            False,
            pgettext("door verdict", "No seat"),
            gettext("%(who)s is on the waiting list, not seated.") % {"who": who},
        )
    if booking.checked_in_at:
        return Verdict(
            False,
            pgettext("door verdict", "Already used"),
            gettext("%(who)s was let in at %(when)s.")
            % {"who": who, "when": venue_time(booking.checked_in_at, screening)},
        )
    if not booking.accreditation.is_valid():
        return Verdict(
            False,
            pgettext("door verdict", "Not accredited"),
            gettext("%(who)s is no longer accredited.") % {"who": who},
        )
    now = timezone.now()
    if now < screening.starts_at - DOOR_OPENS_BEFORE:
        opens = venue_time(screening.starts_at - DOOR_OPENS_BEFORE, screening)
        return Verdict(
            False,
            pgettext("door verdict", "Too early"),
            gettext("The door opens at %(when)s; the ticket stays valid.") % {"when": opens},
        )
    if now > screening.ends:
        return Verdict(
            False,
            pgettext("door verdict", "Screening over"),
            gettext("It ended at %(when)s.") % {"when": venue_time(screening.ends, screening)},
        )
    booking.checked_in_at = now
    booking.checked_in_by = by
    booking.save(update_fields=["checked_in_at", "checked_in_by"])
    return Verdict(True, pgettext("door verdict", "Valid: let in"), who)
