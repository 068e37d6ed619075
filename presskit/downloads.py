"""Downloads: single files and the whole press kit, each logged, none past its embargo.

Files are never served from a public media URL: every request comes here,
where `visible_to()` decides, so a withdrawn or embargoed picture cannot be
fetched by an address someone kept. Responses carry an ETag and
Last-Modified, answer conditional requests with 304, resume a broken-off
download from where it stopped (`Range`, guarded by `If-Range`), and ask
caches to check back each time (no-cache) so a withdrawal is honoured at
once. Every file is sent under `Content-Security-Policy: default-src 'none'`,
and uploaded documents only as attachments, so nothing uploaded can run as
part of the site. A file missing from storage takes its asset out of view,
tells the editors why, and answers a clear page; it is never a broken
download. A picture's file takes no turn among the pages a process builds
(`takes_no_turn`, config/lib/turns.py): it waits on storage rather than
builds. The kits, chosen stills, desk links, press notes and subtitles are
listed or built here first, and take one; their bodies go out after it.
"""

import hashlib
import logging
import re
from functools import partial
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.db import DatabaseError, transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header, http_date, quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from config.lib.db import is_disk_full, release_connection
from config.lib.page_cache import public_generation
from config.lib.turns import takes_no_turn
from config.views import unavailable

from .accreditation.desk import read_desk_token
from .kit.archive import (
    Listing,
    chunks_of,
    remember_listing,
    remembered_listing,
    stored_zip,
    zip_kept,
)
from .kit.listing import PressKit, press_kit
from .kit.press_notes import film_press_notes, press_notes_filename
from .models import Accreditation, Asset, Download, Film
from .previews import shared_file
from .publishing.http import private_preview
from .publishing.models import Audience, sees_more_than_public, valid_accreditation
from .services import asset_file_missing

logger = logging.getLogger(__name__)

CONTENT_TYPES = {
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".pdf": "application/pdf",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
}
# Whatever a file holds, a browser that opens it runs nothing of it.
FILE_CSP = "default-src 'none'; sandbox"
RANGE = re.compile(r"bytes=(\d*)-(\d*)")


def _in_english(name_of, *args) -> str:
    """A file's name as the admin's download log keeps it: in English, whatever the page's."""
    with translation.override(settings.LANGUAGE_CODE):
        return name_of(*args)


def _log(request: HttpRequest, viewer, **fields) -> None:
    """Record a download by `viewer` (the visitor, or the journalist whose desk link it is).

    A database whose disk is full costs the journalist nothing: logged, sent.
    """
    if request.method != "GET":
        return
    user = viewer if viewer.is_authenticated else None
    accreditation = valid_accreditation(viewer)
    outlet = accreditation.outlet_name if accreditation else ""
    try:
        with transaction.atomic():
            Download.objects.create(user=user, outlet=outlet, **fields)
    except DatabaseError as error:
        if not is_disk_full(error):
            raise
        logger.error("A download was not recorded (%s): %s", fields["description"], error)


def _conditional(response: HttpResponse, *, etag: str, modified=None) -> HttpResponse:
    response.headers["ETag"] = etag
    if modified is not None:
        response.headers["Last-Modified"] = http_date(modified.timestamp())
    response.headers["Content-Security-Policy"] = FILE_CSP
    patch_cache_control(response, no_cache=True)
    return response


def _wanted_range(request: HttpRequest, size: int, *, etag: str) -> tuple | None:
    """The one byte range asked for, as (first, last), if it may be sent alone.

    None means the whole file: no Range, a form this does not serve
    (several ranges, or "bytes=-", which is no range at all), or an
    If-Range naming another version. Raises ValueError if the range lies
    past the end.
    """
    header = request.headers.get("Range", "")
    match = RANGE.fullmatch(header.strip())
    if not match:
        return None
    if_range = request.headers.get("If-Range")
    if if_range is not None and (if_range != etag or etag.startswith("W/")):
        return None  # another version (dates are too coarse to tell): the whole file
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:
        if int(last) == 0:
            raise ValueError(header)
        return max(0, size - int(last)), size - 1
    start, end = int(first), min(int(last) if last else size - 1, size - 1)
    if start >= size or start > end:
        raise ValueError(header)
    return start, end


