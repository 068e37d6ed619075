"""A film's translation grid: which of its texts are missing in which language.

Across everything a journalist reads about the film: the film itself, the
people credited in it, their credits, its stills and files, quotes, press
releases, screenings, awards and the festivals it screens at. Each line is one
text of one record; each cell says whether that language has it, with the
address of the admin field to fill when it does not.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.admin.utils import quote
from django.urls import NoReverseMatch, reverse

from config.lib.translations import column, translated_fields
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


def records_of(film: Film) -> list:
    """Every record outside the bin whose texts readers of the film's pages meet."""
    return [
        film,
        *Person.objects.filter(credits__film=film, binned_at=None).distinct().order_by("name"),
        *Credit.objects.filter(film=film)
        .exclude(role_note="", character="")
        .select_related("person")
        .order_by("billing_order"),
        *CompanyCredit.objects.filter(film=film).exclude(territory="").select_related("company"),
        *Asset.objects.filter(film=film, binned_at=None).order_by("order", "pk"),
        *Quote.objects.filter(film=film).select_related("speaker"),
        *Coverage.objects.filter(film=film).select_related("outlet"),
        *PressRelease.objects.filter(film=film, binned_at=None).order_by("-first_published_at"),
        *Screening.objects.filter(film=film).order_by("starts_at"),
        *Award.objects.filter(film=film),
        *Festival.objects.filter(editions__screenings__film=film).distinct().order_by("name"),
    ]


def line_of(record, name: str) -> Line | None:
    """The line of `record`'s text `name`, or None when it has no text to translate."""
    if not getattr(record, name):
        return None
    opts = record._meta
    try:
        change = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(record.pk)]
        )
    except NoReverseMatch:  # edited in its film's page (a company credit)
        change = reverse("admin:presskit_film_change", args=[quote(record.film_id)])
    cells = []
    for language in LANGUAGES:
        if language == record.written_in:
            cells.append(Cell(language, State.ORIGINAL))
        elif getattr(record, column(name, language), ""):
            cells.append(Cell(language, State.TRANSLATED))
        else:
            cells.append(Cell(language, State.MISSING, f"{change}#id_{column(name, language)}"))
    field = opts.get_field(name).verbose_name
    return Line(str(opts.verbose_name).capitalize(), str(record), str(field), cells)


def translation_grid(film: Film) -> list[Line]:
    """The film's grid: one line per text there is, in the order a journalist meets them."""
    lines = (
        line_of(record, name)
        for record in records_of(film)
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
