"""Whole pages per audience, answered before the work a hit does not need.

A GET that hits is answered before Django's request handling starts, as
WhiteNoise answers static files: `serve_cached_pages()` wraps the WSGI
application (config/wsgi.py) and answers from this process's memory, with
the headers (security, CSP) the page was stored with. Everything else goes
on to Django, where `PageCacheMiddleware`, first in MIDDLEWARE, reads the
shared cache, renders what is missing once and stores it.

Audiences: pages are kept per audience, never per person. A visitor with no
cookies is the public (""). A signed-in visitor is answered from the cache
only with an audience *pass*: a signed cookie naming their audience (say
"press:Asia/Almaty"), given by the site's own middleware after it read the
visitor from the database (`keep_pass()`; presskit/accreditation/passes.py).
Anyone else with a session (staff, a journalist awaiting approval) is
rendered fresh. A pass is void when its audience's time is up (its `until`),
and every pass at once when `passes_changed()` runs (an accreditation
revoked, an account deactivated): the visitor's next request then goes to
Django, which reads them afresh and gives a new pass or takes it away. A
page rendered for an audience is stored only if the middleware did not have
to change the visitor's pass on the way, so what is stored for an audience
was rendered for a member of it. Such a page is sent `private` (a browser or
proxy must not keep what the public may not see), yet stored here for its
audience.

What a page is stored under: the scheme, the host (validated against
ALLOWED_HOSTS as Django does), the path and the query parameters its view
declares with `@public_page(query=...)`, in a fixed order. A query with any
other parameter is rendered but never stored, so `?x=1`, `?x=2`, ... cannot
fill the cache; links' tracking tags (`utm_*`, `fbclid`, ...) are ignored.
A page that reads a visitor's choice from a cookie (the zone they read
times in) declares it with `@public_page(cookies=...)`, and is kept once per
value it understands; other pages ignore the cookie.
A page that used the request's CSP nonce, set a cookie or is not a 200 is
never stored, so no nonce is ever shared between visitors.

Without the shared cache (Redis down, a full cache directory) every page is
rendered fresh, and the site goes on (config/lib/cache.py).

When a stored page stops being served: pages belong to a *generation*.
`content_changed()` starts a new one once the transaction commits (the admin,
the publishing services and the demo loader call it), and a generation ends
by itself at the next moment public pages change on their own, which the
domain says (settings.PUBLIC_CACHE_NEXT_CHANGE: an embargo lifting, a
screening starting). No page is kept longer than PUBLIC_CACHE_SECONDS,
which bounds how late a change made some other way (a shell, raw SQL) shows.

Where pages are kept: the shared cache (Redis with several servers, else
files on this machine) holds the generation and the pages; each process
also keeps the pages it served lately, so a hit costs one read of the
shared generation and nothing else.

Single flight: when a generation starts (an embargo lifts and two hundred
journalists reload), one process asks the database when the next change
is, and for each page one request renders while the others, in every
process, wait for it and serve what it stored. The locks are the shared
cache's `add`: atomic in Redis, and in the file cache through
config/lib/file_cache.py (Django's own lets two processes win).
"""

import functools
import hashlib
import json
import logging
import os
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import NamedTuple
from urllib.parse import parse_qsl, urlencode

import redis
from django.conf import settings
from django.core import signing
from django.core.exceptions import DisallowedHost, MiddlewareNotUsed
from django.core.handlers.wsgi import WSGIRequest
from django.db import DatabaseError, InterfaceError, OperationalError, transaction
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.module_loading import import_string

from .cache import shared
from .i18n import first_visit_address, language_of_path

