"""Pages and downloads while the tasks worker makes renditions of fifty 24-megapixel stills.

`make serve` as it is (file cache), its demo renditions made. Each round
first measures the site idle, then has a shell upload 50 stills of 24
megapixels to La Tregua through the upload services (each commit enqueues
its renditions task, which the running `db_worker`, at nice 10, picks up)
and measures the same again while they render:

- the film page under wrk, as cached (the default), and with a query
  string the page cache does not store (`?bench=1`: rendered every time);
- one download of the 200 MB press-kit ZIP (benchmarks/kit_data.py),
  read from the socket with the time of every chunk: throughput, and the
  longest wait between two chunks.

The same shell then reports, four times a second, how many of the 50 are
ready, which tells how many were made during each measurement and how
long all 50 took.
"""

import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass

from kit import kit_data
from renditions import source
from serving import (
    FILM,
    PORT,
    ROOT,
    ROUNDS,
    SECONDS,
    serve,
    spread,
    stop,
    url,
    verdict,
    wait_for_renditions,
    wrk,
)

PACKAGES = {"wrk": "wrk"}

STILLS = 50
KIT_MB = 200
MB = 1024 * 1024
PAGES = {"film, cached": FILM, "film, rendered (`?bench=1`)": f"{FILM}?bench=1"}
TARGET_P99_MS = 100.0
TARGET_RATIO = 0.5
TARGET_GAP_S = 1.0
RENDER_TIMEOUT_S = 1800


@dataclass
class Download:
    size: int
    seconds: float
    first_byte_s: float
    longest_gap_s: float  # between two chunks received

    @property
    def throughput(self) -> float:
        return self.size / self.seconds


def download(path: str) -> Download:
    """GET `path` on a plain socket, noting when each chunk arrives."""
    with socket.create_connection(("127.0.0.1", PORT)) as connection:
        began = time.perf_counter()
        connection.sendall(
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
        )
        buffer = bytearray(1024 * 1024)
        head, received, first, last, gap = b"", 0, None, None, 0.0
        while count := connection.recv_into(buffer):
            now = time.perf_counter()
            if first is None:
                first = now
            else:
                gap = max(gap, now - last)
            last = now
            received += count
            if b"\r\n\r\n" not in head:
                head += bytes(buffer[:count])
    header, _, _ = head.partition(b"\r\n\r\n")
    lines = header.decode("latin-1").split("\r\n")
    if " 200 " not in lines[0] + " ":
        raise SystemExit(f"{path} answered {lines[0]}")
    announced = next(
        int(line.split(":")[1]) for line in lines if line.lower().startswith("content-length:")
    )
    size = received - len(header) - 4
    if size != announced:
        raise SystemExit(f"{path}: {size} bytes received, {announced} announced")
    return Download(size, last - began, first - began, gap)


