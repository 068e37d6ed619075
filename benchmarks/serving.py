"""What the benchmarks share: `make serve` in a scratch folder, and figures as median (min-max)."""

import os
import secrets
import signal
import statistics
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "work"
PORT = int(os.environ.get("BENCH_PORT", "8765"))
HELLO = "/healthz"


def base_env() -> dict:
    """The benchmark's own database, media and static folders: never the developer's."""
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{WORK / 'bench.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(WORK / "media"),
        "DJANGO_STATIC_ROOT": str(WORK / "static"),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_HTTPS": "false",
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
    }


def serve(env: dict) -> subprocess.Popen:
    """Start `make serve` and wait until it answers."""
    process = subprocess.Popen(
        ["make", "--no-print-directory", "serve", f"PORT={PORT}"],
        cwd=ROOT,
        env=env,
        stdout=(WORK / "serve.log").open("a"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    for _ in range(240):
        try:
            urllib.request.urlopen(url(HELLO), timeout=1)
            return process
        except OSError:
            if process.poll() is not None:
                raise SystemExit(f"make serve stopped; see {WORK / 'serve.log'}") from None
            time.sleep(0.5)
    raise SystemExit("make serve did not answer within two minutes")


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def url(path: str) -> str:
    return f"http://127.0.0.1:{PORT}{path}"


def server_pids() -> list[int]:
    """The gunicorn processes (master and workers) listening on the benchmark's port."""
    found = subprocess.run(
        ["pgrep", "-f", f"gunicorn config.wsgi .*127.0.0.1:{PORT}"],
        capture_output=True,
        text=True,
    ).stdout.split()
    return [int(pid) for pid in found]


def resident_bytes(pids: list[int]) -> int:
    """The memory the processes hold now (RSS), added up."""
    total = 0
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except FileNotFoundError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) * 1024
    return total


def spread(values: list[float], digits: int = 2) -> str:
    median = statistics.median(values)
    return f"{median:.{digits}f} ({min(values):.{digits}f}\N{EN DASH}{max(values):.{digits}f})"


def version(command: list[str]) -> str:
    """The first line a tool prints about its version (wrk prints it to stderr, and fails)."""
    try:
        result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    except OSError:
        return "unknown"
    lines = (result.stdout or result.stderr).strip().splitlines()
    return lines[0] if lines else "unknown"
