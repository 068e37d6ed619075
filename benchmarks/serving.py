"""What the benchmarks share: `make serve` in a scratch folder, wrk, and figures as median (min-max)."""

import contextlib
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from config.lib.workers import web_workers  # noqa: E402  (after sys.path: the site's own count)

WORK = ROOT / "benchmarks" / "work"
PORT = int(os.environ.get("BENCH_PORT", "8765"))
# The baselines' own servers: the bare Django project (pages.py), nginx (kit.py)
# and the stock Wagtail project (pages.py, stock_wagtail.py).
HELLO_PORT = PORT + 1
NGINX_PORT = PORT + 2
WAGTAIL_PORT = PORT + 3
HELLO = "/healthz"
FILM = "/films/la-tregua/"
# A Redis database of the benchmark's own, emptied before and after each use.
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
THREADS = 2
# gunicorn's web workers, counted as config/gunicorn.py counts them.
WORKERS = web_workers()


def base_env() -> dict:
    """The benchmark's own database, media and static folders: never the developer's."""
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{WORK / 'bench.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(WORK / "media"),
        "DJANGO_STATIC_ROOT": str(WORK / "static"),
        "DJANGO_CACHE_DIR": str(WORK / "cache"),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_HTTPS": "false",
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        # gunicorn's control socket in the scratch folder, not in ~/.gunicorn/.
        "GUNICORN_CMD_ARGS": f"--control-socket {WORK / 'site.ctl'}",
    }


# Debian's packages --------------------------------------------------------


def tool(command: str) -> str | None:
    """The path of `command`, looking in the system folders too (nginx is in /usr/sbin)."""
    return shutil.which(command, path=f"{os.environ.get('PATH', '')}:/usr/sbin:/sbin")


def require_packages(commands: dict[str, str]) -> None:
    """Make sure every command is installed: {command: the Debian package that has it}.

    Missing ones are installed with apt-get when running as root; otherwise
    the benchmark stops, naming the packages to install.
    """
    missing = sorted({package for command, package in commands.items() if not tool(command)})
    if not missing:
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise SystemExit(
            f"make bench needs Debian's packages {', '.join(missing)}; install them with\n"
            f"    sudo apt-get install {' '.join(missing)}"
        )
    print(f"Installing {', '.join(missing)} with apt-get", flush=True)
    apt_env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], env=apt_env, check=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
        env=apt_env,
        check=True,
    )
    still = sorted({package for command, package in commands.items() if not tool(command)})
    if still:
        raise SystemExit(f"apt-get did not install {', '.join(still)}")


# The site under test: `make serve` ----------------------------------------


