"""The records' texts in the site's four languages, and what a reader of one of them is shown.

Editors write a record's texts in the record's own language (English, or a
press release's or a quote's `language`) and translate them into the others
in columns beside the original: `synopsis_in_kk` beside `synopsis`, made by
django-translated-fields (`translations()`) and shown side by side in the
admin. The original stays where it always was, so every query, the gate
and the search read it unchanged.

A page reads each text in its own language (`reading()`, `choose()`): the
translation when there is one, else the original, which says what language
it is in (`Text.language`, for `lang`) and that it stands in for a missing
translation (`Text.missing`), so a page marks it instead of showing nothing.
"""

import functools
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.module_loading import import_string
from django.utils.translation import get_language, gettext
from translated_fields import TranslatedField

from config.lib.languages import LANGUAGE_NAMES, language_name

# Languages other than the site's own; records written in it are translated into these.
TRANSLATED_INTO = tuple(code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE)
# A press release or a quote may be written in any of the four, and translated into the others.
ALL_LANGUAGES = tuple(code for code, _ in settings.LANGUAGES)


def base_language(code: str) -> str:
    """The language a code names, its region aside: "es-mx" -> "es"."""
    return code.split("-")[0]


def column(name: str, language: str) -> str:
    """The column holding `name`'s translation into `language`: synopsis, kk -> synopsis_in_kk."""
    return f"{name}_in_{language}"


def translations(
    original, name: str, *, into: tuple[str, ...] = TRANSLATED_INTO
) -> TranslatedField:
    """Blank columns beside the field `original` (called `name`) for its translations `into`.

    Declared as `<name>_in` after it: `synopsis_in = translations(synopsis, "synopsis")`
    makes `synopsis_in_es`, `synopsis_in_kk`, ...; reading `record.synopsis_in`
    gives the text in the active language (`reading()`).
    """
    path, args, kwargs = original.deconstruct()[1:]
    for kept_once in ("default", "unique", "db_index", "verbose_name"):
        kwargs.pop(kept_once, None)
    label = name.replace("_", " ")
    kwargs.update(
        blank=True,
        help_text="Empty: its readers get the original, marked as not yet translated.",
    )
    languages = dict(settings.LANGUAGES)
    specific = {code: {"verbose_name": f"{label} · {languages[code]}"} for code in into}
    field = import_string(path)(*args, **kwargs)
    return TranslatedField(field, specific, languages=into, attrgetter=_reading_getter)


class Translatable:
    """A model whose texts are written in `written_in` (the site's language unless it says)."""

    written_in = settings.LANGUAGE_CODE

    def clean(self):
        """A translation into the language the original is written in would never be read."""
        super().clean()
        written_in = base_language(self.written_in)
        errors = {
            column(name, written_in): (
                # The admin speaks English: the language's English name.
                f"The original is already in {LANGUAGE_NAMES.get(self.written_in)}: "
                f"write it in “{name.replace('_', ' ')}” and leave this empty."
            )
            for name, languages in translated_fields(type(self))
            if written_in in languages and getattr(self, column(name, written_in))
        }
        if errors:
            raise ValidationError(errors)


def _reading_getter(name: str, field: TranslatedField):
    original = name.removesuffix("_in")
    return lambda record: reading(record, original)


@dataclass(frozen=True, slots=True)
class Text:
    """A record's text as a reader of `wanted` gets it: a translation, or else the original."""

    value: str
    language: str  # what `value` is written in
    wanted: str  # the reader's language

    @property
    def missing(self) -> bool:
        """The reader's language has no translation yet: the original stands in for it."""
        return base_language(self.language) != base_language(self.wanted)

    @property
    def language_name(self) -> str:
        """The name of the language it is written in, in the reader's language."""
        return language_name(self.language)

    @property
    def note(self) -> str:
        """What a reader is told of an original standing in for its translation ('' if none)."""
        if not self.value or not self.missing:
            return ""
        said = gettext("Not yet translated. Original language: %(language)s")
        return said % {"language": self.language_name}

    def marked(self) -> str:
        """The text with its note, where plain text (a file) cannot mark it otherwise."""
        return f"{self.value} [{self.note}]" if self.note else self.value

    def __str__(self) -> str:
        return self.value

    def __bool__(self) -> bool:
        return bool(self.value)


def choose(original: str, written_in: str, translated: str, language: str | None = None) -> Text:
    """`translated` when a reader of `language` (the active one) has it, else `original`."""
    language = language or get_language() or settings.LANGUAGE_CODE
    if base_language(language) != base_language(written_in) and translated:
        return Text(translated, language, language)
    return Text(original, written_in, language)


def reading(record, name: str, language: str | None = None) -> Text:
    """`record`'s field `name` for a reader of `language` (the active one)."""
    language = language or get_language() or settings.LANGUAGE_CODE
    translated = getattr(record, column(name, language), "")
    return choose(getattr(record, name), record.written_in, translated, language)


def every_column(model, name: str) -> list[str]:
    """The columns of all the translations `model` keeps of its field `name`."""
    return [column(name, code) for code in getattr(model, f"{name}_in").languages]


def translation_columns(model, *names: str, prefix: str = "", language: str | None = None):
    """The columns of `model` holding its fields `names` translated into `language` (the active
    one), where it has them; `prefix` reaches `model` across a relation ("film__")."""
    language = language or get_language() or settings.LANGUAGE_CODE
    return [
        prefix + column(name, language)
        for name in names
        if language in getattr(model, f"{name}_in").languages
    ]


def reading_columns(model, *names: str, prefix: str = "", language: str | None = None):
    """What a query loads (`only()`, `values_list()`) to read `names` in `language`: the
    original columns, then their translations."""
    return [
        *(prefix + name for name in names),
        *translation_columns(model, *names, prefix=prefix, language=language),
    ]


@functools.cache
def translated_fields(model) -> list[tuple[str, tuple[str, ...]]]:
    """The names of `model`'s translated fields, each with the languages it is translated into."""
    found = {}
    for field in model._meta.concrete_fields:
        name = field.name.rpartition("_in_")[0]
        if name and isinstance(declared := getattr(model, f"{name}_in", None), TranslatedField):
            found[name] = tuple(declared.languages)
    return list(found.items())
