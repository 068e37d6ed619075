from functools import lru_cache

from django.utils.translation import get_language
from django_countries import countries


@lru_cache(maxsize=1024)
def _name(code: str, language: str | None) -> str:
    return str(countries.name(code))


def country_name(country) -> str:
    """The name of a country (a django-countries Country or a code), in the active language.

    django-countries builds its translated table on every lookup; a page
    names the same few countries many times, so names are remembered per
    code and language.
    """
    code = getattr(country, "code", country)
    return _name(code, get_language()) if code else ""
