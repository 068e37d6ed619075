"""Filters the public pages share (registered in config/lib/jinja2.py)."""

import datetime
import functools
import json
import zoneinfo

from django.utils.html import format_html
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
    """150 -> '150 minutes (2 h 30 min)'."""
    if not minutes:
        return ""
    hours, rest = divmod(minutes, 60)
    return f"{minutes} minutes ({hours} h {rest:02d} min)" if hours else f"{minutes} minutes"


_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_TOKENS = {
    "j": lambda moment: str(moment.day),
    "d": lambda moment: f"{moment.day:02d}",
    "D": lambda moment: _DAYS[moment.weekday()][:3],
    "l": lambda moment: _DAYS[moment.weekday()],
    "M": lambda moment: _MONTHS[moment.month - 1][:3],
    "F": lambda moment: _MONTHS[moment.month - 1],
    "m": lambda moment: f"{moment.month:02d}",
    "Y": lambda moment: str(moment.year),
    "H": lambda moment: f"{moment.hour:02d}",
    "i": lambda moment: f"{moment.minute:02d}",
    "e": lambda moment: moment.tzname() or "",
    "c": lambda moment: moment.isoformat(),
}


def date(moment: datetime.date | None, pattern: str = "j F Y") -> str:
    """Format a date or datetime as written in English, on its own zone's clocks.

    Takes the characters of Django's `date` filter that the pages use (j d D
    l M F m Y H i e c); any other character is printed as it is. Django's
    own filter would first convert to the site's zone (UTC here), and
    translates month names on every call, which the schedule cannot afford.
    """
    if moment is None or moment == "":
        return ""
    return "".join([part(moment) if callable(part) else part for part in _compiled(pattern)])


@functools.lru_cache(maxsize=256)
def _compiled(pattern: str) -> tuple:
    """The pattern as formatters and literal text, worked out once (pages use a dozen)."""
    return tuple(_TOKENS.get(char, char) for char in pattern)


def paragraphs(text: str):
    """Plain text with blank lines between paragraphs, as <p> elements; nothing else is markup."""
    return mark_safe("".join(format_html("<p>{}</p>", block) for block in paragraphs_of(text)))


def in_zone(moment: datetime.datetime, zone_name: str) -> datetime.datetime:
    """The same instant on the clocks of `zone_name`."""
    return moment.astimezone(zoneinfo.ZoneInfo(zone_name))


def zone_in_words(zone_name: str) -> str:
    """A zone as a reader says it: 'Europe/Madrid' -> 'Madrid time'; UTC stays UTC."""
    if zone_name == "UTC":
        return "UTC"
    return f"{zone_name.rsplit('/', 1)[-1].replace('_', ' ')} time"
