"""Festivals, their yearly editions, venues, screenings and awards.

Screenings and awards are of the press kit's films (`presskit.Film`, named
by string) and follow the press kit's one visibility gate
(presskit.publishing). Beyond that gate this app imports nothing of the
press kit; the press kit imports from here where a screening or an award is
shown with a film.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, gettext, pgettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from config.lib.countries import country_name
from config.lib.filters import zone_in_words
from config.lib.models import NamedInScripts, Record, Searchable
from config.lib.translations import Translatable, translation_columns, translations
from config.lib.urls import reverse_path
from presskit.publishing.models import GatedQuerySet, PublicRecord, Publishable

from .time_zones import TIME_ZONES, TimeZoneField


class Festival(Translatable, NamedInScripts, Searchable, Record):
    search_sources = ("name", *NamedInScripts.script_sources, "short_name", "city")

    name = models.CharField(
        max_length=200,
        help_text="Full name, e.g. 'San Sebastián International Film Festival'.",
    )
    short_name = models.CharField(
        max_length=100, blank=True, help_text="What the press calls it, e.g. 'San Sebastián'."
    )
    slug = models.SlugField(
        max_length=200,
        unique=True,
        allow_unicode=True,
        help_text="The last part of the festival's address, as in /festivals/san-sebastian/. Changing it breaks links.",
    )
    city = models.CharField(max_length=100, blank=True, help_text="Where it is held.")
    country = CountryField(blank=True, help_text="Where it is held.")
    website = models.URLField(blank=True, help_text="The festival's official site.")
    press_url = models.URLField(
        "press area",
        blank=True,
        help_text="The festival's own pages for the press: accreditation, press office, "
        "press screenings. Linked from its pages here.",
    )
    description = models.TextField(blank=True, help_text="A short public introduction.")
    description_in = translations(description, "description")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse_path("festivals:festival-detail", self.slug)


class Edition(Record):
    """One year of a festival, with its dates."""

    festival = models.ForeignKey(
        Festival, on_delete=models.PROTECT, related_name="editions", help_text="Which festival."
    )
    year = models.PositiveSmallIntegerField(
        help_text="The edition's year, also the end of its address, as in /festivals/san-sebastian/2025/."
    )
    number = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Which edition this is, e.g. 73 for the 73rd."
    )
    starts_on = models.DateField("first day", help_text="The opening day.")
    ends_on = models.DateField(
        "last day", help_text="The same as the first day for a one-day event."
    )
    website = models.URLField(blank=True, help_text="This edition's own page, if it has one.")

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["festival", "year"], name="edition_one_per_year"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="edition_ends_after_it_starts",
                violation_error_message="The last day cannot be before the first day.",
            ),
        ]

    def __str__(self):
        return f"{self.festival.short_name or self.festival.name} {self.year}"

    def get_absolute_url(self):
        return reverse_path("festivals:edition-detail", self.festival.slug, self.year)

    @property
    def title(self) -> str:
        """'73rd San Sebastián International Film Festival', or the name and year.

        In the page's language and its readers' alphabet; English alone
        writes the number as an ordinal before the name.
        """
        festival = self.festival.shown_name
        if self.number is None:
            return f"{festival} {self.year}"
        if get_language() == settings.LANGUAGE_CODE:
            return f"{self.ordinal} {festival}"
        return pgettext("a festival's edition", "%(festival)s, edition %(number)s") % {
            "festival": festival,
            "number": self.number,
        }

    @property
    def ordinal(self) -> str:
        """'73rd', or '' when the number is not known."""
        if self.number is None:
            return ""
        suffix = (
            "th"
            if 10 <= self.number % 100 <= 20
            else {1: "st", 2: "nd", 3: "rd"}.get(self.number % 10, "th")
        )
        return f"{self.number}{suffix}"


class Venue(Translatable, NamedInScripts, Searchable, Record):
    search_sources = ("name", *NamedInScripts.script_sources, "city", "address")

    name = models.CharField(max_length=200, help_text="e.g. 'Kursaal, Auditorium'.")
    slug = models.SlugField(
        max_length=200, unique=True, allow_unicode=True, help_text="A short unique name for links."
    )
    address = models.CharField(
        max_length=300, blank=True, help_text="Street and number, for the map and the calendar."
    )
    city = models.CharField(
        max_length=100, help_text="As the public would search for it, e.g. 'San Sebastián'."
    )
    # "Астана" on a Russian page: the place a time is said in ("18:00 время Астана").
    city_in = translations(city, "city")
    country = CountryField(help_text="The time zone must be one of this country's.")
    time_zone = TimeZoneField(
        help_text="Where the venue's clocks are set. Screening times are entered in this zone."
    )
    website = models.URLField(blank=True, help_text="The venue's own site.")

    class Meta:
        ordering = ["city", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(time_zone__in=TIME_ZONES),
                name="venue_time_zone_is_iana",
                violation_error_message="That is not an IANA time zone.",
            ),
        ]

    def __str__(self):
        return f"{self.name}, {self.city}"


# What a screening shows in a list, a calendar or structured data: the one field list.
LISTING_FIELDS = (
    *("kind", "status", "title", "starts_at", "ends_at", "previous_starts_at", "time_zone"),
    *("city", "country", "local_date", "notes", "tickets_url", "created_at", "updated_at"),
    "seats",
    *("film__title", "film__english_title", "film__slug", "film__runtime_minutes"),
    *("venue__name", "venue__latin_name", "venue__cyrillic_name", "venue__city", "venue__address"),
    *("edition__year", "edition__number", "edition__festival__name"),
    *("edition__festival__latin_name", "edition__festival__cyrillic_name"),
    *("edition__festival__short_name", "edition__festival__slug"),
)


def upcoming_condition(at: datetime.datetime) -> models.Q:
    """The one rule of "upcoming": it has not started at `at`. Past is everything else.

    `Screening.is_upcoming()` says the same of one screening.
    """
    return models.Q(starts_at__gte=at)


class ScreeningQuerySet(GatedQuerySet):
    def upcoming(self, at: datetime.datetime | None = None):
        """Screenings that have not started yet, soonest first."""
        return self.filter(upcoming_condition(at or timezone.now())).order_by("starts_at", "pk")

    def past(self, at: datetime.datetime | None = None):
        """Screenings that have started, most recent first."""
        return self.exclude(upcoming_condition(at or timezone.now())).order_by("-starts_at", "-pk")

    def in_schedule_order(self, at: datetime.datetime | None = None):
        """Upcoming screenings first, soonest first, then past ones, latest first."""
        upcoming = upcoming_condition(at or timezone.now())
        return self.annotate(
            upcoming_first=models.Case(
                models.When(upcoming, then=models.Value(0)), default=models.Value(1)
            )
        ).order_by(
            "upcoming_first",
            models.Case(models.When(upcoming, then="starts_at")).asc(),
            models.Case(models.When(~upcoming, then="starts_at")).desc(),
            "pk",
        )

    def taking_bookings(self):
        """Press screenings with seats for accredited journalists: `Screening.takes_bookings`."""
        return self.filter(seats__isnull=False, kind__in=Screening.PRESS_KINDS)

    def for_listing(self, *, with_film: bool = True):
        """With everything a schedule, a calendar or structured data shows, in one query.

        Without the film when the caller already has it (the film's own page).
        """
        # The title and notes in the reader's language (LISTING_FIELDS has the originals).
        translated = [
            *translation_columns(Screening, "title", "notes"),
            *translation_columns(Venue, "city", prefix="venue__"),
        ]
        if not with_film:
            return self.select_related("venue", "edition__festival").only(
                *(name for name in LISTING_FIELDS if not name.startswith("film__")),
                *translated,
                "film",
            )
        return self.select_related("film", "venue", "edition__festival").only(
            *LISTING_FIELDS, *translated
        )


class Screening(Translatable, Searchable, Publishable):
    """A film shown at a time and place: a festival slot, a press screening, a release."""

    class Kind(models.TextChoices):
        FIRST_LOOK = "first_look", _("First look")
        WORLD_PREMIERE = "world_premiere", _("World premiere")
        INTERNATIONAL_PREMIERE = "international_premiere", _("International premiere")
        NATIONAL_PREMIERE = "national_premiere", _("National premiere")
        PRESS = "press", _("Press screening")
        PRESS_INDUSTRY = "press_industry", _("Press and industry screening")
        GALA = "gala", _("Gala")
        PUBLIC = "public", _("Public screening")
        THEATRICAL_RELEASE = "theatrical_release", _("Theatrical release")
        STREAMING_RELEASE = "streaming_release", _("Streaming release")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        MOVED = "moved", _("Moved")
        CANCELLED = "cancelled", _("Cancelled")

    class BookableBy(models.TextChoices):
        ACCREDITED = "accredited", "Any accredited journalist"
        EDITION = "edition", "Journalists accredited for its festival edition"

    RELEASE_KINDS = (Kind.THEATRICAL_RELEASE, Kind.STREAMING_RELEASE)
    # The kinds accredited journalists may book seats at.
    PRESS_KINDS = (Kind.PRESS, Kind.PRESS_INDUSTRY)

    visibility = {**Publishable.visibility, "film": PublicRecord()}
    # Pages list it as upcoming until it starts, then as past.
    public_changes_at = (*Publishable.public_changes_at, "starts_at")
    search_sources = ("title", "city")

    film = models.ForeignKey(
        "presskit.Film",
        on_delete=models.PROTECT,
        related_name="screenings",
        help_text="The film shown.",
    )
    edition = models.ForeignKey(
        Edition,
        on_delete=models.PROTECT,
        related_name="screenings",
        null=True,
        blank=True,
        help_text="The festival edition, or empty for a theatrical or streaming release.",
    )
    venue = models.ForeignKey(
        Venue,
        on_delete=models.PROTECT,
        related_name="screenings",
        null=True,
        blank=True,
        help_text="Required except for releases. City, country and time zone come from it.",
    )
    kind = models.CharField(
        max_length=32,
        choices=Kind,
        default=Kind.PUBLIC,
        help_text="What sort of screening; the public can filter by it.",
    )
    status = models.CharField(
        max_length=16,
        choices=Status,
        default=Status.SCHEDULED,
        help_text="Mark moved or cancelled screenings instead of deleting them: people have the date.",
    )
    title = models.CharField(
        max_length=200, blank=True, help_text="Optional, e.g. 'Exclusive first look'."
    )
    title_in = translations(title, "title")
    starts_at = models.DateTimeField(
        "starts", help_text="Entered and shown in the local time of the venue."
    )
    ends_at = models.DateTimeField(
        "ends",
        null=True,
        blank=True,
        help_text="Leave empty to use the film's running time.",
    )
    previous_starts_at = models.DateTimeField(
        "previously announced start",
        null=True,
        blank=True,
        help_text="For moved screenings: when it was first announced for.",
    )
    time_zone = TimeZoneField(
        blank=True,
        help_text="Taken from the venue. For a release without a venue, where its date applies.",
    )
    city = models.CharField(
        max_length=100, blank=True, help_text="Taken from the venue; for a release, optional."
    )
    country = CountryField(blank=True, help_text="Taken from the venue; for a release, where.")
    local_date = models.DateField(
        "local date",
        editable=False,
        db_index=True,
        help_text="The day it starts, at the venue: what date filters and day headings use.",
    )
    notes = models.TextField(
        blank=True, help_text="Public notes: Q&A with the director, accreditation needed, etc."
    )
    notes_in = translations(notes, "notes")
    tickets_url = models.URLField(
        "tickets URL", blank=True, help_text="Where the public can buy tickets, if anywhere."
    )

    # Seats for accredited journalists (presskit.Booking), at press screenings only.
    seats = models.PositiveIntegerField(
        "seats for the press",
        null=True,
        blank=True,
        help_text="How many accredited journalists may book a seat. Empty: no bookings.",
    )
    bookings_open_at = models.DateTimeField(
        "bookings open",
        null=True,
        blank=True,
        help_text="When journalists may start booking. Empty: as soon as it is published.",
    )
    bookings_close_at = models.DateTimeField(
        "bookings close",
        null=True,
        blank=True,
        help_text="When booking stops. Empty: at the start.",
    )
    cancellable_until_minutes = models.PositiveIntegerField(
        "cancellations close (minutes before the start)",
        default=120,
        help_text="Minutes before the start after which a journalist can no longer give back their seat.",
    )
    bookable_by = models.CharField(
        "who may book",
        max_length=16,
        choices=BookableBy,
        default=BookableBy.ACCREDITED,
        help_text="Any accredited journalist, or only those accredited for this festival edition.",
    )

    objects = ScreeningQuerySet.as_manager()

    class Meta(Publishable.Meta):
        ordering = ["starts_at"]
        indexes = [
            # The schedule lists upcoming screenings by date, most pages filter on it.
            models.Index(fields=["starts_at"], name="screening_starts_at"),
        ]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(time_zone__in=TIME_ZONES),
                name="screening_time_zone_is_iana",
                violation_error_message="That is not an IANA time zone.",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gt=models.F("starts_at")),
                name="screening_ends_after_it_starts",
                violation_error_message="A screening must end after it starts.",
            ),
            models.CheckConstraint(
                condition=models.Q(venue__isnull=False)
                | models.Q(kind__in=["theatrical_release", "streaming_release"]),
                name="screening_has_venue_unless_release",
                violation_error_message="Only theatrical and streaming releases may have no venue.",
            ),
            models.CheckConstraint(
                condition=models.Q(seats__isnull=True)
                | models.Q(kind__in=["press", "press_industry"], seats__gt=0),
                name="screening_seats_at_press_screenings",
                violation_error_message="Only press screenings take bookings, for at least one seat.",
            ),
            models.CheckConstraint(
                condition=models.Q(bookings_open_at__isnull=True)
                | models.Q(bookings_close_at__isnull=True)
                | models.Q(bookings_close_at__gt=models.F("bookings_open_at")),
                name="screening_bookings_close_after_they_open",
                violation_error_message="Bookings must close after they open.",
            ),
            models.CheckConstraint(
                condition=models.Q(bookings_open_at__isnull=True)
                | models.Q(bookings_open_at__lt=models.F("starts_at")),
                name="screening_bookings_open_before_the_start",
                violation_error_message="Bookings must open before the screening starts.",
            ),
            models.CheckConstraint(
                condition=models.Q(bookings_close_at__isnull=True)
                | models.Q(bookings_close_at__lte=models.F("starts_at")),
                name="screening_bookings_close_by_the_start",
                violation_error_message="Bookings must close by the time the screening starts.",
            ),
            models.CheckConstraint(
                condition=models.Q(bookable_by="accredited") | models.Q(edition__isnull=False),
                name="screening_bookable_by_edition_has_one",
                violation_error_message="Only a screening at a festival edition can be kept for that edition's press.",
            ),
        ]

    def __str__(self):
        where = self.venue or self.city or self.get_country_display() or "worldwide"
        return f"{self.film.title}, {self.local_start:%d %b %Y %H:%M} {self.zone_label}, {where}"

    def get_absolute_url(self):
        return f"{self.film.get_absolute_url()}#screening-{self.pk}"

    def clean(self):
        self._take_place_from_venue()
        self._keep_the_seats_given()

    def _keep_the_seats_given(self) -> None:
        """Journalists with a seat keep it: no fewer seats than are booked, and no change
        that would take the bookings away (no seats, or not a press screening)."""
        if self.seats is not None and self.kind not in self.PRESS_KINDS:
            # Said here too, for forms without the seats (the edition's inline).
            raise ValidationError(
                "Only press screenings take bookings: empty 'seats for the press' first."
            )
        if self.pk is None:
            return
        seated = self.bookings.filter(status="booked").count()  # presskit.Booking's seats
        if not seated:
            return
        if self.seats is None or self.kind not in self.PRESS_KINDS:
            raise ValidationError(
                f"{seated} journalists have a seat at this press screening: it stays a press "
                "screening with seats. To stop it, set its status to cancelled (everyone "
                "booked is told), or give the seats back in Bookings first."
            )
        if self.seats < seated:
            raise ValidationError(
                f"{seated} journalists already have a seat: keep at least {seated} seats for "
                "the press, or give seats back in Bookings first."
            )

    def save(self, *args, **kwargs):
        self._take_place_from_venue()
        self.local_date = self.local_start.date()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "time_zone", "city", "country", "local_date"}
        super().save(*args, **kwargs)

    def _take_place_from_venue(self) -> None:
        """A screening at a venue is where the venue is: its zone, city and country."""
        if self.venue_id is not None:
            self.time_zone = self.venue.time_zone
            self.city = self.venue.city
            self.country = self.venue.country

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone or "UTC")

    @property
    def local_start(self) -> datetime.datetime:
        """The start in the venue's own time, for display."""
        return self.starts_at.astimezone(self.zone)

    @property
    def zone_label(self) -> str:
        """The zone in words beside a time: the venue's city ('Astana time', 'время Астана'),
        else the city the zone is named after ('Madrid time'); UTC stays UTC."""
        if self.venue_id and self.time_zone:
            return gettext("%(place)s time") % {"place": self.venue.city_in.value}
        return zone_in_words(self.time_zone or "UTC")

    @property
    def local_end(self) -> datetime.datetime:
        """The end in local time: as entered, else the start plus the film's running time."""
        if self.ends_at is not None:
            return self.ends_at.astimezone(self.zone)
        minutes = self.film.runtime_minutes or 120
        return self.local_start + datetime.timedelta(minutes=minutes)

    @property
    def local_previous_start(self) -> datetime.datetime | None:
        if self.previous_starts_at is None:
            return None
        return self.previous_starts_at.astimezone(self.zone)

    @property
    def is_release(self) -> bool:
        """Releases happen on a day, not at a time: calendars show them as all-day events."""
        return self.kind in self.RELEASE_KINDS

    def is_upcoming(self, at: datetime.datetime | None = None) -> bool:
        """The one-row mirror of `upcoming_condition()`."""
        return self.starts_at >= (at or timezone.now())

    @property
    def is_past(self) -> bool:
        return not self.is_upcoming()

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_moved(self) -> bool:
        return self.status == self.Status.MOVED

    @property
    def takes_bookings(self) -> bool:
        """A press screening with seats for accredited journalists."""
        return self.seats is not None and self.kind in self.PRESS_KINDS

    @property
    def bookings_close(self) -> datetime.datetime:
        """When booking stops: as set, else at the start."""
        return self.bookings_close_at or self.starts_at

    @property
    def cancellations_close(self) -> datetime.datetime:
        """Until when a journalist may give back their seat."""
        return self.starts_at - datetime.timedelta(minutes=self.cancellable_until_minutes)

    @property
    def ends(self) -> datetime.datetime:
        """The end in UTC: as entered, else the start plus the film's running time."""
        return self.local_end.astimezone(datetime.UTC)

    def moment_after(self, minutes: int, *, from_end: bool = False) -> datetime.datetime:
        """`minutes` after its start (or end): the moment of an embargo tied to it."""
        return (self.ends if from_end else self.starts_at) + datetime.timedelta(minutes=minutes)

    def overlaps(self, other: "Screening") -> bool:
        """Whether the two are on at the same time (one cannot sit in both)."""
        return self.starts_at < other.ends and other.starts_at < self.ends

    @property
    def place_label(self) -> str:
        """Where, in words: 'Kursaal, San Sebastián', 'Spain' or 'Worldwide'."""
        if self.venue_id:
            return f"{self.venue.shown_name}, {self.venue.city_in.value}"
        return ", ".join(
            part for part in (self.city, country_name(self.country)) if part
        ) or gettext("Worldwide")


class Award(Translatable, Searchable, Publishable):
    class Result(models.TextChoices):
        WON = "won", _("Winner")
        SPECIAL = "special", _("Special award")
        MENTION = "mention", _("Special mention")
        NOMINATED = "nominated", _("Nominated")
        SELECTED = "selected", _("Official selection")

    # An award to a person in draft is not announced until they are.
    visibility = {**Publishable.visibility, "film": PublicRecord(), "person": PublicRecord()}
    search_sources = ("name", "category")

    film = models.ForeignKey(
        "presskit.Film",
        on_delete=models.PROTECT,
        related_name="awards",
        help_text="The film awarded or selected.",
    )
    person = models.ForeignKey(
        "presskit.Person",
        on_delete=models.PROTECT,
        related_name="awards",
        null=True,
        blank=True,
        help_text="For an award to one person (best actor, say) rather than the film.",
    )
    edition = models.ForeignKey(
        Edition,
        on_delete=models.PROTECT,
        related_name="awards",
        null=True,
        blank=True,
        help_text="The festival edition that gave it, if any.",
    )
    name = models.CharField(
        max_length=200, help_text="The award's name as the festival gives it, e.g. 'Special award'."
    )
    category = models.CharField(max_length=200, blank=True, help_text="e.g. 'Best director'.")
    result = models.CharField(
        max_length=16, choices=Result, default=Result.WON, help_text="What the film got."
    )
    announced_on = models.DateField(
        null=True, blank=True, help_text="When the award was announced, if known."
    )
    notes = models.TextField(blank=True, help_text="Public notes, e.g. the jury's words.")
    notes_in = translations(notes, "notes")

    class Meta(Publishable.Meta):
        ordering = ["-announced_on", "name"]

    def __str__(self):
        at = f" ({self.edition})" if self.edition_id else ""
        return f"{self.name}{at}: {self.film.title}"
