"""The public pages under load: wrk against `make serve`, as ratios of a bare Django hello-world.

The baseline is a separate, bare Django project (benchmarks/hello/: no
middleware, no database, one view answering "ok") served by gunicorn with
the same configuration file as the site (config/gunicorn.py), on a port
of its own. Its second page is a small template page behind Django's own
`cache_page` (files on disk), to compare the site's page cache with.

In the cached ways, the film page is also measured as an accredited
journalist sees it: the demo's journalist signs in through the site's own
form, reads one page (which gives the audience pass) and wrk then sends
that browser's cookies. Journalists are answered from the cache per
audience (config/lib/page_cache.py), so the target is the anonymous one.

The site runs three ways: uncached (DJANGO_PUBLIC_CACHE_SECONDS=0: every
request renders the page and reads the database), cached with files on
disk (the default) and cached in Redis (REDIS_URL). Both servers run
during a part, but only one is under load at a time: each round measures
the bare hello-world, then its cache_page, then the site's pages, so a
ratio compares measurements made a minute apart.

For calibration, the uncached section also measures a stock Wagtail page
(benchmarks/stock_wagtail.py: the home page of a fresh `wagtail start`
project, SQLite, DEBUG off) under gunicorn with the same configuration
file, in the same rounds: the issue asked for the uncached pages to reach
"at least a stock Wagtail page". It has no target of its own; if Wagtail
cannot be installed or served, the report says why and the rest runs.
"""

import http.cookiejar
import os
import re
import statistics
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import stock_wagtail
from serving import (
    CONNECTIONS,
    FILM,
    HELLO,
    HELLO_PORT,
    REDIS_URL,
    ROOT,
    ROUNDS,
    SECONDS,
    THREADS,
    WAGTAIL_PORT,
    WORK,
    Run,
    redis_flush,
    redis_keys,
    require_free_port,
    serve,
    shell,
    spread,
    stop,
    url,
    verdict,
    wait_for_renditions,
    wait_until_up,
    wrk,
)

PACKAGES = {"wrk": "wrk"}

# The bare project's two pages, then the site's.
BARE = {"bare hello-world": "/", "bare cache_page": "/cache-page/"}
# The calibration row, measured with the uncached site only (stock_wagtail.py).
WAGTAIL = "stock Wagtail page (reference)"
# Rows shown for reference: no target.
REFERENCES = ("bare cache_page", WAGTAIL, "healthz")
PAGES = {
    "healthz": HELLO,
    "home": "/",
    "film": FILM,
    "screenings": "/screenings/",
    # The same pages in two of the other languages: the targets hold in every language.
    "film in Kazakh": "/kk" + FILM,
    "screenings in Russian": "/ru/screenings/",
}
# The film page with an accredited journalist's cookies, in the cached ways.
JOURNALIST = "film, accredited journalist"
SIGN_IN = "/press/sign-in/"
# How the site runs: the environment each way adds to base_env().
CONFIGS = {
    "uncached": {"DJANGO_PUBLIC_CACHE_SECONDS": "0"},
    "cached, files": {"DJANGO_CACHE_DIR": str(WORK / "cache-pages")},
    "cached, Redis": {"REDIS_URL": REDIS_URL},
}
# Targets: (least ratio to the bare hello-world, p99 limit in ms) for the pages named.
LANGUAGES = ("film in Kazakh", "screenings in Russian")
TARGETS = {
    "uncached": ((0.07, 100.0), ("film", "screenings", *LANGUAGES)),
    "cached, files": ((0.8, 20.0), ("film", "screenings", "home", JOURNALIST, *LANGUAGES)),
    "cached, Redis": ((0.8, 20.0), ("film", "screenings", "home", JOURNALIST, *LANGUAGES)),
}


def hello_server() -> subprocess.Popen:
    """The bare Django project under gunicorn with the site's own configuration file."""
    require_free_port(HELLO_PORT)
    log = WORK / "hello.log"
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            *("-c", "config/gunicorn.py", "benchmarks.hello.wsgi"),
            *("--bind", f"127.0.0.1:{HELLO_PORT}"),
            *("--control-socket", str(WORK / "hello.ctl")),
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "benchmarks.hello.settings",
            "HELLO_CACHE_DIR": str(WORK / "hello-cache"),
        },
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    wait_until_up(url("/", HELLO_PORT), process, "the bare Django project", log)
    return process