def serve(env: dict) -> subprocess.Popen:
    """Start `make serve` and wait until it answers."""
    require_free_port(PORT)
    log = WORK / "serve.log"
    process = subprocess.Popen(
        ["make", "--no-print-directory", "serve", f"PORT={PORT}"],
        cwd=ROOT,
        env=env,
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    wait_until_up(url(HELLO), process, "make serve", log)
    return process


def require_free_port(port: int) -> None:
    """Stop if something already listens on `port`: the benchmark would measure it instead."""
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise SystemExit(
                f"Something already listens on 127.0.0.1:{port}; stop it, or choose other "
                f"ports with BENCH_PORT (the benchmark uses {PORT} to {WAGTAIL_PORT})."
            )


def wait_until_up(address: str, process: subprocess.Popen, name: str, log: Path) -> None:
    """Wait (two minutes at most) until `address` answers; stop if `process` ends first."""
    for _ in range(240):
        try:
            urllib.request.urlopen(address, timeout=1)
            return
        except OSError:
            if process.poll() is not None:
                raise SystemExit(f"{name} stopped; see {log}") from None
            time.sleep(0.5)
    stop(process)
    raise SystemExit(f"{name} did not answer within two minutes; see {log}")


def stop(process: subprocess.Popen) -> None:
    """Stop a server started in a session of its own, and wait until all it started is gone.

    gunicorn shuts down gracefully after `make` has already gone; the next
    server must not find this one still answering on the port.
    """
    with contextlib.suppress(ProcessLookupError):  # already gone
        os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        process.poll()  # reaps the leader, so that only live processes are counted
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            process.wait()
            return
        time.sleep(0.1)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def url(path: str, port: int = PORT) -> str:
    return f"http://127.0.0.1:{port}{path}"


def wait_for_renditions(env: dict) -> None:
    """Wait until the tasks worker has made the demo's renditions, so that it is idle.

    First the film page shows its gallery (at least one still ready), then
    no picture is left preparing and no task is left to run.
    """
    deadline = time.monotonic() + 120
    while '<ul class="gallery">' not in fetch_text(url(FILM)):
        if time.monotonic() > deadline:
            raise SystemExit(f"{FILM} showed no gallery within two minutes")
        time.sleep(0.5)
    shell(
        env,
        "import time\n"
        "from django.tasks import TaskResultStatus\n"
        "from django_tasks_db.models import DBTaskResult\n"
        "from presskit.models import Asset\n"
        "pending = [TaskResultStatus.READY, TaskResultStatus.RUNNING]\n"
        "deadline = time.monotonic() + 120\n"
        "while (\n"
        "    Asset.objects.filter(processing='preparing').exists()\n"
        "    or DBTaskResult.objects.filter(status__in=pending).exists()\n"
        "):\n"
        "    assert time.monotonic() < deadline, 'renditions not made within two minutes'\n"
        "    time.sleep(0.5)\n",
    )


def fetch_text(address: str) -> str:
    with urllib.request.urlopen(address, timeout=30) as response:
        return response.read().decode()


def shell(env: dict, code: str) -> str:
    """Run Python in `manage.py shell` against the benchmark's database; return what it printed."""
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"manage.py shell failed:\n{done.stderr}")
    return done.stdout


def embargoed_release(env: dict, *, title: str, lifts_in: float, body: str) -> float:
    """Create a published release whose embargo lifts `lifts_in` seconds from now.

    Returns the lift (epoch seconds). The page cache learns of it at once,
    as from an editor's save.
    """
    printed = shell(
        env,
        "import datetime\n"
        "from django.db import transaction\n"
        "from django.utils import timezone\n"
        "from config.lib.page_cache import content_changed\n"
        "from presskit.models import PressRelease\n"
        f"lift = timezone.now() + datetime.timedelta(seconds={lifts_in})\n"
        "with transaction.atomic():\n"
        "    PressRelease.objects.create(\n"
        f"        title={title!r}, slug={title.lower().replace(' ', '-')!r},\n"
        f"        body={body!r}, publication_status='published', embargo_until=lift,\n"
        "    )\n"
        "    content_changed()\n"
        "print(lift.timestamp())\n",
    )
    return float(printed.split()[-1])


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


def user_name() -> str:
    return pwd.getpwuid(os.geteuid()).pw_name


# Redis and PostgreSQL, for the parts that use them ---------------------------


def redis_flush() -> None:
    """Empty the benchmark's Redis database; stop with a clear message if Redis does not answer."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL).flushdb()
    except redis.RedisError as error:
        raise SystemExit(
            f"Redis at {REDIS_URL} does not answer ({error}); set BENCH_REDIS_URL"
        ) from None


def redis_keys() -> int:
    import redis

    return redis.Redis.from_url(REDIS_URL).dbsize()


# wrk -----------------------------------------------------------------------


@dataclass
class Run:
    rps: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    errors: int  # non-2xx/3xx answers and socket errors (connect, read, write, timeout)


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(
    address: str,
    seconds: int = SECONDS,
    connections: int = CONNECTIONS,
    timeout_s: int = 2,
    cookie: str = "",
) -> Run:
    """wrk's figures for `address` (sent with `cookie`); an answer later than `timeout_s` is an error."""
    out = subprocess.run(
        [
            "wrk",
            f"-t{min(THREADS, connections)}",
            f"-c{connections}",
            f"-d{seconds}s",
            f"--timeout={timeout_s}s",
            "--latency",
            *(("-H", f"Cookie: {cookie}") if cookie else ()),
            address,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    errors = 0
    if found := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors += int(found.group(1))
    if found := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    ):
        errors += sum(map(int, found.groups()))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", out, re.MULTILINE).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", out, re.MULTILINE).group(1))
    longest = _ms(re.search(r"^\s+Latency\s+\S+\s+\S+\s+(\S+)", out, re.MULTILINE).group(1))
    return Run(rps, p50, p99, longest, errors)


