"""Infrastructure only: a stored file goes when its row goes, once the deletion commits."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Asset, Rendition


@receiver(post_delete, sender=Asset)
@receiver(post_delete, sender=Rendition)
def delete_stored_file(sender, instance, **kwargs):
    stored = instance.file
    names = [stored.name] if stored else []
    # An asset deleted while a new upload was being prepared: the picture it kept too.
    if replaced := getattr(instance, "replaced_original", None):
        names.append(replaced["file"])
    storage = stored.storage
    for name in filter(None, names):
        transaction.on_commit(lambda name=name: storage.delete(name), robust=True)
