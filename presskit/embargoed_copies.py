"""A picture's copies state the embargo that holds it, in their usage terms.

Picture desks read a file's XMP `UsageTerms`, wherever the file travels,
so a still shared before its embargo lifts says so itself: "EMBARGOED until
25 Sep 2026 21:00 Madrid time (19:00 UTC). Editorial use only."
(`Asset.terms_with_embargo`). The copies are made once for everyone, when the
renditions task runs, which records the embargo they state
(`Asset.copies_embargo`, `copies_embargo_until`). Here, every save of a
picture or of its film compares that with the embargo holding the picture
now, and has the copies made again when they differ: an embargo set, moved,
re-zoned or removed, on the picture or its film, by an editor or by a tied
screening's move (tied_embargoes saves the records it moves). Meanwhile the
old copies stay public, as when a caption changes. A receiver, not the
services, because a film or a tied record is saved by the admin and by
tied_embargoes alike; the renditions task checks again as it stores the
copies, for a move made while they were being made.

An embargo that lifts needs nothing: its words stay true after the moment,
and a save after it makes nothing again (`Asset.copies_state_its_embargo`).
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Asset, Film
from .services import asset_prepare


@receiver(post_save, sender=Asset)
@receiver(post_save, sender=Film)
def copies_follow_the_embargo(sender, instance, raw=False, **kwargs):
    if raw:  # loading fixtures: the copies are made by their own task
        return
    if sender is Asset:
        pictures = [instance]
    else:
        pictures = list(instance.assets.exclude(kind=Asset.Kind.DOCUMENT).select_related("person"))
        for picture in pictures:
            picture.film = instance  # as just saved
    for picture in pictures:
        # A picture still being prepared gets the embargo from the task under way.
        if (
            picture.is_image
            and picture.processing == Asset.Processing.READY
            and not picture.copies_state_its_embargo()
        ):
            asset_prepare(asset=picture)
