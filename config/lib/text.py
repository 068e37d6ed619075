"""How names are compared and turned into URLs, whatever their accents or script."""

import functools
import unicodedata

from anyascii import anyascii
from django.utils.text import slugify


def one_spelling(text: str) -> str:
    """`text` in Unicode's composed form (NFC): one spelling of "Arón" whatever the keyboard sent.

    Some systems send accents decomposed (NFD): stored as sent, the same
    name could exist twice and would not be found by a search.
    """
    return unicodedata.normalize("NFC", text)


def strip_accents(text: str) -> str:
    """Return `text` without combining marks: "Arón Ángel" becomes "Aron Angel".

    Letters of other scripts stay as they are ("Қарағанды" is unchanged), so
    a Kazakh or Russian name is still findable in its own alphabet.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize(
        "NFC", "".join(char for char in decomposed if not unicodedata.combining(char))
    )


# Kazakh's own letters as the Russian ones people type for them ("Касымова" for
# "Қасымова"), so that both spellings meet in the same Latin letters.
_KAZAKH_AS_RUSSIAN = str.maketrans("ӘәҒғҚқҢңӨөҰұҮүҺһІі", "АаГгКкНнОоУуУуХхИи")


def in_latin_letters(text: str) -> str:
    """`text` in ASCII letters: "Әлия Қасымова" and "Алия Касымова" both give "Aliya Kasymova"."""
    return anyascii(one_spelling(text).translate(_KAZAKH_AS_RUSSIAN))


def fold(text: str) -> str:
    """Return `text` the way search compares it: in Latin letters, case folded, single spaces.

    Every script meets in one: "aliya", "Алия" and "Әлия" all fold to
    "aliya", so a name is found however the searcher types it.
    """
    return " ".join(in_latin_letters(text).casefold().split())


def make_slug(text: str) -> str:
    """Return a readable ASCII URL slug for `text`, in any script.

    "Arón Piper" gives "aron-piper"; "Әлия Қасымова" gives "aliya-kasymova".
    The admin's slug box asks the server for it (config/lib/admin.py), so the
    two always agree.
    """
    return slugify(in_latin_letters(text))


# The site's languages whose readers read names in Cyrillic letters; the others read Latin.
CYRILLIC_LANGUAGES = frozenset({"kk", "ru"})


def is_cyrillic(text: str) -> bool:
    """Whether `text` is written in Cyrillic letters (Kazakh's own included)."""
    return any("\u0400" <= char <= "\u04ff" for char in text)


def spelling_for(language: str | None, name: str, latin: str = "", cyrillic: str = "") -> str:
    """The spelling of a name that a reader of `language` reads.

    Kazakh and Russian pages show a name in Cyrillic letters, the others in
    Latin ones: `name` (as credited) when it is already in that script, else
    the spelling on record for it, else `name` itself.
    """
    wants_cyrillic = language in CYRILLIC_LANGUAGES
    if is_cyrillic(name) == wants_cyrillic:
        return name
    return (cyrillic if wants_cyrillic else latin) or name


def paragraphs_of(text: str) -> list[str]:
    """Plain text's paragraphs: the blocks between blank lines, trimmed, empty ones dropped."""
    return [block.strip() for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]


# Characters no file system or ZIP reader should meet in a name.
_UNSAFE = dict.fromkeys(map(ord, '/\\:*?"<>|'), " ")


@functools.lru_cache(maxsize=4096)  # Pages name the same files at every request.
def safe_filename(name: str, max_length: int = 150) -> str:
    """Return `name` as a safe file name: NFC, no paths or control characters, accents kept.

    "../Arón: Piper?.jpg" gives "Arón Piper.jpg".
    """
    name = one_spelling(name)
    name = "".join(" " if unicodedata.category(char)[0] == "C" else char for char in name)
    name = " ".join(name.translate(_UNSAFE).split()).lstrip(". ")
    stem, dot, extension = name.rpartition(".")
    if not dot or len(extension) > 10:
        stem, extension = name, ""
    stem = stem[: max_length - len(extension) - 1].rstrip(" .")
    return f"{stem}.{extension}" if extension else stem or "file"
