"""The press kit's workflows: checking and storing uploads, and making their renditions.

Called from the admin (one file, or many at once), the demo loader and the
benchmarks alike. An upload is checked by its header in the request and
stored at once; its renditions are made by a background task
(presskit/tasks.py), which also decodes every pixel. A file that fails the
request's checks leaves no row and no file behind; one that fails in the
background is marked failed, with the reason, and never shown.
"""

import hashlib
import io
import logging
from collections.abc import Iterable
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.db.models.fields.files import FieldFile
from django.utils import translation

from config.lib.db import is_disk_full
from config.lib.page_cache import content_changed
from config.lib.text import one_spelling
from config.lib.translations import TRANSLATED_INTO

from . import renditions, uploads, videos
from .models import Asset, Person, Rendition
from .videos import VIDEO_EXTENSIONS

logger = logging.getLogger(__name__)

KIND_LABELS = {
    Asset.Kind.STILL: "stills",
    Asset.Kind.KEY_ART: "key art",
    Asset.Kind.POSTER: "posters",
    Asset.Kind.HEADSHOT: "headshots",
    Asset.Kind.DOCUMENT: "documents",
    Asset.Kind.TRAILER: "trailers",
    Asset.Kind.CLIP: "clips",
    Asset.Kind.EPK: "EPKs",
}


def upload_inspect(*, upload, kind: str, linked: bool = False) -> uploads.Inspected:
    """Check an upload for an asset of `kind`; raise ValidationError saying what is wrong.

    No pixel is decoded here (a web request does no image work): images
    are judged by their header, and decoded in full by the renditions task;
    a video by its header, its poster frame decoded by the same task. A
    trailer, clip or EPK `linked` to a video host takes a still of it instead.
    """
    label = KIND_LABELS[kind]
    if kind == Asset.Kind.DOCUMENT:
        video_check(format="PDF", kind=kind, linked=linked)  # no link on a document
        return uploads.inspect_pdf(upload, kind=kind, label=label)
    found = uploads.sniff(uploads.read_head(upload))
    if found in VIDEO_EXTENSIONS or found in uploads.IMAGE_EXTENSIONS:
        video_check(
            format=found, kind=kind, linked=linked
        )  # a picture or a video, as the kind says
    if kind in Asset.VIDEO_KINDS and not linked:
        return videos.inspect_video(upload, kind=kind, label=label)
    return uploads.inspect_image(upload, kind=kind, label=label)


def video_check(*, format: str, kind: str, linked: bool) -> None:
    """A trailer, clip or EPK is its video file, or a link with a still of it for its poster;
    nothing else has a link. Raises ValidationError by field, saying what to do."""
    video = format in VIDEO_EXTENSIONS
    if linked and kind not in Asset.VIDEO_KINDS:
        raise ValidationError(
            {
                "video_url": "Only trailers, clips and EPKs have a video link. Empty it, or change the kind."
            }
        )
    if kind in Asset.VIDEO_KINDS and linked and video:
        raise ValidationError(
            {
                "file": "With a video link, the file is the video's poster: upload a still of it "
                "(JPEG, PNG or WebP), not the video."
            }
        )
    if kind in Asset.VIDEO_KINDS and not linked and not video:
        raise ValidationError(
            {"file": "Upload the video itself (MP4 or WebM), or give its YouTube or Vimeo link."}
        )
    if video and kind not in Asset.VIDEO_KINDS:
        raise ValidationError(
            {"kind": "This file is a video: make it a trailer, a clip or an EPK."}
        )


def kind_change_check(*, asset: Asset, kind: str) -> None:
    """Raise ValidationError if `asset`'s stored file could not have been uploaded as `kind`."""
    if (asset.kind == Asset.Kind.DOCUMENT) != (kind == Asset.Kind.DOCUMENT):
        raise ValidationError(
            "A picture cannot become a document or the other way round: "
            "upload the new file with the new kind.",
            code="kind_change",
        )
    try:
        uploads.check_size(asset.file, kind, KIND_LABELS[kind])
    except FileNotFoundError:
        raise ValidationError(
            "The stored file is missing, so its kind cannot be checked: upload it again.",
            code="missing",
        ) from None


