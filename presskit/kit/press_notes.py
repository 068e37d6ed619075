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
from django.utils.translation import gettext, pgettext

from config.lib.cache import shared
from config.lib.filters import date, runtime, zone_in_words
from config.lib.text import paragraphs_of, safe_filename, spelling_for
from config.lib.translations import Text

from ..film_page import FilmPage, film_page
from ..models import Credit, Film, Person

TEMPLATE = Path(__file__).with_name("press_notes.typ")
# Made again after a week even if nothing changed, so the cache never holds old versions long.
CACHE_SECONDS = 7 * 24 * 3600


def _paragraphs(text: Text) -> list[str]:
    """A long text's paragraphs, a missing translation's note after them."""
    return paragraphs_of(text.value) + ([f"[{text.note}]"] if text.note else [])


def _words() -> dict[str, str]:
    """The notes' own words, in the active language, for press_notes.typ."""
    return {
        "press_notes": pgettext("press notes PDF", "press notes"),
        "in_confidence": gettext(
            "Shared with accredited journalists in confidence: not for publication, "
            "broadcast or posting before then."
        ),
        "synopsis": gettext("Synopsis"),
        "cast": gettext("Cast"),
        "crew": gettext("Crew"),
        "companies": gettext("Companies"),
        "bios": pgettext("press notes PDF", "Biographies"),
        "quotes": gettext("What they said"),
        "awards": gettext("Awards and selections"),
        "screenings": gettext("Screenings"),
        "local_times": pgettext("press notes PDF", "Times are local, with their time zone."),
        "contact": gettext("Press contact"),
        "pictures": pgettext(
            "press notes PDF",
            "Photographs and key art are in the press kit with their credits and conditions "
            "of use.",
        ),
        # The quotation marks the language prints around a quote.
        "open_quote": pgettext("opening quotation mark", "“"),
        "close_quote": pgettext("closing quotation mark", "”"),
    }


def press_notes_data(film: Film, page: FilmPage, bios: list[Person]) -> dict:
    """What the notes say, in the active language: the film's texts in it where translated."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    credits_by_person: dict[int, list[str]] = {}
    for credit in page.credits:
        role = credit.character if credit.role == Credit.Role.CAST and credit.character else None
        credits_by_person.setdefault(credit.person_id, []).append(
            gettext("as %(character)s") % {"character": role.marked()}
            if role
            else credit.role_label.lower()
        )
    crew: dict[str, list[str]] = {}
    for credit in page.credits:
        if credit.role != Credit.Role.CAST:
            note = credit.role_note.marked()
            name = credit.person.name + (f" ({note})" if note else "")
            crew.setdefault(credit.role_label, []).append(name)
    facts = [
        (pgettext("film facts", "Original title"), film.title),
        (pgettext("film facts", "Title"), film.local_title),
        (pgettext("film facts", "Format"), film.get_kind_display()),
        (gettext("Genre"), film.genres_in.marked()),
        (gettext("Year"), str(film.year or "")),
        (gettext("Runtime"), runtime(film.runtime_minutes) if film.runtime_minutes else ""),
        (gettext("Countries"), ", ".join(film.country_names)),
        (gettext("Languages"), ", ".join(film.spoken_language_names)),
        (pgettext("film facts", "Source"), film.based_on_in.marked()),
    ]
    return {
        "lang": language,
        "words": _words(),
        "office": settings.SITE_NAME,
        # Only a journalist or staff gets the notes of a film under embargo.
        "embargo": film.embargo_text(),
        "site": settings.SITE_URL + film.get_absolute_url(),
        "title": film.title,
        "english_title": film.local_title,
        "logline": film.logline_in.marked(),
        "facts": [[label, value] for label, value in facts if value],
        "synopsis": _paragraphs(film.synopsis_in),
        "cast": [
            [credit.person.name, credit.character.marked()]
            for credit in page.credits
            if credit.role == Credit.Role.CAST
        ],
        "crew": [[role, names] for role, names in crew.items()],
        "companies": [
            f"{credit.company.name}: {credit.role_label.lower()}"
            + (f", {credit.territory.marked()}" if credit.territory else "")
            for credit in page.companies
        ],
        "bios": [
            {
                "name": spelling_for(
                    language, person.name, person.latin_name, person.cyrillic_name
                ),
                "role": ", ".join(credits_by_person.get(person.pk, [])),
                "paragraphs": _paragraphs(person.bio_in),
            }
            for person in bios
            if person.bio
        ],
        "quotes": [
            {
                "text": quote.words.value,
                # A translation prints the words as said under it.
                "original": (
                    pgettext("press notes PDF", "Original (%(language)s): %(words)s")
                    % {"language": quote.original.language_name, "words": quote.original.value}
                    if quote.words.language != quote.original.language
                    else ""
                ),
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
                    award.notes.marked(),
                )
                if part
            )
            for award in page.awards
        ],
        "screenings": [
            [
                date(
                    screening.local_start,
                    pgettext("date format", "j M Y")
                    if screening.is_release
                    else pgettext("date format", "j M Y, H:i"),
                ),
                zone_in_words(screening.time_zone or "UTC"),
                ", ".join(
                    part
                    for part in (
                        screening.title_in.marked() or screening.get_kind_display(),
                        screening.place_label,
                        pgettext("screening status", "Cancelled").upper()
                        if screening.is_cancelled
                        else "",
                    )
                    if part
                ),
            ]
            for screening in page.screenings
        ],
        "contact": film.press_contact_in.marked().splitlines() or [settings.SITE_NAME],
    }


def film_press_notes(film: Film, page: FilmPage | None = None) -> bytes:
    """The film's press notes as a PDF, in the active language: what its pages say, for print."""
    page = page or film_page(film)
    bios = list(
        Person.objects.published()
        .filter(pk__in={credit.person_id for credit in page.credits})
        .order_by("name")
    )
    return press_notes_pdf(film, page, bios)


def press_notes_filename(film: Film) -> str:
    return safe_filename(pgettext("file name", "%(film)s - Press notes.pdf") % {"film": film.title})


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
