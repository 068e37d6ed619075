import uuid
from pathlib import PurePosixPath

from django.db import models

from config.lib.models import Embargoable, Searchable


def asset_upload_to(asset: "Asset", filename: str) -> str:
    """Store every file under a name the application makes; the editor's name is kept as data.

    A name the uploader chose never reaches the file system, so no path
    tricks, clashes or unsafe characters; the extension is lower-cased.
    """
    extension = PurePosixPath(filename).suffix.lower()[:10]
    return f"assets/{asset.kind}/{uuid.uuid4().hex}{extension}"


class Asset(Searchable, Embargoable):
    """A file in a press kit: a still, key art, a poster, a headshot or a document."""

    class Kind(models.TextChoices):
        STILL = "still", "Still"
        KEY_ART = "key_art", "Key art"
        POSTER = "poster", "Poster"
        HEADSHOT = "headshot", "Headshot"
        DOCUMENT = "document", "Document"

    class Access(models.TextChoices):
        PUBLIC = "public", "Anyone"
        PRESS = "press", "Accredited journalists only"

    published_requires = ("film", "person")
    search_sources = ("title", "caption", "original_filename")

    kind = models.CharField(
        max_length=16,
        choices=Kind,
        default=Kind.STILL,
        help_text="What the file is. Headshots go on the person's page, the rest on the film's.",
    )
    film = models.ForeignKey(
        "Film",
        on_delete=models.PROTECT,
        related_name="assets",
        null=True,
        blank=True,
        help_text="The film this belongs to. Headshots may belong to a person only.",
    )
    person = models.ForeignKey(
        "Person",
        on_delete=models.PROTECT,
        related_name="assets",
        null=True,
        blank=True,
        help_text="For headshots: who is pictured.",
    )
    title = models.CharField(
        max_length=200,
        blank=True,
        help_text="A short name for lists, e.g. 'Reyes in the barracks'.",
    )
    file = models.FileField(
        upload_to=asset_upload_to,
        max_length=255,
        help_text="The highest-quality file you have: journalists download it for print.",
    )
    original_filename = models.CharField(
        max_length=255,
        blank=True,
        editable=False,
        help_text="The file's name on the uploader's computer; stored files get names of their own.",
    )
    caption = models.TextField(
        blank=True,
        help_text="Who and what is shown, as journalists should print it. Also the image's alt text.",
    )
    credit_line = models.CharField(
        max_length=200,
        blank=True,
        help_text="Printed beside the picture, e.g. 'Courtesy of the production'.",
    )
    copyright_holder = models.CharField(
        max_length=200, blank=True, help_text="Who owns the rights, e.g. the production company."
    )
    usage_terms = models.CharField(
        max_length=300,
        blank=True,
        help_text="Conditions of use, e.g. 'Editorial use only. Mandatory credit.'",
    )
    access = models.CharField(
        max_length=8,
        choices=Access,
        default=Access.PRESS,
        help_text="Who may download it once published.",
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Position in the gallery and the press kit, lowest first."
    )

    class Meta(Embargoable.Meta):
        ordering = ["order", "pk"]
        constraints = [
            # An asset that belongs to nothing would never be shown or cleaned up.
            models.CheckConstraint(
                condition=models.Q(film__isnull=False) | models.Q(person__isnull=False),
                name="asset_belongs_to_film_or_person",
            ),
        ]

    def __str__(self):
        label = self.title or self.caption[:60] or self.original_filename or f"#{self.pk}"
        return f"{self.get_kind_display()}: {label}"