def _file_response(
    request: HttpRequest,
    handle,
    *,
    size: int,
    content_type: str,
    etag: str,
    modified=None,
    filename: str,
    attachment: bool,
    stored_name: str,
) -> HttpResponse:
    """An open stored file as a response: whole (sent with sendfile), or the range asked for.

    With PRESSKIT_ACCEL_REDIRECT set, the web server in front sends the
    bytes (and answers ranges) from an internal location: the app has
    checked access, and the file has no public address.
    """
    if prefix := settings.PRESSKIT_ACCEL_REDIRECT:
        handle.close()
        response = HttpResponse(content_type=content_type)
        response.headers["X-Accel-Redirect"] = prefix + quote(stored_name)
        response.headers["Content-Disposition"] = content_disposition_header(attachment, filename)
        return _conditional(response, etag=etag, modified=modified)
    try:
        wanted = _wanted_range(request, size, etag=etag)
    except ValueError:
        handle.close()
        response = HttpResponse(status=416)
        response.headers["Content-Range"] = f"bytes */{size}"
        return _conditional(response, etag=etag, modified=modified)
    if wanted is None:
        response = FileResponse(handle, content_type=content_type)
    else:
        first, last = wanted
        handle.seek(first)
        response = StreamingHttpResponse(
            chunks_of(handle, last - first + 1), content_type=content_type, status=206
        )
        response.headers["Content-Range"] = f"bytes {first}-{last}/{size}"
        response.headers["Content-Length"] = str(last - first + 1)
    response.headers["Accept-Ranges"] = "bytes"
    response.headers["Content-Disposition"] = content_disposition_header(attachment, filename)
    return _conditional(response, etag=etag, modified=modified)


def _unavailable_file(request: HttpRequest) -> HttpResponse:
    return unavailable(
        request,
        "One of the press office's files is missing from storage. The office has been "
        "told and its copies are being made again; please try again in a few minutes.",
        retry_after=120,
        heading="This file is being restored",
    )


def _is_a_download(request: HttpRequest, response: HttpResponse) -> bool:
    """A whole file, or a resumption's first part: what counts in the download log.

    Handed to nginx, the answer is always 200 here: the request says what nginx will send.
    """
    if "X-Accel-Redirect" in response:
        wanted = request.headers.get("Range", "").replace(" ", "")
        revalidating = "If-None-Match" in request.headers or "If-Modified-Since" in request.headers
        return not revalidating and (not wanted or wanted.startswith("bytes=0-"))
    return response.status_code == 200 or (
        response.status_code == 206 and response["Content-Range"].startswith("bytes 0-")
    )


@takes_no_turn
@require_safe
def asset_file(request: HttpRequest, pk: int, size: str, name: str) -> HttpResponse:
    """One file of a press kit, at one size; ?download saves it under its proper name."""
    return _asset_response(request, request.user, pk, size)


@require_safe
def asset_subtitles(request: HttpRequest, pk: int, kind: str, language: str) -> HttpResponse:
    """A video's subtitles in one language, as WebVTT, to whoever may have the video.

    The player's `<track>` reads them from here; ?download saves them under
    the video's own name ("La Tregua - Trailer.es.vtt"), so that a player
    opening the downloaded video finds them beside it; such a download is
    logged against the video, its size "vtt".
    """
    visible = Asset.objects.visible_to(request.user).select_related("film", "person")
    asset = visible.filter(pk=pk).first() or shared_file(request, pk)
    subtitles = (
        asset.subtitles.filter(kind=kind, language=language).first()
        if asset is not None and asset.is_video
        else None
    )
    if subtitles is None:
        raise Http404("This video has no such subtitles.")
    content = subtitles.text.encode()
    etag = quote_etag(hashlib.sha256(content).hexdigest())
    modified = subtitles.updated_at
    not_modified = get_conditional_response(
        request, etag=etag, last_modified=int(modified.timestamp())
    )
    if not_modified is not None:
        response = _conditional(not_modified, etag=etag, modified=modified)
    else:
        response = HttpResponse(content, content_type="text/vtt; charset=utf-8")
        download = "download" in request.GET
        stem = asset.download_name("original", "")
        response.headers["Content-Disposition"] = content_disposition_header(
            download, f"{stem}{subtitles.file_suffix}"
        )
        response = _conditional(response, etag=etag, modified=modified)
        if download:
            logged = _in_english(asset.download_name, "original", "") + subtitles.file_suffix
            _log(
                request,
                request.user,
                kind=Download.Kind.FILE,
                film=asset.film,
                asset=asset,
                size="vtt",
                description=f"{logged} ({subtitles.kind})",
            )
    if not asset.is_published():
        private_preview(response)  # the press's, staff's or a shared link's: never kept
    return response


