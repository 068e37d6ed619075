"""`make bench`: how fast the public pages are, as ratios of a hello-world in the same run.

Serves the demo with `make serve` (gunicorn, production settings, SQLite) in
a scratch folder, loads it with wrk from this machine, and writes
benchmarks/RESULTS.md. Every figure is the median (min-max) over rounds;
each round measures the hello-world view and the pages one after another,
so a ratio compares requests served by the same server minutes apart.

    BENCH_ROUNDS=3 BENCH_SECONDS=10 BENCH_CONNECTIONS=16 make bench
"""

import datetime
import os
import platform
import re
import secrets
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "work"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
PORT = int(os.environ.get("BENCH_PORT", "8765"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
THREADS = 2

HELLO = "/healthz"
PAGES = {"home": "/", "film": "/films/la-tregua/", "screenings": "/screenings/"}
TARGETS = {"uncached": 0.14, "cached": 0.8}
TARGET_PAGES = ("film", "screenings")
P99_LIMIT_MS = 100.0


@dataclass
class Run:
    rps: float
    p50_ms: float
    p99_ms: float


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(path: str, seconds: int = SECONDS) -> Run:
    out = subprocess.run(
        [
            "wrk",
            f"-t{THREADS}",
            f"-c{CONNECTIONS}",
            f"-d{seconds}s",
            "--latency",
            f"http://127.0.0.1:{PORT}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx" in out:
        raise SystemExit(f"{path} answered errors under load:\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", out, re.MULTILINE).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", out, re.MULTILINE).group(1))
    return Run(rps, p50, p99)


def serve(env: dict) -> subprocess.Popen:
    process = subprocess.Popen(
        ["make", "--no-print-directory", "serve", f"PORT={PORT}"],
        cwd=ROOT,
        env=env,
        stdout=(WORK / "serve.log").open("a"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}{HELLO}", timeout=1)
            return process
        except OSError:
            if process.poll() is not None:
                raise SystemExit(f"make serve stopped; see {WORK / 'serve.log'}") from None
            time.sleep(0.5)
    raise SystemExit("make serve did not answer within a minute")


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def measure(label: str, env: dict) -> dict[str, list[Run]]:
    process = serve(env)
    try:
        # The second visit to a page must come from the cache, or must not.
        film = f"http://127.0.0.1:{PORT}{PAGES['film']}"
        urllib.request.urlopen(film)
        cache_state = urllib.request.urlopen(film).headers.get("X-Public-Cache")
        expected = "hit" if label == "cached" else None
        if cache_state != expected:
            raise SystemExit(f"{label}: expected X-Public-Cache {expected}, got {cache_state}")
        runs: dict[str, list[Run]] = {name: [] for name in ("hello", *PAGES)}
        for round_number in range(1, ROUNDS + 1):
            for name, path in (("hello", HELLO), *PAGES.items()):
                wrk(path, seconds=2)  # warm up
                runs[name].append(wrk(path))
                print(f"{label} round {round_number} {name}: {runs[name][-1]}", flush=True)
        return runs
    finally:
        stop(process)


def spread(values: list[float], digits: int = 2) -> str:
    return f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}\N{EN DASH}{max(values):.{digits}f})"


def version(command: list[str]) -> str:
    """The first line a tool prints about its version (wrk prints it to stderr, and fails)."""
    try:
        result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    except OSError:
        return "unknown"
    lines = (result.stdout or result.stderr).strip().splitlines()
    return lines[0] if lines else "unknown"


def report(results: dict[str, dict[str, list[Run]]]) -> tuple[str, bool]:
    python = sys.executable
    lines = [
        "# Benchmark results",
        "",
        f"Measured by `make bench` on {datetime.date.today():%Y-%m-%d}: the demo catalogue served by",
        f"`make serve` (gunicorn, {os.cpu_count()} sync workers, production settings, SQLite),",
        f"loaded by wrk from the same machine: {THREADS} threads, {CONNECTIONS} connections,",
        f"{SECONDS} s per measurement after a 2 s warm-up, {ROUNDS} rounds. Figures are the median",
        "(min\N{EN DASH}max) over rounds; a ratio divides a page's requests per second by those of the",
        f"bare hello-world view (`{HELLO}`) measured in the same round on the same server.",
        "",
        "| | |",
        "|---|---|",
        f"| machine | {os.cpu_count()} cores, {platform.processor() or platform.machine()}, {platform.platform()} |",
        f"| Python | {platform.python_version()} |",
        f"| Django | {version([python, '-c', 'import django; print(django.get_version())'])} |",
        f"| gunicorn | {version([python, '-m', 'gunicorn', '--version'])} |",
        f"| SQLite | {sqlite3.sqlite_version} |",
        f"| wrk | {version(['wrk', '--version'])} |",
        "",
    ]
    passed = True
    for label, runs in results.items():
        hello = runs["hello"]
        lines += [
            f"## {label.capitalize()}",
            "",
            "| page | requests/s | ratio to hello-world | p50 ms | p99 ms |",
            "|---|---|---|---|---|",
            f"| hello-world `{HELLO}` | {spread([r.rps for r in hello], 0)} | 1 | "
            f"{spread([r.p50_ms for r in hello])} | {spread([r.p99_ms for r in hello])} |",
        ]
        for name, path in PAGES.items():
            page = runs[name]
            ratios = [p.rps / h.rps for p, h in zip(page, hello, strict=True)]
            lines.append(
                f"| {name} `{path}` | {spread([r.rps for r in page], 0)} | {spread(ratios)} | "
                f"{spread([r.p50_ms for r in page])} | {spread([r.p99_ms for r in page])} |"
            )
            if name in TARGET_PAGES:
                ratio_ok = statistics.median(ratios) >= TARGETS[label]
                p99_ok = statistics.median([r.p99_ms for r in page]) < P99_LIMIT_MS
                passed &= ratio_ok and p99_ok
        lines.append("")
    lines += [
        "## Targets",
        "",
        f"Film and screenings pages: uncached at least {TARGETS['uncached']} of hello-world, cached at",
        f"least {TARGETS['cached']}, p99 under {P99_LIMIT_MS:.0f} ms at {CONNECTIONS} connections (medians).",
        f"Result: **{'met' if passed else 'NOT met'}**.",
        "",
        "Uncached means DJANGO_PUBLIC_CACHE_SECONDS=0: every request renders the page and reads",
        "the database. Cached is the default: anonymous visitors get whole pages from the cache",
        "(config/lib/public_cache.py), shared by the workers through files on this machine.",
        "",
    ]
    return "\n".join(lines), passed


def main() -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk (Debian's package).")
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    base_env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{WORK / 'bench.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(WORK / "media"),
        "DJANGO_STATIC_ROOT": str(WORK / "static"),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_HTTPS": "false",
    }
    results = {}
    for label, cache_seconds in (("uncached", "0"), ("cached", "300")):
        env = {
            **base_env,
            "DJANGO_PUBLIC_CACHE_SECONDS": cache_seconds,
            "DJANGO_CACHE_DIR": str(WORK / f"cache-{label}"),
        }
        results[label] = measure(label, env)
    text, passed = report(results)
    RESULTS.write_text(text)
    print(text)
    if not passed:
        print("Some targets were not met; see above.", file=sys.stderr)


if __name__ == "__main__":
    main()
