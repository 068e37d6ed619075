"""Downloads: single files and the whole press kit, each logged, none past its embargo.

Files are never served from a public media URL: every request comes here,
where `visible_to()` decides, so a withdrawn or embargoed picture cannot be
fetched by an address someone kept. Responses carry an ETag and
Last-Modified, answer conditional requests with 304, and ask caches to
check back each time (no-cache) so a withdrawal is honoured at once.
"""

import hashlib

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header, http_date
from django.views.decorators.http import require_safe

from .kit.archive import remember_fingerprint, remembered_fingerprint, stored_zip, zip_kept
from .kit.listing import PressKit, press_kit
from .kit.press_notes import film_press_notes, press_notes_filename
from .models import Asset, Download, Film
from .publishing.models import can_preview

CONTENT_TYPES = {".jpg": "image/jpeg", ".png": "image/png", ".pdf": "application/pdf"}


def _log(request: HttpRequest, **fields) -> None:
    if request.method == "GET":
        user = request.user if request.user.is_authenticated else None
        Download.objects.create(user=user, **fields)


def _conditional(response: HttpResponse, *, etag: str, modified=None) -> HttpResponse:
    response.headers["ETag"] = etag
    if modified is not None:
        response.headers["Last-Modified"] = http_date(modified.timestamp())
    patch_cache_control(response, no_cache=True)
    return response


@require_safe
def asset_file(request: HttpRequest, pk: int, size: str, name: str) -> HttpResponse:
    """One file of a press kit, at one size; ?download saves it under its proper name."""
    asset = get_object_or_404(
        Asset.objects.visible_to(request.user).select_related("film", "person"), pk=pk
    )
    if asset.is_image:
        rendition = asset.renditions.filter(size=size).first()
        if rendition is None:
            raise Http404("No such size of this file.")
        stored, digest, modified = rendition.file, rendition.sha256, rendition.made_at
        extension = rendition.extension
    elif size == "original":
        stored, digest, modified = asset.file, asset.sha256 or str(asset.pk), asset.updated_at
        extension = ".pdf"
    else:
        raise Http404("Documents are downloaded as they are.")
    etag = f'"{digest}"'  # strong: the digest of these very bytes
    not_modified = get_conditional_response(
        request, etag=etag, last_modified=int(modified.timestamp())
    )
    if not_modified is not None:
        return _conditional(not_modified, etag=etag, modified=modified)
    # Pages show thumbnails and web copies inline; print copies and documents
    # are only ever fetched to be kept, and ?download is the download button.
    download = "download" in request.GET
    filename = asset.download_name(size, extension)
    response = FileResponse(
        stored.open("rb"), content_type=CONTENT_TYPES.get(extension, "application/octet-stream")
    )
    response.headers["Content-Disposition"] = content_disposition_header(download, filename)
    if download or size in {"print", "original"}:
        _log(
            request,
            kind=Download.Kind.FILE,
            film=asset.film,
            asset=asset,
            size=size,
            description=f"{filename} ({size})",
        )
    return _conditional(response, etag=etag, modified=modified)


@require_safe
def film_press_kit_zip(request: HttpRequest, slug: str) -> HttpResponse:
    """/films/<slug>/press-kit.zip: the whole kit, its size announced before the first byte.

    The public kit is the same for everyone, so its ZIP is kept once built
    and sent from storage until its content changes; a staff member's kit
    (drafts included) is streamed and never kept.
    """
    film = get_object_or_404(Film.objects.visible_to(request.user), slug=slug)
    public = not can_preview(request.user, Film)
    # Weak, and no Last-Modified: the kit is the same while its files are, but
    # each ZIP carries the time it was built, and a quote or bio edited, or an
    # embargo lifted, changes the press notes without any date to show for it.
    fingerprint = remembered_fingerprint(film.pk) if public else None
    if fingerprint is None:
        kit = press_kit(film, request.user)
        fingerprint = kit.etag
        if public:
            remember_fingerprint(film.pk, fingerprint)
    else:
        kit = None  # unchanged since it was last listed: no need to list it again
    etag = f'W/"{fingerprint}"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return _conditional(not_modified, etag=etag)
    filename = PressKit.filename_of(film)
    if public and (stored := stored_zip(film.pk, fingerprint)) is not None:
        response = FileResponse(
            stored, as_attachment=True, filename=filename, content_type="application/zip"
        )
    else:
        kit = kit or press_kit(film, request.user)
        if public:
            chunks, size = zip_kept(kit.files, film_id=film.pk, fingerprint=kit.etag)
        else:
            stream = kit.zip()
            chunks, size = stream, len(stream)
        response = StreamingHttpResponse(chunks, content_type="application/zip")
        response.headers["Content-Length"] = str(size)
        response.headers["Content-Disposition"] = content_disposition_header(True, filename)
    _log(request, kind=Download.Kind.KIT, film=film, description=filename)
    return _conditional(response, etag=etag)


@require_safe
def film_press_notes_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """/films/<slug>/press-notes.pdf: the press notes alone, as in the kit."""
    film = get_object_or_404(Film.objects.visible_to(request.user), slug=slug)
    pdf = film_press_notes(film)
    etag = f'"{hashlib.sha256(pdf).hexdigest()}"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return _conditional(not_modified, etag=etag)
    filename = press_notes_filename(film)
    response = HttpResponse(pdf, content_type="application/pdf")
    response.headers["Content-Disposition"] = content_disposition_header(
        "download" in request.GET, filename
    )
    _log(request, kind=Download.Kind.FILE, film=film, size="original", description=filename)
    return _conditional(response, etag=etag)
