"""Filters the public pages share (registered in config/lib/jinja2.py)."""

import datetime
import functools
import json
import zoneinfo

from babel.dates import get_timezone_location
from django.conf import settings
from django.utils import dates, translation
from django.utils.html import format_html, urlize
from django.utils.safestring import mark_safe

from .text import paragraphs_of


def ld_json(data) -> str:
    """Render `data` as a schema.org JSON-LD block, safe inside HTML.

    The characters that could close the script element are escaped, as
    Django's json_script does; JSON-LD is data, never executed.
    """
    text = (
        json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        .replace("<", "\\u003C")
        .replace(">", "\\u003E")
        .replace("&", "\\u0026")
    )
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


def iso_duration(minutes: int | None) -> str:
    """150 -> 'PT2H30M', the ISO 8601 duration schema.org expects."""
    if not minutes:
        return ""
    hours, minutes = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")


def runtime(minutes: int | None) -> str:
    """150 -> '150 minutes (2 h 30 min)', in the active language."""
    if not minutes:
        return ""
    hours, rest = divmod(minutes, 60)
    said = translation.ngettext("%(minutes)d minute", "%(minutes)d minutes", minutes) % {
        "minutes": minutes
    }
    if not hours:
        return said
    return translation.gettext("%(minutes)s (%(hours)d h %(rest)02d min)") % {
        "minutes": said,
        "hours": hours,
        "rest": rest,
    }


# Names of days and months in each of the site's languages, from Django's own
# catalogues, worked out once per language: the schedule formats hundreds of
# dates, and Django's `date` filter translates every name on every call.
@functools.cache
def _names(language: str) -> dict[str, tuple[str, ...]]:
    with translation.override(language):
        names = {
            "days": tuple(str(dates.WEEKDAYS[day]) for day in range(7)),
            "days_abbr": tuple(str(dates.WEEKDAYS_ABBR[day]) for day in range(7)),
            "months": tuple(str(dates.MONTHS[month]) for month in range(1, 13)),
            # The form a month takes after a day number (Russian "6 декабря").
            "months_alt": tuple(str(dates.MONTHS_ALT[month]) for month in range(1, 13)),
            "months_abbr": tuple(str(dates.MONTHS_3[month]) for month in range(1, 13)),
        }
    if language == "en":
        names["days_abbr"] = tuple(day[:3] for day in names["days"])
        names["months_abbr"] = tuple(month[:3] for month in names["months"])
    else:  # Spanish, Kazakh and Russian write them in lower case within a date.
        names = {kind: tuple(name.lower() for name in found) for kind, found in names.items()}
    return names


def month_names() -> str:
    """The active language's month names as written after a day number ("25 сентября"),
    comma-separated, for the browser to write dates as the site does (static/js/local-times.js)."""
    return ",".join(_names(translation.get_language() or settings.LANGUAGE_CODE)["months_alt"])


_TOKENS = {
    "j": lambda moment, names: str(moment.day),
    "d": lambda moment, names: f"{moment.day:02d}",
    "D": lambda moment, names: names["days_abbr"][moment.weekday()],
    "l": lambda moment, names: names["days"][moment.weekday()],
    "M": lambda moment, names: names["months_abbr"][moment.month - 1],
    "F": lambda moment, names: names["months"][moment.month - 1],
    "E": lambda moment, names: names["months_alt"][moment.month - 1],
    "m": lambda moment, names: f"{moment.month:02d}",
    "Y": lambda moment, names: str(moment.year),
    "H": lambda moment, names: f"{moment.hour:02d}",
    "i": lambda moment, names: f"{moment.minute:02d}",
    "e": lambda moment, names: moment.tzname() or "",
    "c": lambda moment, names: moment.isoformat(),
}


def date(moment: datetime.date | None, pattern: str = "j F Y") -> str:
    """Format a date or datetime in the active language, on its own zone's clocks.

    Takes the characters of Django's `date` filter that the pages use (j d D
    l M F E m Y H i e c), a backslash before a character prints it as it is,
    and so does any other character. Each language writes a date in its own
    order: templates translate the pattern itself (`_("j F Y")` is "j E Y" in
    Russian). Django's own filter would first convert to the site's zone
    (UTC here), and translates month names on every call, which the schedule
    cannot afford.
    """
    if moment is None or moment == "":
        return ""
    names = _names(translation.get_language() or settings.LANGUAGE_CODE)
    return "".join([part(moment, names) if callable(part) else part for part in _compiled(pattern)])


@functools.lru_cache(maxsize=256)
def _compiled(pattern: str) -> tuple:
    """The pattern as formatters and literal text, worked out once (pages use a dozen)."""
    parts, escaped = [], False
    for char in pattern:
        if escaped:
            parts.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        else:
            parts.append(_TOKENS.get(char, char))
    return tuple(parts)


def paragraphs(text: str, links: bool = False):
    """Plain text with blank lines between paragraphs, as <p> elements; nothing else is markup.

    With `links`, addresses in it become links: e-mail addresses (mailto:) and web addresses,
    as a press contact's are.
    """
    blocks = paragraphs_of(text)
    if links:
        # urlize() escapes the text around the links it makes (autoescape).
        blocks = [mark_safe(urlize(block, autoescape=True)) for block in blocks]
    return mark_safe("".join(format_html("<p>{}</p>", block) for block in blocks))


def in_zone(moment: datetime.datetime, zone_name: str) -> datetime.datetime:
    """The same instant on the clocks of `zone_name`."""
    return moment.astimezone(zoneinfo.ZoneInfo(zone_name))


def zone_in_words(zone_name: str) -> str:
    """A zone as a reader says it: 'Europe/Madrid' -> 'Madrid time', 'время Мадрид'; UTC stays UTC."""
    if zone_name == "UTC":
        return "UTC"
    language = translation.get_language() or settings.LANGUAGE_CODE
    return translation.gettext("%(place)s time") % {"place": _place_of(zone_name, language)}


@functools.lru_cache(maxsize=1024)
def _place_of(zone_name: str, language: str) -> str:
    """The city a zone is named after, as `language` writes it (CLDR, through Babel)."""
    if language != settings.LANGUAGE_CODE:
        try:
            return get_timezone_location(zone_name, locale=language, return_city=True)
        except (LookupError, ValueError):
            pass
    return zone_name.rsplit("/", 1)[-1].replace("_", " ")