def _asset_response(
    request: HttpRequest, viewer, pk: int, size: str, *, via: str = ""
) -> HttpResponse:
    """The file `viewer` may have, at `size`; `via` says how it was reached, for the log."""
    asset = Asset.objects.visible_to(viewer).select_related("film", "person").filter(pk=pk).first()
    if asset is None and not via:
        # Shown on a preview page this browser opened with a link a press office shared.
        asset = shared_file(request, pk)
        if asset is None or not asset.size_is_open(size, Audience.PUBLIC):
            raise Http404("No such file.")
    elif asset is None or not asset.size_is_open_to(size, viewer):
        raise Http404("No such file, or no such size of it.")
    if size == "original" and (asset.plays_file or not asset.is_image):
        # A document or a video, as it was uploaded (a video's copies are of its poster).
        stored, digest, modified = asset.file, asset.sha256 or str(asset.pk), asset.updated_at
        length, extension = asset.file_size, asset.original_extension
    elif asset.is_image:
        rendition = asset.renditions.filter(size=size).first()
        if rendition is None:
            raise Http404("No such size of this file.")
        stored, digest, modified = rendition.file, rendition.sha256, rendition.made_at
        length, extension = rendition.file_size, rendition.extension
    else:
        raise Http404("Documents are downloaded as they are.")
    etag = quote_etag(digest)  # strong: the digest of these very bytes
    not_modified = get_conditional_response(
        request, etag=etag, last_modified=int(modified.timestamp())
    )
    if not_modified is not None:
        return _conditional(not_modified, etag=etag, modified=modified)
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        if asset_file_missing(asset=asset, name=stored.name):
            return _unavailable_file(request)
        return _asset_response(request, viewer, pk, size, via=via)  # made again: the new copy
    # Pages show thumbnails and web copies inline; print copies and documents
    # are only ever fetched to be kept, and ?download is the download button.
    download = "download" in request.GET or bool(via)
    filename = asset.download_name(size, extension)
    response = _file_response(
        request,
        handle,
        size=length or stored.size,
        content_type=CONTENT_TYPES.get(extension, "application/octet-stream"),
        etag=etag,
        modified=modified,
        filename=filename,
        # A video plays in the page's player; a document is only ever saved.
        attachment=download or not (asset.is_image or asset.plays_file),
        stored_name=stored.name,
    )
    # A print copy or a document is only ever fetched to be kept; a video file also plays.
    kept = download or (size in {"print", "original"} and not asset.plays_file)
    if kept and _is_a_download(request, response):
        _log(
            request,
            viewer,
            kind=Download.Kind.FILE,
            film=asset.film,
            asset=asset,
            size=size,
            description=f"{_in_english(asset.download_name, size, extension)} ({size}){via}",
        )
    if not asset.is_published() or not asset.size_is_open(size, Audience.PUBLIC):
        private_preview(response)  # more than the public may have: for this visitor alone
    release_connection()
    return response


@require_safe
def film_press_kit_zip(request: HttpRequest, slug: str) -> HttpResponse:
    """/films/<slug>/press-kit.zip: the whole kit, its size announced before the first byte.

    The public kit is the same for everyone who sees only what the public
    sees, so it is listed as an anonymous visitor would see it, kept once
    built, and sent from storage (resumable) until its content changes. A
    staff member's own kit (drafts included) and an accredited journalist's
    (files for the press, and under embargo) are streamed, never kept, and
    marked private. Before the first byte, every file is checked to be in
    storage.
    """
    film = get_object_or_404(Film.objects.visible_to(request.user), slug=slug)
    return _whole_kit(request, request.user, film)


