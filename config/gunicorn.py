"""gunicorn's settings for `make serve` and production: `gunicorn -c config/gunicorn.py config.wsgi`.

gevent workers, because journalists download press kits of hundreds of
megabytes, often over slow hotel and festival networks: a sync worker
would be held for the whole transfer (and killed by its timeout halfway
through a long one), while a gevent worker streams many downloads at once
and goes on answering pages between their chunks. Public pages are
CPU-bound and never wait on each other, so they lose nothing; pictures are
never resized in a web worker (presskit/tasks.py).

Each connection is closed after its response, as sync workers do: a worker
then cannot be monopolised by one busy keep-alive client, and a proxy in
front keeps browsers' connections open if wanted. Every value can be
overridden on the command line or with GUNICORN_CMD_ARGS.
"""

import os
from pathlib import Path

MANAGE = str(Path(__file__).resolve().parent.parent / "manage.py")

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", os.cpu_count() or 1))
worker_class = "gevent"
# Requests (page views or downloads) a worker handles at once.
worker_connections = int(os.environ.get("GUNICORN_WORKER_CONNECTIONS", "200"))
keepalive = 0
# Nothing logs each request; errors still go to stderr.
accesslog = None


def on_starting(server):
    """Refuse to start if the workers' and the tasks worker's pools could exceed PostgreSQL's limit.

    Runs `manage.py check --database default` in a process of its own: this
    one must not load Django before gevent patches each worker.
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
