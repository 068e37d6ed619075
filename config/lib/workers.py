"""How the web workers run: how many processes serve the site, and how a process's threads
take turns building pages."""

import os
import threading
from collections import deque

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed

# The longest a request waits for a turn before it is told the site is too busy (503).
TURN_WAIT_SECONDS = 15.0


def web_workers() -> int:
    """WEB_CONCURRENCY if set, else one per core."""
    return int(os.environ.get("WEB_CONCURRENCY") or os.cpu_count() or 1)


class Turns:
    """At most `at_once` holders at a time; the others wait, and are let in in the order they came.

    A plain semaphore lets a newcomer take a turn just freed before a thread
    that has waited, so under load some requests wait far longer than
    others; here a freed turn is handed to the one that has waited longest.
    """

    def __init__(self, at_once: int):
        self._free = at_once
        self._waiting: deque[threading.Lock] = deque()
        self._lock = threading.Lock()

    def take(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for a turn: True once it is ours, False if none came."""
        with self._lock:
            if self._free and not self._waiting:
                self._free -= 1
                return True
            handed = threading.Lock()
            handed.acquire()
            self._waiting.append(handed)
        if handed.acquire(timeout=timeout):  # released by the holder who hands us its turn
            return True
        with self._lock:
            if handed in self._waiting:
                self._waiting.remove(handed)
                return False
        return True  # handed to us between the timeout and the lock: the turn is ours after all

    def give_back(self) -> None:
        """End a turn: it goes to the one waiting longest, or is free again."""
        with self._lock:
            if self._waiting:
                self._waiting.popleft().release()
            else:
                self._free += 1

    def waiting(self) -> int:
        """How many wait for a turn now."""
        with self._lock:
            return len(self._waiting)


class TooBusy(Exception):
    """No turn to build a page came within TURN_WAIT_SECONDS (answered with a 503)."""


def takes_no_turn(view):
    """Mark a view that sends a stored file: it waits on storage, builds nothing, takes no turn."""
    view.takes_turn = False
    return view


class PageTurnsMiddleware:
    """A process builds at most PAGES_AT_ONCE pages at a time; the other requests wait their turn.

    A worker's threads run Python one at a time (the GIL), so more pages
    built at once are not built sooner; they only contend. Every gettext
    and get_language() reads the active language from an asgiref `Local`,
    whose lock is taken on each read: with 8 requests building pages in one
    process, a thread switched out while holding it stalls the others in
    turn, and the process spends its time handing the interpreter around
    (config/gunicorn.py has the figures).

    A turn is taken once the view is known and lasts until the response
    has passed the middleware inside this one; it ends before the body is
    sent, so a slow network holds no turn. Only GET and HEAD take turns: a
    form or an upload is read at its sender's pace, and must neither wait
    nor keep pages waiting. Views that send stored files (`takes_no_turn`)
    take none: they wait on storage rather than build, and their bodies
    (a file, a range of one, a kit zipped as it is sent) go out after the
    view returns. Pages answered from the page cache, which stands outside
    this middleware, wait for no turn, nor do requests waiting for another
    thread to render the same page. A request that gets no turn within
    TURN_WAIT_SECONDS is told the site is too busy (TooBusy: a 503 that says
    so, config/views.py).
    """

    def __init__(self, get_response):
        if not settings.PAGES_AT_ONCE:
            raise MiddlewareNotUsed("PAGES_AT_ONCE is 0: every thread builds pages at once.")
        self.get_response = get_response
        self.turns = Turns(settings.PAGES_AT_ONCE)
        self.holding = threading.local()

    def __call__(self, request):
        self.holding.turn = False
        try:
            return self.get_response(request)
        finally:
            if self.holding.turn:
                self.holding.turn = False
                self.turns.give_back()

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in ("GET", "HEAD") or not getattr(view_func, "takes_turn", True):
            return None
        if not self.turns.take(timeout=TURN_WAIT_SECONDS):
            raise TooBusy(
                f"No turn to build {request.path} came within {TURN_WAIT_SECONDS:.0f} seconds: "
                f"{self.turns.waiting()} requests of this process are waiting."
            )
        self.holding.turn = True
        return None
