"""The press-kit ZIP through `make serve`, against nginx sending a file of the same bytes.

For each kit size (benchmarks/kit_data.py makes them), the ZIP is fetched
once from the site and kept as a file; nginx (`sendfile on`, as many
worker processes as gunicorn has workers) serves that file as the
baseline: the fastest a server on this machine sends these bytes. Every
round fetches the baseline and the ZIP one after another with curl, then
20 of each at once. Memory is the resident memory of all the site's
server processes, sampled every 5 ms while the downloads run, less what
they held just before.
"""

import json
import os
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass

from serving import (
    NGINX_PORT,
    ROOT,
    WORK,
    WORKERS,
    require_free_port,
    resident_bytes,
    serve,
    server_pids,
    spread,
    stop,
    tool,
    url,
    user_name,
    verdict,
    wait_until_up,
)

PACKAGES = {"curl": "curl", "nginx": "nginx-light"}

SIZES_MB = (50, 200)
ROUNDS = int(os.environ.get("BENCH_KIT_ROUNDS", "5"))
CONCURRENT = 20
MB = 1024 * 1024

TARGET_RATIO = 0.75
TARGET_FIRST_BYTE_S = 0.1
TARGET_MEMORY_MB = 50

NGINX_DIR = WORK / "nginx"


@dataclass
class Fetch:
    first_byte_s: float
    seconds: float
    size: int


@dataclass
class Batch:
    """Downloads made at once: each one's figures, the time they took together, memory growth."""

    fetches: list[Fetch]
    wall_s: float
    memory_growth: int

    @property
    def throughput(self) -> float:
        """Bytes per second delivered, all downloads together."""
        return sum(fetch.size for fetch in self.fetches) / self.wall_s


def _curl(address: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            "curl",
            "--silent",
            "--fail",
            "--output",
            "/dev/null",
            "--write-out",
            "%{time_starttransfer} %{time_total} %{size_download}",
            address,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )


class _PeakMemory(threading.Thread):
    def __init__(self, pids: list[int]):
        super().__init__(daemon=True)
        self.pids, self.peak, self.done = pids, 0, threading.Event()

    def run(self):
        while not self.done.is_set():
            self.peak = max(self.peak, resident_bytes(self.pids))
            time.sleep(0.005)


def fetch_together(address: str, count: int, expected_size: int) -> Batch:
    """`count` downloads of `address` at once; memory growth is the site's processes'."""
    pids = server_pids()
    before = resident_bytes(pids)
    sampler = _PeakMemory(pids)
    sampler.start()
    started = time.perf_counter()
    processes = [_curl(address) for _ in range(count)]
    outputs = [process.communicate()[0] for process in processes]
    wall = time.perf_counter() - started
    sampler.done.set()
    sampler.join()
    fetches = []
    for process, output in zip(processes, outputs, strict=True):
        if process.returncode != 0:
            raise SystemExit(f"curl {address} failed with exit code {process.returncode}")
        first_byte, total, size = output.split()
        if int(size) != expected_size:
            raise SystemExit(f"{address}: {size} bytes received, {expected_size} announced")
        fetches.append(Fetch(float(first_byte), float(total), int(size)))
    return Batch(fetches, wall, max(0, sampler.peak - before))


