"""A press screening's page (seats left, the booking window, one button), the journalist's
calendar feed, and the door's check-in page.

None of these pages is kept by the page cache: seats change by the second
and each page speaks to one person.
"""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core import signing
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config.lib.urls import reverse_path
from festivals.calendar import calendar_bytes
from festivals.models import Screening

from ..models import Accreditation
from ..publishing.http import private_preview
from ..publishing.models import valid_accreditation
from . import services

FEED_SALT = "presskit.bookings.calendar-feed"


def _bookable(user):
    """Press screenings with seats that `user` may see, through the one gate."""
    return (
        Screening.objects.visible_to(user)
        .taking_bookings()
        .select_related("film", "venue", "edition__festival")
    )


def _held(screening: Screening, accreditation: Accreditation | None):
    """The journalist's seat or place in line at `screening`, if they hold one."""
    if accreditation is None:
        return None
    return screening.bookings.active().filter(accreditation=accreditation).first()


@never_cache
@require_GET
def screening(request: HttpRequest, pk: int) -> HttpResponse:
    """A press screening: when, where, seats left, the booking window, and what you can do."""
    shown = get_object_or_404(_bookable(request.user), pk=pk)
    accreditation = valid_accreditation(request.user)
    mine = _held(shown, accreditation)
    place_in_line = (
        shown.bookings.in_line().filter(created_at__lte=mine.created_at).count()
        if mine and mine.is_waiting
        else None
    )
    seats_left = services.seats_left(shown)
    context = {
        "screening": shown,
        "seats_left": seats_left,
        "waiting": shown.bookings.in_line().count(),
        "booking": mine,
        "place_in_line": place_in_line,
        "why_not": services.why_not(shown, accreditation),
        "signed_in": request.user.is_authenticated,
        "reader_zone": accreditation.reader_zone() if accreditation else None,
        "can_cancel": bool(mine)
        and not shown.is_cancelled
        and (mine.is_waiting or timezone.now() < shown.cancellations_close),
        "cancellations_open": timezone.now() < shown.cancellations_close,
        "notices": messages.get_messages(request),
    }
    response = render(request, "press/screening.html", context)
    return response if shown.is_published() else private_preview(response)


@never_cache
@require_POST
def book(request: HttpRequest, pk: int) -> HttpResponse:
    """One click: a seat, or with `wait` a place in line."""
    shown = get_object_or_404(_bookable(request.user), pk=pk)
    accreditation = valid_accreditation(request.user)
    if accreditation is None:
        messages.error(request, gettext("Only accredited journalists book seats. Sign in first."))
        return redirect("press:screening", shown.pk)
    try:
        booking = services.book(
            screening_id=shown.pk, accreditation=accreditation, wait="wait" in request.POST
        )
    except services.NotAllowed as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            gettext("Your seat is booked. Ticket %(code)s; we have emailed it to you.")
            % {"code": booking.ticket_code}
            if booking.is_seated
            else gettext("You are on the waiting list. We write to you if a seat comes free."),
        )
    return redirect("press:screening", shown.pk)


@never_cache
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Give back one's seat, or leave the line."""
    shown = get_object_or_404(_bookable(request.user), pk=pk)
    booking = _held(shown, valid_accreditation(request.user))
    if booking is None:
        messages.error(request, gettext("You have no seat and no place in line at this screening."))
        return redirect("press:screening", shown.pk)
    try:
        services.cancel(booking_id=booking.pk)
    except services.NotAllowed as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, gettext("Cancelled. Thank you for making room for a colleague."))
    return redirect("press:screening", shown.pk)


def feed_token(accreditation: Accreditation) -> str:
    """The secret in a journalist's calendar feed address: theirs, unguessable, lasting
    until their accreditation ends or they ask for a new address (`calendar_key`)."""
    return signing.Signer(salt=FEED_SALT).sign_object(
        [accreditation.pk, accreditation.calendar_key]
    )


def feed_url(accreditation: Accreditation) -> str:
    """The address of the feed, for apps that take one to paste (https in production)."""
    return settings.SITE_URL + reverse_path("press:calendar-feed", feed_token(accreditation))


def webcal_url(accreditation: Accreditation) -> str:
    """The same address as a webcal:// link: one click subscribes a calendar app."""
    return "webcal://" + feed_url(accreditation).split("://", 1)[-1]


@never_cache
@require_POST
def new_feed_address(request: HttpRequest) -> HttpResponse:
    """From the journalist's own page: a new feed address; the old one stops working."""
    accreditation = valid_accreditation(request.user)
    if accreditation is not None:
        Accreditation.objects.filter(pk=accreditation.pk).update(calendar_key=F("calendar_key") + 1)
        messages.success(
            request, gettext("Your calendar has a new address; the old one no longer works.")
        )
    return redirect("press:account")


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A journalist's seats as a calendar feed; it dies with their accreditation.

    Read afresh by the calendar app, so a moved or cancelled screening shows
    as moved or cancelled.
    """
    try:
        accreditation_id, key = signing.Signer(salt=FEED_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError):
        raise Http404("No such calendar.") from None
    accreditation = (
        Accreditation.objects.select_related("user")
        .filter(pk=accreditation_id, calendar_key=key)
        .first()
    )
    if accreditation is None or not accreditation.is_valid():
        raise Http404("No such calendar.")
    bookings = (
        accreditation.bookings.active()
        .filter(screening__in=Screening.objects.visible_to(accreditation.user))
        .select_related("screening__film", "screening__venue", "screening__edition__festival")
    )
    notes = {
        booking.screening_id: gettext("Your seat. Ticket %(code)s.") % {"code": booking.ticket_code}
        if booking.is_seated
        else gettext("You are on the waiting list: no seat yet.")
        for booking in bookings
    }
    body = calendar_bytes(
        [booking.screening for booking in bookings],
        name=gettext("%(site_name)s: your press screenings") % {"site_name": settings.SITE_NAME},
        with_embargo=True,
        notes=notes,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="press-screenings.ics"'
    return private_preview(response)


@never_cache
@login_required
@permission_required("presskit.check_in_booking", raise_exception=True)
@require_GET
def door(request: HttpRequest) -> HttpResponse:
    """The door's first page: pick the screening (today's and the next ones first)."""
    since = timezone.now() - datetime.timedelta(hours=6)
    screenings = (
        Screening.objects.taking_bookings()
        .filter(starts_at__gte=since)
        .select_related("film", "venue")
        .order_by("starts_at")[:30]
    )
    return render(request, "press/door_list.html", {"screenings": screenings, "since": since})


@never_cache
@login_required
@permission_required("presskit.check_in_booking", raise_exception=True)
@require_http_methods(["GET", "POST"])
def door_check(request: HttpRequest, pk: int) -> HttpResponse:
    """Type (or scan) a ticket code; the page says at once whether to let them in."""
    shown = get_object_or_404(
        Screening.objects.taking_bookings().select_related("film", "venue"), pk=pk
    )
    verdict = None
    if request.method == "POST":
        verdict = services.check_in(
            screening=shown, code=request.POST.get("code", ""), by=request.user
        )
    counts = {
        "seated": shown.bookings.seated().count(),
        "in": shown.bookings.seated().filter(checked_in_at__isnull=False).count(),
    }
    return render(
        request,
        "press/door_check.html",
        {"screening": shown, "verdict": verdict, "counts": counts},
    )