def _credits(asset: Asset, embargo: str) -> renditions.Credits:
    """What every copy of `asset` says, its caption and usage terms in each language it has."""
    in_languages = []
    for language in TRANSLATED_INTO:
        with translation.override(language):
            caption, terms = asset.caption_in, asset.usage_terms_in
            if not caption.missing or not terms.missing:
                in_languages.append(
                    (
                        language,
                        caption.value if not caption.missing else "",
                        asset.terms_with_embargo(embargo) if not terms.missing else "",
                    )
                )
    with translation.override(asset.written_in):
        return renditions.Credits(
            caption=asset.caption,
            credit_line=asset.credit_line,
            copyright_holder=asset.copyright_holder,
            usage_terms=asset.terms_with_embargo(embargo),
            language=asset.written_in,
            translations=tuple(in_languages),
        )


def _sha256(stored) -> str:
    digest = hashlib.sha256()
    stored.seek(0)
    for chunk in stored.chunks():
        digest.update(chunk)
    stored.seek(0)
    return digest.hexdigest()


def _write(field_file: FieldFile, filename: str, content) -> str:
    """Store `content` under the name `field_file`'s field makes from `filename`; return it.

    A write that fails (a full disk) leaves nothing behind: Django's storage
    would keep the part already written.
    """
    storage = field_file.storage
    name = field_file.field.generate_filename(field_file.instance, filename)
    try:
        return storage.save(name, content)
    except OSError:
        with suppress(OSError):
            storage.delete(name)
        raise


def _delete_file_on_commit(storage, name: str) -> None:
    if name:
        transaction.on_commit(lambda: storage.delete(name), robust=True)


@contextmanager
def _undone_on_failure():
    """Rows roll back when the block fails; this deletes the files it wrote, listed here."""
    written: list[FieldFile] = []
    try:
        with transaction.atomic():
            yield written
    except BaseException:
        for stored in written:
            stored.storage.delete(stored.name)
        raise


def asset_save(*, asset: Asset, inspected: uploads.Inspected | None = None) -> Asset:
    """Save `asset`; with `inspected`, its file is a new upload that passed upload_inspect().

    A new picture is "preparing", hidden from the public, until the
    renditions task has made its copies. A picture it replaces is kept,
    file and copies, until then (`replaced_original`): if the new file turns
    out damaged, the asset goes back to it (`asset_processing_failed`).
    When only the words written into the copies change, the old copies stay
    public until the new ones replace them. If anything fails, the row
    rolls back and the file written is deleted.
    """
    with _undone_on_failure() as written:
        previous = (
            Asset.objects.select_for_update().filter(pk=asset.pk).first() if asset.pk else None
        )
        if previous is not None:  # the renditions task may have moved on since the form was read
            asset.processing = previous.processing
            asset.processing_error = previous.processing_error
            asset.processing_attempts = previous.processing_attempts
            asset.replaced_original = previous.replaced_original
        if inspected is not None:
            # Gone back to if the new file fails, only if it is the same sort of thing: a
            # picture for a picture, a video file for a video file, with the same kind and link.
            same_sort = previous is not None and (
                (previous.kind, previous.video_url, previous.plays_file)
                == (asset.kind, asset.video_url, inspected.format in VIDEO_EXTENSIONS)
            )
            kept = _last_good_picture(previous) if asset.is_image and same_sort else None
            asset.replaced_original = kept
            asset.original_filename = one_spelling(PurePath(asset.file.name).name)
            asset.format = inspected.format
            asset.width, asset.height = inspected.width, inspected.height
            asset.file_size = asset.file.size
            asset.sha256 = _sha256(asset.file)
            asset.processing = (
                Asset.Processing.PREPARING if asset.is_image else Asset.Processing.READY
            )
            asset.processing_error, asset.processing_attempts = "", 0
            asset.file = _write(asset.file, asset.original_filename, asset.file.file)
            written.append(asset.file)
        asset.save()
        if inspected is not None and previous is not None:
            # The file replaced, and a picture kept for an earlier replacement, unless kept now.
            pending = previous.replaced_original
            for name in {previous.file.name, pending and pending["file"]} - {
                asset.file.name,
                kept and kept["file"],
            }:
                _delete_file_on_commit(previous.file.storage, name)
            if not kept:
                for rendition in asset.renditions.all():
                    rendition.delete()  # copies of a picture never made ready; files go at commit
        words_changed = previous is not None and any(
            getattr(previous, name) != getattr(asset, name) for name in Asset.EMBEDDED_FIELDS
        )
        if asset.is_image and (inspected is not None or words_changed):
            asset_prepare(asset=asset)
        content_changed()
    return asset