def kit_data(env: dict, sizes=SIZES_MB) -> list[dict]:
    """The bench kits (built once per run, see kit_data.py), in a migrated database."""
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    made = subprocess.run(
        [sys.executable, "benchmarks/kit_data.py", *map(str, sizes)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(made.stdout)


def size_of(address: str) -> int:
    head = subprocess.run(
        ["curl", "--silent", "--fail", "--head", address], capture_output=True, text=True
    ).stdout
    for line in head.splitlines():
        if line.lower().startswith("content-length:"):
            return int(line.split(":")[1])
    raise SystemExit(f"{address} announced no Content-Length")


def _copy_of_zip(address: str, name: str) -> int:
    """Fetch the ZIP once into nginx's folder; return its size, checked against Content-Length."""
    target = NGINX_DIR / "files" / name
    subprocess.run(["curl", "--silent", "--fail", "--output", str(target), address], check=True)
    size = target.stat().st_size
    if size != size_of(address):
        raise SystemExit(f"{address}: {size} bytes received, {size_of(address)} announced")
    return size


def nginx() -> subprocess.Popen:
    """nginx serving NGINX_DIR/files with sendfile, everything it writes inside NGINX_DIR."""
    config = NGINX_DIR / "nginx.conf"
    # A master started by root hands its workers to `user`: keep them ours.
    user = f"user {user_name()};\n" if os.geteuid() == 0 else ""
    temp = "\n".join(
        f"    {kind}_temp_path {NGINX_DIR / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    config.write_text(
        f"{user}daemon off;\n"
        f"worker_processes {WORKERS};\n"
        f"pid {NGINX_DIR / 'nginx.pid'};\n"
        f"error_log {NGINX_DIR / 'error.log'};\n"
        "events { worker_connections 1024; }\n"
        "http {\n"
        "    access_log off;\n"
        "    sendfile on;\n"
        "    default_type application/zip;\n"
        f"{temp}\n"
        "    server {\n"
        f"        listen 127.0.0.1:{NGINX_PORT};\n"
        f"        root {NGINX_DIR / 'files'};\n"
        "    }\n"
        "}\n"
    )
    require_free_port(NGINX_PORT)
    log = NGINX_DIR / "error.log"
    process = subprocess.Popen(
        [tool("nginx"), "-p", str(NGINX_DIR), "-c", str(config), "-e", str(log)],
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    (NGINX_DIR / "files" / "up.txt").write_text("up")
    wait_until_up(url("/up.txt", NGINX_PORT), process, "nginx", log)
    return process


def measure(env: dict) -> dict:
    kits = kit_data(env)
    (NGINX_DIR / "files").mkdir(parents=True, exist_ok=True)
    site = serve(env)
    server = None
    results = {}
    try:
        for kit in kits:
            zip_address = url(f"/films/{kit['slug']}/press-kit.zip")
            kit["file"] = f"{kit['slug']}.zip"
            kit["zip_bytes"] = _copy_of_zip(zip_address, kit["file"])
        server = nginx()
        for kit in kits:
            addresses = {
                "zip": url(f"/films/{kit['slug']}/press-kit.zip"),
                "baseline": url(f"/{kit['file']}", NGINX_PORT),
            }
            size = kit["zip_bytes"]
            if size_of(addresses["baseline"]) != size:
                raise SystemExit(f"nginx does not send the {size}-byte copy of the ZIP")
            # Warm up: fonts for the press notes, the files in the page cache.
            for name in ("baseline", "zip"):
                fetch_together(addresses[name], CONCURRENT, size)
            runs: dict[str, list[Batch]] = {
                f"{name} {mode}": [] for mode in ("single", "together") for name in addresses
            }
            for round_number in range(1, ROUNDS + 1):
                for name in ("baseline", "zip"):
                    runs[f"{name} single"].append(fetch_together(addresses[name], 1, size))
                for name in ("baseline", "zip"):
                    together = fetch_together(addresses[name], CONCURRENT, size)
                    runs[f"{name} together"].append(together)
                print(
                    f"kit {size // MB} MB round {round_number}: "
                    + ", ".join(
                        f"{label} {runs[label][-1].throughput / MB:.0f} MB/s" for label in runs
                    ),
                    flush=True,
                )
            results[size] = {"runs": runs}
    finally:
        if server is not None:
            stop(server)
        stop(site)
    return results


def report(results: dict) -> tuple[list[str], bool]:
    lines = [
        "## Press kit ZIP",
        "",
        "`/films/<slug>/press-kit.zip` from `make serve` against a baseline: nginx",
        f"(`sendfile on`, {WORKERS} worker processes as gunicorn has workers, on its own port)",
        "sending a file holding exactly the ZIP's bytes, fetched once from the site. Fetched",
        f"with curl on this machine, one download at a time and {CONCURRENT} at once, {ROUNDS}",
        "rounds after a warm-up. Throughput is bytes delivered per second (all downloads",
        "together when at once), as a ratio of nginx's in the same round. First byte is",
        "curl's time to the first byte of the body; for downloads at once, every download's",
        "time is counted. Memory is the peak growth of the site's resident memory (gunicorn",
        "master and workers) during the ZIP downloads.",
        "",
        "| kit | downloads | ZIP MB/s | nginx MB/s | ratio (≥ 0.75) | first byte s, ZIP (< 0.1) "
        "| memory growth MB, ZIP (< 50) | met |",
        "|---|---|---|---|---|---|---|---|",
    ]
    passed = True
    for size, result in results.items():
        runs = result["runs"]
        for mode, label in (("single", "1"), ("together", str(CONCURRENT))):
            zips, bases = runs[f"zip {mode}"], runs[f"baseline {mode}"]
            ratios = [z.throughput / b.throughput for z, b in zip(zips, bases, strict=True)]
            first_bytes = [fetch.first_byte_s for batch in zips for fetch in batch.fetches]
            memory = [batch.memory_growth / MB for batch in zips]
            met = (
                statistics.median(ratios) >= TARGET_RATIO
                and statistics.median(first_bytes) < TARGET_FIRST_BYTE_S
                and max(memory) < TARGET_MEMORY_MB
            )
            passed &= met
            lines.append(
                f"| {size / MB:.0f} MB | {label} | "
                f"{spread([z.throughput / MB for z in zips], 0)} | "
                f"{spread([b.throughput / MB for b in bases], 0)} | {spread(ratios)} | "
                f"{spread(first_bytes, 3)} | {spread(memory, 1)} | {verdict(met)} |"
            )
    lines += [
        "",
        f"Targets: throughput at least {TARGET_RATIO} of nginx's and first byte under",
        f"{TARGET_FIRST_BYTE_S} s (medians), and every memory growth under {TARGET_MEMORY_MB} MB, at",
        f"both sizes and with {CONCURRENT} downloads at once. "
        f"Result: **{'met' if passed else 'NOT met'}**.",
        "",
    ]
    return lines, passed
