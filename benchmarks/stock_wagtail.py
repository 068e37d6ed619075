"""A stock Wagtail page for the pages benchmark to calibrate against (benchmarks/pages.py).

The home page of a fresh `wagtail start` project (its welcome page, SQLite,
production settings, DEBUG off), served by gunicorn with the press office's
own configuration file (config/gunicorn.py) on a port of its own. The
issue that asked for the benchmark set the uncached pages' target as "at
least a stock Wagtail page": this shows what one does on the same machine,
in the same rounds.

Wagtail lives in a virtual environment of its own, made once with the
Python the benchmark runs on, under benchmarks/work/wagtail/, which
`make bench` keeps from one run to the next (benchmarks/run.py); a marker
file says the installation is complete and what it was made with.
"""

import importlib.metadata
import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

from serving import (
    ROOT,
    WAGTAIL_PORT,
    WORK,
    require_free_port,
    stop,
    url,
    version,
    wait_until_up,
)

# The Wagtail releases the reference may be: the current major versions, whose
# welcome page and settings layout are the ones this file expects. Widen it
# when a new major version comes out and this still serves its home page.
WAGTAIL = "wagtail>=7,<9"
# The same gunicorn as the site's, so that only the application differs.
GUNICORN = f"gunicorn=={importlib.metadata.version('gunicorn')}"

HOME = WORK / "wagtail"
VENV = HOME / "venv"
PROJECT_NAME = "stock"  # not "site", which would hide Python's own `site` module
PROJECT = HOME / PROJECT_NAME
MARKER = HOME / "installed.txt"
INSTALL_LOG = HOME / "install.log"
# What the welcome page says, to be sure the page measured is the stock one.
WELCOME = "Welcome to your new Wagtail site!"

# Settings over the generated production ones, written beside them rather than
# editing what `wagtail start` made: the hosts the benchmark asks for, and a key.
BENCH_SETTINGS = '''"""The benchmark's settings: production's, plus what they leave to the environment."""

from .production import *  # noqa: F403

ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# Nothing here is secret: the reference signs nothing anyone keeps.
SECRET_KEY = "bench-stock-wagtail-" + "x" * 40
'''


class Unavailable(Exception):
    """The reference could not be installed or started; the message says why."""


def _installed_as() -> str:
    """What the marker records: the Python and the requirements the installation was made with."""
    return f"{sys.version}\n{WAGTAIL}\n{GUNICORN}\n{BENCH_SETTINGS}"


def _run(command: list[str], cwd: Path, env: dict | None = None) -> None:
    """Run one installation step, its output appended to the log; Unavailable if it fails."""
    shown = " ".join(Path(word).name if word.startswith("/") else word for word in command[:4])
    with INSTALL_LOG.open("a") as log:
        log.write(f"$ {' '.join(command)}\n")
        log.flush()
        try:
            done = subprocess.run(
                command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, timeout=900
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise Unavailable(f"`{shown}` failed: {error}") from None
    if done.returncode != 0:
        last = INSTALL_LOG.read_text().strip().splitlines()[-1]
        raise Unavailable(
            f"`{shown}` exited with {done.returncode}: {last.strip()} (see {INSTALL_LOG})"
        )


def base_python() -> str:
    """The interpreter the benchmark's own virtual environment was made from: the same Python."""
    name = f"python{sys.version_info.major}.{sys.version_info.minor}"
    found = Path(sys.base_prefix) / "bin" / name
    return str(found) if found.exists() else sys.executable


def env() -> dict:
    """The environment of the project's commands and of its server.

    gunicorn's on_starting hook in config/gunicorn.py runs the site's
    manage.py `check` with the same Python and environment: the site's
    manage.py only sets a default settings module, so it checks this project.
    The site's root comes after the project on the path, for what that
    configuration file imports from the site (config.lib.workers).
    """
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join((str(PROJECT), str(ROOT))),
        "DJANGO_SETTINGS_MODULE": f"{PROJECT_NAME}.settings.bench",
    }


def install() -> None:
    """Make the virtual environment and the project, unless a complete one is already there."""
    if MARKER.exists() and MARKER.read_text() == _installed_as():
        return
    shutil.rmtree(HOME, ignore_errors=True)
    HOME.mkdir(parents=True)
    print(f"Installing a stock Wagtail project ({WAGTAIL}) in {HOME}", flush=True)
    python = str(VENV / "bin" / "python")
    _run([base_python(), "-m", "venv", str(VENV)], cwd=HOME)
    _run([python, "-m", "pip", "install", "--quiet", WAGTAIL, GUNICORN], cwd=HOME)
    _run([str(VENV / "bin" / "wagtail"), "start", PROJECT_NAME], cwd=HOME)
    settings = PROJECT / PROJECT_NAME / "settings"
    if not (settings / "production.py").exists():
        raise Unavailable(f"`wagtail start` made no {PROJECT_NAME}/settings/production.py")
    (settings / "bench.py").write_text(BENCH_SETTINGS)
    _run([python, "manage.py", "migrate", "--no-input"], cwd=PROJECT, env=env())
    _run([python, "manage.py", "collectstatic", "--no-input"], cwd=PROJECT, env=env())
    MARKER.write_text(_installed_as())


def versions() -> str:
    """The Wagtail and Django the reference runs, as the report names them."""
    code = "import django, wagtail; print(f'Wagtail {wagtail.__version__}, Django {django.__version__}')"
    return version([str(VENV / "bin" / "python"), "-c", code])


def server() -> subprocess.Popen:
    """Install if needed, start gunicorn and check that `/` is Wagtail's welcome page.

    Unavailable, with the reason, if any of it fails; nothing is left running then.
    """
    install()
    require_free_port(WAGTAIL_PORT)
    log = WORK / "wagtail.log"
    process = subprocess.Popen(
        [
            str(VENV / "bin" / "gunicorn"),
            *("-c", str(ROOT / "config" / "gunicorn.py"), f"{PROJECT_NAME}.wsgi"),
            *("--bind", f"127.0.0.1:{WAGTAIL_PORT}"),
            *("--chdir", str(PROJECT)),
            *("--control-socket", str(WORK / "wagtail.ctl")),
        ],
        cwd=PROJECT,
        env=env(),
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_until_up(url("/", WAGTAIL_PORT), process, "the stock Wagtail project", log)
        with urllib.request.urlopen(url("/", WAGTAIL_PORT), timeout=30) as response:
            status, body = response.status, response.read().decode()
        if status != 200 or WELCOME not in body:
            raise Unavailable(f"`/` answered {status} without Wagtail's welcome page")
    except (Exception, SystemExit) as error:
        stop(process)
        raise Unavailable(str(error)) from None
    return process