# The keys name the shape of what they hold: a release that changes Page or
# Generation changes the prefix, so no process unpickles an older shape.
PREFIX = "page-cache:2:"
GENERATION_KEY = PREFIX + "generation"
GENERATION_LOCK = PREFIX + "generation-lock"
GENERATION_FAILED = PREFIX + "generation-failed"
# The token every audience pass carries; a new one voids every pass.
PASSES_KEY = PREFIX + "passes"
PASS_SALT = "config.lib.page_cache.pass"
PAGE_KEY = PREFIX + "page:{token}:{digest}"
PAGE_LOCK = PREFIX + "render-lock:{token}:{digest}"
# Query parameters no page reads: the tags mail and social links add.
TRACKING_PREFIXES = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")
# How long the others wait for the one rendering a page, or starting a generation.
WAIT_SECONDS = 10.0
POLL_SECONDS = 0.01
# After the database failed to start a generation, requests answer at once (503)
# for this long instead of each waiting on it in turn.
FAILURE_PAUSE_SECONDS = 5.0
# The longest the request that starts a generation may take, its pool's wait
# for a connection included; the others wait that long for its answer.
ASK_SECONDS = 30.0

logger = logging.getLogger(__name__)


# Every cookie some public page declares it reads, with what says a value is one it understands.
_PAGE_COOKIES: dict[str, Callable[[str], bool]] = {}


def public_page(
    view=None,
    *,
    query: tuple[str, ...] = (),
    cookies: dict[str, Callable[[str], bool]] | None = None,
):
    """Mark a view as showing every anonymous visitor the same page, so it may be cached.

    `query` names the query parameters the page depends on; give only
    those whose values come from a bounded set (a choice among published
    records, a page number the view checks), never free values such as
    dates. `cookies` names the cookies it reads (a visitor's choice kept for
    their visit), each with the function that says whether a value is one the
    page understands: the page is kept once per value understood, and a
    visitor with any other value gets the page of no choice. A view can
    still refuse to have one response stored by setting
    `response.page_cache = False` (a form with errors, say).
    """

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if cookies:
                patch_vary_headers(response, ["Cookie"])  # a proxy must tell the copies apart
            return response

        wrapper.page_cache_query = frozenset(query)
        wrapper.page_cache_cookies = tuple(cookies or ())
        _PAGE_COOKIES.update(cookies or {})
        return wrapper

    return decorate(view) if view is not None else decorate


def content_changed() -> None:
    """Start a new generation of public pages once the current transaction commits.

    Robust: the change has committed by then, and must not be reported as
    refused if this fails (logged; pages then follow within PUBLIC_CACHE_SECONDS).
    """
    transaction.on_commit(_start_generation, robust=True)


@dataclass(frozen=True)
class Generation:
    token: str
    ends_at: float | None  # when pages next change by themselves (epoch seconds)

    def is_over(self) -> bool:
        return self.ends_at is not None and time.time() >= self.ends_at


def _start_generation() -> Generation:
    next_change = import_string(settings.PUBLIC_CACHE_NEXT_CHANGE)()
    generation = Generation(
        token=secrets.token_hex(8),
        ends_at=next_change.timestamp() if next_change is not None else None,
    )
    shared.set(GENERATION_KEY, generation, timeout=None)
    _news.tell(generation)
    return generation


_generation_lock = threading.Lock()


def known_generation() -> Generation | None:
    """The generation pages are served from now, if known without asking the database.

    Told of each new one by the shared cache's notifications, a process
    asks nobody; otherwise it reads the shared cache. None when the last
    one is over (an embargo lifted) or unknown.
    """
    generation = _news.latest()
    if generation is None or generation.is_over():
        generation = shared.get(GENERATION_KEY)
    return generation if generation is not None and not generation.is_over() else None


def current_generation() -> Generation:
    """The generation pages are served from now, started anew when the last one is over.

    Starting one asks the database, once across the site. If the database
    cannot be reached, every request raises OperationalError (the site's
    503) at once for FAILURE_PAUSE_SECONDS rather than each waiting its turn.
    """
    if (generation := known_generation()) is not None:
        return generation
    _refuse_while_the_database_fails()
    with _generation_lock:  # one thread of this process asks; the others wait here
        generation = shared.get(GENERATION_KEY)
        if generation is not None and not generation.is_over():
            return generation
        _refuse_while_the_database_fails()
        return _ask_once_across_the_site()


def _ask_once_across_the_site() -> Generation:
    """One process across the site asks the database; the others wait for its answer."""
    if shared.add(GENERATION_LOCK, True, timeout=ASK_SECONDS):
        try:
            # Another process may have asked, and let go, between our look and our lock:
            # a second answer would be a second generation, and every page rendered twice.
            generation = shared.get(GENERATION_KEY)
            if generation is not None and not generation.is_over():
                return generation
            return _ask_the_database()
        finally:
            shared.delete(GENERATION_LOCK)  # a failure is recorded by now: waiters see it
    deadline = time.monotonic() + ASK_SECONDS
    while time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        generation = shared.get(GENERATION_KEY)
        if generation is not None and not generation.is_over():
            return generation
        if shared.get(GENERATION_LOCK) is None:
            _refuse_while_the_database_fails()  # the one asking could not reach it
            break  # it went away without an answer: ask ourselves
    return _ask_the_database()


_database_failed_until = 0.0  # time.monotonic() until which no request of this process asks


def _ask_the_database() -> Generation:
    try:
        return _start_generation()
    except (OperationalError, InterfaceError):  # unreachable or refusing; other errors are bugs
        global _database_failed_until
        _database_failed_until = time.monotonic() + FAILURE_PAUSE_SECONDS
        shared.set(GENERATION_FAILED, True, timeout=FAILURE_PAUSE_SECONDS)
        raise


def _refuse_while_the_database_fails() -> None:
    """Raise OperationalError if a request (of any process) could not reach the database lately."""
    if time.monotonic() < _database_failed_until or shared.get(GENERATION_FAILED):
        raise OperationalError(
            "The database could not be reached a moment ago to say when public content next "
            "changes; it is asked again in a few seconds."
        )


def forget_database_failures() -> None:
    """Let the next request ask the database at once (a test's clean slate)."""
    global _database_failed_until
    _database_failed_until = 0.0
    shared.delete(GENERATION_FAILED)


def public_generation() -> str | None:
    """The current generation's token, for other caches of public content; None without the cache."""
    return current_generation().token if shared.healthy() else None


def passes_changed() -> None:
    """Void every audience pass once the current transaction commits (see the module).

    Robust, as content_changed(): the change has committed. If the shared
    cache cannot record it, it is failing, so it answers no page, and it
    forgets every pass when it answers again.
    """
    transaction.on_commit(_void_passes, robust=True)


def _void_passes() -> None:
    token = secrets.token_hex(8)
    shared.set(PASSES_KEY, token, timeout=None)
    _news.tell_passes(token)


def _passes_token() -> str | None:
    return _news.passes() or shared.get(PASSES_KEY)


def pass_token() -> str | None:
    """The token to give passes with now; None while the shared cache fails.

    Read it before reading who the visitor is: a revocation that commits
    in between voids the pass given with it.
    """
    if (token := _passes_token()) is None:
        fresh = secrets.token_hex(8)
        shared.add(PASSES_KEY, fresh, timeout=None)
        if (token := shared.get(PASSES_KEY)) == fresh:
            _news.tell_passes(token)  # the first: every process hears it, and asks no more
    return token


@dataclass(frozen=True)
class Pass:
    audience: str
    token: str
    until: float  # epoch seconds
    session: str  # a digest of the session it was given in: worthless without that session

    def holds(self, token: str | None, session_key: str | None) -> bool:
        """Whether it still admits its holder: not voided, not run out, with its own session."""
        return (
            token is not None
            and self.token == token
            and time.time() < self.until
            and session_key is not None
            and self.session == _digest_of(session_key)
        )


def _digest_of(session_key: str) -> str:
    return hashlib.blake2b(session_key.encode(), digest_size=16).hexdigest()


def _pass_of(request) -> Pass | None:
    """The pass the visitor holds, if it is one this site signed (void or not)."""
    cookie = request.COOKIES.get(settings.PUBLIC_CACHE_PASS_COOKIE)
    return _signed_pass(cookie) if cookie else None