def _whole_kit(request: HttpRequest, viewer, film: Film, *, via: str = "") -> HttpResponse:
    # A copy made again while the kit was listed (a new caption, say): listed once more.
    response = _kit_response(request, viewer, film, via) or _kit_response(
        request, viewer, film, via
    )
    return response or _unavailable_file(request)


def _kit_response(request: HttpRequest, viewer, film: Film, via: str) -> HttpResponse | None:
    """The kit's ZIP for `viewer`; None if copies were made again after the kit was listed."""
    filename = PressKit.filename_of(film)
    logged = _in_english(PressKit.filename_of, film) + via
    if sees_more_than_public(viewer, Film, Asset):
        # More than the public's kit: this visitor's own, for them alone.
        kit = press_kit(film, viewer)
        if (response := _streamed_kit(request, film, kit, keep=False)) is None:
            return None
        return private_preview(_logged_kit(request, viewer, film, logged, response))
    # One generation throughout, read before the listing: a change committed while
    # the kit is listed starts a newer one, under which this listing is not kept.
    token = public_generation()
    listing = remembered_listing(film.pk, token)
    kit = None
    if listing is None:
        kit = press_kit(film, AnonymousUser())
        listing = Listing(kit.etag, kit.zip_size)
        remember_listing(film.pk, token, listing)
    if (stored := stored_zip(film.pk, listing)) is None:
        kit = kit or press_kit(film, AnonymousUser())
        if (response := _streamed_kit(request, film, kit, keep=True)) is None:
            return None
        return _logged_kit(request, viewer, film, logged, response)
    # Strong: these very bytes stay as they are while the file does.
    etag = quote_etag(f"{listing.fingerprint}.{int(stored.modified.timestamp())}")
    not_modified = get_conditional_response(
        request, etag=etag, last_modified=int(stored.modified.timestamp())
    )
    if not_modified is not None:
        stored.file.close()
        return _conditional(not_modified, etag=etag, modified=stored.modified)
    response = _file_response(
        request,
        stored.file,
        size=stored.size,
        content_type="application/zip",
        etag=etag,
        modified=stored.modified,
        filename=filename,
        attachment=True,
        stored_name=stored.name,
    )
    return _logged_kit(request, viewer, film, logged, response)


def _streamed_kit(
    request: HttpRequest, film: Film, kit: PressKit, *, keep: bool
) -> HttpResponse | None:
    """The kit's ZIP built as it is sent (and kept, if `keep`); weak, as each build differs.

    None if some of the kit's copies were made again after it was listed.
    """
    etag = f'W/"{kit.etag}"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return _conditional(not_modified, etag=etag)
    if missing := kit.open_files():
        lost = [
            kit_file
            for kit_file in missing
            if asset_file_missing(asset=kit_file.asset, name=kit_file.stored.name)
        ]
        if lost:
            return _unavailable_file(request)
        return None  # copies made again while the kit was listed: the caller lists it again
    if keep:
        chunks, size = zip_kept(kit.files, film_id=film.pk, fingerprint=kit.etag)
    else:
        stream = kit.zip()
        chunks, size = stream, len(stream)
    response = StreamingHttpResponse(chunks, content_type="application/zip")
    response.headers["Content-Length"] = str(size)
    response.headers["Content-Disposition"] = content_disposition_header(True, kit.filename)
    return _conditional(response, etag=etag)


def _logged_kit(
    request,
    viewer,
    film: Film,
    description: str,
    response: HttpResponse,
    *,
    kind: str = Download.Kind.KIT,
) -> HttpResponse:
    if _is_a_download(request, response):
        _log(request, viewer, kind=kind, film=film, description=description)
    release_connection()
    return response


# More ids than any film has stills is not a choice a journalist made.
MOST_CHOSEN = 200


