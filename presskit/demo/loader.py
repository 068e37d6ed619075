"""Load the demo catalogue into the database.

Loading is idempotent and never overwrites: a record that already exists
(found by its slug or natural key) is left exactly as an editor may have
changed it, so running the loader again changes nothing.
"""

import datetime
from collections import Counter

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Model

from config.lib.page_cache import content_changed
from config.lib.translations import column
from festivals.models import Award, Edition, Festival, Screening, Venue
from festivals.time_zones import localize

from ..models import (
    Asset,
    Company,
    CompanyCredit,
    Coverage,
    Credit,
    Film,
    Outlet,
    Person,
    PressRelease,
    Quote,
    Subtitles,
)
from ..publishing.models import Publication
from ..services import asset_save, upload_inspect
from . import la_tregua as data
from . import la_tregua_translations as translated
from . import pictures

PUBLISHED = {"publication_status": Publication.PUBLISHED}


def in_languages(texts: dict[str, dict[str, str]]) -> dict[str, str]:
    """{"bio": {"kk": "..."}} -> {"bio_in_kk": "..."}: a record's translations, by column."""
    return {
        column(name, language): text
        for name, by_language in texts.items()
        for language, text in by_language.items()
    }


class _Loader:
    def __init__(self):
        self.created: Counter[type[Model]] = Counter()

    def get_or_create(self, model: type[Model], defaults: dict | None = None, **lookup) -> Model:
        record, created = model._default_manager.get_or_create(defaults=defaults or {}, **lookup)
        if created:
            self.created[model] += 1
        return record


