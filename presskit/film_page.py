"""What the film page reads, as prepared queries (config/lib/prepared.py).

Each is an ordinary queryset through `published()`, compiled to SQL once per
process; `load_film_page(film)` runs them all for one film. The view has
already found the film public (or is showing staff a preview of it as it
will be once published), so each section is read through the given film's
related manager, which leaves its "film is public" condition out.
"""

from dataclasses import dataclass

from django.utils import timezone

from config.lib.models import Publication
from config.lib.prepared import PreparedQuery
from festivals.models import Award, Screening

from .models import Asset, CompanyCredit, Coverage, Credit, Film, Quote, Rendition


def _given(film_id: int) -> Film:
    """The film the view has already checked, as published()'s known related record."""
    return Film(pk=film_id, publication_status=Publication.PUBLISHED)


PUBLISHED_FILM = PreparedQuery(
    lambda slug: Film.objects.published().filter(slug=slug),
    fields=[field.name for field in Film._meta.concrete_fields],
)
CREDITS = PreparedQuery(
    lambda film: _given(film).credits.order_by("billing_order"),
    fields=[
        "role",
        "role_note",
        "character",
        "billing_order",
        "person__name",
        "person__slug",
        "person__publication_status",
    ],
)
COMPANIES = PreparedQuery(
    lambda film: _given(film).company_credits.order_by("order", "pk"),
    fields=["role", "territory", "order", "company__name", "company__country", "company__website"],
)
QUOTES = PreparedQuery(
    lambda film: _given(film).quotes.published().order_by("order", "-said_on", "pk"),
    fields=[
        "text",
        "language",
        "source_url",
        "said_on",
        "speaker_name",
        "order",
        "speaker__name",
        "speaker__slug",
        "speaker__publication_status",
        "outlet__name",
    ],
)
AWARDS = PreparedQuery(
    lambda film: _given(film).awards.published().order_by("-announced_on", "name"),
    fields=[
        "name",
        "category",
        "result",
        "notes",
        "announced_on",
        "person__name",
        "edition__year",
        "edition__number",
        "edition__festival__name",
        "edition__festival__short_name",
        "edition__festival__slug",
    ],
)
SCREENINGS = PreparedQuery(
    lambda film: _given(film).screenings.published().order_by("starts_at", "pk"),
    fields=[
        "kind",
        "status",
        "title",
        "starts_at",
        "ends_at",
        "previous_starts_at",
        "time_zone",
        "city",
        "country",
        "local_date",
        "notes",
        "tickets_url",
        "venue__name",
        "venue__city",
        "venue__address",
        "edition__year",
        "edition__number",
        "edition__festival__name",
        "edition__festival__short_name",
        "edition__festival__slug",
    ],
)
COVERAGE = PreparedQuery(
    lambda film: _given(film).coverage.published().order_by("-published_on", "pk"),
    fields=[
        "headline",
        "url",
        "published_on",
        "date_precision",
        "language",
        "kind",
        "outlet__name",
    ],
)


def _stills(film: int, now):
    return (
        _given(film)
        .assets.filter(kind__in=[Asset.Kind.STILL, Asset.Kind.KEY_ART, Asset.Kind.POSTER])
        .for_everyone(at=now)
    )


STILLS = PreparedQuery(
    lambda film, now: _stills(film, now).order_by("order", "pk"),
    fields=[
        "kind",
        "title",
        "caption",
        "credit_line",
        "copyright_holder",
        "usage_terms",
        "order",
    ],
)
STILL_RENDITIONS = PreparedQuery(
    lambda film, now: Rendition.objects.filter(asset__in=_stills(film, now)).order_by("width"),
    fields=["asset", "size", "file", "width", "height", "file_size"],
)


@dataclass
class FilmPage:
    credits: list[Credit]
    companies: list[CompanyCredit]
    quotes: list[Quote]
    awards: list[Award]
    screenings: list[Screening]
    coverage: list[Coverage]
    stills: list[Asset]


def load_film_page(film: Film) -> FilmPage:
    """Everything public about `film` that its page shows, in eight prepared queries."""
    screenings = SCREENINGS(film=film.pk)
    for screening in screenings:
        screening.film = film
    now = timezone.now()
    stills = STILLS(film=film.pk, now=now)
    sizes: dict[int, dict[str, Rendition]] = {}
    for rendition in STILL_RENDITIONS(film=film.pk, now=now):
        sizes.setdefault(rendition.asset_id, {})[rendition.size] = rendition
    for asset in stills:
        asset.film = film
        asset.sizes = sizes.get(asset.pk, {})
    return FilmPage(
        credits=CREDITS(film=film.pk),
        companies=COMPANIES(film=film.pk),
        quotes=QUOTES(film=film.pk),
        awards=AWARDS(film=film.pk),
        screenings=screenings,
        coverage=COVERAGE(film=film.pk),
        stills=[asset for asset in stills if asset.sizes],
    )
