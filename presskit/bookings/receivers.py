"""When a press screening moves, is cancelled or gains seats, those who booked hear of it.

Whatever changes the screening (the admin, an inline on its edition, a
script), its save is where the journalists with a seat or a place in line
are told, with the old time and place and the new. A calendar feed that a
journalist subscribed to shows the change by itself: it is read afresh.
"""

from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from festivals.models import Screening

from .emails import tell
from .services import fill_from_line, venue_time


@receiver(pre_save, sender=Screening)
def remember_what_was_announced(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    before = Screening.objects.select_related("venue").filter(pk=instance.pk).first()
    instance.announced_before_save = before and {
        "starts_at": before.starts_at,
        "venue_id": before.venue_id,
        "status": before.status,
        "seats": before.seats,
        "words": f"{venue_time(before.starts_at, before)}, {before.place_label}",
    }


@receiver(post_save, sender=Screening)
def tell_those_who_booked(sender, instance, created, raw=False, **kwargs):
    before = getattr(instance, "announced_before_save", None)
    if raw or created or not before:
        return
    instance.announced_before_save = None
    holders = instance.bookings.active().only("pk", "status")
    if instance.is_cancelled and before["status"] != Screening.Status.CANCELLED:
        for booking in holders:
            tell(booking, "screening_cancelled")
        return
    if (instance.starts_at, instance.venue_id) != (before["starts_at"], before["venue_id"]):
        for booking in holders:
            tell(booking, "moved", was=before["words"])
    if (instance.seats or 0) > (before["seats"] or 0):
        with transaction.atomic():  # the seats counted are the seats given
            locked = Screening.objects.select_for_update(of=("self",)).get(pk=instance.pk)
            fill_from_line(locked)
