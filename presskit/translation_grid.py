"""A film's translation grid: which of its texts are missing in which language.

Across everything a journalist reads about the film: the film itself, the
people credited in it, their credits, its stills and files, quotes, press
releases, screenings, awards and the festivals it screens at. Each line is one
text of one record; each cell says whether that language has it, with the
address of the admin field to fill when it does not.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Model, Q, QuerySet

from config.lib.translations import base_language, column, translated_fields
from festivals.models import Award, Festival, Screening

from .models import Asset, CompanyCredit, Coverage, Credit, Film, Person, PressRelease, Quote

LANGUAGES = [code for code, _name in settings.LANGUAGES]


class State:
    ORIGINAL = "original"  # the text is written in this language
    TRANSLATED = "translated"
    MISSING = "missing"  # readers of this language get the original, marked


@dataclass(frozen=True, slots=True)
class Cell:
    language: str
    state: str
    url: str = ""  # where to fill it in, when missing


@dataclass(frozen=True, slots=True)
class Line:
    kind: str  # "Person", "Quote", ...
    record: str  # which one
    field: str  # which of its texts
    cells: list[Cell]  # one per language of the site, in settings.LANGUAGES' order

    @property
    def missing(self) -> int:
        return sum(cell.state == State.MISSING for cell in self.cells)


def records_of(film: Film, shown: Callable[[type[Model]], QuerySet]) -> list[Model]:
    """Every record whose texts readers of the film's pages meet, of those `shown(model)` gives:
    the admin's own rows for the user (none in the bin, none the user may not view)."""
    people = Credit.objects.filter(film=film).values("person")
    return [
        film,
        *shown(Person).filter(pk__in=people).order_by("name"),
        *shown(Credit)
        .filter(film=film)
        .exclude(role_note="", character="")
        .select_related("person", "film")
        .order_by("billing_order"),
        *shown(CompanyCredit)
        .filter(film=film)
        .exclude(territory="")
        .select_related("company", "film"),
        *shown(Asset)
        .filter(Q(film=film) | Q(person__in=people, kind=Asset.Kind.HEADSHOT))
        .order_by("kind", "order", "pk"),
        *shown(Quote).filter(film=film).select_related("speaker"),
        *shown(Coverage).filter(film=film).select_related("outlet"),
        *shown(PressRelease).filter(film=film).order_by("-first_published_at"),
        *shown(Screening).filter(film=film).select_related("film", "venue").order_by("starts_at"),
        *shown(Award).filter(film=film).select_related("film", "edition__festival"),
        *shown(Festival)
        .filter(Q(editions__screenings__film=film) | Q(editions__awards__film=film))
        .distinct()
        .order_by("name"),
    ]


def line_of(record, name: str, fill: Callable[[Model, str], str]) -> Line | None:
    """The line of `record`'s text `name`, or None when it has no text to translate.

    `fill(record, column)` is the address where the user may write a missing
    translation ('' if they may not).
    """
    if not getattr(record, name):
        return None
    cells = []
    for language in LANGUAGES:
        if language == base_language(record.written_in):
            cells.append(Cell(language, State.ORIGINAL))
        elif getattr(record, column(name, language), ""):
            cells.append(Cell(language, State.TRANSLATED))
        else:
            cells.append(Cell(language, State.MISSING, fill(record, column(name, language))))
    opts = record._meta
    field = opts.get_field(name).verbose_name
    return Line(str(opts.verbose_name).capitalize(), str(record), str(field), cells)


def translation_grid(film: Film, shown, fill) -> list[Line]:
    """The film's grid: one line per text there is, in the order a journalist meets them."""
    lines = (
        line_of(record, name, fill)
        for record in records_of(film, shown)
        for name, _languages in translated_fields(type(record))
    )
    return [line for line in lines if line is not None]


def missing_by_language(lines: list[Line]) -> dict[str, int]:
    """How many texts each language still lacks."""
    return {
        language: sum(
            cell.state == State.MISSING
            for line in lines
            for cell in line.cells
            if cell.language == language
        )
        for language in LANGUAGES
    }
