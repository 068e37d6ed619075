"""Embargoes tied to a screening follow it: when the screening moves, so do they.

A release, a file or a whole press kit may be embargoed until "N minutes
after the start (or end) of screening S", and a film's reviews likewise
(`Embargoable.embargo_screening`, `Film.reviews_embargo_screening`). The
moment is stored, so that the gate, the page cache, the ZIP and the PDF read
one field; here, every save of a screening re-derives the moments tied to
it, through each record's own save (so the page cache hears of it), and
journalists who were told the old moment are told the new one:

- a release's: everyone it was sent to by email;
- a film's (its kit or its reviews): the journalists booked, or waiting,
  at its press screenings, whose emails state it.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.tasks import task
from django.template.loader import render_to_string

from config.lib.filters import in_zone, zone_in_words
from config.lib.page_cache import content_changed
from config.lib.urls import reverse_path
from festivals.models import Screening

from .models import Accreditation, Asset, Booking, Film, PressRelease
from .publishing.models import Audience

EMBARGOED = (PressRelease, Asset, Film)


def _said(moment, zone: str) -> str:
    local = in_zone(moment, zone)
    return f"{local:%-d %B %Y, %H:%M} {zone_in_words(zone)} ({in_zone(moment, 'UTC'):%H:%M} UTC)"


@receiver(post_save, sender=Screening)
def follow_the_screening(sender, instance, created, raw=False, **kwargs):
    if raw or created:
        return
    moved = False
    for model in EMBARGOED:
        tied = model.objects.filter(embargo_screening=instance).select_related(
            "embargo_screening__film"
        )
        for record in tied:
            was, zone = record.embargo_until, record.embargo_zone()
            if record.follow_screening():
                record.save(update_fields=["embargo_until", "embargo_time_zone"])
                _tell(record, "embargo", _said(was, zone) if was else "")
                moved = True
    for film in Film.objects.filter(reviews_embargo_screening=instance).select_related(
        "reviews_embargo_screening__film"
    ):
        was = film.reviews_embargo_until
        if film.follow_reviews_screening():
            film.save(update_fields=["reviews_embargo_until"])
            _tell(film, "reviews", _said(was, film.reviews_embargo_zone()) if was else "")
            moved = True
    if moved:
        content_changed()  # public pages follow the new moments, however the screening moved


def _tell(record, which: str, was: str) -> None:
    label = record._meta.label
    transaction.on_commit(
        lambda: send_embargo_moved.enqueue(label=label, pk=record.pk, which=which, was=was)
    )


def told_of(record) -> list[Accreditation]:
    """The journalists who were told the moment: by a release's sending, or a seat's email."""
    valid = Accreditation.objects.valid().order_by("pk")
    if isinstance(record, PressRelease):
        if not record.is_visible_to_audience(Audience.PRESS):
            return []
        sent_to = {
            recipient["accreditation"]
            for sending in record.sendings.all()
            for recipient in sending.recipients
        }
        return list(valid.filter(pk__in=sent_to))
    film_id = record.pk if isinstance(record, Film) else record.film_id
    if film_id is None:
        return []
    return list(
        valid.filter(
            pk__in=Booking.objects.active()
            .filter(screening__film_id=film_id)
            .values("accreditation")
        )
    )


@task
def send_embargo_moved(label: str, pk: int, which: str, was: str) -> str:
    model = {model._meta.label: model for model in EMBARGOED}[label]
    record = model.objects.filter(pk=pk).first()
    if record is None:
        return "the record no longer exists"
    if which == "reviews":
        now, what = record.reviews_embargo_text(), f"reviews of {record.title}"
        screening = record.reviews_embargo_screening
    else:
        now, what = record.embargo_text(), _what(record)
        screening = record.embargo_screening
    if not now:
        return "not sent: the embargo has lifted"
    journalists = told_of(record)
    for journalist in journalists:
        EmailMessage(
            subject=f"Embargo moved: {what}",
            body=render_to_string(
                "press/email/embargo_moved.txt",
                {
                    "name": journalist.name,
                    "what": what,
                    "was": was,
                    "now": now,
                    "screening": screening,
                    "url": settings.SITE_URL + _page_of(record),
                    "site_name": settings.SITE_NAME,
                },
            ),
            to=[journalist.email],
        ).send()
    return f"told {len(journalists)}"


def _page_of(record) -> str:
    """Where a journalist reads it: its page, or for a file its film's press kit."""
    if isinstance(record, Asset):
        return reverse_path("presskit:film-press-kit", record.film.slug)
    return record.get_absolute_url()


def _what(record) -> str:
    if isinstance(record, Film):
        return f"the press kit of {record.title}"
    if isinstance(record, PressRelease):
        return f"the release \u201c{record.title}\u201d"
    return record.label
