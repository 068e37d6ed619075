"""Fault drills: `make serve` under load while one of its parts fails, checked from outside.

Each drill serves the demo with `make serve` from a scratch folder of its
own (benchmarks/work/drills/<drill>/: a SQLite file, media and a file cache;
or the scratch PostgreSQL database presskit_drill), waits until the demo's
renditions are made, loads the site with wrk while a part fails, mends it,
and checks what the site promises (README.md, config/lib/cache.py,
config/views.py, presskit/downloads.py):

- Redis stopped: REDIS_URL names a port where nothing listens. Pages are
  rendered fresh, downloads come whole, /healthz answers 200 "degraded: ...",
  and "The shared cache failed" is logged once per process, not per request.
- Redis dies mid-run: a Redis of the drill's own (redis-server on a free
  port, nothing saved to disk) is killed in the middle of a wrk run and
  started again on the same port: no 500 meanwhile, /healthz degraded while
  it is down, the failure logged once per process, and cached pages
  (`X-Public-Cache: hit`) back once it answers.
- PostgreSQL unreachable: `ALTER DATABASE presskit_drill ALLOW_CONNECTIONS
  false` and its backends ended (no other database is touched). Cached
  pages answer 200 from the cache; pages the cache never stores
  (`?drill=1`, the admin's login) answer 503 with Retry-After and no
  traceback; pages render again once connections are allowed.
- ... across an embargo lift: a published release whose embargo lifts 15 s
  later is created and `/` cached, the database cut before the lift and `/`
  loaded across it: after the lift every answer is a 200 that shows the
  release or a 503, never the page from before the lift.
- Disk full, uploads: the media on an 8 MB tmpfs, filled but for a little
  room; the demo's press officer uploads stills through the admin until the
  disk is full. Every answer is a redirect (saved) or the form again saying
  the disk is full, and afterwards every file on the tmpfs belongs to a row
  and every row's file is there, whole.
- Disk full, page cache: the file cache on an 8 MB tmpfs, emptied and filled
  to the last byte while `/` and the film page are loaded: no 500, and
  pages are cached again once there is room.
- A file removed: one public still's print copy is deleted; the press-kit
  ZIP and that copy's address, fetched under light load, answer no 500 and
  no truncated 200, the first a 503 page; within a minute the copy is made
  again (by the tasks worker `make serve` runs) and the ZIP is whole with it.

wrk counts answers by status (benchmarks/statuses.lua); a Python client
(http.client) reads bodies and headers where they matter. Under
production settings the demo has no staff logins, so the disk drill makes
the demo's press officer (`press`/`press`) as seed_demo does with DEBUG on.
Every process a drill starts has a process group of its own and is stopped
when the drill ends, as are its tmpfs mounts, its Redis and its database.

    make bench BENCH_ONLY=drills BENCH_DRILLS="redis-stopped file-removed"   (some of them)
"""

import errno
import http.client
import http.cookiejar
import io
import itertools
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pool
from serving import (
    FILM,
    PORT,
    ROOT,
    THREADS,
    WORK,
    WORKERS,
    embargoed_release,
    serve,
    shell,
    stop,
    url,
    verdict,
    wait_for_renditions,
)

PACKAGES = {"wrk": "wrk", "redis-server": "redis-server"}

HOME = WORK / "drills"
LUA = Path(__file__).resolve().parent / "statuses.lua"
LOG = WORK / "serve.log"  # where serving.serve() appends the site's output
DATABASE = "presskit_drill"

CONNECTIONS = 8  # wrk's, under load
LIGHT = 2  # wrk's, under light load
LOAD_S = 10
# wrk and the client wait this long for an answer. A request waits up to 10 s for a
# pooled database connection (DJANGO_DB_POOL_TIMEOUT), perhaps twice, and then
# answers 503: slow, but an answer, not an error.
TIMEOUT_S = 60

ZIP = f"{FILM}press-kit.zip"
UNCACHED = f"{FILM}?drill=1"  # a query the page cache never stores: rendered every time
LOGIN = "/admin/login/"
CACHED = ["/", FILM, "/news/"]

CACHE_FAILED = "The shared cache failed"
CACHE_BACK = "The shared cache answers again"
NOT_ANNOUNCED = "could not announce a new generation"
# The processes that use the shared cache, and so may each log its failure once: the
# gunicorn workers, the tasks worker, and make serve's migrate, seed_demo and collectstatic.
CACHE_USERS = WORKERS + 4

REDIS_UP_S = 8  # of wrk before Redis is killed, and after it is back
REDIS_DOWN_S = 10
LEAD_S = 15.0  # from the release's creation to its lift
AFTER_LIFT_S = 10.0  # `/` is loaded this long after the lift
ALLOWANCE_S = 0.05  # clocks and scheduling: a request sent this soon after the lift may miss it
BACK_WITHIN_S = 60  # a mended part: pages render, and copies are remade, within this

TMPFS_SIZE = "8m"
MB = 1024 * 1024
UPLOAD_ROOM = int(1.3 * MB)  # left free on the media tmpfs for the first uploads
UPLOADS = 10  # at most...
REFUSALS = 3  # ...or until this many were refused for a full disk
ADD_ASSET = "/admin/presskit/asset/add/"


# What a drill found --------------------------------------------------------


@dataclass
class Drill:
    """One drill: its answers by status, its checks (held or not), and what failed checks saw."""

    name: str
    counts: Counter = field(default_factory=Counter)  # status, or "no answer"
    checks: dict[str, bool] = field(default_factory=dict)
    evidence: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped: str = ""  # why it did not run (no tmpfs)
    failed: str = ""  # why it stopped before its checks

    def check(self, name: str, ok: bool, evidence: str = "") -> None:
        self.checks[name] = ok
        if not ok and evidence:
            self.evidence.append(f"{name}: {evidence}")

    def verify(self, name: str, answers: list, ok: Callable) -> None:
        """Check that every one of `answers` (there must be some) is `ok`."""
        bad = [answer for answer in answers if not ok(answer)]
        evidence = "no answers" if not answers else ""
        if bad:
            evidence = f"{len(bad)} of {len(answers)} did not; first: {_describe(bad[0])}"
        self.check(name, bool(answers) and not bad, evidence)

    def count(self, answers: list) -> None:
        self.counts.update(_tally(answers))

    @property
    def met(self) -> bool:
        return not self.failed and self.counts[500] == 0 and all(self.checks.values())


