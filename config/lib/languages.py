"""Languages a film is spoken in, a quote is given in or a clipping is written in.

Codes are BCP 47 tags as Django knows them ("es", "kk", "pt-br"), so that
pages can put them straight into `lang` attributes and structured data.
"""

from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError

LANGUAGE_CHOICES = sorted(
    ((code, info["name"]) for code, info in LANG_INFO.items() if "name" in info),
    key=lambda choice: choice[1],
)
LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)


def language_name(code: str) -> str:
    """Return the English name of a language code, or the code itself if unknown."""
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
