"""Views for the page cache's tests: one that counts its renderings, one that uses the CSP nonce."""

import threading
import time

from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.urls import include, path

from config.lib.page_cache import public_page

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


urlpatterns = [
    path("slow/", slow),
    path("nonce/", with_nonce),
    path("", include("config.urls")),
]
