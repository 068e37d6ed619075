"""`make bench`: pages, press-kit ZIP, renditions, embargo stampede, renders under load, DB pool,
press screening bookings, fault drills.

Serves a scratch copy of the demo with `make serve` (production settings,
SQLite, config/gunicorn.py) from benchmarks/work/, never the developer's
database or media, and writes benchmarks/RESULTS.md. Every figure is the
median (min-max) over rounds, and every speed is a ratio to a baseline
measured in the same run on the same machine. The Debian packages the
chosen parts need (wrk, nginx-light, libvips-tools, curl) are installed
with apt-get when missing and running as root; otherwise the run stops
and names them. Redis (BENCH_REDIS_URL, database 9 by default) and
PostgreSQL (BENCH_POSTGRES_URL) must run on this machine for the parts
that use them.

    BENCH_ROUNDS=3 BENCH_SECONDS=10 BENCH_CONNECTIONS=16 BENCH_KIT_ROUNDS=5 make bench
    make bench BENCH_ONLY="pages kit renditions stampede busy pool bookings drills"   (any of them)
    BENCH_PORT=8765 make bench   (the site's port; the baselines take the next three)
"""

import datetime
import os
import platform
import shutil
import sqlite3
import sys

import bookings
import busy
import drills
import kit
import pages
import pool
import renditions
import stampede
import stock_wagtail
from serving import WORK, OtherWork, base_env, require_packages, tool, version

RESULTS = WORK.parent / "RESULTS.md"
PARTS = {
    "pages": pages,
    "kit": kit,
    "renditions": renditions,
    "stampede": stampede,
    "busy": busy,
    "pool": pool,
    "bookings": bookings,
    "drills": drills,
}


def header() -> list[str]:
    python = sys.executable

    def package(name: str) -> str:
        return version(
            [python, "-c", f"import importlib.metadata as m; print(m.version({name!r}))"]
        )

    return [
        "# Benchmark results",
        "",
        f"Measured by `make bench` on {datetime.date.today():%Y-%m-%d}. Figures are the median",
        "(min\N{EN DASH}max) over rounds. The site is the demo catalogue served by `make serve`:",
        "production settings, SQLite, gunicorn with one threaded worker per core",
        "(config/gunicorn.py), on the same machine as the load.",
        "",
        "| | |",
        "|---|---|",
        f"| machine | {os.cpu_count()} cores, {platform.machine()}, {platform.platform()} |",
        f"| Python | {platform.python_version()} |",
        f"| Django | {package('django')} |",
        f"| gunicorn | {package('gunicorn')} (gthread) |",
        f"| Pillow, zipstream-ng, typst | {package('pillow')}, {package('zipstream-ng')}, "
        f"{package('typst')} |",
        f"| SQLite | {sqlite3.sqlite_version} |",
        f"| wrk | {version(['wrk', '--version'])} |",
        f"| curl | {version(['curl', '--version'])} |",
        f"| nginx | {version([tool('nginx') or 'nginx', '-v'])} |",
        f"| libvips | {version(['vips', '--version'])} |",
        f"| PostgreSQL, Redis | {pool.server_version()}, {version(['redis-server', '--version'])} |",
        "",
    ]


def clear_work() -> None:
    """Empty the scratch folder, but keep the stock Wagtail installation: it takes minutes to make."""
    WORK.mkdir(parents=True, exist_ok=True)
    for entry in WORK.iterdir():
        if entry == stock_wagtail.HOME:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def main() -> None:
    chosen = (os.environ.get("BENCH_ONLY") or " ".join(PARTS)).split()
    unknown = set(chosen) - set(PARTS)
    if unknown:
        raise SystemExit(f"BENCH_ONLY names no such part: {', '.join(sorted(unknown))}")
    require_packages(
        {command: package for name in chosen for command, package in PARTS[name].PACKAGES.items()}
    )
    clear_work()
    env = base_env()
    lines, verdicts = header(), {}
    for name in chosen:
        part = PARTS[name]
        others = OtherWork()
        others.start()
        try:
            results, failure = part.measure() if part is renditions else part.measure(env), None
        except (Exception, SystemExit) as error:  # the other parts' figures are still worth having
            results, failure = None, error
        meanwhile = others.stop()
        if failure is not None:
            print(f"{name} failed: {failure}", file=sys.stderr, flush=True)
            lines += [f"## {name}: failed", "", f"The part stopped: {failure}", "", meanwhile, ""]
            verdicts[name] = False
            continue
        section, verdicts[name] = part.report(results)
        lines += [*section, meanwhile, ""]
    lines += [
        "## Summary",
        "",
        *(f"- {name}: targets {'met' if ok else '**NOT met**'}" for name, ok in verdicts.items()),
        "",
    ]
    text = "\n".join(lines)
    RESULTS.write_text(text)
    print(text)
    if not all(verdicts.values()):
        print("Some targets were not met; see above.", file=sys.stderr)


if __name__ == "__main__":
    main()
