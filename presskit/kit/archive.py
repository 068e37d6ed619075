"""The press kit as one ZIP: streamed as it is built, then sent from storage.

The first download of a kit's content streams the ZIP as it is built:
files are read from storage a quarter megabyte at a time as the client
takes them, never gathered in memory. The same bytes go to a temporary file
that becomes the kit's stored ZIP once complete, so later downloads of the
same content are a file sent with sendfile(2), resumable. Entries are
stored uncompressed (pictures and PDFs do not shrink), so the archive's
exact size is known before the first byte and the browser shows real
progress. Entry names come from the listing: NFC, accents and scripts kept
(with the UTF-8 flag; plain ASCII names need none), safe and unique.
"""

import datetime
import logging
import posixpath
from collections.abc import Callable, Iterator
from contextlib import suppress
from typing import NamedTuple

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.utils.translation import get_language
from zipstream import ZipStream

from config.lib.cache import shared

logger = logging.getLogger(__name__)

# A quarter megabyte per read: a megabyte streamed a fifth slower here, as
# each large read allocates (and the kernel zeroes) fresh memory.
CHUNK = 256 * 1024


def read_stored(stored_file) -> Callable[[], Iterator[bytes]]:
    """A function that yields `stored_file`'s bytes in chunks, opening it when called."""

    def chunks() -> Iterator[bytes]:
        with stored_file.open("rb") as handle:
            yield from chunks_of(handle)

    return chunks


def chunks_of(handle, length: int | None = None) -> Iterator[bytes]:
    """An open file's bytes from where it stands, `length` of them (all if None), then closed."""
    try:
        while length is None or length > 0:
            block = handle.read(CHUNK if length is None else min(CHUNK, length))
            if not block:
                break
            if length is not None:
                length -= len(block)
            yield block
    finally:
        handle.close()


def zip_stream(files) -> ZipStream:
    """A sized, stored ZIP of `files` (each with `name`, `size` and `open()`)."""
    stream = ZipStream(sized=True)
    for kit_file in files:
        stream.add(kit_file.open(), kit_file.name, size=kit_file.size)
    return stream


# Built ZIPs of public kits, one per film and language (the kit is written in the
# reader's): `kits/<film id>/<language>/<content fingerprint>.zip`.
KITS = "kits"


def kit_folder(film_id: int) -> str:
    """Where the film's public kit in the active language is kept."""
    return f"{KITS}/{film_id}/{get_language() or settings.LANGUAGE_CODE}"


def stored_name(film_id: int, fingerprint: str) -> str:
    return f"{kit_folder(film_id)}/{fingerprint}.zip"


class Listing(NamedTuple):
    """What a listing of the public kit says of its ZIP: its content, and its size in bytes."""

    fingerprint: str
    size: int


def remembered_listing(film_id: int, generation: str | None) -> Listing | None:
    """The public kit's ZIP as last listed in `generation` of public content.

    Any change to what the public sees starts a new generation
    (config/lib/page_cache.py), so a listing remembered in this one is the
    kit's own; a download of an unchanged kit then needs no listing. The
    caller reads the generation once, before listing: a listing made while
    a change commits is kept under the older one, never the newer.
    """
    if generation is None:
        return None
    remembered = shared.get(_listing_key(film_id, generation))
    return Listing(*remembered) if remembered else None


def remember_listing(film_id: int, generation: str | None, listing: Listing) -> None:
    if generation is not None:
        shared.set(_listing_key(film_id, generation), tuple(listing), settings.PUBLIC_CACHE_SECONDS)


def _listing_key(film_id: int, generation: str) -> str:
    return f"press-kit:listing:{generation}:{kit_folder(film_id)}"


class StoredZip(NamedTuple):
    file: File
    size: int
    modified: datetime.datetime
    name: str  # in media storage


def stored_zip(film_id: int, listing: Listing) -> StoredZip | None:
    """The public kit's ZIP as built for an earlier download, if its content is the same.

    Only a whole one: a storage that copies a kept ZIP into place, rather
    than renaming it, shows it while it grows.
    """
    name = stored_name(film_id, listing.fingerprint)
    try:
        opened = default_storage.open(name, "rb")
    except FileNotFoundError:
        return None
    try:
        if opened.size != listing.size:
            raise FileNotFoundError(name)  # not whole yet: as if it were not there
        modified = default_storage.get_modified_time(name)
    except FileNotFoundError:  # or removed a moment ago by a newer kit's keeping
        opened.close()
        return None
    return StoredZip(opened, opened.size, modified, name)


def zip_kept(files, *, film_id: int, fingerprint: str) -> tuple[Iterator[bytes], int]:
    """The ZIP of `files` streamed as it is built, and kept for the next downloads.

    Returns the chunks and the size. The bytes also go to a temporary file,
    which becomes the stored ZIP once the last chunk is sent: a download
    broken off, or a disk that fills, keeps nothing and costs the client
    nothing. Older ZIPs of the film go when a newer one is kept.
    """
    stream = zip_stream(files)
    # Named now, in the request's language: the chunks are read after the view has returned.
    name = stored_name(film_id, fingerprint)
    return _kept(stream, len(stream), film_id, name), len(stream)


def _kept(stream: ZipStream, size: int, film_id: int, name: str) -> Iterator[bytes]:
    spool = None
    try:
        try:
            spool = TemporaryUploadedFile(posixpath.basename(name), "application/zip", size, None)
        except OSError as error:  # the temporary directory is full: send, keep nothing
            _not_kept(film_id, error)
        for chunk in stream:
            if spool is not None:
                try:
                    spool.write(chunk)
                except OSError as error:
                    _not_kept(film_id, error)
                    spool.close()
                    spool = None
            yield chunk
        if spool is not None:
            try:
                spool.flush()
            except OSError as error:
                _not_kept(film_id, error)
            else:
                _keep(spool, size, film_id, name)
    finally:
        if spool is not None:
            spool.close()


def _not_kept(film_id: int, error: OSError) -> None:
    logger.warning("The press kit of film %s is not kept: %s", film_id, error)


def _keep(spool: File, size: int, film_id: int, name: str) -> None:
    folder = posixpath.dirname(name)
    try:
        if default_storage.exists(name) and default_storage.size(name) != size:
            default_storage.delete(name)  # left part-copied by a process that stopped
        if not default_storage.exists(name):
            spool.seek(0)
            try:
                default_storage.save(name, spool)
            except OSError:
                with suppress(OSError):
                    default_storage.delete(name)  # what a full disk let through
                raise
        _, others = default_storage.listdir(folder)
        for other in others:
            if f"{folder}/{other}" != name:
                default_storage.delete(f"{folder}/{other}")
    except OSError as error:  # storage full or gone: the next download builds it again
        _not_kept(film_id, error)
