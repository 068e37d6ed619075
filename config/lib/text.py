"""How names are compared and turned into URLs, whatever their accents or script."""

import unicodedata

from django.utils.text import slugify


def strip_accents(text: str) -> str:
    """Return `text` without combining marks: "Arón Ángel" becomes "Aron Angel".

    Letters of other scripts stay as they are ("Қарағанды" is unchanged), so
    a Kazakh or Russian name is still findable in its own alphabet.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize(
        "NFC", "".join(char for char in decomposed if not unicodedata.combining(char))
    )


def fold(text: str) -> str:
    """Return `text` the way search compares it: no accents, case folded, single spaces."""
    return " ".join(strip_accents(text).casefold().split())


def make_slug(text: str) -> str:
    """Return a URL slug for `text`: Latin accents dropped, other scripts kept.

    "Arón Piper" gives "aron-piper"; "Қарағанды" gives "қарағанды".
    """
    return slugify(strip_accents(text), allow_unicode=True)
