"""The PostgreSQL connection pool: what a connection carries back, and how big it may grow."""

import math
import os

from django.core.checks import Error, Tags, register


def reset_connection(connection) -> None:
    """Undo every SET a request made before the pool lends `connection` again.

    psycopg_pool calls this when Django hands a connection back at the end of
    a request, after rolling back any transaction left open; the session's
    defaults (TimeZone=UTC, from the connection's options) come back too.
    """
    with connection.transaction():
        connection.execute("RESET ALL")


def pool_capacity(*, max_connections: int, reserved: int, processes: int) -> int:
    """The largest pool each of `processes` may have within the server's connections."""
    return math.floor((max_connections - reserved) / processes)


@register(Tags.database)
def pool_fits_the_server(databases=None, **kwargs) -> list[Error]:
    """`manage.py check --database default`: every process's full pool fits max_connections.

    The processes are the gunicorn workers (WEB_CONCURRENCY, one per core by
    default, as config/gunicorn.py counts them) and the tasks worker.
    """
    from django.db import connections

    errors = []
    for alias in databases or ():
        connection = connections[alias]
        pool = connection.settings_dict.get("OPTIONS", {}).get("pool")
        if connection.vendor != "postgresql" or not pool:
            continue
        processes = int(os.environ.get("WEB_CONCURRENCY", os.cpu_count() or 1)) + 1
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
