"""Infrastructure only: a stored file goes when its row goes, once the deletion commits."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Asset, Rendition


@receiver(post_delete, sender=Asset)
@receiver(post_delete, sender=Rendition)
def delete_stored_file(sender, instance, **kwargs):
    stored = instance.file
    if stored and stored.name:
        name, storage = stored.name, stored.storage
        transaction.on_commit(lambda: storage.delete(name), robust=True)
