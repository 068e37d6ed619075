from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from config.lib.models import NamedInScripts, Record, Searchable
from config.lib.translations import Translatable, translations
from config.lib.urls import reverse_path

from ..publishing.models import (
    IN_USE_PERHAPS_IN_THE_BIN,
    Binnable,
    Gated,
    PublicRecord,
    Publishable,
)


class Person(Translatable, NamedInScripts, Searchable, Binnable, Publishable):
    """Someone credited, quoted, awarded or pictured.

    A person in draft is not yet announced (casting news is often under
    embargo): until they are published their name appears nowhere public,
    not as a credit, a speaker, a winner, a headshot or in a still. Every
    record that names them declares it in its `visibility`.
    """

    visibility = {**Publishable.visibility, **Binnable.bin_rules}
    search_sources = ("name", *NamedInScripts.script_sources, "also_known_as")

    name = models.CharField(
        max_length=200,
        help_text="The name as credited, with its accents: 'Arón Piper', not 'Aron Piper'.",
    )
    slug = models.SlugField(
        max_length=200,
        unique=True,
        allow_unicode=True,
        help_text="The last part of the bio page's address, as in /people/aron-piper/. Changing it breaks journalists' links.",
        error_messages={"unique": IN_USE_PERHAPS_IN_THE_BIN},
    )
    also_known_as = models.TextField(
        blank=True,
        help_text=(
            "Full names and other spellings, one per line (e.g. 'Yerlan Bekhozhin'). "
            "Search finds the person by any of them."
        ),
    )
    nationality = CountryField(
        blank=True, help_text="Only if it is on record; leave empty when unsure."
    )
    known_for = models.CharField(
        max_length=300,
        blank=True,
        help_text="Other work journalists will recognise, e.g. 'Money Heist, Elite'. Comma-separated.",
    )
    bio = models.TextField(
        blank=True,
        help_text="Plain text; separate paragraphs with a blank line. No HTML: it is shown as typed.",
    )
    bio_in = translations(bio, "bio")
    website = models.URLField(blank=True, help_text="Their own or their agent's site.")

    class Meta(Publishable.Meta):
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse_path("presskit:person-detail", self.slug)

    @property
    def other_names(self) -> list[str]:
        """Their name in the other alphabet, then every other spelling on record."""
        known = [line.strip() for line in self.also_known_as.splitlines() if line.strip()]
        return list(dict.fromkeys([*self.other_spellings, *known]))


class Credit(Translatable, Record, Gated):
    """A person's work on a film in one role; cast credits name the character.

    Part of its film's credits, with no publication state of its own: public
    when both the film and the person are.
    """

    class Role(models.TextChoices):
        DIRECTOR = "director", _("Director")
        WRITER = "writer", _("Screenplay")
        PRODUCER = "producer", _("Producer")
        EXECUTIVE_PRODUCER = "executive_producer", _("Executive producer")
        CO_PRODUCER = "co_producer", _("Co-producer")
        CAST = "cast", _("Cast")
        CINEMATOGRAPHER = "cinematographer", _("Director of photography")
        EDITOR = "editor", _("Editor")
        COMPOSER = "composer", _("Music")
        PRODUCTION_DESIGNER = "production_designer", _("Production design")
        COSTUME_DESIGNER = "costume_designer", _("Costume design")
        CASTING = "casting", _("Casting")
        OTHER = "other", _("Other")

    visibility = {"film": PublicRecord(), "person": PublicRecord()}

    film = models.ForeignKey(
        "Film", on_delete=models.PROTECT, related_name="credits", help_text="The film."
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="credits",
        help_text="Who. Type part of the name, with or without accents.",
    )
    role = models.CharField(
        max_length=32,
        choices=Role,
        help_text="One role per credit: a director who also wrote gets two credits.",
    )
    role_note = models.CharField(
        max_length=200,
        blank=True,
        help_text="Refines the role as credited, e.g. 'co-writer' or 'creative executive producer'.",
    )
    role_note_in = translations(role_note, "role_note")
    character = models.CharField(
        max_length=200,
        blank=True,
        help_text="Cast only: the character's name, or a short description if unnamed.",
    )
    character_in = translations(character, "character")
    billing_order = models.PositiveSmallIntegerField(
        help_text="Position in the film's credits, 1 first. Each number once per film.",
    )

    class Meta:
        ordering = ["film", "billing_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["film", "billing_order"], name="credit_unique_billing_order"
            ),
            # Directing the film twice is a duplicate, not a second credit.
            models.UniqueConstraint(
                fields=["film", "person", "role"], name="credit_unique_person_role"
            ),
            models.CheckConstraint(
                condition=models.Q(role="cast") | models.Q(character=""),
                name="credit_character_only_for_cast",
            ),
            models.CheckConstraint(
                condition=models.Q(billing_order__gte=1), name="credit_billing_order_from_one"
            ),
        ]

    CREW_SECTIONS = (
        (_("Directed by"), (Role.DIRECTOR,)),
        (_("Screenplay"), (Role.WRITER,)),
        (_("Produced by"), (Role.PRODUCER, Role.EXECUTIVE_PRODUCER, Role.CO_PRODUCER)),
    )

    def __str__(self):
        if self.role == self.Role.CAST and self.character:
            return f"{self.person} as {self.character} in {self.film.title}"
        return f"{self.person}: {self.get_role_display()}, {self.film.title}"
