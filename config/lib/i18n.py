"""The interface's languages: which one a page is in, and how a reader moves between them.

A page's language is in its address. English pages keep the addresses they
have always had; Spanish, Kazakh and Russian ones are the same addresses
under a prefix (/es/films/la-tregua/): `i18n_patterns` in config/urls.py,
read by Django's LocaleMiddleware. So a page has one language, the page
cache keeps each language's page under its own address, and a shared link
opens in the language it was shared in. `PathLanguageMiddleware` makes that
language the thread's at the very start of a request, so that nothing
answered before LocaleMiddleware runs (a cached page's lookup, a 400 or
503 page) speaks the language of the request the thread served before.

The browser's language (Accept-Language) is honoured once: a first visit
(no language cookie yet) to an English page, from a browser that prefers
Spanish, Kazakh or Russian, is sent to the same page in that language, and
the language is remembered in Django's language cookie. From then on the
reader decides, with the switch on every page (`switch_language`), which
remembers their choice the same way. Feeds, calendars and downloads are
never redirected: the programs that fetch them keep no cookies.
"""

from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core import checks
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from .urls import reverse_path

# Each language's name in itself, as the switch offers it, in the order of settings.LANGUAGES.
NATIVE_NAMES = {"en": "English", "es": "Español", "kk": "Қазақша", "ru": "Русский"}


def language_of_path(path: str) -> str:
    """The language of an address on this site: its prefix's, else the default (English)."""
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


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


def address_in(url: str, code: str) -> str:
    """`url`, a path on this site in any of its languages, as it reads in language `code`.

    An address that is not a page in several languages (/admin/, an unknown
    path) comes back unchanged.
    """
    # Resolving a prefixed path needs its own language active (LocalePrefixPattern).
    with translation.override(language_of_path(urlsplit(url).path)):
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

    Only a browser opening an English page (it asks for HTML; not a feed
    reader or a calendar), with no language cookie and not coming from
    another page of this site, that prefers another of the site's languages.
    """
    meta = request.META
    if (
        request.method != "GET"
        or settings.LANGUAGE_COOKIE_NAME in request.COOKIES
        or not meta.get("HTTP_ACCEPT_LANGUAGE")
        or "text/html" not in meta.get("HTTP_ACCEPT", "")
        or translation.get_language_from_path(request.path_info)
        or urlsplit(meta.get("HTTP_REFERER", "")).netloc == request.get_host()
    ):
        return None
    # With no cookie, Django reads the Accept-Language header.
    wanted = translation.get_language_from_request(request)
    if wanted == settings.LANGUAGE_CODE:
        return None
    here = request.get_full_path()
    there = address_in(here, wanted)
    return (there, wanted) if there != here else None


class PathLanguageMiddleware:
    """First in MIDDLEWARE: the thread speaks the language of the address it answers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        translation.activate(language_of_path(request.path_info))
        return self.get_response(request)


class FirstVisitLanguageMiddleware:
    """Send a first visit to its browser's language (see the module).

    The page cache answers no such visit (config/lib/page_cache.py), so it
    reaches this middleware, after SecurityMiddleware.
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
    current = translation.get_language()
    match = request.resolver_match
    addresses = {}
    for code in NATIVE_NAMES:
        if match is None:  # not a page of the site (a 404 before any view): its home
            addresses[code] = address_in("/", code)
            continue
        with translation.override(code):
            addresses[code] = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    here = request.path
    languages = [
        Language(
            code,
            name,
            settings.SITE_URL + addresses[code],
            reverse_path("switch-language", code) + "?" + urlencode({"next": here}),
            reverse_path("switch-language", code) + "?next=/",
            code == current,
        )
        for code, name in NATIVE_NAMES.items()
    ]
    return {
        "language_code": current,
        "languages": languages,
        "x_default": settings.SITE_URL + addresses[settings.LANGUAGE_CODE],
        "canonical_url": settings.SITE_URL + addresses.get(current, here),
    }


@checks.register(checks.Tags.translation)
def compiled_catalogues(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Each language's catalogue must be compiled, and not older than what it is compiled from."""
    problems = []
    for folder in settings.LOCALE_PATHS:
        for code, _name in settings.LANGUAGES:
            source = folder / code / "LC_MESSAGES" / "django.po"
            compiled = source.with_suffix(".mo")
            if not source.exists():
                continue
            if not compiled.exists() or compiled.stat().st_mtime < source.stat().st_mtime:
                problems.append(
                    checks.Error(
                        f"The {code} catalogue {source} is not compiled, or changed since: "
                        "its pages would show English.",
                        hint="`make run`, `make serve` and `make test` compile it first; or "
                        f"run `pybabel compile -i {source} -o {compiled}`.",
                        id="config.E002",
                    )
                )
    return problems
