"""schema.org descriptions of screenings, for search engines and link previews."""

from django.conf import settings

from config.lib.structured_data import without_empty

from .models import Screening

EVENT_STATUS = {
    Screening.Status.SCHEDULED: "https://schema.org/EventScheduled",
    Screening.Status.MOVED: "https://schema.org/EventRescheduled",
    Screening.Status.CANCELLED: "https://schema.org/EventCancelled",
}


def place(screening: Screening) -> dict:
    address = {
        "@type": "PostalAddress",
        "addressCountry": screening.country.code or None,
    }
    if screening.city:
        address["addressLocality"] = screening.city
    if screening.venue_id and screening.venue.address:
        address["streetAddress"] = screening.venue.address
    name = screening.venue.name if screening.venue_id else screening.place_label
    return {"@type": "Place", "name": name, "address": without_empty(address)}


def screening_event(screening: Screening) -> dict:
    """A ScreeningEvent: when and where, in the venue's own offset, and whether it holds."""
    film = screening.film
    data = {
        "@type": "ScreeningEvent",
        "@id": f"{settings.SITE_URL}{screening.get_absolute_url()}",
        "name": f"{film.title}: {screening.title_in or screening.get_kind_display()}",
        "startDate": screening.local_start.isoformat(),
        "endDate": screening.local_end.isoformat(),
        "eventStatus": EVENT_STATUS[screening.status],
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": place(screening),
        "workPresented": {
            "@type": "Movie",
            "name": film.title,
            "url": f"{settings.SITE_URL}{film.get_absolute_url()}",
        },
        "url": f"{settings.SITE_URL}{screening.get_absolute_url()}",
        "description": str(screening.notes_in),
    }
    if screening.is_moved and screening.local_previous_start:
        data["previousStartDate"] = screening.local_previous_start.isoformat()
    if screening.edition_id:
        data["superEvent"] = {
            "@type": "Festival",
            "name": screening.edition.title,
            "url": f"{settings.SITE_URL}{screening.edition.get_absolute_url()}",
        }
    return without_empty(data)
