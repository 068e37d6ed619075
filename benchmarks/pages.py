"""The public pages under load: wrk against `make serve`, as ratios of a hello-world.

Each round measures the hello-world view and the pages one after another,
so a ratio compares requests served by the same server minutes apart.
Uncached means DJANGO_PUBLIC_CACHE_SECONDS=0: every request renders the
page and reads the database. Cached is the default.
"""

import os
import re
import shutil
import statistics
import subprocess
import urllib.request
from dataclasses import dataclass

from serving import HELLO, WORK, serve, spread, stop, url

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
THREADS = 2

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
        ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", url(path)],
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


def _measure(label: str, env: dict) -> dict[str, list[Run]]:
    process = serve(env)
    try:
        # The second visit to a page must come from the cache, or must not.
        film = url(PAGES["film"])
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


def measure(env: dict) -> dict[str, dict[str, list[Run]]]:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk (Debian's package).")
    results = {}
    for label, cache_seconds in (("uncached", "0"), ("cached", "300")):
        results[label] = _measure(
            label,
            {
                **env,
                "DJANGO_PUBLIC_CACHE_SECONDS": cache_seconds,
                "DJANGO_CACHE_DIR": str(WORK / f"cache-{label}"),
            },
        )
    return results


def report(results: dict[str, dict[str, list[Run]]]) -> tuple[list[str], bool]:
    lines = [
        "## Public pages",
        "",
        f"wrk from the same machine: {THREADS} threads, {CONNECTIONS} connections, {SECONDS} s",
        f"per measurement after a 2 s warm-up, {ROUNDS} rounds. A ratio divides a page's",
        "requests per second by those of the bare hello-world view (`/healthz`) measured in",
        "the same round on the same server.",
        "",
    ]
    passed = True
    for label, runs in results.items():
        hello = runs["hello"]
        lines += [
            f"### {label.capitalize()}",
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
        f"Targets: film and screenings pages uncached at least {TARGETS['uncached']} of",
        f"hello-world, cached at least {TARGETS['cached']}, p99 under {P99_LIMIT_MS:.0f} ms at",
        f"{CONNECTIONS} connections (medians). Result: **{'met' if passed else 'NOT met'}**.",
        "",
        "Anonymous visitors get whole pages from the cache (config/lib/public_cache.py),",
        "shared by the workers through files on this machine.",
        "",
    ]
    return lines, passed
