"""gunicorn's settings for `make serve` and production: `gunicorn -c config/gunicorn.py config.wsgi`.

gevent workers, because journalists download press kits of hundreds of
megabytes, often over slow hotel and festival networks: a sync worker
would be held for the whole transfer (and killed by its timeout halfway
through a long one), while a gevent worker streams many downloads at once
and goes on answering pages between their chunks. Public pages are
CPU-bound and never wait on each other, so they lose nothing.

Each connection is closed after its response, as sync workers do: a worker
then cannot be monopolised by one busy keep-alive client, and a proxy in
front keeps browsers' connections open if wanted. Every value can be
overridden on the command line or with GUNICORN_CMD_ARGS.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", os.cpu_count() or 1))
worker_class = "gevent"
# Requests (page views or downloads) a worker handles at once.
worker_connections = int(os.environ.get("GUNICORN_WORKER_CONNECTIONS", "200"))
keepalive = 0
# Nothing logs each request; errors still go to stderr.
accesslog = None


def post_worker_init(worker):
    """Reuse database connections across the greenlets that serve requests."""
    from config.lib import connection_reuse

    connection_reuse.install()
