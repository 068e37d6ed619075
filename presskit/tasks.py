"""Background work, run by the tasks worker (`manage.py db_worker`), never in a web request.

Making a picture's renditions decodes tens of megapixels: a web worker that
did it would keep every page it serves waiting. `make run` and `make serve`
start the worker beside the site; tests run tasks as they are enqueued.
"""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.tasks import task
from django.utils import timezone

from .models import Asset
from .services import asset_processing_failed, asset_render

logger = logging.getLogger(__name__)

# A try that fails for want of a resource (storage, memory) is made again
# after these waits; a damaged picture fails at once, as no retry mends it.
RETRY_AFTER = (datetime.timedelta(seconds=10), datetime.timedelta(minutes=2))


@task
def make_renditions(asset_id: int, sha256: str) -> str:
    """Make the copies of the asset's picture whose file has checksum `sha256`.

    Returns what became of it. The checksum ties the task to one file: if
    the editor has uploaded another meanwhile, this one does nothing.
    """
    asset = Asset.objects.filter(pk=asset_id, sha256=sha256).first()
    if asset is None:
        return "replaced or deleted"
    try:
        asset_render(asset=asset)
    except ValidationError as error:
        reason = " ".join(error.messages)
        asset_processing_failed(asset_id=asset_id, sha256=sha256, reason=reason, final=True)
        return f"failed: {reason}"
    except Exception as error:  # storage full, out of memory, a bug: retried, then shown
        logger.exception("Could not make the copies of asset %s", asset_id)
        reason = f"Its copies could not be made ({type(error).__name__}: {error})."
        final = asset.processing_attempts >= len(RETRY_AFTER)
        tries = asset_processing_failed(
            asset_id=asset_id, sha256=sha256, reason=reason, final=final
        )
        if not tries:
            return "replaced or deleted"
        if final:
            return f"failed after {tries} tries: {reason}"
        retry = make_renditions
        if retry.get_backend().supports_defer:
            retry = retry.using(run_after=timezone.now() + RETRY_AFTER[tries - 1])
        retry.enqueue(asset_id=asset_id, sha256=sha256)
        return f"try {tries} failed; trying again"
    return "ready"