@functools.lru_cache(maxsize=4096)
def _signed_pass(cookie: str) -> Pass | None:
    """The pass a cookie holds if this site signed it: checked once per process and cookie.

    A signature does not change, so a journalist's every hit after the first
    skips the HMAC; whether the pass still admits is asked on each request.
    """
    try:
        return Pass(*signing.loads(cookie, salt=PASS_SALT))
    except (signing.BadSignature, TypeError):
        return None


def keep_pass(
    request,
    response,
    audience: str | None,
    *,
    token: str | None,
    until: float,
    session_key: str | None,
) -> None:
    """Have the visitor hold the pass of `audience` until `until` (epoch seconds), or none.

    Called with what the site read of the visitor afresh, the `token`
    pass_token() gave before that, and the visitor's session as it leaves
    this request (signing in changes its key, signing out ends it): the
    pass is bound to it, so a copy without that session cookie admits
    nobody. The cookie is set only when the pass the visitor holds is
    void, another audience's or half spent (a pass lasts at most
    PUBLIC_CACHE_PASS_SECONDS); a response that sets it is never stored.
    """
    name = settings.PUBLIC_CACHE_PASS_COOKIE
    if audience is None or session_key is None:
        if name in request.COOKIES:
            response.delete_cookie(name, samesite="Lax")
        return
    if token is None:
        return  # the shared cache fails: no page is answered from it anyway
    now = time.time()
    lasts = settings.PUBLIC_CACHE_PASS_SECONDS
    held = _pass_of(request)
    if (
        held is not None
        and held.audience == audience
        and held.holds(token, session_key)
        and held.until >= min(until, now + lasts / 2)
    ):
        return
    given = Pass(audience, token, min(until, now + lasts), _digest_of(session_key))
    response.set_cookie(
        name,
        signing.dumps([given.audience, given.token, given.until, given.session], salt=PASS_SALT),
        max_age=max(0, int(given.until - now)),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def pass_audience(request) -> str | None:
    """The audience of the pass the visitor holds, if it still admits them; else None."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return None
    return _audience(request) or None


def _audience(request) -> str | None:
    """Whose pages may answer this request: "" the public's, a pass's audience, None nobody's."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return ""  # a pass without a session is a signed-out visitor's leftover
    held = _pass_of(request)
    session_key = request.COOKIES[settings.SESSION_COOKIE_NAME]
    return held.audience if held and held.holds(_passes_token(), session_key) else None


def _chosen(request) -> str:
    """The visitor's choices this page reads (`public_page(cookies=...)`), as part of its key.

    Only values the page understands count: any other is read as no choice,
    by the page too, so cookies cannot fill the cache with copies of a page.
    The path is resolved only for a visitor who holds such a cookie.
    """
    held = {
        name: value
        for name, understood in _PAGE_COOKIES.items()
        if (value := request.COOKIES.get(name)) and understood(value)
    }
    if not held:
        return ""
    try:
        with translation.override(language_of_path(request.path_info)):
            reads = getattr(resolve(request.path_info).func, "page_cache_cookies", ())
    except Resolver404:
        return ""
    return "".join(f"|{name}={held[name]}" for name in reads if name in held)


def _forget_generation_after_a_failure() -> None:
    """When the shared cache answers again after failing, the next request starts a generation.

    A change made while it failed could not be written to it, so no page
    stored before may be trusted. No database work here: this runs on
    whichever thread noticed (the notifications listener, say).
    """
    shared.delete(GENERATION_KEY)
    shared.delete(PASSES_KEY)  # a pass voided meanwhile could not be recorded
    _news.forget()


class _News:
    """Every process hears of a new generation the moment it starts, through Redis pub/sub.

    With PUBLIC_CACHE_NEWS_URL (the Redis of REDIS_URL), a thread of each
    process listens on one channel; while it is subscribed, `latest()` is
    the generation last announced and `passes()` the passes' token, and a
    hit costs no round trip. It reads both from the shared cache after
    subscribing, so nothing announced before is missed; while it is not
    subscribed (starting, or Redis lost) both are None and every request
    reads the shared cache, as without Redis.
    """

    CHANNEL = PREFIX + "news"

    def __init__(self):
        self.generation: Generation | None = None
        self.passes_token: str | None = None
        self.listening = False
        self.lock = threading.Lock()
        self.pid: int | None = None
        self.redis: redis.Redis | None = None
        self.redis_pid: int | None = None

    def latest(self) -> Generation | None:
        return self.generation if self.heard_here() else None

    def passes(self) -> str | None:
        return self.passes_token if self.heard_here() else None

    def heard_here(self) -> bool:
        """Whether this process is listening (its listener started after a fork)."""
        if not settings.PUBLIC_CACHE_NEWS_URL:
            return False
        if self.pid != os.getpid():
            self.start()
        return self.listening

    def start(self) -> None:
        with self.lock:
            if self.pid == os.getpid():
                return
            self.pid = os.getpid()  # a forked worker starts its own listener
            self.listening, self.generation, self.passes_token = False, None, None
            threading.Thread(target=self.listen, name="page-cache-news", daemon=True).start()

    def listen(self) -> None:
        client = self.client()
        while True:
            try:
                channel = client.pubsub()
                channel.subscribe(self.CHANNEL)
                # Read the generation only once subscribed, so that none announced
                # in between is missed.
                while (message := channel.get_message(timeout=1.0)) is None or message[
                    "type"
                ] != "subscribe":
                    pass
                self.generation = shared.get(GENERATION_KEY)
                self.passes_token = shared.get(PASSES_KEY)
                self.listening = True
                pinged = time.monotonic()
                while True:
                    message = channel.get_message(timeout=1.0)
                    if message is not None and message["type"] == "message":
                        self.hear(json.loads(message["data"]))
                    # A Redis that stops answering must not leave this process trusting
                    # an old generation: ask it every few seconds. The passes' token is
                    # read again then too, in case an announcement was lost.
                    if time.monotonic() - pinged > 5:
                        channel.ping()
                        self.passes_token = shared.get(PASSES_KEY)
                        pinged = time.monotonic()
            except (redis.RedisError, OSError):
                if self.listening:
                    logger.warning("Page cache: lost Redis notifications; asking per request.")
                self.listening, self.generation, self.passes_token = False, None, None
                time.sleep(1)

    def hear(self, announced: dict | None) -> None:
        if announced is None:  # forget everything: the shared cache failed
            self.generation = self.passes_token = None
        elif "passes" in announced:
            self.passes_token = announced["passes"]
        else:
            self.generation = Generation(**announced)

    def client(self) -> redis.Redis:
        """This process's connection for announcements (made after the fork)."""
        if self.redis is None or self.redis_pid != os.getpid():
            self.redis_pid = os.getpid()
            self.redis = redis.Redis.from_url(
                settings.PUBLIC_CACHE_NEWS_URL, socket_connect_timeout=0.5, socket_timeout=2
            )
        return self.redis

    def tell(self, generation: Generation) -> None:
        """Announce a new generation to every process (this one included)."""
        self._announce({"token": generation.token, "ends_at": generation.ends_at})

    def tell_passes(self, token: str) -> None:
        """Announce the passes' new token: every pass given before is void."""
        self._announce({"passes": token})

    def forget(self) -> None:
        """Tell every process that no generation or token is known: their next request asks."""
        self._announce(None)

    def _announce(self, message: dict | None) -> None:
        if not settings.PUBLIC_CACHE_NEWS_URL or not shared.healthy():
            return  # listeners cannot hear either; they read the shared cache meanwhile
        self.hear(message)
        try:
            self.client().publish(self.CHANNEL, json.dumps(message))
        except (redis.RedisError, OSError) as error:
            logger.warning("Page cache: could not announce a new generation (%s).", error)


_news = _News()
shared.on_recovery(_forget_generation_after_a_failure)


@dataclass(frozen=True)
class Page:
    status: int
    reason: str
    headers: tuple[tuple[str, str], ...]
    content: bytes
    stored_at: float

    def is_fresh(self) -> bool:
        return time.time() - self.stored_at <= settings.PUBLIC_CACHE_SECONDS

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content, status=self.status, headers=dict(self.headers))
        response["X-Public-Cache"] = "hit"
        return response

    def answer(self, start_response) -> list[bytes]:
        """The page as a WSGI application answers it."""
        start_response(f"{self.status} {self.reason}", [*self.headers, ("X-Public-Cache", "hit")])
        return [self.content]


