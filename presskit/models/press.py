import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from config.lib.filters import date as format_date
from config.lib.languages import LANGUAGE_CHOICES
from config.lib.models import Record, Searchable
from config.lib.translations import ALL_LANGUAGES, Text, Translatable, reading_columns, translations
from config.lib.urls import reverse_path

from ..publishing.models import (
    IN_USE_PERHAPS_IN_THE_BIN,
    Access,
    Binnable,
    Embargoable,
    GatedQuerySet,
    OpenTo,
    PublicRecord,
    Publishable,
)


class DatePrecision(models.TextChoices):
    """How much of a date is on record: coverage is often known only by month or year."""

    DAY = "day", "Exact day"
    MONTH = "month", "Month only"
    YEAR = "year", "Year only"


def format_partial_date(date: datetime.date | None, precision: str) -> str:
    """Return `date` as far as it is known: '5 August 2025', 'July 2025' or '2025'."""
    patterns = {
        DatePrecision.DAY: pgettext("date format", "j F Y"),
        DatePrecision.MONTH: pgettext("date format", "F Y"),
    }
    return format_date(date, patterns.get(precision, "Y"))


class Outlet(Searchable, Record):
    """A newspaper, agency, magazine, broadcaster or site that covers films."""

    class Kind(models.TextChoices):
        NEWSPAPER = "newspaper", _("Newspaper")
        AGENCY = "agency", _("News agency")
        MAGAZINE = "magazine", _("Magazine")
        BROADCASTER = "broadcaster", _("Broadcaster")
        ONLINE = "online", _("Online publication")

    search_sources = ("name",)

    name = models.CharField(max_length=200, help_text="As the outlet writes its own name.")
    slug = models.SlugField(
        max_length=200, unique=True, allow_unicode=True, help_text="A short unique name for links."
    )
    kind = models.CharField(
        max_length=16, choices=Kind, default=Kind.NEWSPAPER, help_text="What sort of outlet."
    )
    country = CountryField(blank=True, help_text="Where the outlet is based.")
    website = models.URLField(blank=True, help_text="The outlet's home page.")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Quote(Translatable, Searchable, Publishable):
    """Something said about a film, with its source, so it can be attributed correctly."""

    visibility = {**Publishable.visibility, "film": PublicRecord(), "speaker": PublicRecord()}
    search_sources = ("text", "speaker_name")

    film = models.ForeignKey(
        "Film",
        on_delete=models.PROTECT,
        related_name="quotes",
        null=True,
        blank=True,
        help_text="The film the quote is about, if any.",
    )
    text = models.TextField(help_text="The words exactly as published, without quotation marks.")
    text_in = translations(text, "text", into=ALL_LANGUAGES)
    speaker = models.ForeignKey(
        "Person",
        on_delete=models.PROTECT,
        related_name="quotes",
        null=True,
        blank=True,
        help_text="Who said it, if they are in the catalogue.",
    )
    speaker_name = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who said it, if they are not in the catalogue (a critic, a jury).",
    )
    language = models.CharField(
        max_length=16, choices=LANGUAGE_CHOICES, default="en", help_text="Language of the text."
    )
    outlet = models.ForeignKey(
        Outlet,
        on_delete=models.PROTECT,
        related_name="quotes",
        null=True,
        blank=True,
        help_text="Where it was published.",
    )
    source_url = models.URLField(
        "source URL", max_length=500, blank=True, help_text="The article it comes from."
    )
    said_on = models.DateField(
        "date", null=True, blank=True, help_text="When it was published or said."
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Position on the film page, lowest first."
    )

    class Meta(Publishable.Meta):
        ordering = ["order", "-said_on", "pk"]
        constraints = [
            *Publishable.Meta.constraints,
            # An unattributed quote cannot be used by the press.
            models.CheckConstraint(
                condition=models.Q(speaker__isnull=False) | ~models.Q(speaker_name=""),
                name="quote_has_speaker",
            ),
        ]

    def __str__(self):
        text = self.text if len(self.text) <= 60 else f"{self.text[:59]}…"
        return f"“{text}” ({self.speaker_display})"

    @property
    def written_in(self) -> str:
        return self.language

    @property
    def original_text(self) -> Text:
        """The words as said, in their language, for a reader of the active language."""
        return Text(self.text, self.language, get_language() or settings.LANGUAGE_CODE)

    def clean(self):
        super().clean()
        if self.speaker_id is None and not self.speaker_name.strip():
            raise ValidationError(
                {"speaker": "Say who said it: pick a person, or type a name in 'speaker name'."}
            )

    @property
    def speaker_display(self) -> str:
        return self.speaker.name if self.speaker_id else self.speaker_name