# Processes -----------------------------------------------------------------


class Processes:
    """What a drill starts, each in a process group of its own; `stop_all()` ends them all.

    The last started is stopped first, but services (a Redis) only after the
    rest: the site must not see its Redis go away while it shuts down.
    """

    def __init__(self):
        self.started: list[subprocess.Popen] = []
        self.services: list[subprocess.Popen] = []

    def start(self, command: list[str], service: bool = False, **options) -> subprocess.Popen:
        process = subprocess.Popen(command, start_new_session=True, **options)
        (self.services if service else self.started).append(process)
        return process

    def serve(self, env: dict) -> subprocess.Popen:
        process = serve(env)  # in a session of its own
        self.started.append(process)
        return process

    def stop_all(self) -> None:
        while self.started or self.services:
            stop((self.started or self.services).pop())


class Load:
    """wrk on `paths` in turn, in the background until `finish()`: its answers by status."""

    def __init__(self, processes: Processes, paths: list[str], connections: int = CONNECTIONS):
        self.began = time.monotonic()
        self.process = processes.start(
            [
                "wrk",
                f"-t{min(THREADS, connections)}",
                f"-c{connections}",
                "-d1h",
                f"--timeout={TIMEOUT_S}s",
                "-s",
                str(LUA),
                url("/"),
                "--",
                *paths,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def finish(self) -> Counter:
        """Stop wrk (on SIGINT it prints what it counted) and read its answers by status."""
        time.sleep(max(0.0, self.began + 1 - time.monotonic()))  # its handler is set by then
        self.process.send_signal(signal.SIGINT)
        out, _ = self.process.communicate(timeout=TIMEOUT_S + 30)
        counts = Counter(
            {
                int(status): int(count)
                for status, count in re.findall(r"^status (\d+) (\d+)$", out, re.MULTILINE)
            }
        )
        if found := re.search(
            r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
        ):
            counts["no answer"] += sum(map(int, found.groups()))
        if not counts:
            raise SystemExit(f"wrk counted no answers:\n{out}")
        return counts


# The Python client -----------------------------------------------------------


@dataclass
class Answer:
    path: str
    sent: float  # epoch seconds
    seconds: float  # until the whole body was read
    status: int | None  # None: no answer
    headers: dict[str, str]  # names in lower case
    body: bytes
    whole: bool  # as many bytes as Content-Length announced


def get(path: str) -> Answer:
    """GET `path` on a connection of its own; a failed connection is an Answer with no status.

    No answer within TIMEOUT_S counts as none: a load balancer would have given up.
    """
    sent, began = time.time(), time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=TIMEOUT_S)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        headers = {name.lower(): value for name, value in response.getheaders()}
        try:
            body, whole = response.read(), True
        except http.client.IncompleteRead as error:
            body, whole = error.partial, False
        announced = headers.get("content-length")
        whole = whole and (announced is None or int(announced) == len(body))
        return Answer(
            path, sent, time.perf_counter() - began, response.status, headers, body, whole
        )
    except (OSError, http.client.HTTPException):
        return Answer(path, sent, time.perf_counter() - began, None, {}, b"", False)
    finally:
        connection.close()


class Probe(threading.Thread):
    """A client fetching `paths` in turn, one request at a time, until `finish()`."""

    def __init__(self, paths: list[str], pause: float = 0.1):
        super().__init__(daemon=True)
        self.paths, self.pause = paths, pause
        self.answers: list[Answer] = []
        self.done = threading.Event()
        self.start()

    def run(self):
        for path in itertools.cycle(self.paths):
            if self.done.is_set():
                return
            self.answers.append(get(path))
            self.done.wait(self.pause)

    def finish(self) -> list[Answer]:
        self.done.set()
        self.join()
        return self.answers


class Volley(threading.Thread):
    """Requests for `path` sent every `every` seconds, answered or not, until `finish()`.

    Each request has a thread of its own, so a request that hangs does not
    hold back the next: what is sent at a given moment is known whatever
    the ones before met. `finish()` waits for every answer.
    """

    def __init__(self, path: str, every: float = 0.5):
        super().__init__(daemon=True)
        self.path, self.every = path, every
        self.answers: list[Answer] = []
        self.senders: list[threading.Thread] = []
        self.done = threading.Event()
        self.start()

    def run(self):
        while not self.done.is_set():
            sender = threading.Thread(target=self.send, daemon=True)
            sender.start()
            self.senders.append(sender)
            self.done.wait(self.every)

    def send(self):
        self.answers.append(get(self.path))

    def finish(self) -> list[Answer]:
        self.done.set()
        self.join()
        for sender in self.senders:
            sender.join()
        return self.answers


def _until(condition: Callable[[], bool], seconds: float, pause: float = 0.25) -> float | None:
    """How long until `condition()` held, trying every `pause`; None if not within `seconds`."""
    began = time.monotonic()
    while time.monotonic() - began < seconds:
        if condition():
            return time.monotonic() - began
        time.sleep(pause)
    return None


def _hit(path: str) -> bool:
    return get(path).headers.get("x-public-cache") == "hit"


def _describe(answer: Answer) -> str:
    """An answer in a line, for the evidence: status, telling headers, the body's start."""
    if answer.status is None:
        return f"{answer.path} got no answer ({answer.seconds:.1f} s)"
    parts = [f"{answer.path} answered {answer.status} after {answer.seconds:.1f} s"]
    for name in ("x-public-cache", "retry-after", "content-length"):
        if name in answer.headers:
            parts.append(f"{name} {answer.headers[name]}")
    if not answer.whole:
        parts.append(f"{len(answer.body)} bytes received")
    return ", ".join(parts) + f', body "{_excerpt(answer.body)}"'


def _excerpt(body: bytes, length: int = 200) -> str:
    """The start of a page's text from its first heading (or a file's first bytes)."""
    text = body[:50000].decode(errors="replace")
    text = text[text.find("<h1") :] if "<h1" in text else text
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.DOTALL)
    text = " ".join(re.sub(r"<[^>]+>", " ", text).split())
    return text[:length] + ("…" if len(text) > length else "")


# The server's log ------------------------------------------------------------


def _log_size() -> int:
    return LOG.stat().st_size if LOG.exists() else 0


def _log_lines(since: int, until: int | None = None) -> list[str]:
    with LOG.open("rb") as log:
        log.seek(since)
        data = log.read() if until is None else log.read(max(0, until - since))
    return data.decode(errors="replace").splitlines()


def _exceptions(lines: list[str]) -> list[str]:
    """The last line of each traceback in `lines` (the exception and its message), each once."""
    found, inside = [], False
    for line in lines:
        if line.startswith("Traceback (most recent call last)"):
            inside = True
        elif inside and line and not line.startswith((" ", "During handling", "The above")):
            inside = False
            if line not in found:
                found.append(line)
    return found


# Scratch folders, ports and the demo's data -------------------------------------------


def _scratch(env: dict, name: str, **settings: str) -> dict:
    """The drill's own SQLite file, media and file cache, in benchmarks/work/drills/<name>/."""
    folder = HOME / name
    folder.mkdir(parents=True, exist_ok=True)
    return {
        **env,
        "DATABASE_URL": f"sqlite:///{folder / 'site.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(folder / "media"),
        "DJANGO_CACHE_DIR": str(folder / "cache"),
        **settings,
    }


def _free_port() -> int:
    """A port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _shell_json(env: dict, code: str):
    """Run `code` in `manage.py shell`; it prints one JSON value last."""
    return json.loads(shell(env, "import json\n" + code).splitlines()[-1])


def _public_still(env: dict) -> dict:
    """La Tregua's first public still: its id, its print copy's address, file path and SHA-256."""
    return _shell_json(
        env,
        "from presskit.models import Asset\n"
        "asset = (\n"
        "    Asset.objects.published().filter(kind='still', film__slug='la-tregua')\n"
        "    .order_by('order', 'pk').first()\n"
        ")\n"
        "copy = asset.renditions.get(size='print')\n"
        "print(json.dumps({'id': asset.pk, 'url': asset.url('print'), 'path': copy.file.path,\n"
        "                  'sha256': copy.sha256}))\n",
    )


def _print_copy(env: dict, asset_id: int) -> dict:
    """An asset's state, and whether its print copy's file is in storage, with its SHA-256."""
    return _shell_json(
        env,
        "from presskit.models import Asset\n"
        f"asset = Asset.objects.get(pk={asset_id})\n"
        "copy = asset.renditions.filter(size='print').first()\n"
        "print(json.dumps({'processing': asset.processing, 'error': asset.processing_error,\n"
        "                  'stored': bool(copy and copy.file.storage.exists(copy.file.name)),\n"
        "                  'sha256': copy.sha256 if copy else None}))\n",
    )


def _release(env: dict) -> tuple[str, float]:
    """Create a published release whose embargo lifts LEAD_S from now; return its title and lift."""
    title = f"Drill embargo lifts {int(time.time())}"
    lift = embargoed_release(env, title=title, lifts_in=LEAD_S, body="Released by the fault drill.")
    return title, lift


# Redis -----------------------------------------------------------------------


def _redis_stopped(env: dict) -> list[Drill]:
    """REDIS_URL at a port where nothing listens: pages fresh, downloads whole, logged once."""
    drill = Drill("Redis stopped")
    env = _scratch(env, "redis-stopped", REDIS_URL=f"redis://127.0.0.1:{_free_port()}/0")
    processes, since = Processes(), _log_size()
    try:
        processes.serve(env)
        wait_for_renditions(env)
        still = _public_still(env)
        loading = _log_size()
        load = Load(processes, [*CACHED, still["url"]])
        answers = []
        deadline = time.monotonic() + LOAD_S
        while time.monotonic() < deadline:
            answers += [get(path) for path in ("/healthz", "/", FILM, ZIP, still["url"])]
        drill.counts.update(load.finish())
        loaded = _log_size()
    finally:
        processes.stop_all()
    drill.count(answers)
    drill.verify(
        "pages answer 200, rendered fresh (no X-Public-Cache)",
        [answer for answer in answers if answer.path in ("/", FILM)],
        lambda answer: answer.status == 200 and "x-public-cache" not in answer.headers,
    )
    drill.verify(
        "the ZIP and a print copy download whole (200, Content-Length bytes)",
        [answer for answer in answers if answer.path in (ZIP, still["url"])],
        lambda answer: answer.status == 200 and answer.whole,
    )
    drill.verify(
        '/healthz answers 200 "degraded: ..."',
        [answer for answer in answers if answer.path == "/healthz"],
        lambda answer: answer.status == 200 and answer.body.startswith(b"degraded:"),
    )
    _logged_once(drill, since, loading, loaded, bound=CACHE_USERS)
    return [drill]


def _logged_once(drill: Drill, since: int, loading: int, loaded: int, bound: int) -> None:
    """The cache's failure is logged once per process: `bound` lines at most, none per request."""
    lines = [line for line in _log_lines(since) if CACHE_FAILED in line]
    during = [line for line in _log_lines(loading, loaded) if CACHE_FAILED in line]
    requests = sum(drill.counts.values())
    announced = [line for line in _log_lines(loading, loaded) if NOT_ANNOUNCED in line]
    drill.notes.append(
        f'Also logged while loaded ({LOAD_S} s): {len(announced)} warnings "Page cache: '
        f'{NOT_ANNOUNCED}".'
    )
    drill.check(
        f'"{CACHE_FAILED}" logged once per process ({len(lines)} lines, {len(during)} of them '
        f"while {requests} requests were answered; at most {bound})",
        0 < len(lines) <= bound,
        f"{len(lines)} lines, the first: {lines[0] if lines else ''}",
    )


def _start_redis(processes: Processes, port: int, folder: Path) -> subprocess.Popen:
    """A Redis of the drill's own on `port`, saving nothing to disk; waits until it answers."""
    import redis

    folder.mkdir(parents=True, exist_ok=True)
    process = processes.start(
        service=True,
        command=[
            *("redis-server", "--port", str(port), "--bind", "127.0.0.1"),
            *("--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", str(folder)),
        ],
        stdout=(folder / "redis.log").open("a"),
        stderr=subprocess.STDOUT,
    )
    client = redis.Redis(host="127.0.0.1", port=port, socket_timeout=1)

    def answers() -> bool:
        try:
            return client.ping()
        except redis.RedisError:
            return process.poll() is not None  # it stopped: stop waiting, and say so below

    if _until(answers, 10, pause=0.05) is None or process.poll() is not None:
        raise SystemExit(f"redis-server on port {port} did not start; see {folder}/redis.log")
    return process


def _redis_dies(env: dict) -> list[Drill]:
    """A Redis of our own killed in the middle of a wrk run, then started again on its port."""
    drill = Drill("Redis dies mid-run")
    port, folder = _free_port(), HOME / "redis-dies"
    env = _scratch(env, "redis-dies", REDIS_URL=f"redis://127.0.0.1:{port}/0")
    processes = Processes()
    try:
        redis = _start_redis(processes, port, folder)
        processes.serve(env)
        wait_for_renditions(env)
        if _until(lambda: _hit("/"), 30) is None:
            raise SystemExit("/ did not come from the cache before Redis was killed")
        probe = Probe(["/", "/healthz"])
        load = Load(processes, CACHED)
        time.sleep(REDIS_UP_S)
        killed, killed_log = time.time(), _log_size()
        os.killpg(redis.pid, signal.SIGKILL)
        redis.wait()
        time.sleep(REDIS_DOWN_S)
        restarted, restarted_log = time.time(), _log_size()
        _start_redis(processes, port, folder)
        time.sleep(REDIS_UP_S)
        drill.counts.update(load.finish())
        answers = probe.finish()
        back = _until(lambda: _hit("/"), BACK_WITHIN_S)
        back_at = time.time()
        healthz = get("/healthz")
        end_log = _log_size()
    finally:
        processes.stop_all()
    drill.count([*answers, healthz])
    drill.verify(
        "/ answered 200 throughout",
        [answer for answer in answers if answer.path == "/"],
        lambda answer: answer.status == 200,
    )
    drill.verify(
        '/healthz said "degraded" while Redis was down',
        [
            answer
            for answer in answers
            if answer.path == "/healthz" and killed + 0.5 < answer.sent < restarted
        ],
        lambda answer: answer.status == 200 and answer.body.startswith(b"degraded:"),
    )
    failed = [line for line in _log_lines(killed_log, end_log) if CACHE_FAILED in line]
    again = [line for line in _log_lines(restarted_log, end_log) if CACHE_BACK in line]
    announced = [line for line in _log_lines(killed_log, restarted_log) if NOT_ANNOUNCED in line]
    drill.notes.append(
        f'Also logged over the {REDIS_DOWN_S} s outage: {len(announced)} warnings "Page cache: '
        f'{NOT_ANNOUNCED}".'
    )
    drill.check(
        f'"{CACHE_FAILED}" logged once per worker ({len(failed)} lines over the outage, '
        f'at most {WORKERS}), and {len(again)} "{CACHE_BACK}"',
        0 < len(failed) <= WORKERS,
        f"{len(failed)} lines, the first: {failed[0] if failed else ''}",
    )
    # The first hit after the restart: the probe's, else the one waited for after the load.
    hits = [answer.sent for answer in answers if answer.headers.get("x-public-cache") == "hit"]
    first_hit = min((sent for sent in hits if sent > restarted), default=None)
    if first_hit is None and back is not None:
        first_hit = back_at
    drill.check(
        "recovered: X-Public-Cache: hit again"
        + (f" {first_hit - restarted:.1f} s after the restart" if first_hit is not None else ""),
        first_hit is not None,
        f"/ never came from the cache within {BACK_WITHIN_S} s of the load's end",
    )
    drill.verify(
        '/healthz says "ok" again', [healthz], lambda answer: answer.body.startswith(b"ok")
    )
    return [drill]


# PostgreSQL --------------------------------------------------------------------


def _refuse_connections(refuse: bool) -> None:
    """Make the drill's database refuse new connections and end its own (or allow them again)."""
    with pool.admin_connection() as admin:
        admin.execute(
            f"ALTER DATABASE {DATABASE} ALLOW_CONNECTIONS {'false' if refuse else 'true'}"
        )
        if refuse:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                (DATABASE,),
            )


def _database(env: dict) -> list[Drill]:
    """The site on a scratch PostgreSQL database that stops taking connections, twice."""
    with pool.admin_connection() as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {DATABASE}")
    env = _scratch(env, "database", DATABASE_URL=f"{pool.SERVER}/{DATABASE}")
    processes = Processes()
    try:
        server = processes.serve(env)
        wait_for_renditions(env)
        drills = [_database_down(processes), _database_across_lift(env, processes)]
        worker = subprocess.run(
            ["pgrep", "-g", str(server.pid), "-f", "db_worker"], capture_output=True
        )
        drills[-1].notes.append(
            "The tasks worker (`manage.py db_worker`) was "
            + ("still running" if worker.returncode == 0 else "**no longer running**")
            + " after both outages."
        )
        return drills
    finally:
        processes.stop_all()
        with pool.admin_connection() as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def _database_down(processes: Processes) -> Drill:
    """Cached pages from the cache, other pages a clear 503; pages again once it is back."""
    drill = Drill("PostgreSQL unreachable")
    for path in CACHED:
        if _until(lambda path=path: _hit(path), 30) is None:
            raise SystemExit(f"{path} did not come from the cache before the database was cut")
    try:
        _refuse_connections(True)
        cached = Probe(CACHED)
        uncached = [Probe(paths) for paths in ([UNCACHED, LOGIN], [LOGIN, UNCACHED]) * 2]
        loads = [Load(processes, CACHED), Load(processes, [UNCACHED, LOGIN])]
        began = time.monotonic()
        posted = AdminBrowser().log_in("press", "press")
        # A request for an uncached page waits 10 s for a connection: let a few be answered.
        time.sleep(max(0.0, began + LOAD_S + 5 - time.monotonic()))
        for load in loads:
            drill.counts.update(load.finish())
        hits = cached.finish()
        refused = [answer for probe in uncached for answer in probe.finish()]
    finally:
        _refuse_connections(False)
    back = _until(lambda: get(UNCACHED).status == 200, BACK_WITHIN_S)
    login = get(LOGIN)
    drill.count([*hits, *refused, posted, login])
    drill.verify(
        "cached pages answered 200 from the cache (X-Public-Cache: hit)",
        hits,
        lambda answer: answer.status == 200 and answer.headers.get("x-public-cache") == "hit",
    )
    for path in (UNCACHED, LOGIN):
        answers = [answer for answer in refused if answer.path == path]
        # The empty login form needs no database: it may be shown; logging in may not.
        allowed = {503, 200} if path == LOGIN else {503}
        drill.verify(
            f"`{path}` answered "
            + ("the form or " if path == LOGIN else "")
            + "503 with Retry-After, no traceback",
            answers,
            lambda answer, allowed=allowed: (
                answer.status in allowed
                and (answer.status != 503 or "retry-after" in answer.headers)
                and b"Traceback" not in answer.body
            ),
        )
        if answers:
            drill.notes.append(
                f"`{path}` while the database was cut: {_statuses(_tally(answers))}, after "
                f"{_seconds(answers)}."
            )
    drill.verify(
        "posting the login form answered 503 with Retry-After and no traceback",
        [posted],
        lambda answer: (
            answer.status == 503
            and "retry-after" in answer.headers
            and b"Traceback" not in answer.body
        ),
    )
    drill.check(
        "pages render again once connections are allowed"
        + (f" ({back:.1f} s)" if back is not None else ""),
        back is not None and login.status == 200,
        f"{UNCACHED} not 200 within {BACK_WITHIN_S} s; then {_describe(login)}",
    )
    return drill


def _database_across_lift(env: dict, processes: Processes) -> Drill:
    """The database cut before an embargo lifts: after it, the release or a 503, never the old page."""
    drill = Drill("PostgreSQL unreachable across an embargo lift")
    title, lift = _release(env)
    titled = title.encode()
    if _until(lambda: _hit("/"), 10) is None:
        raise SystemExit("/ did not come from the cache before the database was cut")
    try:
        _refuse_connections(True)
        cut, cut_log = time.time(), _log_size()
        volley = Volley("/")
        load = Load(processes, ["/"])
        time.sleep(max(0.0, lift + AFTER_LIFT_S - time.time()))
        drill.counts.update(load.finish())
        answers = volley.finish()
        unavailable = sum(line == "Service Unavailable: /" for line in _log_lines(cut_log))
    finally:
        _refuse_connections(False)
    back = _until(
        lambda: (answer := get("/")).status == 200 and titled in answer.body, BACK_WITHIN_S
    )
    drill.count(answers)
    after = [answer for answer in answers if answer.sent >= lift + ALLOWANCE_S]
    answered = [answer for answer in after if answer.status is not None]
    drill.notes.append(
        f"The database was cut {lift - cut:.1f} s before the lift; `/` was loaded until "
        f"{AFTER_LIFT_S:.0f} s after it, and requested every 0.5 s by the client, each request "
        f"on its own: of {len(after)} sent after the lift, {_statuses(_tally(after))}"
        + (f"; answered after {_seconds(answered)}" if answered else "")
        + f'. The server logged {unavailable} "Service Unavailable: /" from the cut until '
        f"every request was answered or given up."
    )
    drill.verify(
        "no answer before the lift showed the release",
        [answer for answer in answers if answer.sent + answer.seconds < lift],
        lambda answer: titled not in answer.body,
    )
    drill.verify(
        f"after the lift, every answer is a 200 with the release or a 503 ({len(after)} sent "
        "after it; none the page from before the lift, none a 500)",
        after,
        lambda answer: answer.status == 503 or (answer.status == 200 and titled in answer.body),
    )
    drill.check(
        "once connections are allowed, / shows the release"
        + (f" ({back:.1f} s)" if back is not None else ""),
        back is not None,
        f"/ did not show {title!r} within {BACK_WITHIN_S} s",
    )
    return drill


# A full disk ----------------------------------------------------------------------


def _mount(directory: Path) -> str | None:
    """Mount a tmpfs of TMPFS_SIZE on `directory`: None if done, else why not."""
    if os.path.ismount(directory):  # left by a drill that was killed
        _unmount(directory)
    directory.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={TMPFS_SIZE}", "tmpfs", str(directory)],
        capture_output=True,
        text=True,
    )
    return None if done.returncode == 0 else (done.stderr.strip() or f"status {done.returncode}")


def _unmount(directory: Path) -> None:
    if subprocess.run(["umount", str(directory)], capture_output=True).returncode != 0:
        subprocess.run(["umount", "--lazy", str(directory)], check=True)


def _fill(directory: Path, room: int = 0) -> Path:
    """Write a file into `directory` until its file system has only `room` bytes free (or none)."""
    filler = directory / "drill-filler.bin"
    chunk = bytes(64 * 1024)
    with filler.open("ab", buffering=0) as out:
        try:
            while (free := shutil.disk_usage(directory).free) > room:
                out.write(chunk[: min(len(chunk), free - room)])
        except OSError as error:
            if error.errno != errno.ENOSPC:
                raise
    return filler


def _disk_full(env: dict) -> list[Drill]:
    """Media and the file cache each on a small tmpfs of their own, filled up in turn."""
    uploads, pages = Drill("Disk full: uploads"), Drill("Disk full: page cache")
    folder = HOME / "disk-full"
    media, cache = folder / "media", folder / "cache"
    mounted, processes = [], Processes()
    try:
        for directory in (media, cache):
            if (refusal := _mount(directory)) is not None:
                for drill in (uploads, pages):
                    drill.skipped = f"`mount -t tmpfs` failed ({refusal})"
                return [uploads, pages]
            mounted.append(directory)
        env = _scratch(env, "disk-full", DJANGO_MEDIA_ROOT=str(media), DJANGO_CACHE_DIR=str(cache))
        processes.serve(env)
        wait_for_renditions(env)
        _full_media(env, media, uploads)
        _full_cache(processes, cache, pages)
        return [uploads, pages]
    finally:
        processes.stop_all()
        for directory in mounted:
            _unmount(directory)


def _full_media(env: dict, media: Path, drill: Drill) -> None:
    """Stills uploaded through the admin until the disk is full: the form or a redirect, never a 500."""
    film = _shell_json(
        env,
        "from django.contrib.auth import get_user_model\n"
        "from django.contrib.auth.models import Group\n"
        "from presskit.models import Film\n"
        "user, _ = get_user_model().objects.get_or_create(username='press')\n"
        "user.is_staff = True\n"
        "user.set_password('press')\n"
        "user.save()\n"
        "user.groups.add(Group.objects.get(name='Press officers'))\n"
        "print(json.dumps(Film.objects.get(slug='la-tregua').pk))\n",
    )
    browser = AdminBrowser()
    browser.login("press", "press")
    since, filler = _log_size(), _fill(media, UPLOAD_ROOM)
    answers = []
    try:
        while len(answers) < UPLOADS:
            answers.append(browser.upload_still(film, f"Drill upload {len(answers) + 1}"))
            if sum(_disk_full_form(answer) for answer in answers) >= REFUSALS:
                break
        time.sleep(12)  # the tasks worker's first try at their copies, and its first retry
        amiss, stored = _media_state(env, filler)
        if any(amiss.values()):  # a file being written as we looked? Look again.
            time.sleep(2)
            amiss, stored = _media_state(env, filler)
    finally:
        filler.unlink()
    drill.count(answers)
    saved = sum(answer.status == 302 for answer in answers)
    refused = sum(_disk_full_form(answer) for answer in answers)
    drill.verify(
        f"every upload answered a redirect (saved: {saved}) or the form saying the disk is "
        f"full (refused: {refused})",
        answers,
        lambda answer: answer.status == 302 or _disk_full_form(answer),
    )
    drill.check("the disk filled up: some uploads were refused", refused > 0, "none was refused")
    drill.check(
        "nothing half-saved: every file on the tmpfs has its row, every row its whole file",
        not any(amiss.values()),
        "; ".join(f"{name}: {', '.join(found[:5])}" for name, found in amiss.items() if found),
    )
    drill.check(
        f"one asset stored per redirect ({stored} stored)",
        stored == saved,
        f"{stored} assets stored for {saved} redirects",
    )
    if exceptions := _exceptions(_log_lines(since)):
        drill.notes.append(
            f"Exceptions logged meanwhile (the tasks worker's copies that did not fit are among "
            f"them): {'; '.join(exceptions[:5])}."
        )


def _disk_full_form(answer: Answer) -> bool:
    return answer.status == 200 and b"disk is full" in answer.body


def _media_state(env: dict, filler: Path) -> tuple[dict[str, list[str]], int]:
    """What is amiss between the media tmpfs's files and the Asset and Rendition rows; and
    how many of the drill's uploads were stored."""
    found = _shell_json(
        env,
        "import os\n"
        "import time\n"
        "from django.conf import settings\n"
        "from django.tasks import TaskResultStatus\n"
        "from django_tasks_db.models import DBTaskResult\n"
        "from presskit.models import Asset, Rendition\n"
        "running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)\n"
        "for _ in range(300):  # not while the tasks worker writes a copy\n"
        "    if not running.exists():\n"
        "        break\n"
        "    time.sleep(0.1)\n"
        "root = str(settings.MEDIA_ROOT)\n"
        "disk = {}\n"
        "for folder, _, names in os.walk(root):\n"
        "    for name in names:\n"
        "        path = os.path.join(folder, name)\n"
        "        disk[os.path.relpath(path, root)] = os.path.getsize(path)\n"
        "rows = {a.file.name: a.file_size for a in Asset.objects.all()}\n"
        "rows.update({r.file.name: r.file_size for r in Rendition.objects.all()})\n"
        "uploads = Asset.objects.filter(title__startswith='Drill upload').count()\n"
        "print(json.dumps({'disk': disk, 'rows': rows, 'uploads': uploads}))\n",
    )
    disk, rows = found["disk"], found["rows"]
    kept = {filler.name}
    amiss = {
        "files without a row": sorted(
            name
            for name in disk
            if name not in rows and name not in kept and not name.startswith("kits/")
        ),
        "rows without their file": sorted(name for name in rows if name and name not in disk),
        "files of another size than their row says": sorted(
            f"{name} ({disk[name]} bytes, row {size})"
            for name, size in rows.items()
            if name in disk and size is not None and disk[name] != size
        ),
    }
    return amiss, found["uploads"]


def _full_cache(processes: Processes, cache: Path, drill: Drill) -> None:
    """The page cache's directory emptied and filled to the last byte under load: no 500."""
    for entry in cache.iterdir():
        if entry.is_dir():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    since, filler = _log_size(), _fill(cache)
    try:
        probe = Probe(["/", FILM, "/healthz"])
        load = Load(processes, ["/", FILM])
        time.sleep(LOAD_S)
        drill.counts.update(load.finish())
        answers = probe.finish()
        full_log = _log_size()
    finally:
        filler.unlink()
    back = _until(lambda: _hit("/"), BACK_WITHIN_S)
    drill.count(answers)
    drill.verify(
        "/ and the film page answered 200 with the cache directory full",
        [answer for answer in answers if answer.path != "/healthz"],
        lambda answer: answer.status == 200,
    )
    drill.check(
        "pages are cached again once there is room"
        + (f" ({back:.1f} s)" if back is not None else ""),
        back is not None,
        f"/ did not come from the cache within {BACK_WITHIN_S} s",
    )
    healthz = [answer for answer in answers if answer.path == "/healthz"]
    lines = _log_lines(since, full_log)
    drill.notes.append(
        f"/healthz while full: {sum(a.body.startswith(b'degraded') for a in healthz)} of "
        f"{len(healthz)} answers said degraded. The log had {sum(CACHE_FAILED in line for line in lines)} "
        f'"{CACHE_FAILED}" and {sum(CACHE_BACK in line for line in lines)} "{CACHE_BACK}" lines '
        f"in {LOAD_S} s."
    )


class AdminBrowser:
    """A staff member's browser in the admin: cookies, each form's fields, no redirect followed."""

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )

    def request(self, path: str, data: bytes | None = None, content_type: str = "") -> Answer:
        headers = {"Content-Type": content_type} if content_type else {}
        sent, began = time.time(), time.perf_counter()
        request = urllib.request.Request(url(path), data=data, headers=headers)
        try:
            with self.opener.open(request, timeout=TIMEOUT_S) as response:
                status, heads, body = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:  # 3xx, 4xx and 5xx
            status, heads, body = error.code, error.headers, error.read()
        heads = {name.lower(): value for name, value in heads.items()}
        return Answer(path, sent, time.perf_counter() - began, status, heads, body, True)

    def form(self, path: str) -> list[tuple[str, str]]:
        """The fields of the largest form on the page at `path`, as a browser would send them."""
        page = self.request(path)
        if page.status != 200:
            raise SystemExit(f"{path} answered {page.status}: {_describe(page)}")
        return _form_fields(page)

    def log_in(self, username: str, password: str) -> Answer:
        """Post the login form: its answer (or the form's, if the form did not come)."""
        page = self.request(LOGIN)
        if page.status != 200:
            return page
        fields = {**dict(_form_fields(page)), "username": username, "password": password}
        return self.request(
            LOGIN, urllib.parse.urlencode(fields).encode(), "application/x-www-form-urlencoded"
        )

    def login(self, username: str, password: str) -> None:
        if (answer := self.log_in(username, password)).status != 302:
            raise SystemExit(f"Could not log in as {username}: {_describe(answer)}")

    def upload_still(self, film: int, title: str) -> Answer:
        """Add a still to `film` with the admin's form, a new picture each time."""
        given = {"kind": "still", "film": str(film), "title": title, "caption": "A fault drill."}
        fields = [(name, value) for name, value in self.form(ADD_ASSET) if name not in given]
        fields += [*given.items(), ("_save", "Save")]
        body, content_type = _multipart(fields, "file", f"{uuid.uuid4().hex}.jpg", _picture())
        return self.request(ADD_ASSET, body, content_type)


def _form_fields(page: Answer) -> list[tuple[str, str]]:
    parser = _Forms()
    parser.feed(page.body.decode())
    return max(parser.forms, key=len)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer to look at, raised as HTTPError


class _Forms(HTMLParser):
    """Each form's fields with the values a browser would send (no file inputs or buttons)."""

    def __init__(self):
        super().__init__()
        self.forms: list[list[tuple[str, str]]] = []
        self.select: tuple[str, bool] | None = None  # name, multiple
        self.options: list[tuple[str, bool]] = []  # value, selected
        self.textarea: str | None = None
        self.text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "form":
            self.forms.append([])
        elif not self.forms:
            return
        elif tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.forms[-1].append(
                (name, attrs.get("value") or ("on" if kind == "checkbox" else ""))
            )
        elif tag == "select" and name:
            self.select, self.options = (name, "multiple" in attrs), []
        elif tag == "option" and self.select:
            self.options.append((attrs.get("value") or "", "selected" in attrs))
        elif tag == "textarea" and name:
            self.textarea, self.text = name, ""

    def handle_data(self, data):
        if self.textarea is not None:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "select" and self.select:
            name, multiple = self.select
            chosen = [value for value, selected in self.options if selected]
            if not chosen and not multiple and self.options:
                chosen = [self.options[0][0]]
            self.forms[-1] += [(name, value) for value in chosen]
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.forms[-1].append((self.textarea, self.text.removeprefix("\n")))
            self.textarea = None


def _multipart(
    fields: list[tuple[str, str]], name: str, filename: str, content: bytes
) -> tuple[bytes, str]:
    """A multipart/form-data body: the fields and one file; and its Content-Type."""
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{field_name}"\r\n\r\n'
        f"{value}\r\n".encode()
        for field_name, value in fields
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
        f'filename="{filename}"\r\nContent-Type: image/jpeg\r\n\r\n'.encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _picture() -> bytes:
    """A 1000 by 700 JPEG of noise, about 570 KB (noise does not compress), new each time."""
    from PIL import Image

    bands = [Image.effect_noise((1000, 700), 60) for _ in range(3)]
    out = io.BytesIO()
    Image.merge("RGB", bands).save(out, "JPEG", quality=90)
    return out.getvalue()


# A file removed -------------------------------------------------------------------


def _file_removed(env: dict) -> list[Drill]:
    """A still's print copy deleted: a 503 page first, never a broken download, then remade."""
    drill = Drill("A file removed")
    env = _scratch(env, "file-removed")
    processes = Processes()
    try:
        processes.serve(env)
        wait_for_renditions(env)
        still = _public_still(env)
        Path(still["path"]).unlink()
        removed = time.monotonic()
        load = Load(processes, ["/", FILM], connections=LIGHT)
        answers, remade = [], None
        while time.monotonic() - removed < BACK_WITHIN_S + 30:
            answers += [get(ZIP), get(still["url"])]
            if answers[-1].status == 200 and answers[-1].whole:
                remade = time.monotonic() - removed
                answers.append(get(ZIP))
                break
            time.sleep(1)
        drill.counts.update(load.finish())
        copy = _print_copy(env, still["id"])
    finally:
        processes.stop_all()
    drill.count(answers)
    first = answers[0]
    drill.check(
        "the first answer (the ZIP) was a 503 page with Retry-After",
        first.status == 503 and "retry-after" in first.headers,
        _describe(first),
    )
    drill.verify(
        "no 200 with a truncated body (Content-Length against the bytes received)",
        [answer for answer in answers if answer.status == 200],
        lambda answer: answer.whole,
    )
    drill.check(
        f"the copy was made again within {BACK_WITHIN_S} s"
        + (f" ({remade:.0f} s)" if remade is not None else ""),
        remade is not None and remade <= BACK_WITHIN_S and copy["stored"],
        f"print copy answered {answers[-1].status}; the asset is {copy['processing']} "
        f"({copy['error'] or 'no error'}), its file stored: {copy['stored']}",
    )
    last = answers[-1]
    drill.check(
        "then the ZIP answered 200, whole, with the remade copy in its manifest",
        last.path == ZIP
        and last.status == 200
        and last.whole
        and _lists(last.body, copy["sha256"]),
        _describe(last),
    )
    by_path = {
        path: Counter(answer.status for answer in answers if answer.path == path)
        for path in (ZIP, still["url"])
    }
    drill.notes.append(
        "Answers meanwhile: "
        + "; ".join(f"`{path}`: {_statuses(counts)}" for path, counts in by_path.items())
        + "."
    )
    return [drill]


