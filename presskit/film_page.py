"""What the public may read about one film: its page, press notes, credits text and JSON-LD.

Each section is one ordinary queryset through the visibility gate
(`published()`, or `public_condition()` across a relation for the gallery's
copies) that reads only the columns shown (`values_list`), turned into small rows that carry what a
reader sees (names, labels, addresses). Model instances would cost more than
the queries on a page of short lists; screenings, whose times each page
shows the same way, stay instances (`Screening.objects.for_listing()`).

The caller has already found the film visible (public, or a staff preview
of a draft), so every section assumes the film is public: a preview shows
the film as the public will see it once it is published.
"""

import datetime
import posixpath
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language

from config.lib.countries import country_name
from config.lib.text import spelling_for
from config.lib.translations import Text, choose, reading_columns, translation_columns
from config.lib.urls import reverse_path
from festivals.models import Award, Edition, Festival, Screening

from .models import Asset, CompanyCredit, Coverage, Credit, Film, Quote, Rendition
from .models.assets import with_subtitles
from .models.press import format_partial_date
from .publishing.models import Audience

GALLERY_KINDS = (Asset.Kind.STILL, Asset.Kind.KEY_ART, Asset.Kind.POSTER, *Asset.VIDEO_KINDS)


@dataclass(frozen=True, slots=True)
class Named:
    """Someone or something shown by name, with the address of its page if it has one."""

    name: str
    url: str = ""

    def __str__(self):
        return self.name


def _person(name: str | None, latin: str, cyrillic: str, slug: str | None) -> Named | None:
    """A person by the spelling the page's readers read, linked to their page."""
    if not name:
        return None
    shown = spelling_for(get_language(), name, latin, cyrillic)
    return Named(shown, reverse_path("presskit:person-detail", slug))


@dataclass(frozen=True, slots=True)
class CreditRow:
    person_id: int
    person: Named
    role: str
    role_note: Text
    character: Text

    @property
    def role_label(self) -> str:
        return str(Credit.Role(self.role).label)

    @property
    def is_cast(self) -> bool:
        return self.role == Credit.Role.CAST

    @property
    def role_detail(self) -> tuple[str, Text] | None:
        """Said after the name under a crew heading: the role unless the heading says it, and the
        note (in its own language, which may not be the page's)."""
        said_by_heading = self.role in (Credit.Role.DIRECTOR, Credit.Role.WRITER)
        label = "" if said_by_heading else self.role_label.lower()
        return (label, self.role_note) if label or self.role_note else None


@dataclass(frozen=True, slots=True)
class CompanyRow:
    company: Named  # its url is the company's own website
    country_code: str
    role: str
    territory: Text

    @property
    def role_label(self) -> str:
        return str(CompanyCredit.Role(self.role).label)

    @property
    def country_label(self) -> str:
        return country_name(self.country_code)

    @property
    def is_producer(self) -> bool:
        return self.role in (CompanyCredit.Role.PRODUCTION, CompanyCredit.Role.CO_PRODUCTION)


@dataclass(frozen=True, slots=True)
class QuoteRow:
    pk: int  # its anchor on the page: #quote-<pk>
    original: Text
    words: Text  # in the page's language, or the original
    source_url: str
    said_on: datetime.date | None
    speaker: Named | None
    speaker_name: str
    outlet: Named | None  # its url is the outlet's website

    @property
    def speaker_display(self) -> str:
        return self.speaker.name if self.speaker else self.speaker_name


@dataclass(frozen=True, slots=True)
class AwardRow:
    name: str
    category: str
    notes: Text
    person: Named | None
    edition: Edition | None


@dataclass(frozen=True, slots=True)
class ClippingRow:
    headline: str
    url: str
    published_on: datetime.date | None
    date_precision: str
    language: str
    kind: str
    outlet: Named

    @property
    def date_display(self) -> str:
        return format_partial_date(self.published_on, self.date_precision)

    @property
    def kind_label(self) -> str:
        return str(Coverage.Kind(self.kind).label)


@dataclass
class FilmPage:
    credits: list[CreditRow]
    companies: list[CompanyRow]
    quotes: list[QuoteRow]
    awards: list[AwardRow]
    screenings: list[Screening]
    coverage: list[ClippingRow]
    stills: list[Asset] = field(default_factory=list)
    videos: list[Asset] = field(default_factory=list)  # trailers, clips and EPKs

    @property
    def cast(self) -> list[CreditRow]:
        return [credit for credit in self.credits if credit.is_cast]

    @property
    def crew(self) -> list[CreditRow]:
        return [credit for credit in self.credits if not credit.is_cast]


