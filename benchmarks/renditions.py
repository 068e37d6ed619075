"""Renditions of one 24-megapixel JPEG, against plain Pillow and against libvips' vipsthumbnail.

The still is generated: 6000 x 4000 with detail and sensor noise, about
7.5 MB, as a 24-megapixel camera's fine JPEG. (Noisier files decode more
slowly at every scale, which narrows the ratios.) Ours is presskit.renditions.render(): draft-mode decode, sRGB,
resample, and the JPEG with its XMP credits written to memory. The
first baseline only opens the file and resizes it with LANCZOS, without
even saving: everything ours does beyond it is on ours' side of the ratio.
The second is Debian's vipsthumbnail making the same size at the same JPEG
quality into a file, timed as a subprocess; `vips --version` is timed too,
as its start-up, and taken off vipsthumbnail's time in the comparison.
"""

import os
import statistics
import subprocess
import time
from pathlib import Path

from PIL import Image
from serving import WORK, spread, verdict  # serving puts the project on sys.path

from presskit.renditions import JPEG_QUALITY, SIZES, Credits, render, render_all

PACKAGES = {"vipsthumbnail": "libvips-tools", "vips": "libvips-tools"}

ROUNDS = int(os.environ.get("BENCH_RENDITION_ROUNDS", "7"))
TARGETS = {"thumb": 4.0, "web": 2.0, "print": 2.0}
CREDITS = Credits(
    caption="Sample still for the benchmark.",
    credit_line="Courtesy of the production",
    copyright_holder="Bench",
    usage_terms="Editorial use only",
)


def source() -> Path:
    """The 24-megapixel still (made once per run; busy.py uploads it too)."""
    path = WORK / "still-24mp.jpg"
    if path.exists():
        return path
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


def _vipsthumbnail(path: Path, size: str) -> None:
    edge = SIZES[size]
    out = WORK / f"vips-{size}.jpg[Q={JPEG_QUALITY[size]}]"
    subprocess.run(
        ["vipsthumbnail", str(path), "--size", f"{edge}x{edge}", "-o", str(out)], check=True
    )


def _vips_start() -> None:
    subprocess.run(["vips", "--version"], check=True, capture_output=True)


def _seconds(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def measure() -> dict:
    path = source()
    results = {"megapixels": 24, "bytes": path.stat().st_size, "sizes": {}}
    for size in SIZES:
        ours, plain, vips, start = [], [], [], []
        render(path, size, CREDITS)  # warm up
        _vipsthumbnail(path, size)
        for _ in range(ROUNDS):
            plain.append(_seconds(lambda size=size: _plain(path, size)))
            ours.append(_seconds(lambda size=size: render(path, size, CREDITS)))
            start.append(_seconds(_vips_start))
            vips.append(_seconds(lambda size=size: _vipsthumbnail(path, size)))
        results["sizes"][size] = {"ours": ours, "plain": plain, "vips": vips, "start": start}
        print(
            f"rendition {size}: ours {statistics.median(ours):.3f} s, "
            f"plain {statistics.median(plain):.3f} s, "
            f"vipsthumbnail {statistics.median(vips):.3f} s "
            f"(start-up {statistics.median(start):.3f} s)",
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
        "JPEG with its XMP credits encoded to memory. *Plain* is Pillow `Image.open()` +",
        "`resize(LANCZOS)` to the same size, not even saved. *vipsthumbnail* is",
        "`vipsthumbnail <file> --size N×N -o out.jpg[Q=<ours>]` (Debian's libvips-tools) timed",
        "as a subprocess, so with its start-up and the file written; *vips start-up* is",
        "`vips --version` timed the same way, and *net*",
        "is vipsthumbnail less that start-up, in the same round. The comparison with libvips",
        "uses the net figure. Speed-ups are the other's time over ours, per round.",
        "",
        "| size (long edge) | ours s | plain s | speed-up vs plain | vipsthumbnail s | "
        "vips start-up s | vipsthumbnail net s | speed-up vs vipsthumbnail net | "
        "target: met |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    passed = True
    for size, runs in results["sizes"].items():
        net = [v - s for v, s in zip(runs["vips"], runs["start"], strict=True)]
        over_plain = [p / o for p, o in zip(runs["plain"], runs["ours"], strict=True)]
        over_vips = [n / o for n, o in zip(net, runs["ours"], strict=True)]
        met = statistics.median(over_plain) >= TARGETS[size] and statistics.median(over_vips) > 1
        passed &= met
        lines.append(
            f"| {size} ({SIZES[size]} px) | {spread(runs['ours'], 3)} | "
            f"{spread(runs['plain'], 3)} | {spread(over_plain, 1)} | {spread(runs['vips'], 3)} | "
            f"{spread(runs['start'], 3)} | {spread(net, 3)} | {spread(over_vips, 2)} | "
            f"{TARGETS[size]:g}× plain, > 1× vips: {verdict(met)} |"
        )
    plain_total = [
        sum(runs) for runs in zip(*(r["plain"] for r in results["sizes"].values()), strict=True)
    ]
    together = results["together"]
    lines.append(
        f"| all three in one pass (`render_all()`, as uploads make them) | {spread(together, 3)} "
        f"| {spread(plain_total, 3)} (the three plain) | "
        f"{spread([p / t for p, t in zip(plain_total, together, strict=True)], 1)} | | | | | |"
    )
    lines += [
        "",
        "Targets (medians): at least 4× (thumb), 2× (web) and 2× (print) faster than plain",
        "Pillow, and faster than vipsthumbnail less its start-up at every size. "
        f"Result: **{'met' if passed else 'NOT met'}**.",
        "",
    ]
    return lines, passed
