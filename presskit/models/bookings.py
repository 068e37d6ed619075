"""Seats at press screenings, booked by accredited journalists.

A press screening (`festivals.Screening` with `seats`) takes one booking per
journalist. While seats are left a booking is a seat; when none are, a
journalist may wait in line, and a seat given back goes to the first in line.
Every step is taken in presskit/bookings/services.py under row locks, so
that the seats given never exceed the seats there are.
"""

import io
import secrets

import segno
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from config.lib.models import Record

# Ticket codes are read aloud and typed at the door on a phone: no 0/O, 1/I/L.
TICKET_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
TICKET_LENGTH = 8


def new_ticket_code() -> str:
    return "".join(secrets.choice(TICKET_ALPHABET) for _unused in range(TICKET_LENGTH))


class BookingQuerySet(models.QuerySet):
    def active(self):
        """Seats and places in line: what a journalist still holds."""
        return self.exclude(status=Booking.Status.CANCELLED)

    def seated(self):
        return self.filter(status=Booking.Status.BOOKED)

    def in_line(self):
        """The waiting list, first in line first."""
        return self.filter(status=Booking.Status.WAITING).order_by("created_at", "pk")


class Booking(Record):
    class Status(models.TextChoices):
        BOOKED = "booked", _("Seat booked")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", pgettext_lazy("booking status", "Cancelled")

    screening = models.ForeignKey(
        "festivals.Screening",
        on_delete=models.PROTECT,
        related_name="bookings",
        help_text="The press screening.",
    )
    accreditation = models.ForeignKey(
        "Accreditation",
        on_delete=models.PROTECT,
        related_name="bookings",
        help_text="The journalist who booked.",
    )
    status = models.CharField(
        max_length=16,
        choices=Status,
        default=Status.BOOKED,
        help_text="A seat, a place on the waiting list, or given back.",
    )
    ticket_code = models.CharField(
        max_length=TICKET_LENGTH,
        unique=True,
        default=new_ticket_code,
        editable=False,
        help_text="Shown at the door; given with the seat.",
    )
    seated_at = models.DateTimeField(
        "seat given", null=True, blank=True, help_text="When the seat became theirs."
    )
    cancelled_at = models.DateTimeField(
        "cancelled", null=True, blank=True, help_text="When the seat or place was given back."
    )
    checked_in_at = models.DateTimeField(
        "checked in", null=True, blank=True, help_text="When they were let in at the door."
    )
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who let them in.",
    )

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["screening__starts_at", "created_at"]
        constraints = [
            # One seat, or one place in line, per journalist per screening.
            models.UniqueConstraint(
                fields=["screening", "accreditation"],
                condition=~models.Q(status="cancelled"),
                name="booking_one_per_journalist_per_screening",
                violation_error_message="This journalist already has a seat or a place in line.",
            ),
            models.CheckConstraint(
                condition=models.Q(status="booked", seated_at__isnull=False)
                | ~models.Q(status="booked"),
                name="booking_seated_has_a_time",
                violation_error_message="A booked seat says when it was given.",
            ),
        ]
        indexes = [models.Index(fields=["screening", "status"], name="booking_screening_status")]
        permissions = [("check_in_booking", "Can check journalists in at the door")]

    def __str__(self):
        return f"{self.ticket_code}: {self.accreditation.name}, {self.screening}"

    def ticket_qr_svg(self) -> str:
        """The ticket code as a QR code, inline SVG (made of our own alphabet: safe markup)."""
        return segno.make_qr(self.ticket_code, error="m").svg_inline(
            scale=6, border=2, title=f"Ticket {self.ticket_code}", svgclass="ticket-qr"
        )

    def ticket_qr_png(self) -> bytes:
        """The same QR code as a PNG, attached to the email with the seat."""
        image = io.BytesIO()
        segno.make_qr(self.ticket_code, error="m").save(image, kind="png", scale=8, border=2)
        return image.getvalue()

    @property
    def is_seated(self) -> bool:
        return self.status == self.Status.BOOKED

    @property
    def is_waiting(self) -> bool:
        return self.status == self.Status.WAITING

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED
