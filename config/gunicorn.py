"""gunicorn's settings for `make serve` and production: `gunicorn -c config/gunicorn.py config.wsgi`.

Threaded workers (gthread), one process per core. A thread keeps its
database connection from one request to the next (CONN_MAX_AGE, or Django's
pool on PostgreSQL) and its cache client, so a request opens nothing. Files
and built press kits go out with sendfile(2), so a download costs a thread
little CPU while a slow hotel network takes its time; GUNICORN_THREADS sets
how many requests, downloads included, a worker serves at once. Pictures
are never resized in a web worker (presskit/tasks.py).

Of a worker's threads, only WEB_PAGES_AT_ONCE (2) run a GET or HEAD view at
a time; the others wait their turn (PageTurnsMiddleware, config/lib/turns.py).
Without turns, the 8 requests a worker has at once at 16 connections all
run Django, and contend for the lock asgiref's `Local` takes on every read
of the active language (perf traced the worker's futex calls to it): the
uncached film page cost 329 context switches a request, 54 with turns.
Measured on 2 cores with wrk at 16 connections (2026-12-07), turns took the
uncached film page from 52-67 to 98-105 requests a second on SQLite, and
its p99 from 750-840 ms to 270-340 ms; on PostgreSQL on the same machine
(whose own processes share the two cores), from 62-65 to 70-87, with one
turn or two alike. Two keep a core busy while one request waits on a
database across a network. Pages answered from the cache take no turn,
and serve as before.

Why not more processes or fewer threads instead (measured before turns):
four workers per two cores of 8 threads served uncached pages about 1.6
times as fast, but pushed the p99 of every cached page over 20 ms (21-31
ms, from 15-18 ms): four processes on two cores are time-sliced by the
kernel. Fewer threads would leave fewer downloads at once. Cached pages are
what visitors get; the threads stay.

Each connection is closed after its response: a proxy in front keeps
browsers' connections open if wanted. Every value can be overridden on the
command line or with GUNICORN_CMD_ARGS.
"""

import os
from pathlib import Path

from config.lib.workers import web_workers

MANAGE = str(Path(__file__).resolve().parent.parent / "manage.py")

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = web_workers()
worker_class = "gthread"
# Requests (page views or downloads) a worker handles at once.
threads = int(os.environ.get("GUNICORN_THREADS", "32"))
keepalive = 0
# Nothing logs each request; errors still go to stderr.
accesslog = None


def on_starting(server):
    """Refuse to start if the workers' and the tasks worker's pools could exceed PostgreSQL's limit.

    Runs `manage.py check --database default` in a process of its own, so
    that the arbiter never opens a database connection its workers would
    inherit.
    """
    import subprocess
    import sys

    env = {**os.environ, "WEB_CONCURRENCY": str(server.cfg.workers)}
    checked = subprocess.run(
        [sys.executable, MANAGE, "check", "--database", "default", "--fail-level", "ERROR"],
        env=env,
        capture_output=True,
        text=True,
    )
    if checked.returncode != 0:
        sys.exit(checked.stderr.strip() or checked.stdout.strip())
