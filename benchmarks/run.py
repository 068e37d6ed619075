"""`make bench`: the public pages, the press-kit ZIP and the renditions, in one run.

Serves a scratch copy of the demo with `make serve` (production settings,
SQLite, config/gunicorn.py) from benchmarks/work/, never the developer's
database or media, and writes benchmarks/RESULTS.md. Every figure is the
median (min-max) over rounds, and every speed is a ratio to a baseline
measured in the same run on the same machine.

    BENCH_ROUNDS=3 BENCH_SECONDS=10 BENCH_CONNECTIONS=16 BENCH_KIT_ROUNDS=5 make bench
    make bench BENCH_ONLY="pages kit renditions"   (any of them)
"""

import datetime
import os
import platform
import shutil
import sqlite3
import sys

import kit
import pages
import renditions
from serving import WORK, base_env, version

RESULTS = WORK.parent / "RESULTS.md"
PARTS = {"pages": pages, "kit": kit, "renditions": renditions}


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
        "production settings, SQLite, gunicorn with one gevent worker per core",
        "(config/gunicorn.py), on the same machine as the load.",
        "",
        "| | |",
        "|---|---|",
        f"| machine | {os.cpu_count()} cores, {platform.machine()}, {platform.platform()} |",
        f"| Python | {platform.python_version()} |",
        f"| Django | {package('django')} |",
        f"| gunicorn, gevent | {package('gunicorn')}, {package('gevent')} |",
        f"| Pillow, zipstream-ng, typst | {package('pillow')}, {package('zipstream-ng')}, "
        f"{package('typst')} |",
        f"| SQLite | {sqlite3.sqlite_version} |",
        f"| wrk | {version(['wrk', '--version'])} |",
        f"| curl | {version(['curl', '--version'])} |",
        "",
    ]


def main() -> None:
    chosen = (os.environ.get("BENCH_ONLY") or " ".join(PARTS)).split()
    unknown = set(chosen) - set(PARTS)
    if unknown:
        raise SystemExit(f"BENCH_ONLY names no such part: {', '.join(sorted(unknown))}")
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    env = base_env()
    lines, verdicts = header(), {}
    for name in chosen:
        part = PARTS[name]
        results = part.measure() if part is renditions else part.measure(env)
        section, verdicts[name] = part.report(results)
        lines += section
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
