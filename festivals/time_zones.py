"""The IANA time zones a venue or screening may be in.

Read from the tzdata package pinned in pyproject.toml (its zone.tab, which
maps each canonical zone to a country), not from the operating system, so
that every machine offers the same list and the database constraint built
from it stays the same. A tzdata release that adds a zone needs a migration;
the missing-migrations test says so.
"""

import datetime
import functools
from importlib.resources import files
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import get_language

from config.lib.countries import country_name
from config.lib.filters import zone_in_words
from config.lib.text import fold

_ZONEINFO = files("tzdata").joinpath("zoneinfo")


def _rows(name: str) -> list[list[str]]:
    text = _ZONEINFO.joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


COUNTRY_NAMES: dict[str, str] = {row[0]: row[1] for row in _rows("iso3166.tab")}

# zone -> (ISO country code, tzdata's note on which part of the country it covers)
ZONE_COUNTRIES: dict[str, tuple[str, str]] = {
    row[2]: (row[0], row[3] if len(row) > 3 else "") for row in _rows("zone.tab")
}

# UTC for what happens everywhere at once, such as a worldwide streaming release.
TIME_ZONES: tuple[str, ...] = ("UTC", *sorted(ZONE_COUNTRIES))


def _choices() -> list:
    groups: dict[str, list[tuple[str, str]]] = {}
    for zone, (country, note) in ZONE_COUNTRIES.items():
        label = f"{zone} ({note})" if note else zone
        groups.setdefault(COUNTRY_NAMES.get(country, country), []).append((zone, label))
    return [("Worldwide", [("UTC", "UTC (no local time)")])] + [
        (country, sorted(zones)) for country, zones in sorted(groups.items())
    ]


TIME_ZONE_CHOICES = _choices()


def zones_of_country(code: str) -> list[str]:
    """Return the canonical zones of an ISO 3166 country code, e.g. 'ES' -> Madrid, Ceuta, Canary."""
    return sorted(zone for zone, (country, _) in ZONE_COUNTRIES.items() if country == code)


def validate_time_zone(value: str) -> None:
    if value not in TIME_ZONES:
        raise ValidationError(
            "%(value)s is not an IANA time zone. Pick one from the list, e.g. Europe/Madrid.",
            code="invalid_time_zone",
            params={"value": value},
        )


class TimeZoneField(models.CharField):
    """An IANA zone name such as 'Asia/Almaty', picked from a list grouped by country.

    The list lives in the form, not in the migration; the model's
    CheckConstraint on TIME_ZONES is what the database enforces.
    """

    default_validators = [validate_time_zone]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 64)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        choices = TIME_ZONE_CHOICES
        if self.blank:
            choices = [("", "---------"), *choices]
        return forms.TypedChoiceField(
            choices=choices,
            required=not self.blank,
            label=capfirst(self.verbose_name),
            help_text=self.help_text,
        )


def localize(naive: datetime.datetime, zone_name: str) -> datetime.datetime:
    """Return the aware instant of a wall-clock time read in `zone_name`.

    Raises ValidationError for a time the clocks skip (spring forward). A
    time that happens twice (autumn back) is taken at its first occurrence.
    """
    zone = ZoneInfo(zone_name)
    aware = naive.replace(tzinfo=zone, fold=0)
    if aware.astimezone(datetime.UTC).astimezone(zone).replace(tzinfo=None) != naive:
        raise ValidationError(
            "%(time)s does not exist in %(zone)s: the clocks skip that hour. "
            "Enter the time as the venue's clocks will show it.",
            code="nonexistent_time",
            params={"time": f"{naive:%H:%M on %d %b %Y}", "zone": zone_name},
        )
    return aware


# The zone a visitor chose to read screening times in as well, kept for their visit (a
# browser-session cookie): festivals.views.time_zone.
ZONE_COOKIE = "zone"


def is_time_zone(value: str) -> bool:
    return value in TIME_ZONES


# What a page listing screenings declares it reads (`public_page(cookies=ZONE_CHOICE)`):
# the page cache keeps it once per zone, so the choice works without JavaScript.
ZONE_CHOICE = {ZONE_COOKIE: is_time_zone}


def chosen_zone(request) -> str | None:
    """The zone this visitor chose to see times in, if they chose one the site knows."""
    value = request.COOKIES.get(ZONE_COOKIE, "")
    return value if is_time_zone(value) else None


def zone_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Every zone to pick from, grouped by country, in the page's language: "Madrid time"."""
    return _zone_choices(get_language())


@functools.cache
def _zone_choices(language: str | None) -> list[tuple[str, list[tuple[str, str]]]]:
    groups: dict[str, list[tuple[str, str]]] = {}
    for zone, (country, _note) in ZONE_COUNTRIES.items():
        groups.setdefault(country_name(country) or country, []).append((zone, zone_in_words(zone)))
    return sorted(
        (
            (country, sorted(zones, key=lambda zone: fold(zone[1])))
            for country, zones in groups.items()
        ),
        key=lambda group: fold(group[0]),
    )
