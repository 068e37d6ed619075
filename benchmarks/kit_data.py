"""Bench data: films whose press kits hold about 50 MB and 200 MB of stills.

Run by benchmarks/run.py against the benchmark's own database and media
folder (never yours). Stills are noisy JPEGs as big as real print files;
they are registered directly, as the upload pipeline would leave them
(renditions made, ready), to keep setting up quick. A kit already built
in the database is reused as it is, so parts can share one. The ZIP's
baseline (nginx sending a file of the same bytes) is made by kit.py.

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
    film, created = Film.objects.get_or_create(
        slug=slug,
        defaults={"title": f"Bench kit {megabytes} MB", "publication_status": "published"},
    )
    if not created:  # built by an earlier part of this run
        existing = Asset.objects.filter(film=film)
        total = sum(asset.file_size for asset in existing)
        return {"slug": slug, "stills": existing.count(), "bytes": total}
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
            processing=Asset.Processing.READY,
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
    return {"slug": slug, "stills": index, "bytes": total}


if __name__ == "__main__":
    stills = [_still(seed) for seed in range(4)]
    print(json.dumps([build(int(size), stills) for size in sys.argv[1:]]))
