"""On PostgreSQL, connections come from Django's own pool: bounded, and clean for every request.

These run in the PostgreSQL pass of the suite (`DATABASE_URL=postgres://... make
test`, as CI does); on SQLite there is no pool to test.
"""

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from wsgiref.util import setup_testing_defaults

import psycopg
import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection, connections

from config.lib.db import pool_capacity, pool_fits_the_server

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parent.parent


def _visit(path: str) -> dict:
    """One request through Django's WSGI handler, as gunicorn runs it: its connection is
    taken at the start and handed back when the response closes (the test client keeps it)."""
    environ = {"PATH_INFO": path, "HTTP_HOST": "testserver"}
    setup_testing_defaults(environ)
    statuses = []
    body = WSGIHandler()(environ, lambda status, headers, exc_info=None: statuses.append(status))
    try:
        content = b"".join(body)
    finally:
        body.close()
    assert statuses == ["200 OK"], statuses
    return json.loads(content)


@pytest.mark.urls("tests.database_pool_urls")
def test_no_setting_or_open_transaction_crosses_from_one_request_to_the_next():
    connections["default"].close_pool()  # a pool of min_size, not what earlier tests grew
    min_size = settings.DATABASES["default"]["OPTIONS"]["pool"]["min_size"]
    # The pool lends its idle connections in turn: enough visits to leave each one dirty.
    dirtied = {_visit("/leave-state/")["pid"] for _ in range(3 * min_size)}

    found = [_visit("/state/") for _ in range(3)]

    assert {state["pid"] for state in found} <= dirtied  # the same connections, lent again
    for state in found:
        assert state["statement_timeout"] == "0"
        assert state["time_zone"] == "UTC"
        assert state["fresh"], "a transaction was left open across requests"


def _server_connections() -> int:
    params = connection.get_connection_params()
    with psycopg.connect(**params, autocommit=True) as watcher:
        return watcher.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchone()[0]


@pytest.mark.urls("tests.database_pool_urls")
def test_connections_stay_within_the_pool_when_requests_outnumber_it():
    max_size = settings.DATABASES["default"]["OPTIONS"]["pool"]["max_size"]
    connections["default"].close_pool()
    others = _server_connections()  # not this process's pool's (a worker thread's, say)
    peak, done = [0], threading.Event()

    def watch():
        while not done.is_set():
            peak[0] = max(peak[0], _server_connections() - others)
            time.sleep(0.02)

    def visit(results):
        try:
            for _ in range(5):
                results.append(_visit("/hold/")["pid"])
        finally:
            connections.close_all()

    watcher = threading.Thread(target=watch)
    watcher.start()
    results: list[int] = []
    visitors = [threading.Thread(target=visit, args=(results,)) for _ in range(3 * max_size)]
    for visitor in visitors:
        visitor.start()
    for visitor in visitors:
        visitor.join()
    done.set()
    watcher.join()

    assert len(results) == 15 * max_size
    assert len(set(results)) <= max_size
    assert 1 < peak[0] <= max_size


def test_the_pool_size_is_checked_against_the_servers_limit(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "2")  # whatever this machine's core count
    assert pool_fits_the_server(databases=["default"]) == []

    monkeypatch.setenv("WEB_CONCURRENCY", "1000")
    (error,) = pool_fits_the_server(databases=["default"])

    assert "DJANGO_DB_POOL_MAX_SIZE=" in error.msg
    assert "1001 processes" in error.msg


def test_pool_capacity_leaves_the_servers_reserved_connections():
    assert pool_capacity(max_connections=100, reserved=3, processes=3) == 32


def test_gunicorn_refuses_to_start_with_pools_the_server_cannot_hold():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "DJANGO_SECRET_KEY": "x" * 60,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**connection.settings_dict),
        "DJANGO_DB_POOL_MAX_SIZE": "1000",
    }
    gunicorn = Path(sys.executable).parent / "gunicorn"

    result = subprocess.run(
        [str(gunicorn), "-c", "config/gunicorn.py", "config.wsgi", "--bind", "127.0.0.1:0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "DJANGO_DB_POOL_MAX_SIZE=1000 is too large" in result.stderr
