"""The emails a journalist gets about their seat, sent by the tasks worker.

A request (or a press officer's save) only enqueues once its transaction
commits; the worker renders and sends. An email with a seat carries the
screening as an .ics file and the ticket code.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone

from config.lib.urls import reverse_path
from festivals.calendar import calendar_bytes
from festivals.models import Screening

from ..models import Booking

# step -> subject, formatted with the film's title; the body is
# templates/press/email/booking_<step>.txt.
SUBJECTS = {
    "booked": "Your seat at the press screening of {film}",
    "waiting": "You are on the waiting list for the press screening of {film}",
    "promoted": "A seat is yours: press screening of {film}",
    "cancelled": "Your booking for the press screening of {film} is cancelled",
    "moved": "Moved: the press screening of {film}",
    "screening_cancelled": "Cancelled: the press screening of {film}",
}
# The steps whose email gives the journalist a seat to put in their calendar.
WITH_CALENDAR = ("booked", "promoted", "moved")
# step -> the states the booking must still be in when the worker sends it: a seat
# given back before the email went out is not announced.
STILL = {
    "booked": (Booking.Status.BOOKED,),
    "promoted": (Booking.Status.BOOKED,),
    "waiting": (Booking.Status.WAITING,),
    "cancelled": (Booking.Status.CANCELLED,),
    "moved": (Booking.Status.BOOKED, Booking.Status.WAITING),
    "screening_cancelled": (Booking.Status.BOOKED, Booking.Status.WAITING),
}


def tell(booking: Booking, step: str, *, was: str = "") -> None:
    """Email the journalist about `booking` once the current transaction commits.

    `was`: for a moved screening, when and where it was before.
    """
    transaction.on_commit(
        lambda: send_booking_email.enqueue(booking_id=booking.pk, step=step, was=was)
    )


@task
def send_booking_email(booking_id: int, step: str, was: str = "") -> str:
    booking = (
        Booking.objects.select_related(
            "accreditation__user",
            "screening__film__reviews_embargo_screening__venue",
            "screening__venue",
            "screening__edition__festival",
        )
        .filter(pk=booking_id)
        .first()
    )
    if booking is None:
        return "the booking no longer exists"
    if booking.status not in STILL[step]:
        return f"not sent: the booking is {booking.get_status_display().lower()} by now"
    screening = booking.screening
    # Through the one gate: a screening (or film) gone back to draft, or kept for
    # the press from a journalist no longer accredited, is not written about.
    visible = Screening.objects.visible_to(booking.accreditation.user)
    if not visible.filter(pk=screening.pk).exists():
        return "not sent: the journalist may not see this screening now"
    context = {
        "booking": booking,
        "screening": screening,
        "accreditation": booking.accreditation,
        "reader_zone": booking.accreditation.reader_zone(),
        "was": was,
        "now": timezone.now(),
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "screening_url": settings.SITE_URL + reverse_path("press:screening", screening.pk),
    }
    message = EmailMessage(
        subject=SUBJECTS[step].format(film=screening.film.title),
        body=render_to_string(f"press/email/booking_{step}.txt", context),
        to=[booking.accreditation.email],
    )
    if step in WITH_CALENDAR and booking.is_seated:
        message.attach(
            f"press-screening-{screening.pk}.ics",
            calendar_bytes(
                [screening],
                name=f"{screening.film.title} press screening",
                with_embargo=True,
                notes={screening.pk: f"Your seat. Ticket {booking.ticket_code}."},
            ),
            "text/calendar",
        )
        message.attach(f"ticket-{booking.ticket_code}.png", booking.ticket_qr_png(), "image/png")
    message.send()
    return f"sent {step} to {booking.accreditation.email}"
