"""schema.org descriptions of films, people and press releases (JSON-LD)."""

from django.conf import settings

from config.lib.countries import country_name
from config.lib.filters import iso_duration
from config.lib.structured_data import without_empty
from config.lib.text import paragraphs_of

from .film_page import CompanyRow, CreditRow, Named
from .models import Asset, Credit, Film, Person, PressRelease


def _url(record) -> str:
    return f"{settings.SITE_URL}{record.get_absolute_url()}"


def _person_ref(person: Named) -> dict:
    return {"@type": "Person", "name": person.name, "url": f"{settings.SITE_URL}{person.url}"}


def movie(film: Film, *, credits: list[CreditRow], companies: list[CompanyRow], awards) -> dict:
    by_role = {role: [c.person for c in credits if c.role == role] for role in Credit.Role}
    producers = [credit.company for credit in companies if credit.is_producer]
    return without_empty(
        {
            "@type": "Movie",
            "@id": _url(film),
            "url": _url(film),
            "name": film.title,
            "alternateName": film.english_title,
            "description": str(film.logline_in) or str(film.synopsis_in)[:300],
            "genre": [genre.strip() for genre in film.genres.split(",") if genre.strip()],
            "duration": iso_duration(film.runtime_minutes),
            "dateCreated": str(film.year) if film.year else None,
            "inLanguage": film.spoken_languages,
            "countryOfOrigin": [{"@type": "Country", "name": name} for name in film.country_names],
            "director": [_person_ref(person) for person in by_role[Credit.Role.DIRECTOR]],
            "author": [_person_ref(person) for person in by_role[Credit.Role.WRITER]],
            "producer": [
                _person_ref(person)
                for role in (Credit.Role.PRODUCER, Credit.Role.EXECUTIVE_PRODUCER)
                for person in by_role[role]
            ],
            "actor": [_person_ref(person) for person in by_role[Credit.Role.CAST]],
            "productionCompany": [
                without_empty({"@type": "Organization", "name": company.name, "url": company.url})
                for company in producers
            ],
            "award": [
                " ".join(part for part in (award.name, award.category) if part)
                + (f", {award.edition}" if award.edition else "")
                for award in awards
            ],
        }
    )


def video_object(video: Asset) -> dict:
    """A trailer, clip or EPK as search engines read it: where it plays, its poster, its credit."""
    poster = video.sizes.get("web") or video.sizes.get("thumb")
    return without_empty(
        {
            "@type": "VideoObject",
            "name": f"{video.film.title}: {video.label}",
            "description": str(video.caption_in) or video.label,
            "thumbnailUrl": f"{settings.SITE_URL}{video.url(poster.size)}" if poster else None,
            "embedUrl": video.video_link.embed_url if video.video_link else None,
            "contentUrl": f"{settings.SITE_URL}{video.url('original')}"
            if video.plays_file
            else None,
            "creditText": video.credit_line,
            "copyrightHolder": video.copyright_holder,
        }
    )


def person_data(person: Person) -> dict:
    return without_empty(
        {
            "@type": "Person",
            "@id": _url(person),
            "url": _url(person),
            "name": person.name,
            "alternateName": person.other_names,
            "description": next(iter(paragraphs_of(str(person.bio_in))), ""),
            "nationality": (
                {"@type": "Country", "name": country_name(person.nationality)}
                if person.nationality
                else None
            ),
            "sameAs": [person.website] if person.website else [],
        }
    )


def news_article(release: PressRelease) -> dict:
    publisher = {"@type": "Organization", "name": settings.SITE_NAME, "url": settings.SITE_URL}
    released = release.released_at
    title = release.title_in  # in the page's language, or the original's
    return without_empty(
        {
            "@type": "NewsArticle",
            "@id": _url(release),
            "mainEntityOfPage": _url(release),
            "url": _url(release),
            "headline": str(title)[:110],
            "description": str(release.summary_in),
            "articleBody": str(release.body_in),
            "inLanguage": title.language,
            "datePublished": released.isoformat() if released else None,
            "dateModified": release.updated_at.isoformat(),
            "author": publisher,
            "publisher": publisher,
            "dateline": release.dateline,
            "about": (
                {"@type": "Movie", "name": release.film.title, "url": _url(release.film)}
                if release.film_id and release.film.is_published()
                else None
            ),
        }
    )