class _Uploads(threading.Thread):
    """A shell that uploads the stills, then says how many are ready until all are.

    Its lines are kept with their times: `progress` is [(epoch, ready)].
    """

    def __init__(self, env: dict, caption: str):
        super().__init__(daemon=True)
        self.started_at = self.enqueued_at = None
        self.progress: list[tuple[float, int]] = []
        self.failed = 0
        self.enqueued = threading.Event()
        code = (
            "import time\n"
            "from django.core.files.uploadedfile import SimpleUploadedFile\n"
            "from django.db import transaction\n"
            "from presskit.models import Asset, Film\n"
            "from presskit.services import asset_save, upload_inspect\n"
            f"data = open({str(source())!r}, 'rb').read()\n"
            "film = Film.objects.get(slug='la-tregua')\n"
            "print('start', time.time(), flush=True)\n"
            f"for i in range({STILLS}):\n"
            "    upload = SimpleUploadedFile('still-%d.jpg' % i, data, 'image/jpeg')\n"
            "    with transaction.atomic():\n"
            "        asset_save(\n"
            f"            asset=Asset(film=film, kind='still', file=upload, caption={caption!r}),\n"
            "            inspected=upload_inspect(upload=upload, kind='still'),\n"
            "        )\n"
            "print('enqueued', time.time(), flush=True)\n"
            f"mine = Asset.objects.filter(caption={caption!r})\n"
            f"deadline = time.monotonic() + {RENDER_TIMEOUT_S}\n"
            "while time.monotonic() < deadline:\n"
            "    ready = mine.filter(processing='ready').count()\n"
            "    failed = mine.filter(processing='failed').count()\n"
            "    print('ready', time.time(), ready, failed, flush=True)\n"
            f"    if ready + failed == {STILLS}:\n"
            "        break\n"
            "    time.sleep(0.25)\n"
        )
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )

    def run(self):
        for line in self.process.stdout:
            word, moment, *counts = line.split()
            if word == "start":
                self.started_at = float(moment)
            elif word == "enqueued":
                self.enqueued_at = float(moment)
                self.enqueued.set()
            elif word == "ready":
                self.progress.append((float(moment), int(counts[0])))
                self.failed = int(counts[1])
        self.enqueued.set()  # even if the shell failed: the waiter checks

    def ready_at(self, moment: float) -> int:
        """How many were ready at `moment` (epoch), by the last report before it."""
        return max((ready for when, ready in self.progress if when <= moment), default=0)


def _measure_all(kit_path: str, uploads: _Uploads | None) -> dict:
    """The download, then each page under wrk; with how many stills were made during each."""
    figures = {}

    def during(work):
        started = time.time()
        result = work()
        if uploads is not None:
            result.rendered = uploads.ready_at(time.time()) - uploads.ready_at(started)
        return result

    figures["zip"] = during(lambda: download(kit_path))
    for name, path in PAGES.items():
        wrk(url(path), seconds=2)  # warm up
        figures[name] = during(lambda path=path: wrk(url(path)))
    return figures


def _round(env: dict, kit_path: str, round_number: int) -> dict:
    idle = _measure_all(kit_path, None)
    print(f"busy round {round_number} idle: {idle}", flush=True)
    uploads = _Uploads(env, caption=f"Bench busy {round_number}")
    uploads.start()
    uploads.enqueued.wait()
    if uploads.enqueued_at is None:
        raise SystemExit("the shell uploading the stills failed; see above")
    started = time.time()
    busy = _measure_all(kit_path, uploads)
    ended = time.time()
    print(f"busy round {round_number} during renders: {busy}", flush=True)
    uploads.join(RENDER_TIMEOUT_S + 60)
    uploads.process.wait()
    if not uploads.progress or uploads.progress[-1][1] + uploads.failed < STILLS:
        raise SystemExit(f"the {STILLS} stills were not rendered within {RENDER_TIMEOUT_S} s")
    done_at = next(when for when, ready in uploads.progress if ready + uploads.failed >= STILLS)
    return {
        "idle": idle,
        "busy": busy,
        "rendered_during": uploads.ready_at(ended) - uploads.ready_at(started),
        "ready_at_start": uploads.ready_at(started),
        "failed": uploads.failed,
        "render_seconds": done_at - uploads.started_at,
        "enqueue_seconds": uploads.enqueued_at - uploads.started_at,
    }


def measure(env: dict) -> list[dict]:
    kit = kit_data(env, (KIT_MB,))[0]
    kit_path = f"/films/{kit['slug']}/press-kit.zip"
    process = serve(env)
    try:
        wait_for_renditions(env)
        # The query string is one the cache does not store: rendered every time.
        response = urllib.request.urlopen(url(PAGES["film, rendered (`?bench=1`)"]))
        if response.headers.get("X-Public-Cache") is not None:
            raise SystemExit(f"{FILM}?bench=1 came from the page cache")
        download(kit_path)  # warm up
        return [_round(env, kit_path, number) for number in range(1, ROUNDS + 1)]
    finally:
        stop(process)