def _last_good_picture(previous: Asset | None) -> dict | None:
    """The picture to go back to if a new upload replacing `previous` fails: the last with copies."""
    if previous is None or not previous.is_image:
        return None
    if previous.replaced_original:  # an earlier replacement is still being prepared
        return previous.replaced_original
    return previous.picture() if previous.processing == Asset.Processing.READY else None


def asset_prepare(*, asset: Asset) -> None:
    """Have the renditions task make `asset`'s copies once this transaction commits."""
    from .tasks import make_renditions  # the task module imports this one

    asset_id, sha256 = asset.pk, asset.sha256
    # Robust: the save has committed by then; a queue that fails is logged, and the
    # editor's "Make the copies again" action retries.
    transaction.on_commit(
        lambda: make_renditions.enqueue(asset_id=asset_id, sha256=sha256), robust=True
    )


def asset_render(*, asset: Asset) -> list[Rendition]:
    """Decode `asset`'s picture in full and make its thumbnail, web and print copies.

    Raises ValidationError if the picture is damaged. The copies replace
    the old ones and the asset becomes ready in one transaction, unless its
    file or the words written into its copies changed meanwhile (then nothing
    is kept: the task the change enqueued makes the copies). The copies state
    the embargo holding the picture (presskit/embargoed_copies.py); if it
    moved meanwhile, they are kept, and made again.
    """
    with asset.file.open("rb") as original:
        if asset.plays_file:  # its copies are of its poster, one frame of it
            data = io.BytesIO(videos.poster_frame(original, asset.format))
        else:
            data = io.BytesIO(original.read())  # seekable whatever the storage
            uploads.check_decodes(data, format=asset.format)
    holding = asset.embargo_holding()
    # Worded in the site's language, as `copies_state_its_embargo()` reads it back.
    with translation.override(settings.LANGUAGE_CODE):
        embargo = holding.embargo_text() if holding else ""
    made = renditions.render_all(data, _credits(asset, embargo))
    with _undone_on_failure() as written:
        current = (
            Asset.objects.select_for_update(of=("self",))
            .select_related("film", "person")
            .filter(pk=asset.pk, sha256=asset.sha256)
            .first()
        )
        if current is None or any(
            getattr(current, name) != getattr(asset, name) for name in Asset.EMBEDDED_FIELDS
        ):
            return []  # replaced, or its words changed: a newer task makes the copies
        current.copies_embargo = embargo
        current.copies_embargo_until = holding.embargo_until if holding else None
        if not current.copies_state_its_embargo():
            # Moved while these were made (and a picture being prepared is not
            # queued again by the move itself): keep these, and make them again.
            asset_prepare(asset=current)
        existing = {rendition.size: rendition for rendition in current.renditions.all()}
        kept = []
        for size, copy in made.items():
            rendition = existing.get(size) or Rendition(asset=current, size=size)
            old_name = rendition.file.name if rendition.pk else ""
            rendition.file = _write(
                rendition.file, f"{size}{copy.extension}", ContentFile(copy.content)
            )
            written.append(rendition.file)
            rendition.width, rendition.height = copy.width, copy.height
            rendition.file_size = len(copy.content)
            rendition.sha256 = hashlib.sha256(copy.content).hexdigest()
            rendition.save()
            _delete_file_on_commit(rendition.file.storage, old_name)
            kept.append(rendition)
        Asset.objects.filter(pk=current.pk).update(
            processing=Asset.Processing.READY,
            processing_error="",
            processing_attempts=0,
            replaced_original=None,
            copies_embargo=current.copies_embargo,
            copies_embargo_until=current.copies_embargo_until,
        )
        replaced = current.replaced_original
        if replaced and replaced["file"] != current.file.name:
            _delete_file_on_commit(current.file.storage, replaced["file"])
        content_changed()
    return kept


