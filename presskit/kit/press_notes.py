"""The press notes PDF of a film: synopsis, credits, bios, quotes, screenings, contacts.

Typeset by Typst (a PyPI wheel that brings its own fonts, so Spanish and
Kazakh letters render on a fresh machine) from press_notes.typ. The data
goes in as JSON and is set as plain text, never parsed as markup.
"""

import functools
import hashlib
import json
from pathlib import Path

import typst
from django.conf import settings
from django.utils import translation

from config.lib.cache import shared
from config.lib.filters import date
from config.lib.text import paragraphs_of, safe_filename

from ..film_page import FilmPage, film_page
from ..models import Credit, Film, Person

TEMPLATE = Path(__file__).with_name("press_notes.typ")
# Made again after a week even if nothing changed, so the cache never holds old versions long.
CACHE_SECONDS = 7 * 24 * 3600


def press_notes_data(film: Film, page: FilmPage, bios: list[Person]) -> dict:
    credits_by_person: dict[int, list[str]] = {}
    for credit in page.credits:
        role = credit.character if credit.role == Credit.Role.CAST and credit.character else None
        credits_by_person.setdefault(credit.person_id, []).append(
            f"as {role}" if role else credit.role_label.lower()
        )
    crew: dict[str, list[str]] = {}
    for credit in page.credits:
        if credit.role != Credit.Role.CAST:
            name = credit.person.name + (f" ({credit.role_note})" if credit.role_note else "")
            crew.setdefault(credit.role_label, []).append(name)
    facts = [
        ("Original title", film.title),
        ("English title", film.english_title),
        ("Format", film.get_kind_display()),
        ("Genre", film.genres),
        ("Year", str(film.year or "")),
        ("Running time", f"{film.runtime_minutes} minutes" if film.runtime_minutes else ""),
        ("Countries", ", ".join(film.country_names)),
        ("Languages", ", ".join(film.spoken_language_names)),
        ("Source", film.based_on),
    ]
    return {
        "office": settings.SITE_NAME,
        # Only a journalist or staff gets the notes of a film under embargo.
        "embargo": film.embargo_text(),
        "site": settings.SITE_URL + film.get_absolute_url(),
        "title": film.title,
        "english_title": film.english_title,
        "logline": film.logline,
        "facts": [[label, value] for label, value in facts if value],
        "synopsis": paragraphs_of(film.synopsis),
        "cast": [
            [credit.person.name, credit.character]
            for credit in page.credits
            if credit.role == Credit.Role.CAST
        ],
        "crew": [[role, names] for role, names in crew.items()],
        "companies": [
            f"{credit.company.name}: {credit.role_label.lower()}"
            + (f", {credit.territory}" if credit.territory else "")
            for credit in page.companies
        ],
        "bios": [
            {
                "name": person.name,
                "role": ", ".join(credits_by_person.get(person.pk, [])),
                "paragraphs": paragraphs_of(person.bio),
            }
            for person in bios
            if person.bio
        ],
        "quotes": [
            {
                "text": quote.text,
                "source": ", ".join(
                    part
                    for part in (
                        quote.speaker_display,
                        quote.outlet.name if quote.outlet else "",
                        quote.source_url,
                    )
                    if part
                ),
            }
            for quote in page.quotes
        ],
        "awards": [
            ", ".join(
                part
                for part in (
                    award.name,
                    award.category,
                    str(award.edition) if award.edition else "",
                )
                if part
            )
            for award in page.awards
        ],
        "screenings": [
            [
                date(screening.local_start, "j M Y")
                + ("" if screening.is_release else date(screening.local_start, ", H:i")),
                screening.zone_label,
                ", ".join(
                    part
                    for part in (
                        screening.title or screening.get_kind_display(),
                        screening.place_label,
                        "CANCELLED" if screening.is_cancelled else "",
                    )
                    if part
                ),
            ]
            for screening in page.screenings
        ],
        "contact": film.press_contact.splitlines() or [settings.SITE_NAME],
    }


@translation.override(settings.LANGUAGE_CODE)  # in English for now, as the kit (listing.py)
def film_press_notes(film: Film, page: FilmPage | None = None) -> bytes:
    """The film's press notes as a PDF: what the public pages say, typeset for print."""
    page = page or film_page(film)
    bios = list(
        Person.objects.published()
        .filter(pk__in={credit.person_id for credit in page.credits})
        .order_by("name")
    )
    return press_notes_pdf(film, page, bios)


def press_notes_filename(film: Film) -> str:
    return safe_filename(f"{film.title} - Press notes.pdf")


def press_notes_pdf(film: Film, page: FilmPage, bios: list[Person]) -> bytes:
    """The press notes of `film` as PDF bytes.

    Typesetting takes tens of milliseconds (a tenth of a second in a fresh
    process, which loads the fonts), too long to make every download wait
    for its first byte. The PDF is kept in the cache under a digest of
    its data and the template, so it is made once per version of the
    film's facts and is never stale: any change makes a new digest.
    """
    data = json.dumps(press_notes_data(film, page, bios), ensure_ascii=False)
    digest = hashlib.sha256(_template_digest().encode() + data.encode()).hexdigest()
    key = f"press-notes:{digest}"
    if (pdf := shared.get(key)) is None:
        pdf = typst.compile(
            str(TEMPLATE), sys_inputs={"data": data}, ignore_system_fonts=True, format="pdf"
        )
        shared.set(key, pdf, timeout=CACHE_SECONDS)
    return pdf


@functools.cache
def _template_digest() -> str:
    return hashlib.sha256(TEMPLATE.read_bytes()).hexdigest()
