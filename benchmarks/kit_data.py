"""Bench data: films whose press kits hold about 50 MB and 200 MB of stills, and same-size files.

Run by benchmarks/run.py against the benchmark's own database and media
folder (never yours). Stills are noisy JPEGs as big as real print files;
they are registered directly, as the upload pipeline would leave them, to
keep setting up quick. Each kit has a twin: one prebuilt file of the
kit's size, served by the same download view with FileResponse, as the
baseline the ZIP is measured against.

    python benchmarks/kit_data.py 50 200   (sizes in MB) -> prints JSON
"""

import hashlib
import io
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")

import django  # noqa: E402

django.setup()

from django.core.files.base import ContentFile  # noqa: E402
from PIL import Image  # noqa: E402

from presskit.models import Asset, Film, Rendition  # noqa: E402

MB = 1024 * 1024


def _still(seed: int) -> bytes:
    noise = Image.effect_noise((3000, 2000), 48 + seed).convert("RGB")
    ramp = Image.linear_gradient("L").resize((3000, 2000)).convert("RGB")
    buffer = io.BytesIO()
    Image.blend(noise, ramp, 0.5).save(buffer, "JPEG", quality=97)
    return buffer.getvalue()


def build(megabytes: int, stills: list[bytes]) -> dict:
    slug = f"bench-kit-{megabytes}"
    film, _ = Film.objects.get_or_create(
        slug=slug,
        defaults={"title": f"Bench kit {megabytes} MB", "publication_status": "published"},
    )
    total, index = 0, 0
    while total < megabytes * MB:
        content = stills[index % len(stills)]
        asset = Asset(
            film=film,
            kind=Asset.Kind.STILL,
            title=f"Still {index + 1:03d}",
            caption=f"Bench still {index + 1}",
            credit_line="Courtesy of the production",
            usage_terms="Editorial use only",
            access=Asset.Access.PUBLIC,
            publication_status="published",
            format="JPEG",
            width=3000,
            height=2000,
            file_size=len(content),
            order=index,
        )
        asset.file.save("still.jpg", ContentFile(content), save=False)
        asset.save()
        rendition = Rendition(
            asset=asset,
            size="print",
            width=3000,
            height=2000,
            file_size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
        )
        rendition.file.save("print.jpg", ContentFile(content), save=False)
        rendition.save()
        total += len(content)
        index += 1
    # The baseline belongs to a film of its own, so that it is not in the kit.
    other, _ = Film.objects.get_or_create(
        slug=f"{slug}-baseline",
        defaults={"title": f"Bench baseline {megabytes} MB", "publication_status": "published"},
    )
    blob = (b"".join(stills) * (total // sum(map(len, stills)) + 1))[:total]
    baseline = Asset(
        film=other,
        kind=Asset.Kind.DOCUMENT,
        title="Baseline file",
        access=Asset.Access.PUBLIC,
        publication_status="published",
        format="PDF",
        file_size=len(blob),
        sha256=hashlib.sha256(blob).hexdigest(),
    )
    baseline.file.save("baseline.pdf", ContentFile(blob), save=False)
    baseline.save()
    return {"slug": slug, "stills": index, "bytes": total, "baseline": baseline.pk}


if __name__ == "__main__":
    stills = [_still(seed) for seed in range(4)]
    print(json.dumps([build(int(size), stills) for size in sys.argv[1:]]))