def film_page(film: Film, at: datetime.datetime | None = None) -> FilmPage:
    """Everything public about `film` that its page shows, judged at `at` (now)."""
    public = {"at": at or timezone.now(), "assuming": ("film",)}
    language = get_language() or settings.LANGUAGE_CODE
    screenings = list(
        Screening.objects.published(**public)
        .filter(film=film)
        .for_listing(with_film=False)
        .order_by("starts_at", "pk")
    )
    for screening in screenings:
        screening.film = film
    pictures = gallery(film, public)
    videos = [picture for picture in pictures if picture.is_video]
    with_subtitles(videos)  # their text is fetched by the player, not read here
    return FilmPage(
        credits=[
            CreditRow(
                person_id,
                _person(name, latin, cyrillic, slug),
                role,
                choose(note, Credit.written_in, translated[0] if translated else ""),
                choose(character, Credit.written_in, translated[1] if translated else ""),
            )
            for person_id, name, latin, cyrillic, slug, role, note, character, *translated in Credit.objects.published(
                **public
            )
            .filter(film=film)
            .order_by("billing_order")
            .values_list(
                *("person_id", "person__name", "person__latin_name", "person__cyrillic_name"),
                *("person__slug", "role", "role_note", "character"),
                *translation_columns(Credit, "role_note", "character"),
            )
        ],
        companies=[
            CompanyRow(
                Named(spelling_for(get_language(), name, latin, cyrillic), website),
                country,
                role,
                choose(territory, CompanyCredit.written_in, "".join(translated)),
            )
            for name, latin, cyrillic, website, country, role, territory, *translated in CompanyCredit.objects.published(
                **public
            )
            .filter(film=film)
            .order_by("order", "pk")
            .values_list(
                *("company__name", "company__latin_name", "company__cyrillic_name"),
                *("company__website", "company__country", "role", "territory"),
                *translation_columns(CompanyCredit, "territory"),
            )
        ],
        quotes=[
            QuoteRow(
                pk,
                Text(text, written_in, language),
                choose(text, written_in, translated),
                source_url,
                said_on,
                _person(speaker, speaker_latin, speaker_cyrillic, speaker_slug),
                speaker_name,
                Named(outlet, outlet_site) if outlet else None,
            )
            for pk, written_in, source_url, said_on, speaker, speaker_latin, speaker_cyrillic, speaker_slug, speaker_name, outlet, outlet_site, text, translated in Quote.objects.published(
                **public
            )
            .filter(film=film)
            .order_by("order", "-said_on", "pk")
            .values_list(
                *("pk", "language", "source_url", "said_on", "speaker__name"),
                *("speaker__latin_name", "speaker__cyrillic_name", "speaker__slug"),
                *("speaker_name", "outlet__name", "outlet__website"),
                *reading_columns(Quote, "text"),
            )
        ],
        awards=[
            AwardRow(
                name,
                category,
                choose(notes, Award.written_in, "".join(translated)),
                _person(person, person_latin, person_cyrillic, person_slug),
                Edition(
                    year=year,
                    number=number,
                    festival=Festival(
                        name=festival,
                        latin_name=festival_latin,
                        cyrillic_name=festival_cyrillic,
                        short_name=short_name,
                        slug=festival_slug,
                    ),
                )
                if year
                else None,
            )
            for name, category, person, person_latin, person_cyrillic, person_slug, year, number, festival, festival_latin, festival_cyrillic, short_name, festival_slug, notes, *translated in Award.objects.published(
                **public
            )
            .filter(film=film)
            .order_by("-announced_on", "name")
            .values_list(
                *("name", "category", "person__name", "person__latin_name"),
                *("person__cyrillic_name", "person__slug"),
                *("edition__year", "edition__number", "edition__festival__name"),
                *("edition__festival__latin_name", "edition__festival__cyrillic_name"),
                *("edition__festival__short_name", "edition__festival__slug"),
                *reading_columns(Award, "notes"),
            )
        ],
        screenings=screenings,
        coverage=[
            ClippingRow(headline, url, published_on, precision, language, kind, Named(outlet, site))
            for headline, url, published_on, precision, language, kind, outlet, site in Coverage.objects.published(
                **public
            )
            .filter(film=film)
            .order_by("-published_on", "pk")
            .values_list(
                *("headline", "url", "published_on", "date_precision", "language", "kind"),
                *("outlet__name", "outlet__website"),
            )
        ],
        stills=[picture for picture in pictures if not picture.is_video],
        videos=videos,
    )


GALLERY_FIELDS = (
    *("kind", "print_access", "title", "caption", "credit_line", "copyright_holder"),
    "usage_terms",
    # A video's: where it plays (its link, or its file's format and size); its copies are
    # of its poster.
    *("video_url", "format", "file_size", "width", "height"),
)


@dataclass(frozen=True, slots=True)
class Copy:
    """One size of a picture as a page shows it (a Rendition's public facts)."""

    size: str
    width: int
    height: int
    extension: str


def gallery(film: Film, public: dict) -> list[Asset]:
    """The film's public stills, key art, posters, trailers, clips and EPKs that have their
    copies (a video's are of its poster), in order.

    One query of the copies joined to their pictures, through the pictures'
    gate, from which the pictures are assembled as the templates read them
    (`asset.sizes`, `asset.url()`): a queryset of instances with their
    renditions prefetched costs twice as much. A picture without copies
    yet has no row, so it is not shown.
    """
    shown: dict[int, Asset] = {}
    fields = [*GALLERY_FIELDS, *translation_columns(Asset, "caption", "usage_terms")]
    for asset_id, *values, size, file, width, height in (
        Rendition.objects.filter(
            Asset.public_condition(prefix="asset__", **public),
            asset__film=film,
            asset__kind__in=GALLERY_KINDS,
        )
        .order_by("asset__order", "asset_id", "width")
        .values_list(
            "asset_id",
            *(f"asset__{name}" for name in fields),
            *("size", "file", "width", "height"),
        )
    ):
        if (asset := shown.get(asset_id)) is None:
            named = dict(zip(fields, values, strict=True))
            asset = shown[asset_id] = Asset(pk=asset_id, film=film, **named)
            asset.sizes = {}
        asset.sizes[size] = Copy(size, width, height, posixpath.splitext(file)[1])
    for asset in shown.values():
        asset.keep_sizes_open_to(Audience.PUBLIC)  # a print size kept for the press
    return list(shown.values())
