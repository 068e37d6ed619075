"""Languages a film is spoken in, a quote is given in or a clipping is written in.

Codes are BCP 47 tags as Django knows them ("es", "kk", "pt-br"), so that
pages can put them straight into `lang` attributes and structured data.
"""

from functools import lru_cache

from babel import Locale, UnknownLocaleError
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.utils.translation import get_language

LANGUAGE_CHOICES = sorted(
    ((code, info["name"]) for code, info in LANG_INFO.items() if "name" in info),
    key=lambda choice: choice[1],
)
LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)


def language_name(code: str) -> str:
    """The name of a language code in the active language (CLDR's), or in English, or the code."""
    return _name_in(code, get_language())


@lru_cache(maxsize=1024)
def _name_in(code: str, language: str | None) -> str:
    if language and language != settings.LANGUAGE_CODE:
        try:
            named = Locale.parse(language).languages.get(code.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            named = None
        if named:
            return named
    return LANGUAGE_NAMES.get(code, code)


def validate_language_codes(value) -> None:
    """Refuse anything but a list of known language codes."""
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError("Give a list of language codes, e.g. ['es', 'kk'].")
    unknown = [code for code in value if code not in LANGUAGE_NAMES]
    if unknown:
        raise ValidationError(
            "Unknown language code: %(codes)s.", params={"codes": ", ".join(unknown)}
        )
