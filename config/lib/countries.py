from functools import lru_cache

from babel import Locale, UnknownLocaleError
from django.conf import settings
from django.utils.translation import get_language
from django_countries import countries


@lru_cache(maxsize=4096)
def _name(code: str, language: str | None) -> str:
    if language and language != settings.LANGUAGE_CODE:
        # Unicode's CLDR (through Babel) names countries in Kazakh too; django-countries does not.
        try:
            named = Locale.parse(language).territories.get(code)
        except (UnknownLocaleError, ValueError):
            named = None
        if named:
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