# Other work on this machine --------------------------------------------------


class OtherWork(threading.Thread):
    """The CPU time used meanwhile by processes the benchmark did not start, sampled each second.

    On a shared machine other people's work (tests, builds) takes cores from
    the servers and the load alike: the report says how much. PostgreSQL and
    Redis work for the benchmark and are not counted, nor are kernel threads.
    """

    SERVICES = ("postgres", "redis-server")

    def __init__(self):
        super().__init__(daemon=True)
        self.done = threading.Event()
        self.seconds: dict[str, float] = {}
        self.started = time.monotonic()
        self.wall = 0.0

    def run(self):
        last = self._sample()
        while not self.done.wait(1.0):
            now = self._sample()
            for pid, (name, ticks, ours) in now.items():
                if not ours:
                    used = (ticks - last[pid][1]) if pid in last else ticks
                    self.seconds[name] = self.seconds.get(name, 0.0) + used / _TICKS
            last = now
        self.wall = time.monotonic() - self.started

    def stop(self) -> str:
        """Stop sampling; one sentence on what other work there was."""
        self.done.set()
        self.join()
        total = sum(self.seconds.values())
        top = sorted(self.seconds.items(), key=lambda item: -item[1])[:3]
        if total < 0.05 * self.wall:
            return (
                f"Other work on this machine meanwhile: {total:.0f} CPU-seconds (none to speak of)."
            )
        names = ", ".join(f"{name} {used:.0f} s" for name, used in top)
        return (
            f"**Other work on this machine meanwhile: {total:.0f} CPU-seconds over "
            f"{self.wall:.0f} s ({total / self.wall:.2f} cores on average; {names}), which the "
            "servers and the load had to share the cores with: these figures are disturbed.**"
        )

    @classmethod
    def _sample(cls) -> dict[int, tuple[str, int, bool]]:
        """{pid: (name, CPU ticks used so far, started by this benchmark or not counted)}."""
        stats = {}
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                text = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            name = text[text.index("(") + 1 : text.rindex(")")]
            fields = text[text.rindex(")") + 2 :].split()
            # After the name: state, ppid, ..., utime and stime (the 12th and 13th).
            stats[int(entry.name)] = (name, int(fields[1]), int(fields[11]) + int(fields[12]))
        me = os.getpid()

        def ours(pid: int) -> bool:
            seen = set()
            while pid > 2 and pid not in seen:  # 1 is init, 2 the kernel's threads
                if pid == me:
                    return True
                seen.add(pid)
                pid = stats[pid][1] if pid in stats else 0
            return pid == 2

        return {
            pid: (name, ticks, ours(pid) or name.startswith(cls.SERVICES))
            for pid, (name, _ppid, ticks) in stats.items()
        }


_TICKS = os.sysconf("SC_CLK_TCK")


# Figures -------------------------------------------------------------------


def spread(values: list[float], digits: int = 2) -> str:
    median = statistics.median(values)
    return f"{median:.{digits}f} ({min(values):.{digits}f}\N{EN DASH}{max(values):.{digits}f})"


def verdict(ok: bool) -> str:
    return "yes" if ok else "**no**"


def version(command: list[str]) -> str:
    """The first line a tool prints about its version (wrk prints it to stderr, and fails)."""
    try:
        result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    except OSError:
        return "unknown"
    lines = (result.stdout or result.stderr).strip().splitlines()
    return lines[0] if lines else "unknown"
