from functools import lru_cache

from django.conf import settings
from django.utils.translation import get_language
from django_countries import countries

from .languages import cldr_name


@lru_cache(maxsize=4096)
def _name(code: str, language: str | None) -> str:
    if (
        language
        and language != settings.LANGUAGE_CODE
        and (named := cldr_name("country", code, language))
    ):
        return named
    return str(countries.name(code))


def country_name(country) -> str:
    """The name of a country (a django-countries Country or a code), in the active language.

    In English, django-countries' names, as the admin shows them; in the
    other languages, CLDR's. Names are remembered per code and language:
    a page names the same few countries many times.
    """
    code = getattr(country, "code", country)
    return _name(code, get_language()) if code else ""
