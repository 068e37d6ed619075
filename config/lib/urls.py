from functools import lru_cache

from django.urls import reverse


@lru_cache(maxsize=4096)
def reverse_path(name: str, *args) -> str:
    """`reverse(name, args=args)`, remembered: a page links to dozens of records.

    Django's reverse() costs tens of microseconds; the URL of a named route
    with given arguments never changes while the process runs.
    """
    return reverse(name, args=args or None)
