"""The database: what a pooled connection carries back, how big the pool may grow, and
what a refused write means in words.
"""

import errno
import math
import sqlite3

from django.core.checks import Error, Tags, register
from django.db import close_old_connections, transaction

from .workers import web_workers


def reset_connection(connection) -> None:
    """Undo every SET a request made before the pool lends `connection` again.

    psycopg_pool calls this when Django hands a connection back at the end of
    a request, after rolling back any transaction left open; the session's
    defaults (TimeZone=UTC, from the connection's options) come back too.
    """
    with connection.transaction():
        connection.execute("RESET ALL")


def release_connection() -> None:
    """On PostgreSQL, give this thread's connection back to the pool before a long transfer.

    A download may take minutes on a hotel network; the connection it no
    longer needs serves other requests meanwhile. (On SQLite, a connection
    costs nothing while idle and stays, as CONN_MAX_AGE says.) One inside a
    transaction (a test's) is not the view's to give back, and stays.
    """
    if transaction.get_autocommit():  # not inside a transaction
        close_old_connections()


def pool_capacity(*, max_connections: int, reserved: int, processes: int) -> int:
    """The largest pool each of `processes` may have within the server's connections."""
    return math.floor((max_connections - reserved) / processes)


@register(Tags.database)
def pool_fits_the_server(databases=None, **kwargs) -> list[Error]:
    """`manage.py check --database default`: every process's full pool fits max_connections.

    The processes are the gunicorn workers (WEB_CONCURRENCY, one per core by
    default: config/lib/workers.py) and the tasks worker.
    """
    from django.db import connections

    errors = []
    for alias in databases or ():
        connection = connections[alias]
        pool = connection.settings_dict.get("OPTIONS", {}).get("pool")
        if connection.vendor != "postgresql" or not pool:
            continue
        processes = web_workers() + 1
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('max_connections')::int, "
                "current_setting('superuser_reserved_connections')::int"
            )
            max_connections, reserved = cursor.fetchone()
        capacity = pool_capacity(
            max_connections=max_connections, reserved=reserved, processes=processes
        )
        if pool["max_size"] > capacity:
            errors.append(
                Error(
                    f"DJANGO_DB_POOL_MAX_SIZE={pool['max_size']} is too large: {processes} "
                    "processes (gunicorn workers and the tasks worker) could open "
                    f"{pool['max_size'] * processes} connections to {alias!r}, and the server "
                    f"allows {max_connections - reserved}.",
                    hint=f"Set it to {capacity} or less, run fewer workers, or raise "
                    "max_connections.",
                    id="config.E001",
                )
            )
    return errors


# What the database said when it refused a write, read from the driver's own
# error (Django's wrapper keeps it as __cause__): PostgreSQL's SQLSTATE, or
# SQLite's extended result code.
UNIQUE_VIOLATION = {"23505", sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY}
DISK_FULL = {"53100", sqlite3.SQLITE_FULL}


def _driver_code(error: BaseException):
    cause = error.__cause__
    return getattr(cause, "sqlstate", None) or getattr(cause, "sqlite_errorcode", None)


def is_unique_violation(error: BaseException) -> bool:
    """Whether `error` is the database refusing a second row with the same unique value."""
    return _driver_code(error) in UNIQUE_VIOLATION


def is_disk_full(error: BaseException) -> bool:
    """Whether `error` says the disk is full: the storage's, or the database's own."""
    if isinstance(error, OSError):  # no space, a quota reached, a file over the size limit
        return error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
    return _driver_code(error) in DISK_FULL