class _Memory:
    """The pages this process served lately, the most used last; its WSGI layer and middleware share it."""

    def __init__(self):
        self.pages: OrderedDict[str, Page] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> Page | None:
        with self.lock:
            page = self.pages.get(key)
            if page is None:
                return None
            if not page.is_fresh():
                del self.pages[key]
                return None
            self.pages.move_to_end(key)
            return page

    def keep(self, key: str, page: Page) -> None:
        with self.lock:
            self.pages[key] = page
            self.pages.move_to_end(key)
            while len(self.pages) > settings.PUBLIC_CACHE_MEMORY_PAGES:
                self.pages.popitem(last=False)


_memory = _Memory()


class _Address(NamedTuple):
    key: str
    lock: str  # the render lock
    query: str
    audience: str


def _page_key(request) -> _Address | None:
    """Where a GET's page is kept, if it may be answered from the cache; else None.

    Raises DisallowedHost for a host the site does not serve.
    """
    if (
        request.method != "GET"
        or request.path.startswith(settings.STATIC_URL)
        or not shared.healthy()  # without the shared cache, every page is rendered fresh
        or (audience := _audience(request)) is None
        # A first visit in another language is sent there (config/lib/i18n.py).
        or first_visit_address(request) is not None
    ):
        return None
    query = _query(request)
    digest = hashlib.blake2b(
        f"{audience}{_chosen(request)}|{request.scheme}://{request.get_host()}{request.path}?{query}".encode(),
        digest_size=16,
    ).hexdigest()
    generation = known_generation()
    if generation is None:
        if not _declares(request, query):
            return None  # not a public page (/healthz, a download): never waits on the database
        generation = current_generation()
    token = generation.token
    return _Address(
        PAGE_KEY.format(token=token, digest=digest),
        PAGE_LOCK.format(token=token, digest=digest),
        query,
        audience,
    )


