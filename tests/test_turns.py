"""A worker process builds a few pages at a time; the other requests wait their turn, in order
(config/lib/turns.py)."""

import threading
import time

import pytest
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import resolve

from config.lib import turns as page_turns
from config.lib.page_cache import WAIT_SECONDS
from config.lib.turns import TURN_WAIT_SECONDS, PageTurnsMiddleware, Turns, takes_no_turn

from .factories import make_film

WAIT = 5  # seconds: what a thread that should get in is given; never reached when it works
GLIMPSE = 0.2  # seconds: how long a thread that must not get in is watched


# The turns themselves ------------------------------------------------------


class Queue:
    """Threads that each wait for a turn, in the order started, recording when they get one."""

    def __init__(self, turns: Turns):
        self.turns = turns
        self.came_in: list[str] = []
        self.threads: list[threading.Thread] = []
        self.errors: list[BaseException] = []

    def join(self, *names: str) -> None:
        for name in names:
            thread = threading.Thread(target=self.wait_for_a_turn, args=(name,))
            thread.start()
            self.threads.append(thread)
            deadline = time.monotonic() + WAIT
            while self.turns.waiting() < len(self.threads) - len(self.came_in):
                assert time.monotonic() < deadline, f"{name} never started waiting"
                time.sleep(0.001)

    def wait_for_a_turn(self, name: str) -> None:
        try:
            assert self.turns.take(timeout=WAIT)
            self.came_in.append(name)
            self.turns.give_back()
        except BaseException as error:  # seen by the test, not lost in a thread
            self.errors.append(error)

    def finish(self) -> list[str]:
        for thread in self.threads:
            thread.join(WAIT)
            assert not thread.is_alive()
        assert not self.errors, self.errors
        return self.came_in


def test_those_who_wait_get_in_in_the_order_they_came():
    turns = Turns(1)
    assert turns.take(timeout=0)  # a page being built
    queue = Queue(turns)
    queue.join("first", "second", "third")

    turns.give_back()

    assert queue.finish() == ["first", "second", "third"]
    assert turns.take(timeout=0), "every turn was given back"


def test_a_turn_freed_goes_to_who_waited_not_to_who_just_came():
    """Else, under load, a request can be passed over again and again (the worst page times)."""
    turns = Turns(1)
    assert turns.take(timeout=0)
    queue = Queue(turns)
    queue.join("waited")

    turns.give_back()
    assert turns.take(timeout=WAIT)  # a request that comes the moment the turn is freed
    queue.came_in.append("just came")
    turns.give_back()

    assert queue.finish() == ["waited", "just came"]


def test_a_wait_that_runs_out_leaves_the_queue_and_the_turns_as_they_were():
    turns = Turns(1)
    assert turns.take(timeout=0)

    started = time.monotonic()
    assert not turns.take(timeout=GLIMPSE)

    assert time.monotonic() - started >= GLIMPSE
    assert turns.waiting() == 0
    turns.give_back()
    assert turns.take(timeout=0), "the turn is free, not handed to the one who gave up"


def test_a_turn_handed_over_as_the_wait_runs_out_is_taken_not_lost():
    turns = HandedAsTheWaitRunsOut(1)
    assert turns.take(timeout=0)  # a page being built, its turn given back at that moment

    assert turns.take(timeout=GLIMPSE), "the turn handed over is the waiter's"

    assert not turns.take(timeout=0), "one turn, and the waiter has it"
    turns.give_back()
    assert turns.take(timeout=0)


class HandedAsTheWaitRunsOut(Turns):
    """Turns whose first waiter's wait runs out just as the holder hands it the turn."""

    raced = False  # the first waiter races; the others wait as usual

    def waiter(self):
        turns, lock = self, threading.Lock()
        first, self.raced = not self.raced, True

        class Waiter:
            def acquire(self, blocking=True, timeout=-1):
                if timeout == -1 or not first:
                    return lock.acquire(blocking, timeout)
                turns.give_back()  # the hand-off, racing the timeout...
                return False  # ...which the waiter sees first

            def release(self):
                lock.release()

        return Waiter()


def test_the_wait_for_a_turn_is_shorter_than_the_wait_for_a_page_another_renders():
    """The others asking for a page it is about to render wait for it; they must not give up
    first and render it too (config/lib/page_cache.py)."""
    assert TURN_WAIT_SECONDS < WAIT_SECONDS  # as the site runs: read before any test changed it


# The middleware --------------------------------------------------------------


def page(request):
    return HttpResponse("page")


@takes_no_turn
def download(request):
    return HttpResponse("file")


