"""Whole-page cache for anonymous visitors that never shows what is no longer public.

Pages are stored under the current *generation* of public content. Saving
anything through the admin, the publishing service or the demo loader calls
`public_content_changed()`, which starts a new generation when the
transaction commits, so the very next request renders afresh. A generation
also knows when the next embargo lifts, and ends itself at that moment.

Only requests without a session cookie are served from the cache: they are
anonymous whatever the page does, so one rendering fits them all. Staff and
anyone logged in always get a fresh page. No page is kept longer than
PUBLIC_CACHE_SECONDS, which bounds how late a change made some other way (a
shell, raw SQL) can show.
"""

import hashlib
import secrets
import time
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import MiddlewareNotUsed
from django.db import transaction
from django.db.models import Min
from django.http import HttpResponse
from django.utils import timezone

from .models import Embargoable

GENERATION_KEY = "public-cache:generation"
PAGE_KEY = "public-cache:page:{generation}:{digest}"


def public_page(view):
    """Mark a view's responses as the same for every anonymous visitor, so they may be cached."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.public_page = True
        return response

    return wrapper


def public_content_changed() -> None:
    """Start a new generation of public pages once the current transaction commits."""
    transaction.on_commit(_start_generation)


def _next_embargo_lift() -> float | None:
    now = timezone.now()
    lifts = [
        model._default_manager.filter(embargo_until__gt=now).aggregate(next=Min("embargo_until"))[
            "next"
        ]
        for model in apps.get_models()
        if issubclass(model, Embargoable)
    ]
    lifts = [lift for lift in lifts if lift is not None]
    return min(lifts).timestamp() if lifts else None


def _start_generation() -> tuple[str, float | None]:
    state = (secrets.token_hex(6), _next_embargo_lift())
    cache.set(GENERATION_KEY, state, timeout=None)
    return state


def current_generation() -> str:
    state = cache.get(GENERATION_KEY)
    if state is None or (state[1] is not None and time.time() >= state[1]):
        state = _start_generation()
    return state[0]


class PublicPageCacheMiddleware:
    """Serve cached public pages to anonymous visitors before sessions and auth are touched.

    Place it after SecurityMiddleware and the CSP middleware (they add their
    headers to cached pages too) and before SessionMiddleware.
    """

    def __init__(self, get_response):
        if not settings.PUBLIC_CACHE_SECONDS:
            raise MiddlewareNotUsed("PUBLIC_CACHE_SECONDS is 0: public pages are not cached.")
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return self.get_response(request)
        digest = hashlib.blake2b(request.get_full_path().encode(), digest_size=16).hexdigest()
        key = PAGE_KEY.format(generation=current_generation(), digest=digest)
        if (stored := cache.get(key)) is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status, headers=headers)
            response["X-Public-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._storable(response):
            headers = {name: value for name, value in response.items() if name != "Set-Cookie"}
            cache.set(
                key,
                (response.status_code, headers, response.content),
                settings.PUBLIC_CACHE_SECONDS,
            )
            response["X-Public-Cache"] = "miss"
        return response

    @staticmethod
    def _storable(response) -> bool:
        return (
            getattr(response, "public_page", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
        )