@transaction.atomic
def catalogue_load(*, with_pictures: bool = True) -> Counter[type[Model]]:
    """Create whatever of La Tregua's catalogue is missing; return how many rows of each model.

    The sample pictures take a few seconds to draw and render; tests that do
    not look at pictures leave them out.
    """
    loader = _Loader()
    get = loader.get_or_create

    film = get(
        Film,
        slug=data.FILM["slug"],
        defaults={**data.FILM, **in_languages(translated.FILM), **PUBLISHED},
    )

    people = {
        person["slug"]: get(
            Person,
            slug=person["slug"],
            defaults={
                **person,
                **in_languages(translated.PEOPLE.get(person["slug"], {})),
                **PUBLISHED,
            },
        )
        for person in data.PEOPLE
    }
    for slug, role, note, character, order in data.CREDITS:
        get(
            Credit,
            film=film,
            person=people[slug],
            role=role,
            defaults={
                "role_note": note,
                **in_languages(
                    {
                        "role_note": translated.CREDIT_NOTES.get((slug, role), {}),
                        "character": translated.CHARACTERS.get(character, {}),
                    }
                ),
                "character": character,
                "billing_order": order,
            },
        )

    for order, (slug, name, country, role, territory) in enumerate(data.COMPANIES, start=1):
        company = get(Company, slug=slug, defaults={"name": name, "country": country})
        get(
            CompanyCredit,
            film=film,
            company=company,
            role=role,
            defaults={
                "territory": territory,
                **in_languages({"territory": translated.TERRITORIES.get(territory, {})}),
                "order": order,
            },
        )

    outlets = {
        slug: get(Outlet, slug=slug, defaults={"name": name, "kind": kind, "country": country})
        for slug, name, kind, country in data.OUTLETS
    }
    for order, (speaker, text, outlet) in enumerate(data.QUOTES, start=1):
        get(
            Quote,
            film=film,
            text=text,
            defaults={
                "speaker": people[speaker],
                "outlet": outlets[outlet],
                "language": "en",
                **in_languages({"text": translated.QUOTES.get(text, {})}),
                "order": order,
                **PUBLISHED,
            },
        )
    for clipping in data.COVERAGE:
        outlet = outlets[clipping["outlet"]]
        defaults = {key: value for key, value in clipping.items() if key != "outlet"}
        defaults.update(in_languages(translated.COVERAGE.get(clipping["headline"], {})))
        get(
            Coverage,
            outlet=outlet,
            headline=clipping["headline"],
            defaults={
                **defaults,
                "film": film,
                **PUBLISHED,
            },
        )

    editions = {}
    for festival_data in data.FESTIVALS:
        fields = {key: value for key, value in festival_data.items() if key != "edition"}
        fields.update(in_languages(translated.FESTIVALS.get(festival_data["slug"], {})))
        festival = get(Festival, slug=festival_data["slug"], defaults=fields)
        edition = festival_data["edition"]
        editions[festival.slug] = get(
            Edition,
            festival=festival,
            year=edition["year"],
            defaults={
                "number": edition["number"],
                "starts_on": datetime.date.fromisoformat(edition["starts_on"]),
                "ends_on": datetime.date.fromisoformat(edition["ends_on"]),
            },
        )
    venues = {
        venue["slug"]: get(
            Venue,
            slug=venue["slug"],
            defaults={**venue, **in_languages(translated.VENUES[venue["slug"]])},
        )
        for venue in data.VENUES
    }

    premiere = None
    for screening in data.SCREENINGS:
        venue = venues.get(screening["venue"])
        zone = venue.time_zone if venue else screening["time_zone"]
        local = datetime.datetime.fromisoformat(screening["local_start"])
        made = get(
            Screening,
            film=film,
            kind=screening["kind"],
            edition=editions.get(screening["festival"]),
            venue=venue,
            country=venue.country if venue else screening["country"],
            defaults={
                "title": screening["title"],
                "starts_at": localize(local, zone),
                "time_zone": zone,
                "notes": screening["notes"],
                **in_languages(translated.SCREENINGS.get(screening["title"], {})),
                "seats": screening.get("seats"),
                "bookable_by": screening.get("bookable_by", Screening.BookableBy.ACCREDITED),
                **PUBLISHED,
            },
        )
        if screening["kind"] == data.REVIEWS_EMBARGO_FROM:
            premiere = made

    # Reviews from the start of the premiere: the embargo follows it if it moves.
    if film.reviews_embargo_screening_id is None:
        film.reviews_embargo_screening = premiere
        film.save()

    get(
        Award,
        film=film,
        edition=editions[data.AWARD["festival"]],
        name=data.AWARD["name"],
        defaults={
            "result": data.AWARD["result"],
            "notes": data.AWARD["notes"],
            **in_languages(translated.AWARD),
            **PUBLISHED,
        },
    )

    for release in data.PRESS_RELEASES:
        first_published_at = datetime.datetime.fromisoformat(release["first_published_at"])
        get(
            PressRelease,
            slug=release["slug"],
            defaults={
                **release,
                "first_published_at": first_published_at,
                "film": film,
                "language": "en",
                **in_languages(translated.PRESS_RELEASES.get(release["slug"], {})),
                **in_languages({"contact": translated.FILM["press_contact"]}),
                "contact": data.FILM["press_contact"],
                **PUBLISHED,
            },
        )

    def sample(kind: str, title: str, caption: str, upload, owner: dict, order: int) -> Asset:
        """A sample picture or video, captioned and credited in four languages, public."""
        asset = Asset(
            kind=kind,
            title=title,
            file=upload,
            caption=caption,
            credit_line=pictures.CREDIT,
            copyright_holder=pictures.COPYRIGHT,
            usage_terms=pictures.TERMS,
            **in_languages(
                {"caption": translated.PICTURES[title]["caption"], "usage_terms": translated.TERMS}
            ),
            access=Asset.Access.PUBLIC,
            order=order,
            **owner,
            **PUBLISHED,
        )
        asset_save(asset=asset, inspected=upload_inspect(upload=upload, kind=kind))
        loader.created[Asset] += 1
        return asset

    for order, picture in enumerate(pictures.PICTURES if with_pictures else []):
        owner = {"person": people[picture.person]} if picture.person else {"film": film}
        if Asset.objects.filter(kind=picture.kind, title=picture.title, **owner).exists():
            continue
        upload = SimpleUploadedFile(picture.filename, pictures.draw(picture), "image/jpeg")
        asset = sample(picture.kind, picture.title, picture.caption, upload, owner, order)
        asset.people.set([people[slug] for slug in picture.people])
    trailer = {"film": film, "kind": Asset.Kind.TRAILER, "title": pictures.TRAILER_TITLE}
    if with_pictures and not Asset.objects.filter(**trailer).exists():
        upload = SimpleUploadedFile("la-tregua-sample-trailer.webm", pictures.sample_trailer())
        title, caption = pictures.TRAILER_TITLE, pictures.TRAILER_CAPTION
        sample(Asset.Kind.TRAILER, title, caption, upload, {"film": film}, order=0)
    if video := Asset.objects.filter(**trailer).first():
        for language, text in pictures.TRAILER_SUBTITLES.items():
            made = Subtitles.objects.get_or_create(
                asset=video,
                language=language,
                kind=Subtitles.Kind.SUBTITLES,
                defaults={"text": text},
            )[1]
            if made:
                loader.created[Subtitles] += 1

    if loader.created:
        content_changed()
    return loader.created
