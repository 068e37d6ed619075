from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from config.lib.countries import country_name
from config.lib.languages import language_name, validate_language_codes
from config.lib.models import NamedInScripts, Record, Searchable
from config.lib.translations import Translatable, column, reading_columns, translations
from config.lib.urls import reverse_path

from ..publishing.models import (
    IN_USE_PERHAPS_IN_THE_BIN,
    Binnable,
    Embargoable,
    Gated,
    GatedQuerySet,
    PublicRecord,
    moment_said,
    other_clocks,
)


class FilmQuerySet(GatedQuerySet):
    def for_cards(self):
        """Only what a film's card in a list shows (includes/cards.html)."""
        return self.only(
            "english_title", "slug", "year", "runtime_minutes",
            "spoken_languages", "embargo_until", "embargo_time_zone",
            *reading_columns(Film, "title", "logline"),
        )  # fmt: skip


class Film(Translatable, Searchable, Binnable, Embargoable):
    class Kind(models.TextChoices):
        FEATURE = "feature", _("Feature film")
        DOCUMENTARY = "documentary", _("Feature documentary")
        SHORT = "short", _("Short film")
        SERIES = "series", _("Series")

    visibility = {**Embargoable.visibility, **Binnable.bin_rules}
    search_sources = ("title", "english_title")
    # Press pages drop the reviews embargo notice by themselves when it lifts.
    public_changes_at = (*Embargoable.public_changes_at, "reviews_embargo_until")
    # Embargoes outside the gate (they hide nothing) that the audit log records:
    # field -> the method saying the zone it is read in.
    audited_embargoes = {"reviews_embargo_until": "reviews_embargo_zone"}
    # An embargo on a film covers its whole press kit: everything that needs the film
    # public (its files, credits, quotes, screenings) waits for it too.
    shown_publicly_on = (
        "its page, its press kit and press notes, the film list, the schedule and every page, "
        "feed and file that names it"
    )

    title = models.CharField(
        max_length=200,
        help_text="The original title, exactly as on the film's own credits, with its accents.",
    )
    title_in = translations(title, "title")
    english_title = models.CharField(
        max_length=200,
        blank=True,
        help_text="The international English title, if different. Shown beside the original.",
    )
    slug = models.SlugField(
        max_length=200,
        unique=True,
        allow_unicode=True,
        help_text="The last part of the film's address, as in /films/la-tregua/. Changing it breaks journalists' links.",
        error_messages={"unique": IN_USE_PERHAPS_IN_THE_BIN},
    )
    kind = models.CharField(
        max_length=16, choices=Kind, default=Kind.FEATURE, help_text="The film's format."
    )
    genres = models.CharField(
        max_length=200, blank=True, help_text="For example: Drama, historical. Comma-separated."
    )
    genres_in = translations(genres, "genres")
    logline = models.CharField(
        max_length=300,
        blank=True,
        help_text="One or two sentences that sell the story; used in lists and link previews.",
    )
    logline_in = translations(logline, "logline")
    synopsis = models.TextField(
        blank=True, help_text="The full synopsis. Separate paragraphs with a blank line."
    )
    synopsis_in = translations(synopsis, "synopsis")
    based_on = models.CharField(
        max_length=300,
        blank=True,
        help_text="Source material or real events, e.g. 'Based on real events; the characters are fictional.'",
    )
    based_on_in = translations(based_on, "based_on")
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Year of first release or premiere."
    )
    runtime_minutes = models.PositiveSmallIntegerField(
        "runtime (minutes)", null=True, blank=True, help_text="Running time in whole minutes."
    )
    countries = CountryField(multiple=True, blank=True, help_text="Producing countries.")
    spoken_languages = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_language_codes],
        help_text="Languages spoken in the film.",
    )
    companies = models.ManyToManyField(
        "Company", through="CompanyCredit", related_name="films", blank=True
    )
    press_contact = models.TextField(
        blank=True,
        help_text="Who journalists should write to about this film: name, email, phone. Public.",
    )
    press_contact_in = translations(press_contact, "press_contact")
    website = models.URLField(blank=True, help_text="The film's official site, if it has one.")
    # When critics may publish: told to accredited journalists, it hides nothing. Like an
    # embargo, a fixed moment or one tied to a screening that moves with it.
    reviews_embargo_until = models.DateTimeField(
        "reviews embargoed until",
        null=True,
        blank=True,
        help_text=(
            "When critics may publish their reviews; shown to accredited journalists. Entered "
            "as the clocks show it at the press office, or tied to a screening below."
        ),
    )
    reviews_embargo_screening = models.ForeignKey(
        "festivals.Screening",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="reviews embargo tied to screening",
        help_text=(
            "Instead of a fixed time: reviews may be published a set time after this screening "
            "starts (or ends), e.g. the official premiere, and the embargo moves with it."
        ),
    )
    reviews_embargo_minutes_after = models.PositiveIntegerField(
        "minutes after that screening",
        default=0,
        help_text="How long after the screening's start (or end); 0: at once.",
    )
    reviews_embargo_from_end = models.BooleanField(
        "counted from its end",
        default=False,
        help_text="Count from the end of the screening rather than its start.",
    )

    objects = FilmQuerySet.as_manager()

    class Meta(Embargoable.Meta):
        ordering = ["title"]
        constraints = [
            *Embargoable.Meta.constraints,
            # Cinema starts in 1888; anything earlier is a typing mistake.
            models.CheckConstraint(
                condition=models.Q(year__isnull=True) | models.Q(year__gte=1888),
                name="film_year_after_1888",
            ),
            models.CheckConstraint(
                condition=models.Q(runtime_minutes__isnull=True) | models.Q(runtime_minutes__gt=0),
                name="film_runtime_positive",
            ),
        ]

    def __str__(self):
        if self.english_title and self.english_title != self.title:
            return f"{self.title} ({self.english_title})"
        return self.title

    def get_absolute_url(self):
        return reverse_path("presskit:film-detail", self.slug)

    def save(self, *args, **kwargs):
        if self.follow_reviews_screening() is not None:
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "reviews_embargo_until"}
        super().save(*args, **kwargs)

    def follow_reviews_screening(self) -> bool | None:
        """Set a reviews embargo tied to a screening from the screening's current time.

        Whether that moved it; None when it is not tied to a screening.
        """
        if self.reviews_embargo_screening_id is None:
            return None
        moment = self.reviews_embargo_screening.moment_after(
            self.reviews_embargo_minutes_after, from_end=self.reviews_embargo_from_end
        )
        moved = moment != self.reviews_embargo_until
        self.reviews_embargo_until = moment
        return moved

    def reviews_embargo_zone(self) -> str:
        """Where the reviews embargo is read: its screening's venue, else the press office."""
        screening = self.reviews_embargo_screening
        return (screening and screening.time_zone) or settings.PRESS_OFFICE_TIME_ZONE

    def reviews_embargo_other_clocks(self, reader_zone: str | None = None) -> list[tuple[str, str]]:
        """The clocks a notice also reads the reviews embargo by (`other_clocks`)."""
        return other_clocks(self.reviews_embargo_zone(), reader_zone)

    def reviews_embargo_text(self) -> str:
        """'Reviews embargoed until 20 Sep 2025 21:00 Madrid time (19:00 UTC)', or '' once past."""
        moment = self.reviews_embargo_until
        if moment is None or moment <= timezone.now():
            return ""
        return f"Reviews embargoed until {moment_said(moment, self.reviews_embargo_zone())}"

    @property
    def original_language(self) -> str:
        """The language of the original title, for its `lang` attribute ('' when unknown)."""
        return self.spoken_languages[0] if self.spoken_languages else ""

    @property
    def local_title(self) -> str:
        """The title the page's readers know it by, when not the original: translated, or the
        international English title (a name, not a text: shown as it is)."""
        language = get_language() or settings.LANGUAGE_CODE
        local = getattr(self, column("title", language), "") or self.english_title
        return "" if local == self.title else local

    @property
    def country_names(self) -> list[str]:
        return [country_name(country) for country in self.countries]

    @property
    def spoken_language_names(self) -> list[str]:
        return [language_name(code) for code in self.spoken_languages]