@require_safe
def film_chosen_stills_zip(request: HttpRequest, slug: str) -> HttpResponse:
    """/films/<slug>/press-kit/chosen.zip?still=<id>&still=<id>: the stills a journalist ticked.

    One ZIP, streamed with its size announced like the whole kit's, each
    picture in the largest size the visitor may have, with the same credits
    text and manifests. Never kept: the choices are too many. A choice that
    names nothing, or a still the visitor may not have (withdrawn since the
    page was read, say), gets a page saying so and a way back to choose again.
    """
    film = get_object_or_404(Film.objects.visible_to(request.user), slug=slug)
    values = request.GET.getlist("still")
    if not values:
        return _refused_choice(request, film, _("No still was chosen: tick at least one."))
    if len(values) > MOST_CHOSEN or not all(
        value.isascii() and value.isdigit() for value in values
    ):
        return _refused_choice(
            request, film, _("This choice of stills is not one the page offered.")
        )
    chosen = {int(value) for value in values}

    def listed() -> PressKit | None:
        """The chosen stills' kit, if each of them is in it (a file, not only a record)."""
        kit = press_kit(film, request.user, chosen=chosen)
        return kit if sum(1 for kit_file in kit.files if kit_file.asset) == len(chosen) else None

    gone = _("One of the chosen stills is no longer available. Please choose again.")
    if (kit := listed()) is None:
        return _refused_choice(request, film, gone, status=404)
    response = _streamed_kit(request, film, kit, keep=False)
    if response is None:  # copies made again while it was listed: listed once more
        if (kit := listed()) is None:
            return _refused_choice(request, film, gone, status=404)
        response = _streamed_kit(request, film, kit, keep=False)
    if response is None:
        return _unavailable_file(request)
    logged = f"{_in_english(partial(PressKit.filename_of, chosen=True), film)} ({len(chosen)})"
    response = _logged_kit(request, request.user, film, logged, response, kind=Download.Kind.STILLS)
    if sees_more_than_public(request.user, Film, Asset):
        private_preview(response)
    return response


def _refused_choice(request, film: Film, message: str, *, status: int = 400) -> HttpResponse:
    return render(
        request,
        "presskit/chosen_stills_refused.html",
        {"film": film, "message": message},
        status=status,
    )


@require_safe
def film_press_notes_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """/films/<slug>/press-notes.pdf: the press notes alone, as in the kit."""
    film = get_object_or_404(Film.objects.visible_to(request.user), slug=slug)
    pdf = film_press_notes(film)
    etag = quote_etag(hashlib.sha256(pdf).hexdigest())
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return _conditional(not_modified, etag=etag)
    filename = press_notes_filename(film)
    response = HttpResponse(pdf, content_type="application/pdf")
    response.headers["Content-Disposition"] = content_disposition_header(
        "download" in request.GET, filename
    )
    _log(
        request,
        request.user,
        kind=Download.Kind.FILE,
        film=film,
        size="original",
        description=_in_english(press_notes_filename, film),
    )
    response = _conditional(response, etag=etag)
    if not film.is_published():
        private_preview(response)
    return response


@require_safe
def desk_link(request: HttpRequest, token: str) -> HttpResponse:
    """/press/desk/<token>: a journalist's signed link, passed to their picture desk.

    It opens what the journalist may have (one file in its largest size, or
    the whole kit), as long as the link has not expired and the journalist's
    accreditation is valid; each use is logged under the journalist. A
    forged, expired or dead link answers as a page that does not exist.
    """
    try:
        content = read_desk_token(token)
    except signing.BadSignature:  # forged, or expired (SignatureExpired)
        raise Http404("No such link.") from None
    accreditation = Accreditation.objects.select_related("user").filter(pk=content.get("j")).first()
    if accreditation is None or not accreditation.is_valid() or accreditation.user.is_staff:
        raise Http404("No such link.")  # staff's eyes see drafts: never through a link
    journalist = accreditation.user
    via = " via a picture desk link"
    if "a" in content:
        asset = get_object_or_404(Asset.objects.visible_to(journalist), pk=content["a"])
        size = asset.largest_size() if asset.is_image else "original"
        return private_preview(_asset_response(request, journalist, asset.pk, size, via=via))
    film = get_object_or_404(Film.objects.visible_to(journalist), pk=content.get("f"))
    return private_preview(_whole_kit(request, journalist, film, via=via))
