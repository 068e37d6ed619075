"""PostgreSQL connections under load: the pools stay within their bound.

`make serve` on a scratch PostgreSQL database (presskit_bench, made anew
and dropped at the end), uncached (DJANGO_PUBLIC_CACHE_SECONDS=0, so every
request reads the database) and with DJANGO_DB_POOL_MAX_SIZE=4. Every
process that serves the site (each gunicorn worker and the tasks worker)
has a pool of its own, so at most (workers + 1) * 4 connections may be
open. While wrk loads the film and screenings pages at 16 and at 64
connections, a separate connection (to the `postgres` database, and not
counted) samples pg_stat_activity every 50 ms.
"""

import os
import threading
import time

from serving import (
    FILM,
    ROUNDS,
    SECONDS,
    THREADS,
    WORK,
    WORKERS,
    serve,
    spread,
    stop,
    url,
    verdict,
    wait_for_renditions,
    wrk,
)

PACKAGES = {"wrk": "wrk"}

SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
DATABASE = "presskit_bench"
POOL_MAX_SIZE = 4
BOUND = (WORKERS + 1) * POOL_MAX_SIZE
LOADS = (16, 64)  # wrk connections
PAGES = {"film": FILM, "screenings": "/screenings/"}
SAMPLE_S = 0.05
# wrk waits this long for an answer, longer than a request waits for a pooled connection
# (DJANGO_DB_POOL_TIMEOUT, 10 s): an error is a request that failed, not a slow one.
WRK_TIMEOUT_S = 30


def admin_connection():
    """An autocommit connection to the server's `postgres` database."""
    import psycopg

    try:
        return psycopg.connect(f"{SERVER}/postgres", autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        raise SystemExit(
            f"PostgreSQL at {SERVER} does not answer ({error}); set BENCH_POSTGRES_URL"
        ) from None


def server_version() -> str:
    try:
        with admin_connection() as connection:
            return connection.execute("SHOW server_version").fetchone()[0]
    except SystemExit:
        return "unknown"


class _Sampler(threading.Thread):
    """Counts the bench database's connections every SAMPLE_S: `samples` is [(monotonic, count)]."""

    def __init__(self):
        super().__init__(daemon=True)
        self.samples: list[tuple[float, int]] = []
        self.done = threading.Event()
        self.connection = admin_connection()

    def run(self):
        with self.connection:
            while not self.done.is_set():
                count = self.connection.execute(
                    "SELECT count(*) FROM pg_stat_activity"
                    " WHERE datname = %s AND pid <> pg_backend_pid()",
                    (DATABASE,),
                ).fetchone()[0]
                self.samples.append((time.monotonic(), count))
                time.sleep(SAMPLE_S)

    def peak(self, since: float, until: float) -> int:
        return max((count for when, count in self.samples if since <= when <= until), default=0)


def measure(env: dict) -> dict:
    with admin_connection() as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")
    env = {
        **env,
        "DATABASE_URL": f"{SERVER}/{DATABASE}",
        "DJANGO_PUBLIC_CACHE_SECONDS": "0",
        "DJANGO_DB_POOL_MAX_SIZE": str(POOL_MAX_SIZE),
        "DJANGO_MEDIA_ROOT": str(WORK / "media-pool"),
    }
    process, sampler = serve(env), None
    try:
        wait_for_renditions(env)
        sampler = _Sampler()
        sampler.start()
        runs = {(name, load): [] for load in LOADS for name in PAGES}
        for round_number in range(1, ROUNDS + 1):
            for load in LOADS:
                for name, path in PAGES.items():
                    since = time.monotonic()
                    wrk(url(path), seconds=2, connections=load, timeout_s=WRK_TIMEOUT_S)  # warm up
                    run = wrk(url(path), connections=load, timeout_s=WRK_TIMEOUT_S)
                    run.peak = sampler.peak(since, time.monotonic())
                    runs[(name, load)].append(run)
                    print(f"pool round {round_number} {name} at {load}: {run}", flush=True)
        return {"runs": runs, "peak": max(count for _, count in sampler.samples)}
    finally:
        if sampler is not None:
            sampler.done.set()
            sampler.join()
        stop(process)
        with admin_connection() as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def report(results: dict) -> tuple[list[str], bool]:
    lines = [
        "## PostgreSQL pool",
        "",
        f"`make serve` on PostgreSQL {server_version()} (a scratch database, `{DATABASE}`),",
        f"uncached, with DJANGO_DB_POOL_MAX_SIZE={POOL_MAX_SIZE}: {WORKERS} gunicorn workers and the",
        f"tasks worker may open at most ({WORKERS} + 1) × {POOL_MAX_SIZE} = {BOUND} connections.",
        f"wrk ({THREADS} threads) on each page at {' and '.join(map(str, LOADS))} connections,",
        f"{SECONDS} s after a 2 s warm-up, {ROUNDS} rounds; the bench database's connections",
        f"counted in pg_stat_activity every {SAMPLE_S * 1000:.0f} ms from a separate connection",
        "(to another database, and left out). *Peak* is the most seen during a measurement",
        f"and its warm-up. wrk waits {WRK_TIMEOUT_S} s for an answer (longer than a request waits",
        "for a pooled connection, 10 s), so errors are failed requests (non-2xx, socket errors),",
        "not slow ones; how slow shows in p99 and max.",
        "",
        f"| page | wrk connections | requests/s | p99 ms | max ms | errors | peak connections "
        f"(≤ {BOUND}) | met |",
        "|---|---|---|---|---|---|---|---|",
    ]
    passed = True
    for (name, load), runs in results["runs"].items():
        errors = sum(run.errors for run in runs)
        peaks = [run.peak for run in runs]
        met = errors == 0 and max(peaks) <= BOUND
        passed &= met
        lines.append(
            f"| {name} | {load} | {spread([run.rps for run in runs], 0)} | "
            f"{spread([run.p99_ms for run in runs])} | {spread([run.max_ms for run in runs])} | "
            f"{errors} | {spread(peaks, 0)} | "
            f"{verdict(met)} |"
        )
    passed &= results["peak"] <= BOUND
    lines += [
        "",
        f"Most connections seen at any sample while measuring: {results['peak']} (bound {BOUND}).",
        "",
        f"Targets: never more than {BOUND} connections, no errors. "
        f"Result: **{'met' if passed else 'NOT met'}**.",
        "",
    ]
    return lines, passed