def _check_cache(label: str) -> None:
    """The second visit to a page comes from the cache, or must not; Redis holds the pages."""
    film = url(FILM)
    urllib.request.urlopen(film).read()
    cache_state = urllib.request.urlopen(film).headers.get("X-Public-Cache")
    expected = None if label == "uncached" else "hit"
    if cache_state != expected:
        raise SystemExit(f"{label}: expected X-Public-Cache {expected}, got {cache_state}")
    if label == "cached, Redis" and redis_keys() == 0:
        raise SystemExit("cached, Redis: the site stored nothing in Redis")
    cache_page = urllib.request.urlopen(url(BARE["bare cache_page"], HELLO_PORT))
    if "max-age" not in cache_page.headers.get("Cache-Control", ""):
        raise SystemExit("the bare cache_page answered without cache_page's headers")


def _journalist_cookie(env: dict) -> str:
    """The Cookie header of an accredited journalist's browser, signed in and holding its pass."""
    shell(
        env,
        "import datetime\n"
        "from django.contrib.auth import get_user_model\n"
        "from presskit.models import Accreditation\n"
        "user, _ = get_user_model().objects.get_or_create(\n"
        "    username='journalist@example.org', defaults={'email': 'journalist@example.org'})\n"
        "user.set_password('journalist')\n"
        "user.save()\n"
        "Accreditation.objects.update_or_create(user=user, defaults=dict(\n"
        "    name='Aigerim Bench', email=user.email, new_outlet='Steppe Weekly',\n"
        "    status=Accreditation.Status.APPROVED, time_zone='Asia/Almaty'))\n",
    )
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = browser.open(url(SIGN_IN)).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    fields = {
        "csrfmiddlewaretoken": token,
        "username": "journalist@example.org",
        "password": "journalist",
    }
    browser.open(url(SIGN_IN), urllib.parse.urlencode(fields).encode()).read()
    browser.open(url(FILM)).read()  # read from the database: the pass is given
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    if "press_pass=" not in cookie:
        raise SystemExit(f"The journalist was given no audience pass (cookies: {cookie})")
    for _ in range(2):
        request = urllib.request.Request(url(FILM), headers={"Cookie": cookie})
        state = urllib.request.urlopen(request).headers.get("X-Public-Cache")
    if state != "hit":
        raise SystemExit(f"The journalist's film page did not come from the cache ({state})")
    return cookie


def wagtail_server() -> tuple[subprocess.Popen | None, str]:
    """The stock Wagtail project's server and its versions, or None and why it could not run."""
    try:
        process = stock_wagtail.server()
    except stock_wagtail.Unavailable as error:
        print(f"The stock Wagtail reference could not be measured: {error}", flush=True)
        return None, str(error)
    return process, stock_wagtail.versions()


def _targets(label: str, wagtail: bool, env: dict) -> dict[str, tuple[str, str]]:
    """{row name: (address, cookie)} for one way of running the site, in the order a round measures them."""
    targets = {name: (url(path, HELLO_PORT), "") for name, path in BARE.items()}
    if wagtail and label == "uncached":
        targets[WAGTAIL] = (url("/", WAGTAIL_PORT), "")
    targets |= {name: (url(path), "") for name, path in PAGES.items()}
    if label != "uncached":
        targets[JOURNALIST] = (url(FILM), _journalist_cookie(env))
    return targets


def _measure(label: str, env: dict, wagtail: bool) -> dict[str, list[Run]]:
    if label == "cached, Redis":
        redis_flush()
    process = serve({**env, **CONFIGS[label]})
    try:
        wait_for_renditions({**env, **CONFIGS[label]})
        _check_cache(label)
        targets = _targets(label, wagtail, {**env, **CONFIGS[label]})
        runs: dict[str, list[Run]] = {name: [] for name in targets}
        for round_number in range(1, ROUNDS + 1):
            for name, (address, cookie) in targets.items():
                wrk(address, seconds=2, cookie=cookie)  # warm up
                runs[name].append(wrk(address, cookie=cookie))
                print(f"{label} round {round_number} {name}: {runs[name][-1]}", flush=True)
        return runs
    finally:
        stop(process)
        if label == "cached, Redis":
            redis_flush()


def measure(env: dict) -> tuple[dict[str, dict[str, list[Run]]], str]:
    """The runs of each way of running the site, and the stock Wagtail's versions or why it is missing."""
    hello = hello_server()
    wagtail = None
    try:
        wagtail, wagtail_note = wagtail_server()
        runs = {label: _measure(label, env, wagtail is not None) for label in CONFIGS}
        return runs, wagtail_note
    finally:
        if wagtail is not None:
            stop(wagtail)
        stop(hello)


