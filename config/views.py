"""The site's own addresses, not about any film: robots.txt, the load balancers' check, and
the pages that answer when a part of the site fails."""

import logging
import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFilesSent
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from .lib.cache import shared
from .lib.db import is_disk_full

logger = logging.getLogger(__name__)


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /language/",  # the language switch: a redirect that sets a cookie
        # Links a press office shares with one person (presskit/previews.py), in every language.
        *(
            f"Disallow: {prefix}/preview/"
            for prefix in (
                "",
                *(
                    f"/{code}"
                    for code, _name in settings.LANGUAGES
                    if code != settings.LANGUAGE_CODE
                ),
            )
        ),
        f"Sitemap: {settings.SITE_URL}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers: "ok", or "degraded" (200) when the shared cache is failing.

    A failing cache slows the site but stops nothing: every page is then
    rendered fresh. The database is not asked: a load balancer polls this
    often, and a page that needs the database says so itself (503).
    """
    shared.get("healthz")  # notices a cache that has stopped, or started again
    if not shared.healthy():
        return HttpResponse(
            "degraded: the shared cache does not answer; pages are rendered fresh\n",
            content_type="text/plain",
        )
    return HttpResponse("ok", content_type="text/plain")


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400: what was wrong with the request, in words, and that nothing was saved."""
    if isinstance(exception, TooManyFilesSent):
        most = settings.DATA_UPLOAD_MAX_NUMBER_FILES
        message = ngettext(
            "That was more files than one upload takes: at most %(num)d at once. Nothing was "
            "saved. Go back and choose fewer files, or upload them in several goes.",
            "That was more files than one upload takes: at most %(num)d at once. Nothing was "
            "saved. Go back and choose fewer files, or upload them in several goes.",
            most,
        ) % {"num": most}
    elif isinstance(exception, RequestDataTooBig):
        message = gettext(
            "That form was larger than the server takes (%(megabytes)d MB of text). Nothing "
            "was saved. Go back (your browser keeps what you typed) and shorten the longest "
            "field."
        ) % {"megabytes": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)}
    else:
        message = gettext("The request could not be understood, so nothing was done.")
    return render(request, "400.html", {"message": message}, status=400)


def failed_part(request: HttpRequest, error: BaseException) -> HttpResponse | None:
    """A 503 that says which part failed (a full disk, the database), or None for anything else.

    Nothing here touches the database or the cache: they may be what failed.
    """
    if is_disk_full(error):
        logger.error("The disk is full: %s", error, exc_info=error)
        return unavailable(
            request,
            gettext(
                "The server's disk is full. Nothing you sent was saved, and nothing was left "
                "half-saved; the press office has been told. Please try again later."
            ),
        )
    # Unreachable, refusing connections, or timed out. A refused write (IntegrityError)
    # or a bad query (ProgrammingError) is a bug, and gets the 500 page.
    if isinstance(error, (OperationalError, InterfaceError)):
        logger.error("The database failed: %s", error, exc_info=error)
        return unavailable(
            request,
            gettext(
                "The press office's database does not answer just now. Nothing you sent was "
                "saved, and nothing was half-saved. Please try again in a minute."
            ),
        )
    return None


class FailedPartMiddleware:
    """A view stopped by a failing part answers with failed_part()'s 503, not a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        return failed_part(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500. A part that fails outside any view (in a middleware) still gets its 503."""
    error = sys.exc_info()[1]
    if error is not None and (response := failed_part(request, error)) is not None:
        return response
    return HttpResponse(render_to_string("500.html"), status=500)


def too_busy(request: HttpRequest) -> HttpResponse:
    """The 503 of a page that got no turn to be built in time (config/lib/turns.py)."""
    return unavailable(
        request,
        gettext(
            "The site is very busy just now, and this page could not be prepared in time. "
            "Please try again in a few seconds."
        ),
        retry_after=10,
    )


def unavailable(
    request: HttpRequest,
    message: str,
    retry_after: int = 60,
    heading: str = _("Temporarily unavailable"),
) -> HttpResponse:
    """A clear "temporarily unavailable" page (503) saying when to try again."""
    response = render(request, "503.html", {"message": message, "heading": heading}, status=503)
    response.headers["Retry-After"] = str(retry_after)
    return response
