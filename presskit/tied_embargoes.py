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

from django.apps import apps
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone

from config.lib.page_cache import content_changed
from config.lib.urls import reverse_path
from festivals.models import Screening

from .audit import Action, audit
from .models import Accreditation, Asset, Booking, Film, PressRelease
from .publishing.models import Embargoable, moment_said


@receiver(post_save, sender=Screening)
def follow_the_screening(sender, instance, created, raw=False, **kwargs):
    """Re-derive every moment tied to the screening; tell who was told the old one.

    An embargo that has lifted stays lifted: a screening corrected after it
    started takes nothing public back off the site.
    """
    if raw or created:
        return
    now = timezone.now()
    records = {(type(record), record.pk): record for record in Embargoable.tied_to(instance)}
    for film in Film.objects.filter(reviews_embargo_screening=instance):
        records.setdefault((Film, film.pk), film)
    moved_any = False
    for record in records.values():
        moved = []  # (which, what it was), each told once the save commits
        if record.embargo_screening_id == instance.pk and record.embargo_until:
            was, zone = record.embargo_until, record.embargo_zone()
            if was > now and record.follow_screening():
                moved.append(("embargo", moment_said(was, zone)))
        if isinstance(record, Film) and record.reviews_embargo_screening_id == instance.pk:
            was, zone = record.reviews_embargo_until, record.reviews_embargo_zone()
            if was and was > now and record.follow_reviews_screening():
                moved.append(("reviews", moment_said(was, zone)))
        if not moved:
            continue
        # One save: a film tied twice to the screening is derived and told of both.
        record.save(
            update_fields=["embargo_until", "embargo_time_zone"]
            + (["reviews_embargo_until"] if isinstance(record, Film) else [])
        )
        for which, was in moved:
            _tell(record, which, was)
            now_said = (
                record.reviews_embargo_text() if which == "reviews" else record.embargo_text()
            )
            # Whoever moved the screening is in its history; here, what followed.
            audit(
                Action.EMBARGO,
                user=None,
                record=record,
                detail=f"{'reviews embargo' if which == 'reviews' else 'embargo'} moved with "
                f"the screening \u201c{instance}\u201d: {now_said} (was: {was})",
            )
        moved_any = True
    if moved_any:
        content_changed()  # public pages follow the new moments, however the screening moved


def _tell(record, which: str, was: str) -> None:
    label = record._meta.label
    transaction.on_commit(
        lambda: send_embargo_moved.enqueue(label=label, pk=record.pk, which=which, was=was)
    )


def told_of(record) -> list[Accreditation]:
    """The journalists who were told the moment: by a release's sending, or a seat's email.

    Only those who may still see the record, through the one gate.
    """
    valid = Accreditation.objects.valid().select_related("user").order_by("pk")
    if isinstance(record, PressRelease):
        sent_to = {
            recipient["accreditation"]
            for sending in record.sendings.all()
            for recipient in sending.recipients
        }
        journalists = valid.filter(pk__in=sent_to)
    else:
        film_id = record.pk if isinstance(record, Film) else record.film_id
        booked = Booking.objects.active().filter(screening__film_id=film_id)
        journalists = valid.filter(pk__in=booked.values("accreditation")) if film_id else []
    model = type(record)
    return [
        journalist
        for journalist in journalists
        if model.objects.visible_to(journalist.user).filter(pk=record.pk).exists()
    ]


@task
def send_embargo_moved(label: str, pk: int, which: str, was: str) -> str:
    record = apps.get_model(label).objects.filter(pk=pk).first()
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
        # The screening is named to those who may see it (not a draft one).
        named = Screening.objects.visible_to(journalist.user).filter(pk=screening.pk).exists()
        EmailMessage(
            subject=f"Embargo moved: {what}",
            body=render_to_string(
                "press/email/embargo_moved.txt",
                {
                    "name": journalist.name,
                    "what": what,
                    "was": was,
                    "now": now,
                    "screening": screening if named else None,
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