class Coverage(Translatable, Searchable, Publishable):
    """A clipping: an article, review or interview about a film."""

    class Kind(models.TextChoices):
        NEWS = "news", _("News")
        REVIEW = "review", _("Review")
        INTERVIEW = "interview", _("Interview")
        FEATURE = "feature", _("Feature")

    visibility = {**Publishable.visibility, "film": PublicRecord()}
    search_sources = ("headline", "author")

    film = models.ForeignKey(
        "Film",
        on_delete=models.PROTECT,
        related_name="coverage",
        null=True,
        blank=True,
        help_text="The film the piece is about, if any.",
    )
    outlet = models.ForeignKey(
        Outlet, on_delete=models.PROTECT, related_name="coverage", help_text="Who published it."
    )
    headline = models.CharField(
        max_length=300,
        help_text="The outlet's headline; if it is not on record, a short description of the piece.",
    )
    author = models.CharField(max_length=200, blank=True, help_text="Byline, if any.")
    url = models.URLField("URL", max_length=500, blank=True, help_text="Link to the piece.")
    published_on = models.DateField(
        "date",
        null=True,
        blank=True,
        help_text="Publication date. If only the month or year is known, use its first day.",
    )
    date_precision = models.CharField(
        max_length=8,
        choices=DatePrecision,
        default=DatePrecision.DAY,
        help_text="How much of the date is known; pages show only that much.",
    )
    language = models.CharField(
        max_length=16, choices=LANGUAGE_CHOICES, default="en", help_text="Language of the piece."
    )
    kind = models.CharField(
        max_length=16, choices=Kind, default=Kind.NEWS, help_text="What sort of piece."
    )
    summary = models.TextField(
        blank=True, help_text="What the piece is about, in a sentence or two."
    )
    # The press office's own words (in English), whatever the piece's language.
    summary_in = translations(summary, "summary")

    class Meta(Publishable.Meta):
        ordering = ["-published_on", "pk"]
        verbose_name = "coverage"
        verbose_name_plural = "coverage"
        constraints = [
            *Publishable.Meta.constraints,
            # The same article filed twice is a duplicate clipping.
            models.UniqueConstraint(
                fields=["outlet", "url"],
                condition=~models.Q(url=""),
                name="coverage_unique_url_per_outlet",
            ),
        ]

    def __str__(self):
        return f"{self.outlet}: {self.headline}"

    @property
    def date_display(self) -> str:
        return format_partial_date(self.published_on, self.date_precision)


class PressReleaseQuerySet(GatedQuerySet):
    def for_cards(self):
        """Only what a release's card in a list or the feed shows (includes/cards.html)."""
        # With the embargoes that may hold a release back (includes/embargo.html).
        return self.select_related("film", "screening__film").only(
            "slug", "dateline", "first_published_at", "embargo_until", "language",
            *reading_columns(PressRelease, "title", "summary"),
            "embargo_time_zone", "access", "updated_at", "film__title", "film__slug",
            "film__embargo_until", "film__embargo_time_zone", "screening__film__embargo_until",
            "screening__film__embargo_time_zone",
        )  # fmt: skip

    def newest_first(self):
        """Ordered by the moment each release became public: its embargo, if later."""
        return self.annotate(
            public_date=Greatest(
                Coalesce("embargo_until", "first_published_at"),
                Coalesce("first_published_at", "embargo_until"),
            )
        ).order_by(F("public_date").desc(nulls_last=True), "-pk")


class PressRelease(Translatable, Searchable, Binnable, Embargoable):
    visibility = {
        **Embargoable.visibility,
        **Binnable.bin_rules,
        "access": OpenTo(),
        "film": PublicRecord(),
        "screening": PublicRecord(),
    }
    search_sources = ("title", "summary")
    shown_publicly_on = "its page, the news list, the home page, the RSS feed and the sitemap"

    film = models.ForeignKey(
        "Film",
        on_delete=models.PROTECT,
        related_name="press_releases",
        null=True,
        blank=True,
        help_text="The film this release is about, if any.",
    )
    screening = models.ForeignKey(
        "festivals.Screening",
        on_delete=models.PROTECT,
        related_name="press_releases",
        null=True,
        blank=True,
        help_text=(
            "The screening this release announces, if any (a premiere, a gala). Its embargo is "
            "then read in the venue's time zone unless another is chosen, and the release "
            "stays hidden while the screening is."
        ),
    )
    title = models.CharField(max_length=300, help_text="The headline of the release.")
    title_in = translations(title, "title", into=ALL_LANGUAGES)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        allow_unicode=True,
        help_text="The last part of the release's address, as in /news/first-look/. Changing it breaks links.",
        error_messages={"unique": IN_USE_PERHAPS_IN_THE_BIN},
    )
    dateline = models.CharField(
        max_length=100, blank=True, help_text="Where the release is issued from, e.g. 'Madrid'."
    )
    summary = models.TextField(
        blank=True, help_text="The standfirst: two or three sentences for lists and feeds."
    )
    summary_in = translations(summary, "summary", into=ALL_LANGUAGES)
    body = models.TextField(
        help_text="Plain text; separate paragraphs with a blank line. No HTML: it is shown as typed."
    )
    body_in = translations(body, "body", into=ALL_LANGUAGES)
    language = models.CharField(
        max_length=16, choices=LANGUAGE_CHOICES, default="en", help_text="Language of the release."
    )
    contact = models.TextField(
        blank=True, help_text="Press contact printed at the end: name, email, phone."
    )
    contact_in = translations(contact, "contact", into=ALL_LANGUAGES)
    access = models.CharField(
        max_length=8,
        choices=Access,
        default=Access.PUBLIC,
        help_text=(
            "Who may read it once published: anyone, accredited journalists (also before "
            "an embargo lifts), or staff only."
        ),
    )

    objects = PressReleaseQuerySet.as_manager()

    class Meta(Embargoable.Meta):
        ordering = ["-first_published_at", "-created_at"]

    @property
    def written_in(self) -> str:
        return self.language

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse_path("presskit:news-detail", self.slug)

    @property
    def released_at(self) -> datetime.datetime | None:
        """When the release became (or becomes) public: publication, or the embargo if later."""
        moments = [moment for moment in (self.first_published_at, self.embargo_until) if moment]
        return max(moments, default=None)