def serve_cached_pages(application):
    """Wrap a WSGI application: answer anonymous GETs this process has in memory, before Django.

    A miss, and anything the lookup cannot judge (a host the site does not
    serve, say), goes on to Django, which answers it as usual.
    """
    if not settings.PUBLIC_CACHE_SECONDS:
        return application

    def serve(environ, start_response):
        if environ.get("REQUEST_METHOD") == "GET":
            request = WSGIRequest(environ)
            try:
                address = _page_key(request)
            except (DisallowedHost, DatabaseError):
                address = None  # Django answers it: 400, or its clear 503 page
            if address is not None and (page := _memory.get(address.key)) is not None:
                return page.answer(start_response)
        return application(environ, start_response)

    return serve


class _Flight:
    """Requests of one process waiting for the same page."""

    def __init__(self):
        self.done = threading.Event()
        self.page: Page | None = None


class PageCacheMiddleware:
    """Serve and store whole public pages for anonymous visitors (see the module)."""

    def __init__(self, get_response):
        if not settings.PUBLIC_CACHE_SECONDS:
            raise MiddlewareNotUsed("PUBLIC_CACHE_SECONDS is 0: public pages are not cached.")
        self.get_response = get_response
        self.flights: dict[str, _Flight] = {}
        self.flights_lock = threading.Lock()

    def __call__(self, request):
        address = _page_key(request)
        if address is None:
            return self.get_response(request)
        key, query = address.key, address.query
        if (page := _memory.get(key)) is not None:
            return page.response()
        if not _declares(request, query):
            return self.get_response(request)
        if (page := _recall(key)) is not None:
            return page.response()
        return self._render_once(request, address)

    def _render_once(self, request, address: _Address):
        """Render the page once for every waiting request of every process, and store it."""
        key, lock = address.key, address.lock
        with self.flights_lock:
            flight = self.flights.get(key)
            leading = flight is None
            if leading:
                flight = self.flights[key] = _Flight()
        if not leading:
            flight.done.wait(WAIT_SECONDS)
            return flight.page.response() if flight.page else self.get_response(request)
        try:
            if shared.add(lock, True, timeout=WAIT_SECONDS):
                try:
                    # Another process may have stored it between our look and our lock.
                    if (page := _recall(key)) is not None:
                        flight.page = page
                        return page.response()
                    response = self.get_response(request)
                    flight.page = _store(address, request, response)
                finally:
                    shared.delete(lock)
                return response
            # Another process renders it: wait for what it stores.
            deadline = time.monotonic() + WAIT_SECONDS
            while time.monotonic() < deadline:
                time.sleep(POLL_SECONDS)
                if (page := _recall(key)) is not None:
                    flight.page = page
                    return page.response()
                if shared.get(lock) is None and (page := _recall(key)) is None:
                    break  # it rendered something that cannot be stored (a 404): render ours
            response = self.get_response(request)
            flight.page = _store(address, request, response)
            return response
        finally:
            flight.done.set()
            with self.flights_lock:
                self.flights.pop(key, None)


