"""Views for the page cache's tests: one that counts its renderings, and pages it must not keep."""

import threading
import time

from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.urls import path
from django.utils.cache import patch_cache_control

from config import urls as site_urls
from config.lib.page_cache import public_page
from config.urls import handler400, handler500  # noqa: F401 (the site's own)

renders = []
_lock = threading.Lock()


@public_page
def slow(request):
    """Takes a while to render, as a page whose embargo just lifted does; counts each rendering."""
    with _lock:
        renders.append(request.path)
    time.sleep(0.2)
    return HttpResponse(f"rendered {len(renders)}")


@public_page
def with_nonce(request):
    return HttpResponse(f'<script nonce="{get_nonce(request)}">go()</script>')


@public_page
def private(request):
    renders.append(request.path)
    response = HttpResponse("for one reader only")
    patch_cache_control(response, private=True)
    return response


@public_page
def with_cookie(request):
    renders.append(request.path)
    response = HttpResponse("welcome")
    response.set_cookie("visited", "yes")
    return response


urlpatterns = [
    path("slow/", slow),
    path("nonce/", with_nonce),
    path("private/", private),
    path("cookie/", with_cookie),
    *site_urls.urlpatterns,  # the site's own, in its languages (i18n_patterns is not included)
]
