"""Pages take turns: a worker process builds a few at a time, and the other requests wait.

`PageTurnsMiddleware` says why and which requests; `Turns` is the queue.
"""

import logging
import threading
from collections import deque

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.utils.module_loading import import_string

from .page_cache import WAIT_SECONDS

# The longest a request waits for a turn before it is told the site is too busy (503).
# Under the page cache's wait (WAIT_SECONDS): while one request waits for its turn to
# render a page, and renders it, the others asking for the same page wait for it rather
# than give up and render it too. If it is told the site is too busy, they each render
# (and wait their own turn): a 503 is not kept.
TURN_WAIT_SECONDS = WAIT_SECONDS / 2

logger = logging.getLogger(__name__)


class Turns:
    """At most `at_once` holders at a time; the others wait, and are let in in the order they came.

    A plain semaphore lets a newcomer take a turn just freed before a thread
    that has waited, so under load some requests wait far longer than
    others; here a freed turn is handed to the one that has waited longest.
    """

    # What a waiter waits on, held until a turn is handed to it (a test replaces it).
    waiter = threading.Lock

    def __init__(self, at_once: int):
        self._free = at_once
        self._waiting: deque[threading.Lock] = deque()
        self._queue_lock = threading.Lock()

    def take(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for a turn: True once it is ours, False if none came."""
        with self._queue_lock:
            if self._free and not self._waiting:
                self._free -= 1
                return True
            handed = self.waiter()
            handed.acquire()
            self._waiting.append(handed)
        if handed.acquire(timeout=timeout):  # released by the holder who hands us its turn
            return True
        with self._queue_lock:
            if handed in self._waiting:
                self._waiting.remove(handed)
                return False
        return True  # handed to us between the timeout and the lock: the turn is ours after all

    def give_back(self) -> None:
        """End a turn: it goes to the one waiting longest, or is free again."""
        with self._queue_lock:
            if self._waiting:
                self._waiting.popleft().release()
            else:
                self._free += 1

    def waiting(self) -> int:
        """How many wait for a turn now."""
        with self._queue_lock:
            return len(self._waiting)


def takes_no_turn(view):
    """Mark a view that sends a stored file: it mostly waits on storage, so it takes no turn."""
    view.takes_turn = False
    return view


class PageTurnsMiddleware:
    """A process runs at most PAGES_AT_ONCE page views (GET, HEAD) at a time; the others wait.

    A worker's threads run Python one at a time (the GIL), so more pages
    built at once are not built sooner; they only contend. Every gettext
    and get_language() reads the active language from an asgiref `Local`,
    whose lock is taken on each read: with 8 requests building pages in one
    process, a thread switched out while holding it stalls the others in
    turn, and the process spends its time handing the interpreter around
    (config/gunicorn.py has the figures).

    A GET or HEAD request takes a turn once its view is known, and gives
    it back when its response has passed the middleware inside this one,
    before the body is sent: a slow network holds no turn. POST requests
    take none: an upload is read at its sender's pace, and must neither wait
    nor keep pages waiting. Nor do views marked `takes_no_turn` (a picture's
    file): they wait on storage rather than build. The page cache stands
    outside this middleware: a page answered from it, or a request waiting
    (up to WAIT_SECONDS) for another to render the same page, holds no turn.
    A request that gets no turn within TURN_WAIT_SECONDS is answered by
    PAGES_TOO_BUSY_VIEW: a 503 that says the site is too busy.
    """

    def __init__(self, get_response):
        if not settings.PAGES_AT_ONCE:
            raise MiddlewareNotUsed("PAGES_AT_ONCE is 0: every thread builds pages at once.")
        self.get_response = get_response
        self.turns = Turns(settings.PAGES_AT_ONCE)
        self.too_busy = import_string(settings.PAGES_TOO_BUSY_VIEW)

    def __call__(self, request):
        try:
            return self.get_response(request)
        finally:
            if getattr(request, "presskit_page_turn", False):
                request.presskit_page_turn = False
                self.turns.give_back()

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in ("GET", "HEAD") or not getattr(view_func, "takes_turn", True):
            return None
        if not self.turns.take(timeout=TURN_WAIT_SECONDS):
            logger.warning(
                "No turn to build %r came within %g seconds: %d requests of this process wait.",
                request.path,
                TURN_WAIT_SECONDS,
                self.turns.waiting(),
            )
            return self.too_busy(request)
        request.presskit_page_turn = True
        return None
