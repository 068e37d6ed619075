"""Abstract models every editorial record builds on.

`Record` stamps creation and change times. `Searchable` keeps a folded copy
of a record's names so that search ignores accents and case on every
database. (What the public may see is the press office's own rule:
presskit/publishing/.)
"""

from collections.abc import Callable
from typing import ClassVar

from django.db import migrations, models
from django.utils import translation

from .text import fold, spelling_for, strip_accents


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
        self.search_text = search_text_of(self, self.search_sources)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) & set(self.search_sources):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)


class NamedInScripts(models.Model):
    """A name in Latin and in Cyrillic letters: "Әлия Қасымова", "Aliya Kassymova".

    `name` (the subclass's own field) is the name as credited; the two
    spellings say it in the other alphabet where it has one. Each page shows
    the spelling its readers read (`shown_name`, `spelling_for()`), and a
    record's own page the others beside it (`other_spellings`). Both feed
    search, where every script meets anyway (`fold()`).
    """

    script_sources: ClassVar[tuple[str, ...]] = ("latin_name", "cyrillic_name")

    latin_name = models.CharField(
        "in Latin letters",
        max_length=200,
        blank=True,
        help_text=(
            "How the name is spelled in Latin letters for the international press, "
            "e.g. 'Aliya Kassymova'. Leave empty when the name is already in Latin letters."
        ),
    )
    cyrillic_name = models.CharField(
        "in Cyrillic letters",
        max_length=200,
        blank=True,
        help_text=(
            "How the name is written in Kazakh or Russian, e.g. 'Әлия Қасымова'. "
            "Leave empty when the name is already in Cyrillic letters."
        ),
    )

    class Meta:
        abstract = True

    @property
    def shown_name(self) -> str:
        """The name as readers of the page's language read it."""
        return spelling_for(
            translation.get_language(), self.name, self.latin_name, self.cyrillic_name
        )

    @property
    def spellings(self) -> list[str]:
        """The name as credited and in each alphabet, each once."""
        return list(dict.fromkeys(s for s in (self.name, self.latin_name, self.cyrillic_name) if s))

    @property
    def other_spellings(self) -> list[str]:
        """The record's spellings but the one shown, for its own page."""
        shown = self.shown_name
        return [spelling for spelling in self.spellings if spelling != shown]


def search_text_of(record, sources, folding: Callable[[str], str] = fold) -> str:
    """What search compares for `record`: its `sources` fields, folded together."""
    return folding(" ".join(str(getattr(record, name) or "") for name in sources))


def refolding_into_latin_letters(sources: dict[str, tuple[str, ...]]) -> migrations.RunPython:
    """A migration's step: every row's search text folded into Latin letters (`fold()`).

    `sources` names each model's search sources as they stand at that
    migration ({model label: fields}). Going back restores the folding
    before: accents dropped, other scripts kept.
    """

    def forward(apps, schema_editor):
        refold_search_text(apps, sources)

    def backward(apps, schema_editor):
        refold_search_text(
            apps, sources, lambda text: " ".join(strip_accents(text).casefold().split())
        )

    return migrations.RunPython(forward, backward)


def refold_search_text(apps, sources: dict[str, tuple[str, ...]], folding=fold) -> None:
    """Fold every row's search text again: {model label: its search sources}."""
    for label, fields in sources.items():
        model = apps.get_model(label)
        rows = list(model.objects.only("pk", "search_text", *fields))
        for row in rows:
            row.search_text = search_text_of(row, fields, folding)
        model.objects.bulk_update(rows, ["search_text"], batch_size=500)