class Worker:
    """A process's request handling with PageTurnsMiddleware: each request stays in its view
    until told to leave, as a page being built does."""

    def __init__(self):
        self.entered: dict[str, threading.Event] = {}
        self.leave: dict[str, threading.Event] = {}
        self.threads: list[threading.Thread] = []
        self.errors: list[BaseException] = []
        self.refused: list[str] = []
        self.middleware = PageTurnsMiddleware(self.handle)

    def handle(self, request):
        """What Django does inside the middleware: find the view, ask the view middleware, run it."""
        name = request.path.strip("/")
        view = download if name.startswith("download") else page
        if (refused := self.middleware.process_view(request, view, (), {})) is not None:
            self.refused.append(name)
            return refused
        self.entered[name].set()
        self.leave[name].wait(WAIT)
        if name.startswith("broken"):
            raise RuntimeError("the view failed")
        return view(request)

    def request(self, name: str, method: str = "get") -> None:
        self.entered[name] = threading.Event()
        self.leave[name] = threading.Event()
        request = getattr(RequestFactory(), method)(f"/{name}/")

        def run():
            try:
                self.middleware(request)
            except RuntimeError as error:
                if not name.startswith("broken"):
                    self.errors.append(error)
            except BaseException as error:
                self.errors.append(error)

        thread = threading.Thread(target=run)
        thread.start()
        self.threads.append(thread)

    def finish(self, at_once: int) -> None:
        for leave in self.leave.values():
            leave.set()
        for thread in self.threads:
            thread.join(WAIT)
            assert not thread.is_alive()
        assert not self.errors, self.errors
        assert not self.refused, f"told the site is too busy: {self.refused}"
        turns = self.middleware.turns
        assert [turns.take(timeout=0) for _ in range(at_once)] == [True] * at_once
        assert not turns.take(timeout=0), "every turn given back, and no more"


@pytest.fixture(autouse=True)
def _long_waits(monkeypatch):
    """A request waits for its turn far longer than any test: none is ever told to go away."""
    monkeypatch.setattr(page_turns, "TURN_WAIT_SECONDS", 60)


@pytest.fixture
def worker(settings):
    settings.PAGES_AT_ONCE = 1
    worker = Worker()
    yield worker
    worker.finish(at_once=1)


def test_a_page_waits_while_the_process_builds_as_many_as_it_may(worker):
    worker.request("first")
    assert worker.entered["first"].wait(WAIT)
    worker.request("second")
    assert not worker.entered["second"].wait(GLIMPSE)

    worker.leave["first"].set()

    assert worker.entered["second"].wait(WAIT)


def test_a_view_that_fails_gives_its_turn_back(worker):
    worker.request("broken")
    assert worker.entered["broken"].wait(WAIT)
    worker.request("next")

    worker.leave["broken"].set()

    assert worker.entered["next"].wait(WAIT)


def test_downloads_and_forms_neither_wait_nor_keep_pages_waiting(worker):
    """A file goes out, and an upload is read, at the pace of the other end's network."""
    worker.request("first")
    assert worker.entered["first"].wait(WAIT)

    worker.request("download", method="get")
    worker.request("upload", method="post")

    assert worker.entered["download"].wait(WAIT)
    assert worker.entered["upload"].wait(WAIT)
    worker.request("second")
    worker.leave["first"].set()
    assert worker.entered["second"].wait(WAIT), "the download and the upload took no turn"


def test_two_pages_are_built_at_once_when_two_may_be(settings):
    settings.PAGES_AT_ONCE = 2
    worker = Worker()
    try:
        worker.request("first")
        worker.request("second")
        assert worker.entered["first"].wait(WAIT)
        assert worker.entered["second"].wait(WAIT)
        worker.request("third")
        assert not worker.entered["third"].wait(GLIMPSE)
    finally:
        worker.finish(at_once=2)


def test_no_turns_are_taken_when_the_setting_is_zero(settings):
    settings.PAGES_AT_ONCE = 0
    with pytest.raises(MiddlewareNotUsed):
        PageTurnsMiddleware(page)


# Through the whole site ----------------------------------------------------------


@pytest.mark.django_db
def test_every_page_gives_its_turn_back_whatever_it_answered(client, settings, monkeypatch):
    """One turn, and pages that answer, refuse and fail one after another: none waits."""
    settings.PAGES_AT_ONCE = 1
    settings.PUBLIC_CACHE_SECONDS = 0  # every request reaches its view
    monkeypatch.setattr(page_turns, "TURN_WAIT_SECONDS", 0.5)  # a lost turn: a 503 in 0.5 s
    make_film(slug="la-tregua", title="La Tregua")
    addresses = [
        ("/films/la-tregua/", 200),
        ("/films/no-such-film/", 404),  # raised in the view
        ("/films/la-tregua/press-notes.pdf", 200),
        ("/screenings/?date_after=not-a-date", 200),  # the filters' error, said on the page
        ("/films/la-tregua/", 200),
        ("/es/films/la-tregua/", 200),
        ("/films/la-tregua/", 200),
    ]

    statuses = [(address, client.get(address).status_code) for address, _status in addresses]

    assert statuses == addresses


def test_a_pictures_file_takes_no_turn_and_what_is_built_takes_one():
    """A file waits on storage; a kit, the press notes and subtitles are built first."""
    exempt = ["/assets/1/web/x.jpg", "/admin/presskit/accreditation/1/letter/"]
    built = [
        "/films/la-tregua/",
        "/films/la-tregua/press-kit.zip",
        "/films/la-tregua/press-kit/chosen.zip",
        "/films/la-tregua/press-notes.pdf",
        "/assets/1/subtitles/es.vtt",
        "/press/desk/token",
    ]

    def takes_turn(address):
        return getattr(resolve(address).func, "takes_turn", True)

    assert [takes_turn(address) for address in exempt] == [False] * len(exempt)
    assert [takes_turn(address) for address in built] == [True] * len(built)