def asset_processing_failed(*, asset_id: int, sha256: str, reason: str, final: bool) -> int:
    """Record a failed try at `asset_id`'s copies; return how many tries have failed.

    With `final`, an asset whose new file replaced a picture with copies
    goes back to that picture, with a message saying why; one whose copies
    were being made again for new words keeps the copies it has, public,
    with the message; any other is marked failed with `reason`, for the
    editor to see, and stays hidden from the public. A file replaced
    meanwhile is left alone.
    """
    with transaction.atomic():
        asset = Asset.objects.select_for_update().filter(pk=asset_id, sha256=sha256).first()
        if asset is None:
            return 0
        tries = asset.processing_attempts + 1
        if final and asset.replaced_original:
            _delete_file_on_commit(asset.file.storage, asset.file.name)
            kept = dict(asset.replaced_original)
            asset.people.set(Person.objects.filter(pk__in=kept.pop("people")))
            Asset.objects.filter(pk=asset.pk).update(
                **kept,
                replaced_original=None,
                processing=Asset.Processing.READY,
                processing_attempts=0,
                processing_error=(
                    f"The new file {asset.original_filename} could not be used, so the "
                    f"previous picture was kept: {reason}"
                ),
            )
        else:
            changes = {"processing_attempts": tries, "processing_error": reason}
            if final and asset.processing == Asset.Processing.READY:
                # Copies made again for new words (a caption, an embargo): the
                # ones it has stay public, and the editor reads why.
                changes["processing_error"] = (
                    f"Its copies could not be made again with its new words, so the previous "
                    f"ones are still served: {reason}"
                )
            elif final:
                changes["processing"] = Asset.Processing.FAILED
            Asset.objects.filter(pk=asset.pk).update(**changes)
        if final:
            content_changed()
    return tries


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
            refused.append(Refusal(upload.name, not_stored(error)))
            continue
        except DatabaseError as error:  # the database's disk full: this file and the rest
            if not is_disk_full(error):
                raise
            refused.append(Refusal(upload.name, not_stored(error)))
            continue
        next_order += 1
    return kept, refused


def not_stored(error: Exception) -> str:
    """Why a file could not be stored, in words an editor reads."""
    if is_disk_full(error):
        return "It could not be stored: the server's disk is full. Nothing of it was kept."
    return f"It could not be stored ({error}). Nothing of it was kept."


def _title_from_name(name: str) -> str:
    """'aron_piper-salgado.jpg' -> 'aron piper salgado': a starting point editors correct."""
    words = PurePath(one_spelling(name)).stem.replace("_", " ").replace("-", " ").split()
    return " ".join(words)[:200]


def asset_file_missing(*, asset: Asset, name: str) -> bool:
    """Take an asset whose stored file `name` is gone out of public view, and tell editors why.

    Returns False, and does nothing, if `name` is no longer one of the
    asset's files: made again or replaced a moment ago, it was deleted as it
    should be, and the caller reads the asset's files again. Otherwise its
    copies are made again if its original is still there, or it is marked
    failed until an editor uploads the file again.
    """
    current = Asset.objects.filter(pk=asset.pk).first()
    if current is None:
        return False  # deleted meanwhile: reading it again finds nothing
    in_use = {current.file.name, *current.renditions.values_list("file", flat=True)}
    if name not in in_use:
        return False
    logger.error("Asset %s (%s): its file %s is missing from storage.", asset.pk, asset, name)
    if current.is_image and current.file and current.file.storage.exists(current.file.name):
        Asset.objects.filter(pk=asset.pk).update(
            processing=Asset.Processing.PREPARING,
            processing_error=f"A copy was missing from storage ({name}); it is being made again.",
            processing_attempts=0,
        )
        asset_prepare(asset=current)
    else:
        Asset.objects.filter(pk=asset.pk).update(
            processing=Asset.Processing.FAILED,
            processing_error=f"The file is missing from storage ({name}): upload it again.",
        )
    content_changed()
    return True
