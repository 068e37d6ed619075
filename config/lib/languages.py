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
    language = get_language() or settings.LANGUAGE_CODE
    if language != settings.LANGUAGE_CODE and (named := cldr_name("language", code, language)):
        return named
    return LANGUAGE_NAMES.get(code, code)


@lru_cache(maxsize=4096)
def cldr_name(kind: str, code: str, language: str) -> str | None:
    """Unicode CLDR's name (through Babel) of a "language" or "country" code, in `language`.

    CLDR names them in Kazakh too, where Django and django-countries do not.
    Both codes are Django's ("pt-br", "zh-hans"). None for a code it does not know.
    """
    try:
        reader = Locale.parse(language, sep="-")
        if kind == "language":
            return Locale.parse(code, sep="-").get_display_name(reader)
        return reader.territories.get(code)
    except (UnknownLocaleError, ValueError):
        return None


@lru_cache(maxsize=512)
def endonym(code: str) -> tuple[str, str]:
    """A language's name in itself, capitalised as a label, with the code of the language
    that name is in: ("Español", "es"), ("Қазақ тілі", "kk"), ("Português (Brasil)",
    "pt-br"). Where CLDR does not know it, its English name: ("Interlingua", "en")."""
    named, language = cldr_name("language", code, code), code
    if not named:
        named, language = LANGUAGE_NAMES.get(code, code), "en"
    return named[:1].upper() + named[1:], language


def validate_language_codes(value) -> None:
    """Refuse anything but a list of known language codes."""
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError("Give a list of language codes, e.g. ['es', 'kk'].")
    unknown = [code for code in value if code not in LANGUAGE_NAMES]
    if unknown:
        raise ValidationError(
            "Unknown language code: %(codes)s.", params={"codes": ", ".join(unknown)}
        )
