"""What the public may read about one film: its page, press notes and credits text show this.

Ordinary querysets through `published()`, each reading only the columns
shown. The caller has already found the film visible (public, or a staff
preview of a draft), so every section assumes the film is public: a preview
shows the film as the public will see it once it is published.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from festivals.models import Award, Screening

from .models import Asset, CompanyCredit, Coverage, Credit, Film, Quote, Rendition

GALLERY_KINDS = (Asset.Kind.STILL, Asset.Kind.KEY_ART, Asset.Kind.POSTER)


@dataclass
class FilmPage:
    credits: list[Credit]
    companies: list[CompanyCredit]
    quotes: list[Quote]
    awards: list[Award]
    screenings: list[Screening]
    coverage: list[Coverage]
    stills: list[Asset]

    @property
    def cast(self) -> list[Credit]:
        return [credit for credit in self.credits if credit.role == Credit.Role.CAST]

    @property
    def crew(self) -> list[Credit]:
        return [credit for credit in self.credits if credit.role != Credit.Role.CAST]


def film_page(film: Film, at: datetime.datetime | None = None) -> FilmPage:
    """Everything public about `film` that its page shows, judged at `at` (now)."""
    public = {"at": at or timezone.now(), "assuming": ("film",)}
    screenings = list(
        Screening.objects.published(**public)
        .filter(film=film)
        .for_listing()
        .order_by("starts_at", "pk")
    )
    stills = list(
        Asset.objects.published(**public)
        .filter(film=film, kind__in=GALLERY_KINDS)
        .defer("search_text", "original_filename", "sha256")
        .prefetch_related(Prefetch("renditions", queryset=Rendition.objects.order_by("width")))
        .order_by("order", "pk")
    )
    for record in (*screenings, *stills):
        record.film = film
    return FilmPage(
        credits=list(
            Credit.objects.published(**public)
            .filter(film=film)
            .select_related("person")
            .only(
                *("role", "role_note", "character", "billing_order", "film"),
                *("person__name", "person__slug"),
            )
            .order_by("billing_order")
        ),
        companies=list(
            CompanyCredit.objects.published(**public)
            .filter(film=film)
            .select_related("company")
            .order_by("order", "pk")
        ),
        quotes=list(
            Quote.objects.published(**public)
            .filter(film=film)
            .select_related("speaker", "outlet")
            .only(
                *("text", "language", "source_url", "said_on", "speaker_name", "order", "film"),
                *("speaker__name", "speaker__slug", "outlet__name", "outlet__website"),
            )
            .order_by("order", "-said_on", "pk")
        ),
        awards=list(
            Award.objects.published(**public)
            .filter(film=film)
            .select_related("person", "edition__festival")
            .only(
                *("name", "category", "result", "notes", "announced_on", "film"),
                *("person__name", "person__slug", "edition__year", "edition__number"),
                *("edition__festival__name", "edition__festival__short_name"),
                "edition__festival__slug",
            )
            .order_by("-announced_on", "name")
        ),
        screenings=screenings,
        coverage=list(
            Coverage.objects.published(**public)
            .filter(film=film)
            .select_related("outlet")
            .only(
                *("headline", "url", "published_on", "date_precision", "language", "kind"),
                *("film", "outlet__name"),
            )
            .order_by("-published_on", "pk")
        ),
        stills=[asset for asset in stills if asset.sizes],
    )