class Company(NamedInScripts, Searchable, Record):
    search_sources = ("name", *NamedInScripts.script_sources)

    name = models.CharField(
        max_length=200, help_text="The company's legal or trading name, as credited."
    )
    slug = models.SlugField(
        max_length=200, unique=True, allow_unicode=True, help_text="A short unique name for links."
    )
    country = CountryField(blank=True, help_text="Where the company is registered.")
    website = models.URLField(blank=True, help_text="The company's own site.")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "companies"

    def __str__(self):
        return f"{self.name} ({self.country.code})" if self.country else self.name

    @property
    def country_label(self) -> str:
        """The country's name, as credits show it beside the company ("Spain")."""
        return country_name(self.country)


class CompanyCredit(Translatable, Record, Gated):
    """A company credited on a film: producer, co-producer, distributor, sales agent."""

    class Role(models.TextChoices):
        PRODUCTION = "production", _("Production company")
        CO_PRODUCTION = "co_production", _("Co-production company")
        DISTRIBUTION = "distribution", _("Distributor")
        SALES = "sales", _("International sales")

    # Part of its film's credits: public exactly when the film is.
    visibility = {"film": PublicRecord()}

    film = models.ForeignKey(
        Film, on_delete=models.PROTECT, related_name="company_credits", help_text="The film."
    )
    company = models.ForeignKey(
        Company,
        on_delete=models.PROTECT,
        related_name="credits",
        help_text="The company. Add it first if it is not in the list.",
    )
    role = models.CharField(
        max_length=16,
        choices=Role,
        default=Role.PRODUCTION,
        help_text="What the company did for the film.",
    )
    territory = models.CharField(
        max_length=100,
        blank=True,
        help_text="For distributors: where, e.g. 'Worldwide' or 'Spain'. Leave empty otherwise.",
    )
    territory_in = translations(territory, "territory")
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Position in the film's company credits, lowest first."
    )

    class Meta:
        ordering = ["film", "order", "pk"]
        constraints = [
            # The same company in the same role twice is always a duplicate entry.
            models.UniqueConstraint(
                fields=["film", "company", "role"], name="company_credit_unique_role"
            ),
        ]

    def __str__(self):
        return f"{self.company.name}: {self.get_role_display()} of {self.film.title}"