def _declares(request, query: str) -> bool:
    """Whether this address is a public page whose every query parameter it declares."""
    # Before any middleware (serve_cached_pages): the path is resolved in its own
    # language, whatever this thread served last (config/lib/i18n.py).
    try:
        with translation.override(language_of_path(request.path_info)):
            declared = getattr(resolve(request.path_info).func, "page_cache_query", None)
    except Resolver404:
        return False
    if declared is None:
        return False
    names = [name for name, _ in parse_qsl(query, keep_blank_values=True)]
    return len(names) == len(set(names)) and set(names) <= declared


def _recall(key: str) -> Page | None:
    """The page from the shared cache, kept in this process's memory too."""
    page = shared.get(key)
    if page is None or not page.is_fresh():
        return None
    _memory.keep(key, page)
    return page


def _store(address: _Address, request, response) -> Page | None:
    if not _storable(request, response, address.audience):
        return None
    page = Page(
        status=response.status_code,
        reason=response.reason_phrase,
        headers=tuple(response.items()),
        content=response.content,
        stored_at=time.time(),
    )
    shared.set(address.key, page, settings.PUBLIC_CACHE_SECONDS)
    _memory.keep(address.key, page)
    response["X-Public-Cache"] = "miss"
    return page


def _query(request) -> str:
    """The query string without tracking tags, its parameters in a fixed order."""
    raw = request.META.get("QUERY_STRING", "")
    if not raw:
        return ""
    pairs = [
        (name, value)
        for name, value in parse_qsl(raw, keep_blank_values=True)
        if not name.startswith(TRACKING_PREFIXES)
    ]
    return urlencode(sorted(pairs))


def _storable(request, response, audience: str) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and getattr(response, "page_cache", True) is not False
        # Stored under its one spelling only: "?page=01" or "?city=SAN+sebastian" is
        # rendered, but a flood of spellings cannot fill the cache.
        and _query(request) == getattr(response, "page_cache_query", "")
        and not response.streaming
        # A cookie set on the way (a pass given or taken back, a CSRF token) is
        # this visitor's own, and says the page was not rendered for the audience
        # the request claimed.
        and not response.cookies
        # An audience's pages are sent private yet kept here for that audience.
        and (audience or ("private" not in cache_control and "no-store" not in cache_control))
        and "'nonce-" not in response.get("Content-Security-Policy", "")
    )


def canonical_query(response, pairs) -> None:
    """Say the one spelling of the query this page is stored under: (name, value) pairs.

    A view that declares query parameters sets it from what it understood;
    a request spelled any other way is rendered but not stored.
    """
    response.page_cache_query = urlencode(sorted((name, str(value)) for name, value in pairs))
