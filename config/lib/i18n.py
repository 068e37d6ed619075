"""The interface's languages: which one a page is in, and how a reader moves between them.

A page's language is in its address. English pages keep the addresses they
have always had; Spanish, Kazakh and Russian ones are the same addresses
under a prefix (/es/films/la-tregua/): `i18n_patterns` in config/urls.py,
read by Django's LocaleMiddleware. So a page has one language, the page
cache keeps each language's page under its own address, and a shared link
opens in the language it was shared in.

The browser's language (Accept-Language) is honoured once: a first visit
(no language cookie yet) to an English address, from a browser that
prefers Spanish, Kazakh or Russian, is sent to the same page in that
language, and the language is remembered in Django's language cookie. From
then on the reader decides, with the switch on every page
(`switch_language`), which remembers their choice the same way.
"""

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from .urls import reverse_path

# Each language's name in itself, as the switch offers it.
NATIVE_NAMES = {"en": "English", "es": "Español", "kk": "Қазақша", "ru": "Русский"}


def prepare_languages() -> None:
    """Read every language's catalogues and addresses now, not in the first requests.

    Django reads a language's catalogues, and works out its URLs, on its
    first use in a process; requests that arrive together at a new worker
    would each do it at once, and every page names itself in four languages.
    """
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("")
            reverse("switch-language", args=[code])


@lru_cache(maxsize=8192)  # every page names itself in four languages, on every render
def address_in(url: str, code: str) -> str:
    """`url`, a path on this site in any of its languages, as it reads in language `code`.

    An address that is not a page in several languages (a download
    checked elsewhere, /admin/, an unknown path) comes back unchanged.
    """
    language = translation.get_language_from_path(urlsplit(url).path) or settings.LANGUAGE_CODE
    # Resolving a prefixed path needs its own language active (LocalePrefixPattern).
    with translation.override(language):
        return translate_url(url, code)


def remember(response, code: str) -> None:
    """Keep `code` as the reader's language, in Django's language cookie."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def first_visit_address(request) -> tuple[str, str] | None:
    """Where a first visit goes instead, and in which language; None to answer it as asked.

    Only a GET of an English address, from a browser with no language
    cookie that prefers another of the site's languages.
    """
    if (
        request.method not in ("GET", "HEAD")
        or settings.LANGUAGE_COOKIE_NAME in request.COOKIES
        or not request.META.get("HTTP_ACCEPT_LANGUAGE")
        or translation.get_language_from_path(request.path_info)
    ):
        return None
    # With no cookie, Django reads the Accept-Language header.
    wanted = translation.get_language_from_request(request)
    if wanted == settings.LANGUAGE_CODE:
        return None
    here = request.get_full_path()
    there = address_in(here, wanted)
    return (there, wanted) if there != here else None


class FirstVisitLanguageMiddleware:
    """Send a first visit to its browser's language (see the module); first in MIDDLEWARE.

    The page cache's early answer (config/lib/page_cache.py) asks
    `first_visit_address()` too, so a cached English page is never served
    to such a visit.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (first_visit := first_visit_address(request)) is None:
            return self.get_response(request)
        there, code = first_visit
        response = HttpResponseRedirect(there)  # 302: the English address stays English
        remember(response, code)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response


@require_GET
def switch_language(request, code: str):
    """The language switch: the page the reader was on (`next`), in `code`, remembered."""
    if code not in NATIVE_NAMES:
        raise Http404("The site is not written in that language.")
    here = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        here, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        here = "/"
    response = HttpResponseRedirect(address_in(here, code))
    remember(response, code)
    return response


@dataclass(frozen=True, slots=True)
class Language:
    """One of the site's languages as a page offers it."""

    code: str
    name: str  # in itself
    address: str  # this page in it, in full (hreflang)
    switch: str  # the switch's link to it, which remembers the choice
    home_switch: str  # the same, to the home page, from a page that is no address of its own
    current: bool


def languages_of(request) -> dict:
    """What every page says about its languages: its own, and the page in each of them."""
    here = request.path
    current = translation.get_language()
    languages = [
        Language(
            code,
            name,
            settings.SITE_URL + address_in(here, code),
            reverse_path("switch-language", code) + "?" + urlencode({"next": here}),
            reverse_path("switch-language", code) + "?next=/",
            code == current,
        )
        for code, name in NATIVE_NAMES.items()
    ]
    return {
        "language_code": current,
        "languages": languages,
        "x_default": settings.SITE_URL + address_in(here, settings.LANGUAGE_CODE),
    }
