"""Renditions of one 24-megapixel JPEG, against plain Pillow open + resize to the same size.

The still is generated: 6000 x 4000 with detail and sensor noise, about
7.5 MB, as a 24-megapixel camera's fine JPEG. (Noisier files decode more
slowly at every scale, which narrows the ratios.) Ours is presskit.renditions.render(): draft-mode decode, sRGB,
resample, and the JPEG with its XMP credits written to memory. The
baseline only opens the file and resizes it with LANCZOS, without even
saving: everything ours does beyond it is on ours' side of the ratio.
"""

import os
import statistics
import sys
import time
from pathlib import Path

from PIL import Image
from serving import ROOT, WORK, spread

sys.path.insert(0, str(ROOT))
from presskit.renditions import SIZES, Credits, render, render_all

ROUNDS = int(os.environ.get("BENCH_RENDITION_ROUNDS", "7"))
TARGETS = {"thumb": 4.0, "web": 2.0, "print": 2.0}
CREDITS = Credits(
    caption="Sample still for the benchmark.",
    credit_line="Courtesy of the production",
    copyright_holder="Bench",
    usage_terms="Editorial use only",
)


def _source() -> Path:
    path = WORK / "still-24mp.jpg"
    width, height = 6000, 4000
    detail = Image.effect_mandelbrot((width, height), (-2.2, -1.3, 1.0, 1.3), 200)
    ramp = Image.linear_gradient("L").resize((width, height))
    # Sensor noise in every channel, as in a photograph: what makes its file big.
    channels = [
        Image.blend(base, Image.effect_noise((width, height), 40), 0.2)
        for base in (ramp, detail, ramp.transpose(Image.Transpose.ROTATE_180))
    ]
    Image.merge("RGB", channels).save(path, "JPEG", quality=92)
    return path


def _plain(path: Path, size: str) -> Image.Image:
    with Image.open(path) as image:
        scale = SIZES[size] / max(image.size)
        wanted = (round(image.width * scale), round(image.height * scale))
        return image.resize(wanted, Image.Resampling.LANCZOS)


def _seconds(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def measure() -> dict:
    path = _source()
    results = {"megapixels": 24, "bytes": path.stat().st_size, "sizes": {}}
    for size in SIZES:
        ours, plain = [], []
        render(path, size, CREDITS)  # warm up
        for _ in range(ROUNDS):
            plain.append(_seconds(lambda size=size: _plain(path, size)))
            ours.append(_seconds(lambda size=size: render(path, size, CREDITS)))
        results["sizes"][size] = {"ours": ours, "plain": plain}
        print(
            f"rendition {size}: ours {statistics.median(ours):.3f} s, "
            f"plain {statistics.median(plain):.3f} s",
            flush=True,
        )
    # How uploads make them: all three from one decode.
    results["together"] = [_seconds(lambda: render_all(path, CREDITS)) for _ in range(ROUNDS)]
    return results


def report(results: dict) -> tuple[list[str], bool]:
    lines = [
        "## Renditions",
        "",
        f"One generated {results['megapixels']}-megapixel JPEG (6000 × 4000, "
        f"{results['bytes'] / 1e6:.1f} MB), {ROUNDS} rounds. *Ours* is",
        "`presskit.renditions.render()`: draft-mode decode, orientation, sRGB, resample, and the",
        "JPEG with its XMP credits encoded. *Plain* is Pillow `Image.open()` + `resize(LANCZOS)`",
        "to the same size, not even saved. Speed-up is plain's time over ours, per round.",
        "",
        "| size (long edge) | ours s | plain s | speed-up | target |",
        "|---|---|---|---|---|",
    ]
    passed = True
    for size, runs in results["sizes"].items():
        speedups = [p / o for p, o in zip(runs["plain"], runs["ours"], strict=True)]
        passed &= statistics.median(speedups) >= TARGETS[size]
        lines.append(
            f"| {size} ({SIZES[size]} px) | {spread(runs['ours'], 3)} | "
            f"{spread(runs['plain'], 3)} | {spread(speedups, 1)} | {TARGETS[size]:g}× |"
        )
    plain_total = [
        sum(runs) for runs in zip(*(r["plain"] for r in results["sizes"].values()), strict=True)
    ]
    together = results["together"]
    lines.append(
        f"| all three in one pass (`render_all()`, as uploads make them) | {spread(together, 3)} "
        f"| {spread(plain_total, 3)} (the three plain) | "
        f"{spread([p / t for p, t in zip(plain_total, together, strict=True)], 1)} | |"
    )
    lines += ["", f"Targets (medians): **{'met' if passed else 'NOT met'}**.", ""]
    return lines, passed