def _row(name: str, path: str, page: list[Run], hello: list[Run], target) -> tuple[str, bool]:
    """One table row, and whether the page meets its target (medians; True if it has none)."""
    ratios = [p.rps / h.rps for p, h in zip(page, hello, strict=True)]
    errors = sum(r.errors for r in page)
    met = True
    target_text = "reference" if name in REFERENCES else ""
    if target is not None:
        least, p99_limit = target
        met = (
            statistics.median(ratios) >= least
            and statistics.median([r.p99_ms for r in page]) < p99_limit
            and errors == 0
        )
        target_text = f"≥ {least:g}, p99 < {p99_limit:g} ms: {verdict(met)}"
    ratio = "1 (baseline)" if name == "bare hello-world" else spread(ratios)
    return (
        f"| {name} `{path}` | {spread([r.rps for r in page], 0)} | {ratio} | "
        f"{spread([r.p50_ms for r in page])} | {spread([r.p99_ms for r in page])} | "
        f"{errors} | {target_text} |",
        met,
    )


def _calibration(measured: bool, wagtail_note: str) -> list[str]:
    """What the uncached section says about the stock Wagtail page, measured or not."""
    if not measured:
        return [f"**The stock Wagtail page (reference) could not be measured**: {wagtail_note}", ""]
    return [
        "*Stock Wagtail page* calibrates the uncached pages: the home page of a fresh",
        f"`wagtail start` project ({wagtail_note}; SQLite, production settings,",
        "DEBUG off), under gunicorn with the same config/gunicorn.py, on its own port,",
        "measured in the same rounds. It has no target: the issue asked for the uncached",
        'pages to reach "at least a stock Wagtail page".',
        "",
    ]


def report(results: tuple[dict[str, dict[str, list[Run]]], str]) -> tuple[list[str], bool]:
    runs_by_label, wagtail_note = results
    lines = [
        "## Public pages",
        "",
        f"wrk from the same machine: {THREADS} threads, {CONNECTIONS} connections, {SECONDS} s",
        f"per measurement after a 2 s warm-up, {ROUNDS} rounds. The baseline is a bare Django",
        "project (benchmarks/hello/: no middleware, no database, a view answering `ok`) under",
        "gunicorn with the site's own config/gunicorn.py (threaded workers, one per core), on its",
        "own port. A ratio divides a page's requests per second by the bare hello-world's,",
        "measured in the same round just before (the servers take turns; neither is loaded",
        "while the other is measured). *Bare cache_page* is a small template page behind",
        "Django's own `cache_page` in the same bare project (FileBasedCache). `/healthz` is",
        'the site\'s own "ok" view, through all its middleware: for reference. The uncached',
        "section also measures a stock Wagtail page in the same rounds, for calibration.",
        "",
    ]
    passed = True
    for label, runs in runs_by_label.items():
        hello = runs["bare hello-world"]
        (least, p99_limit), target_pages = TARGETS[label]
        lines += [
            f"### {label[0].upper()}{label[1:]}",
            "",
            "| page | requests/s | ratio to bare hello-world | p50 ms | p99 ms | errors | target (medians): met |",
            "|---|---|---|---|---|---|---|",
        ]
        paths = {**BARE, WAGTAIL: "/", **PAGES, JOURNALIST: FILM}
        for name in runs:
            target = (least, p99_limit) if name in target_pages else None
            row, met = _row(name, paths[name], runs[name], hello, target)
            lines.append(row)
            passed &= met
        lines.append("")
        if label == "uncached":
            lines += _calibration(WAGTAIL in runs, wagtail_note)
    lines += [
        "Targets (medians over rounds, no errors): uncached, the film and screenings pages (in",
        "English, and the film in Kazakh and the schedule in Russian) at least 0.07 of the bare",
        "hello-world with p99 under 100 ms; cached (files and Redis), the same and the home page,",
        "and the film page as an accredited journalist, at",
        f"least 0.8 with p99 under 20 ms, at {CONNECTIONS} connections. Result:",
        f"**{'met' if passed else 'NOT met'}**.",
        "",
        "Anonymous visitors and accredited journalists get whole pages from the page cache",
        "(config/lib/page_cache.py), one copy per audience, shared by the workers through",
        "files on this machine or through Redis; each process also keeps the pages it served",
        "lately in its memory. The journalist's row sends the cookies of a browser signed in",
        "through /press/sign-in/ (session, CSRF and the audience pass).",
        "",
    ]
    return lines, passed
