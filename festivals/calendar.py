"""Screenings as iCalendar (RFC 5545), for journalists' and the public's calendars."""

import datetime
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext, pgettext

from config.lib.filters import date

from .models import Screening

STATUS = {
    Screening.Status.SCHEDULED: "CONFIRMED",
    Screening.Status.MOVED: "CONFIRMED",
    Screening.Status.CANCELLED: "CANCELLED",
}


def screening_uid(screening: Screening) -> str:
    """A UID that stays the same for the life of the screening, wherever the feed is read."""
    return f"screening-{screening.pk}@{urlsplit(settings.SITE_URL).hostname}"


def _event(screening: Screening, *, embargo: str = "", note: str = "") -> icalendar.Event:
    film = screening.film
    event = icalendar.Event()
    event.add("uid", screening_uid(screening))
    event.add("dtstamp", timezone.now())
    event.add("last-modified", screening.updated_at)
    # Calendars take the version of an event with the higher SEQUENCE: every save raises it.
    event.add("sequence", int((screening.updated_at - screening.created_at).total_seconds()))
    title = screening.title_in or screening.get_kind_display()
    event.add(
        "summary", f"{embargo}: {film.title}: {title}" if embargo else f"{film.title}: {title}"
    )
    if screening.is_release:
        # A release happens on a day, not at a time.
        event.add("dtstart", screening.local_date)
        event.add("dtend", screening.local_date + datetime.timedelta(days=1))
    else:
        event.add("dtstart", screening.local_start)
        event.add("dtend", screening.local_end)
    event.add("location", screening.place_label)
    url = f"{settings.SITE_URL}{screening.get_absolute_url()}"
    event.add("url", url)
    description = [
        gettext("%(kind)s of %(film)s.") % {"kind": screening.get_kind_display(), "film": film}
    ]
    if note:
        description.insert(0, note)
    if embargo:
        description.insert(
            0,
            gettext("%(embargo)s. Shared with accredited journalists in confidence.")
            % {"embargo": embargo},
        )
    if screening.edition_id:
        description.append(screening.edition.title + ".")
    if screening.is_moved and screening.local_previous_start:
        first = date(screening.local_previous_start, pgettext("date format", "j M Y, H:i"))
        description.append(gettext("Moved: first announced for %(when)s.") % {"when": first})
    if notes := str(screening.notes_in):
        description.append(notes)
    description.append(url)
    event.add("description", "\n\n".join(description))
    event.add("status", STATUS[screening.status])
    event.add("categories", [screening.get_kind_display()])
    return event


def calendar_bytes(
    screenings: Iterable[Screening],
    *,
    name: str,
    with_embargo: bool = False,
    notes: Mapping[int, str] | None = None,
) -> bytes:
    """`screenings` as an iCalendar file, with the time zones its events use.

    `with_embargo`: each event states the embargo that holds its screening
    (what a journalist has early). `notes` maps a screening's pk to a line
    put first in its description (a journalist's seat and ticket).
    """
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//Screenings//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for screening in screenings:
        embargo = screening.embargo_holding_text() if with_embargo else ""
        note = (notes or {}).get(screening.pk, "")
        calendar.add_component(_event(screening, embargo=embargo, note=note))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def calendar_response(
    screenings: Iterable[Screening], *, name: str, filename: str, with_embargo: bool = False
) -> HttpResponse:
    """An .ics download of `screenings` (see `calendar_bytes`)."""
    response = HttpResponse(
        calendar_bytes(screenings, name=name, with_embargo=with_embargo),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