def _lists(body: bytes, sha256: str | None) -> bool:
    """Whether a ZIP is sound (every CRC right) and its Manifest.json lists `sha256`."""
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            if archive.testzip() is not None:
                return False
            manifest = next(name for name in archive.namelist() if name.endswith("Manifest.json"))
            files = json.loads(archive.read(manifest))["files"]
    except (zipfile.BadZipFile, StopIteration, KeyError, ValueError):
        return False
    return any(entry.get("sha256") == sha256 for entry in files)


# The part ------------------------------------------------------------------------------


SCENARIOS = {
    "redis-stopped": _redis_stopped,
    "redis-dies": _redis_dies,
    "database": _database,
    "disk-full": _disk_full,
    "file-removed": _file_removed,
}


def measure(env: dict) -> dict:
    chosen = os.environ.get("BENCH_DRILLS", " ".join(SCENARIOS)).split()
    if unknown := set(chosen) - set(SCENARIOS):
        raise SystemExit(f"BENCH_DRILLS names no such drill: {', '.join(sorted(unknown))}")
    code, drills = _code(), []
    for name in chosen:
        print(f"drills: {name}", flush=True)
        since = _log_size()
        try:
            found = SCENARIOS[name](env)
        except (Exception, SystemExit) as error:  # the other drills are still worth running
            found = [Drill(name, failed=str(error) or type(error).__name__)]
        for drill in found:
            if drill.counts[500]:
                drill.evidence.append(_server_errors(since))
            print(f"drills: {drill}", flush=True)
        drills += found
    return {"code": code, "drills": drills}


def _server_errors(since: int) -> str:
    """What the server logged about its 500s since `since`: the addresses and the exceptions."""
    lines = _log_lines(since)
    addresses = sorted({line for line in lines if line.startswith("Internal Server Error:")})
    return (
        f"500s: the server logged {'; '.join(addresses[:5]) or 'no Internal Server Error line'}; "
        f"exceptions: {'; '.join(_exceptions(lines)[:5]) or 'none'}"
    )


def _code() -> str:
    """The site's code the drills ran against: its commit, and whether others had changed files."""
    git = ["git", "-C", str(ROOT)]
    commit = subprocess.run([*git, "log", "-1", "--format=%h %s"], capture_output=True, text=True)
    changed = subprocess.run(
        [*git, "status", "--porcelain", "--", ".", ":!benchmarks"], capture_output=True, text=True
    ).stdout.splitlines()
    return f"commit {commit.stdout.strip() or 'unknown'}" + (
        f", with {len(changed)} files changed but not committed" if changed else ""
    )


def _tally(answers: list[Answer]) -> Counter:
    return Counter("no answer" if answer.status is None else answer.status for answer in answers)


def _seconds(answers: list[Answer]) -> str:
    """How long answers took: median and longest."""
    seconds = sorted(answer.seconds for answer in answers)
    return f"{seconds[len(seconds) // 2]:.1f} s (median), {seconds[-1]:.1f} s (longest)"


def _statuses(counts: Counter) -> str:
    ordered = sorted(counts.items(), key=lambda item: (isinstance(item[0], str), str(item[0])))
    return ", ".join(f"{status}: {count}" for status, count in ordered) or "none"


def report(results: dict) -> tuple[list[str], bool]:
    drills = results["drills"]
    lines = [
        "## Fault drills",
        "",
        "Each drill serves the demo with `make serve` from a scratch folder of its own (SQLite,",
        "or a scratch PostgreSQL database), breaks one part while wrk loads the site",
        f"({CONNECTIONS} connections; {LIGHT} for the removed file) and a Python client reads the",
        "answers' bodies and headers, then mends it (benchmarks/drills.py says how each part is",
        "broken). *Answers* counts every answer of the drill by status, wrk's (tallied by",
        "benchmarks/statuses.lua) and the client's; *no answer* is a request not answered",
        f"within {TIMEOUT_S} s, or a broken connection. The targets: no 500, nothing half-saved,",
        "nothing embargoed shown, and each drill's own checks, listed under the table with what",
        f"was seen where the site did not behave as described. The site's code: {results['code']}.",
        "",
        "| drill | requests | answers by status | 500s (0) | met |",
        "|---|---|---|---|---|",
    ]
    for drill in drills:
        if drill.skipped:
            lines.append(f"| {drill.name} | – | skipped | – | – |")
            continue
        lines.append(
            f"| {drill.name} | {sum(drill.counts.values())} | {_statuses(drill.counts)} | "
            f"{drill.counts[500]} | {verdict(drill.met)} |"
        )
    lines.append("")
    for drill in drills:
        if drill.skipped:
            lines += [f"- **{drill.name}**: skipped, not checked: {drill.skipped}.", ""]
            continue
        if drill.failed:
            lines += [f"- **{drill.name}**: the drill stopped: {drill.failed}", ""]
            continue
        checks = "; ".join(f"{name}: {verdict(ok)}" for name, ok in drill.checks.items())
        lines.append(f"- **{drill.name}** (met: {verdict(drill.met)}). {checks}.")
        lines += [f"  - {note}" for note in drill.notes]
        lines += [f"  - Not as described: {evidence}" for evidence in drill.evidence]
        lines.append("")
    passed = all(drill.met for drill in drills if not drill.skipped)
    lines += [f"Result: **{'met' if passed else 'NOT met'}**.", ""]
    return lines, passed
