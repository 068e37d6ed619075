"""The press kit's workflows: checking and storing uploads with their renditions.

Called from the admin (one file, or many at once), the demo loader and the
benchmarks alike. Every upload is checked by its content before anything is
stored, and a file that fails leaves no row and no file behind.
"""

import hashlib
import io
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.fields.files import FieldFile

from config.lib.public_cache import public_content_changed

from . import renditions, uploads
from .models import Asset, Rendition

KIND_LABELS = {
    Asset.Kind.STILL: "stills",
    Asset.Kind.KEY_ART: "key art",
    Asset.Kind.POSTER: "posters",
    Asset.Kind.HEADSHOT: "headshots",
    Asset.Kind.DOCUMENT: "documents",
}


def upload_inspect(*, upload, kind: str) -> uploads.Inspected:
    """Check an upload for an asset of `kind`; raise ValidationError saying what is wrong.

    Images are also rendered once at thumbnail size, so a file Pillow can
    open but not convert is refused now rather than failing later.
    """
    label = KIND_LABELS[kind]
    if kind == Asset.Kind.DOCUMENT:
        return uploads.inspect_pdf(upload, kind=kind, label=label)
    inspected = uploads.inspect_image(upload, kind=kind, label=label)
    try:
        renditions.render(upload, "thumb", renditions.Credits())
    except (OSError, ValueError) as error:
        raise ValidationError(
            f"This image opens but cannot be converted for the web ({error}).",
            code="unconvertible",
        ) from None
    finally:
        upload.seek(0)
    return inspected


def kind_change_check(*, asset: Asset, kind: str) -> None:
    """Raise ValidationError if `asset`'s stored file could not have been uploaded as `kind`."""
    if (asset.kind == Asset.Kind.DOCUMENT) != (kind == Asset.Kind.DOCUMENT):
        raise ValidationError(
            "A picture cannot become a document or the other way round: "
            "upload the new file with the new kind.",
            code="kind_change",
        )
    uploads.check_size(asset.file, kind, KIND_LABELS[kind])


def _credits(asset: Asset) -> renditions.Credits:
    return renditions.Credits(
        caption=asset.caption,
        credit_line=asset.credit_line,
        copyright_holder=asset.copyright_holder,
        usage_terms=asset.usage_terms,
    )


def _sha256(stored) -> str:
    digest = hashlib.sha256()
    stored.seek(0)
    for chunk in stored.chunks():
        digest.update(chunk)
    stored.seek(0)
    return digest.hexdigest()


def _delete_file_on_commit(storage, name: str) -> None:
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@contextmanager
def _undone_on_failure(written: list[FieldFile] | None = None):
    """Rows roll back when the block fails; this deletes the files it wrote, listed here."""
    if written is not None:  # an enclosing block undoes them
        yield written
        return
    written = []
    try:
        with transaction.atomic():
            yield written
    except BaseException:
        for stored in written:
            stored.storage.delete(stored.name)
        raise


def asset_save(*, asset: Asset, inspected: uploads.Inspected | None = None) -> Asset:
    """Save `asset`; with `inspected`, its file is a new upload that passed upload_inspect().

    Renditions are made again whenever the picture or the words written
    into it change. A replaced original is deleted once the change commits.
    If anything fails, the rows roll back and the files written are deleted.
    """
    with _undone_on_failure() as written:
        previous = Asset.objects.filter(pk=asset.pk).first() if asset.pk else None
        if inspected is not None:
            asset.original_filename = PurePath(asset.file.name).name
            asset.format = inspected.format
            asset.width, asset.height = inspected.width, inspected.height
            asset.file_size = asset.file.size
            asset.sha256 = _sha256(asset.file)
        asset.save()
        if inspected is not None:
            written.append(asset.file)
            if previous is not None and previous.file.name != asset.file.name:
                _delete_file_on_commit(previous.file.storage, previous.file.name)
        words_changed = previous is None or any(
            getattr(previous, name) != getattr(asset, name) for name in Asset.EMBEDDED_FIELDS
        )
        if asset.is_image and (
            inspected is not None or words_changed or not asset.renditions.exists()
        ):
            asset_render(asset=asset, written=written)
        elif not asset.is_image:
            for rendition in asset.renditions.all():
                rendition.delete()
        public_content_changed()
    return asset


def asset_render(*, asset: Asset, written: list[FieldFile] | None = None) -> list[Rendition]:
    """Make (again) the thumbnail, web and print copies of an image asset."""
    with _undone_on_failure(written) as written:
        credits = _credits(asset)
        existing = {rendition.size: rendition for rendition in asset.renditions.all()}
        with asset.file.open("rb") as original:
            data = io.BytesIO(original.read())  # seekable whatever the storage
        made = []
        for size, copy in renditions.render_all(data, credits).items():
            rendition = existing.get(size) or Rendition(asset=asset, size=size)
            old_name = rendition.file.name if rendition.pk else ""
            rendition.file.save(f"{size}{copy.extension}", ContentFile(copy.content), save=False)
            written.append(rendition.file)
            rendition.width, rendition.height = copy.width, copy.height
            rendition.file_size = len(copy.content)
            rendition.sha256 = hashlib.sha256(copy.content).hexdigest()
            rendition.save()
            _delete_file_on_commit(rendition.file.storage, old_name)
            made.append(rendition)
    return made


@dataclass
class Refusal:
    name: str
    reason: str


def assets_upload(
    *, film, kind: str, files: Iterable, defaults: dict
) -> tuple[list[Asset], list[Refusal]]:
    """Add many files to `film` at once; return those kept and those refused, with why.

    Each file is checked and stored on its own: one bad file never stops the
    others, and leaves nothing behind. New assets are drafts.
    """
    kept, refused = [], []
    next_order = max(film.assets.values_list("order", flat=True), default=0) + 1
    for upload in files:
        try:
            inspected = upload_inspect(upload=upload, kind=kind)
        except ValidationError as error:
            refused.append(Refusal(upload.name, " ".join(error.messages)))
            continue
        asset = Asset(
            film=film,
            kind=kind,
            file=upload,
            title=_title_from_name(upload.name),
            order=next_order,
            **defaults,
        )
        try:
            kept.append(asset_save(asset=asset, inspected=inspected))
        except (OSError, ValueError) as error:  # storage full, say: this file only
            refused.append(Refusal(upload.name, f"It could not be stored ({error})."))
            continue
        next_order += 1
    return kept, refused


def _title_from_name(name: str) -> str:
    """'aron_piper-salgado.jpg' -> 'aron piper salgado': a starting point editors correct."""
    return " ".join(PurePath(name).stem.replace("_", " ").replace("-", " ").split())[:200]
