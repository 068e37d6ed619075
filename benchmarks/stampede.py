"""An embargo lifts while two hundred journalists reload the home page.

Each round, with `make serve` up and the demo's renditions made, a shell
creates a published press release whose embargo lifts 20 s later and
starts a new page-cache generation (so that the cache knows when it
lifts); the home page is then cached. From 0.2 s before the lift to 2 s
after it, 200 clients (threads, each request on a connection of its own)
request `/` again and again. Each answer is kept with the moment its
request was sent, its status, its X-Public-Cache and whether the body has
the release's title. Run on the file cache and on Redis.

What must hold: no errors; every answer to a request sent after the lift
(50 ms allowed for clocks and scheduling) has the title, and none that
came back before the lift has it; the page is rendered once for the new
generation (one `miss` in the whole window; every other answer is a hit).
"""

import http.client
import os
import statistics
import threading
import time
from dataclasses import dataclass

from serving import (
    PORT,
    REDIS_URL,
    WORK,
    embargoed_release,
    redis_flush,
    serve,
    spread,
    stop,
    verdict,
    wait_for_renditions,
)

PACKAGES = {}

ROUNDS = int(os.environ.get("BENCH_STAMPEDE_ROUNDS", os.environ.get("BENCH_ROUNDS", "3")))
CLIENTS = 200
LEAD_S = 20.0  # from the release's creation to its lift
BEFORE_S = 0.2  # requests start this long before the lift...
AFTER_S = 2.0  # ...and stop this long after it
ALLOWANCE_S = 0.05  # clocks and scheduling: a request sent this soon after the lift may miss it
CONFIGS = {
    "files": {"DJANGO_CACHE_DIR": str(WORK / "cache-stampede")},
    "Redis": {"REDIS_URL": REDIS_URL},
}


@dataclass
class Answer:
    sent: float  # when the request was sent (epoch seconds, as the lift)
    seconds: float  # from sending to the whole body read
    status: int | None  # None: the connection failed
    cache: str | None  # X-Public-Cache
    titled: bool  # the body has the release's title


def _release(env: dict, round_number: int) -> tuple[str, float]:
    """Create an embargoed release lifting LEAD_S from now; return its title and the lift."""
    title = f"Bench embargo lifts {int(time.time())}-{round_number}"
    lift = embargoed_release(env, title=title, lifts_in=LEAD_S, body="Released by the benchmark.")
    return title, lift


def _get(path: str = "/") -> tuple[int, str | None, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.getheader("X-Public-Cache"), response.read()
    finally:
        connection.close()


def _client(title: bytes, start: float, end: float, answers: list, ready: threading.Barrier):
    ready.wait()
    time.sleep(max(0.0, start - time.time()))
    while (sent := time.time()) < end:
        began = time.perf_counter()
        try:
            status, cache, body = _get()
            answer = Answer(sent, time.perf_counter() - began, status, cache, title in body)
        except (OSError, http.client.HTTPException):
            answer = Answer(sent, time.perf_counter() - began, None, None, False)
        answers.append(answer)  # list.append is atomic: no lock needed


def _round(env: dict, round_number: int) -> dict:
    title, lift = _release(env, round_number)
    # Warm the cache for `/` (the new generation's first visit renders it).
    deadline = time.monotonic() + 10
    while (answer := _get())[:2] != (200, "hit"):
        if time.monotonic() > deadline:
            raise SystemExit(f"/ did not come from the cache before the stampede: {answer[:2]}")
        time.sleep(0.1)
    body = answer[2]
    if title.encode() in body:
        raise SystemExit(f"/ showed {title!r} {lift - time.time():.1f} s before its embargo lifts")
    answers: list[Answer] = []
    ready = threading.Barrier(CLIENTS + 1)
    clients = [
        threading.Thread(
            target=_client,
            args=(title.encode(), lift - BEFORE_S, lift + AFTER_S, answers, ready),
            daemon=True,
        )
        for _ in range(CLIENTS)
    ]
    time.sleep(max(0.0, lift - BEFORE_S - 2.0 - time.time()))
    for client in clients:
        client.start()
    ready.wait()
    for client in clients:
        client.join()
    return _figures(answers, lift)


def _figures(answers: list[Answer], lift: float) -> dict:
    latencies = sorted(answer.seconds * 1000 for answer in answers)
    figures = {
        "answers": len(answers),
        "errors": sum(answer.status != 200 for answer in answers),
        "late_without_title": sum(
            answer.status == 200 and answer.sent >= lift + ALLOWANCE_S and not answer.titled
            for answer in answers
        ),
        "early_with_title": sum(
            answer.titled and answer.sent + answer.seconds < lift for answer in answers
        ),
        "misses": sum(answer.cache == "miss" for answer in answers),
        "misses_after_lift": sum(
            answer.cache == "miss" and answer.sent >= lift for answer in answers
        ),
        "p50_ms": statistics.median(latencies),
        "p99_ms": statistics.quantiles(latencies, n=100)[98],
        "max_ms": latencies[-1],
    }
    print(f"stampede: {figures}", flush=True)
    return figures


def _measure(label: str, env: dict) -> list[dict]:
    env = {**env, **CONFIGS[label]}
    if label == "Redis":
        redis_flush()
    process = serve(env)
    try:
        wait_for_renditions(env)
        return [_round(env, round_number) for round_number in range(1, ROUNDS + 1)]
    finally:
        stop(process)
        if label == "Redis":
            redis_flush()


def measure(env: dict) -> dict[str, list[dict]]:
    return {label: _measure(label, env) for label in CONFIGS}


def report(results: dict[str, list[dict]]) -> tuple[list[str], bool]:
    lines = [
        "## Embargo-lift stampede",
        "",
        f"{ROUNDS} rounds per cache. Each round a published press release is created whose",
        f"embargo lifts {LEAD_S:.0f} s later, and `/` is cached; then {CLIENTS} clients (threads,",
        "a new connection per request) request `/` again and again from",
        f"{BEFORE_S} s before the lift to {AFTER_S} s after it. *Late without title*: answers to",
        f"requests sent more than {ALLOWANCE_S * 1000:.0f} ms after the lift that lack the release.",
        "*Early with title*: answers complete before the lift that show it. *Renders*:",
        "answers with `X-Public-Cache: miss` in the whole window (of which sent after the lift);",
        "every other answer came from the cache. Figures are per round.",
        "",
        "| cache | answers | errors (0) | late without title (0) | early with title (0) | "
        "renders (1) | renders sent after the lift | p50 ms | p99 ms | max ms | met |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    passed = True
    for label, rounds in results.items():

        def column(name, rounds=rounds):
            return [figures[name] for figures in rounds]

        met = (
            max(column("errors")) == 0
            and max(column("late_without_title")) == 0
            and max(column("early_with_title")) == 0
            and set(column("misses")) == {1}
        )
        passed &= met
        lines.append(
            f"| {label} | {spread(column('answers'), 0)} | {spread(column('errors'), 0)} | "
            f"{spread(column('late_without_title'), 0)} | "
            f"{spread(column('early_with_title'), 0)} | {spread(column('misses'), 0)} | "
            f"{spread(column('misses_after_lift'), 0)} | {spread(column('p50_ms'), 1)} | "
            f"{spread(column('p99_ms'), 1)} | {spread(column('max_ms'), 1)} | {verdict(met)} |"
        )
    lines += [
        "",
        "Targets, in every round: no errors, no answer after the lift without the release and",
        "none before it with the release, and exactly one render. "
        f"Result: **{'met' if passed else 'NOT met'}**.",
        "",
    ]
    return lines, passed