def report(results: list[dict]) -> tuple[list[str], bool]:
    lines = [
        "## Renders under load",
        "",
        f"`make serve` as it is (file cache). {len(results)} rounds: each measures the site idle,",
        f"then uploads {STILLS} stills of 24 megapixels (6000 × 4000, the renditions part's",
        "file) through `asset_save()` in a shell, each commit enqueueing its renditions task",
        "for the tasks worker (`db_worker` at nice 10), and once all are queued measures the",
        f"same again while they render: one download of the {KIT_MB} MB press-kit ZIP, read",
        "from the socket with the time of each chunk, then wrk on the film page as cached and",
        f"with a query string the cache does not store (`?bench=1`), {SECONDS} s each after a",
        "2 s warm-up. *Busy / idle* divides the figure during renders by the idle one of the",
        "same round.",
        "",
        "| measurement | idle | during renders | busy / idle | stills made during it "
        f"(of {STILLS}) | target: met |",
        "|---|---|---|---|---|---|",
    ]

    def both(key, figure):
        idle = [figure(r["idle"][key]) for r in results]
        busy = [figure(r["busy"][key]) for r in results]
        return idle, busy, [b / i for i, b in zip(idle, busy, strict=True)]

    def rendered(key):
        return spread([r["busy"][key].rendered for r in results], 0)

    passed = True
    idle, busy, ratios = both("zip", lambda d: d.throughput / MB)
    met = statistics.median(ratios) >= TARGET_RATIO
    passed &= met
    lines.append(
        f"| ZIP {KIT_MB} MB, MB/s | {spread(idle, 0)} | {spread(busy, 0)} | {spread(ratios)} | "
        f"{rendered('zip')} | ≥ {TARGET_RATIO} of idle: {verdict(met)} |"
    )
    idle, busy, _ = both("zip", lambda d: d.longest_gap_s)
    met = max(busy) <= TARGET_GAP_S
    passed &= met
    lines.append(
        f"| ZIP longest gap between chunks, s | {spread(idle, 3)} | {spread(busy, 3)} | | | "
        f"none > {TARGET_GAP_S:g} s: {verdict(met)} |"
    )
    idle, busy, _ = both("zip", lambda d: d.first_byte_s)
    lines.append(f"| ZIP first byte, s | {spread(idle, 3)} | {spread(busy, 3)} | | | |")
    for name in PAGES:
        idle, busy, ratios = both(name, lambda run: run.rps)
        lines.append(
            f"| {name}, requests/s | {spread(idle, 0)} | {spread(busy, 0)} | {spread(ratios)} | "
            f"{rendered(name)} | |"
        )
        idle, busy, _ = both(name, lambda run: run.p99_ms)
        errors = sum(r["busy"][name].errors + r["idle"][name].errors for r in results)
        met = statistics.median(busy) < TARGET_P99_MS and errors == 0
        passed &= met
        lines.append(
            f"| {name}, p99 ms | {spread(idle)} | {spread(busy)} | | | "
            f"< {TARGET_P99_MS:g} ms, {errors} errors: {verdict(met)} |"
        )
    lines += [
        "",
        f"All {STILLS} stills: queued in {spread([r['enqueue_seconds'] for r in results], 1)} s; "
        f"{spread([r['ready_at_start'] for r in results], 0)} already made when the measurements",
        f"began, {spread([r['rendered_during'] for r in results], 0)} made during them; all made "
        f"{spread([r['render_seconds'] for r in results], 1)} s after the first was queued",
        f"({spread([r['failed'] for r in results], 0)} failed).",
        "",
        f"Targets: film page p99 under {TARGET_P99_MS:g} ms during renders (median, cached and",
        f"rendered), ZIP throughput during renders at least {TARGET_RATIO} of idle (median) and",
        f"no gap over {TARGET_GAP_S:g} s in any round. Result: **{'met' if passed else 'NOT met'}**.",
        "",
    ]
    return lines, passed
