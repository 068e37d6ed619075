"""Abstract models every editorial record builds on.

`Record` stamps creation and change times. `Searchable` keeps a folded copy
of a record's names so that search ignores accents and case on every
database. (What the public may see is the press office's own rule:
presskit/publishing/.)
"""

from typing import ClassVar

from django.db import models

from .text import fold


class Record(models.Model):
    created_at = models.DateTimeField("created", auto_now_add=True)
    updated_at = models.DateTimeField("last changed", auto_now=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "updated_at"}
        super().save(*args, **kwargs)


class Searchable(models.Model):
    """A record found by its names whatever the accents: "aron" finds "Arón Piper".

    Subclasses name the fields that feed the search in `search_sources`; the
    folded text is derived on every save.
    """

    search_sources: ClassVar[tuple[str, ...]] = ()

    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.search_text = fold(
            " ".join(str(getattr(self, name) or "") for name in self.search_sources)
        )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) & set(self.search_sources):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)
