"""What an editor may upload, judged by the file's content, never by its name.

Images: JPEG, PNG or WebP, whose extension matches what they are, within a
size limit for their kind and a pixel limit that counts every frame and is
checked from the header before anything is decoded (in the request); then
decoded in full by the background task that makes the renditions, so a
corrupt or truncated file is marked failed with the reason and never shown. Documents: real, readable,
unencrypted PDFs. Every refusal is a ValidationError that says what is wrong
in words an editor understands; nothing is stored until a file passes.

Pillow's security handbook (decompression bombs, plugins that should never
see untrusted input) and Wagtail's image field were the models for this.
"""

import io
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image, JpegImagePlugin, PngImagePlugin, UnidentifiedImageError, WebPImagePlugin
from pypdf import PdfReader
from pypdf.errors import PdfReadError

# The formats accepted, by Pillow's name, with the extensions each may carry.
IMAGE_EXTENSIONS = {"JPEG": {".jpg", ".jpeg"}, "PNG": {".png"}, "WEBP": {".webp"}}
# Each read by its own Pillow plugin: no other decoder ever sees an upload.
_READERS = {
    "JPEG": JpegImagePlugin.JpegImageFile,
    "PNG": PngImagePlugin.PngImageFile,
    "WEBP": WebPImagePlugin.WebPImageFile,
}
NAMES = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "PDF": "PDF", "MP4": "MP4", "WEBM": "WebM"}

# How other files announce themselves in their first bytes, to name what was uploaded.
_SIGNATURES = [
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"BM", "BMP"),
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP"),
    (b"8BPS", "Photoshop (PSD)"),
    (b"%!PS", "PostScript"),
    (b"\x00\x00\x00\x0cjP  ", "JPEG 2000"),
    (b"\x1a\x45\xdf\xa3", "WEBM"),  # Matroska's EBML header; a WebM is one
]


# The ISO base media file family, by the brand in its ftyp box.
_BRANDS = {
    **dict.fromkeys([b"heic", b"heix", b"mif1", b"msf1"], "HEIC"),
    **dict.fromkeys([b"avif", b"avis"], "AVIF"),
    b"qt  ": "QuickTime (MOV)",
    b"crx ": "Canon raw (CR3)",
    **dict.fromkeys(
        [b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4V "],
        "MP4",
    ),
}


@dataclass(frozen=True)
class Inspected:
    """What a file turned out to be."""

    format: str  # JPEG, PNG, WEBP, PDF, or a video's MP4 or WEBM (presskit/videos.py)
    width: int | None = None
    height: int | None = None
    pages: int | None = None


def sniff(head: bytes) -> str | None:
    """Name a file's format from its first bytes, or None if it is not one we know."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[4:8] == b"ftyp":  # the ISO media family: named by its brand
        return _BRANDS.get(head[8:12], "an ISO media file (not MP4)")
    for signature, name in _SIGNATURES:
        if head.startswith(signature):
            return name
    text = head.lstrip().lower()
    if text.startswith((b"<svg", b"<?xml", b"<!doctype", b"<html")):
        return "SVG or HTML"
    return None


def _max_bytes(kind: str) -> int:
    return settings.PRESSKIT_UPLOAD_LIMITS[kind]


def extension_of(name: str) -> str:
    return PurePath(name).suffix.lower()


def check_size(upload, kind: str, label: str) -> None:
    """Refuse a file over the limit for its kind of asset, or an empty one."""
    limit = _max_bytes(kind)
    if upload.size > limit:
        raise ValidationError(
            f"This file is {filesizeformat(upload.size)}; {label} may be at most "
            f"{filesizeformat(limit)}.",
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError("This file is empty.", code="empty")


def read_head(upload) -> bytes:
    upload.seek(0)
    head = upload.read(32)
    upload.seek(0)
    return head


def refuse_wrong_kind(found: str | None, name: str, allowed: list[str]) -> None:
    extension = extension_of(name) or "no extension"
    accepted = ", ".join(NAMES.get(fmt, fmt) for fmt in allowed)
    if found is None:
        raise ValidationError(
            f"This file ({name}) is not a format we can check. Upload {accepted}.",
            code="unknown_format",
        )
    raise ValidationError(
        f"This is a {NAMES.get(found, found)} file named {extension}. Upload {accepted}.",
        code="unsupported_format",
    )


def inspect_image(upload, *, kind: str, label: str) -> Inspected:
    """Return the facts of an uploaded image, or raise ValidationError saying what is wrong.

    Reads the file's header only (its format, size and frames), so it is
    fit for a web request; `check_decodes()` decodes every pixel later, in
    the background task that makes the renditions. `label` names the kind
    for messages ("stills").
    """
    check_size(upload, kind, label)
    name = upload.name or "the file"
    found = sniff(read_head(upload))
    if found not in IMAGE_EXTENSIONS:
        refuse_wrong_kind(found, name, list(IMAGE_EXTENSIONS))
    extension = extension_of(name)
    if extension not in IMAGE_EXTENSIONS[found]:
        expected = sorted(IMAGE_EXTENSIONS[found])[0]
        raise ValidationError(
            f"This is a {NAMES[found]} file named {extension or 'without an extension'}. "
            f"Rename it to {expected}, or export it in the format its name says.",
            code="extension_mismatch",
        )
    limit = settings.PRESSKIT_MAX_IMAGE_PIXELS
    with _reading(upload, found, limit) as image:
        width, height = image.size
        frames = getattr(image, "n_frames", 1)
        if width * height * frames > limit:
            raise ValidationError(
                _pixel_message(width, height, frames, limit), code="too_many_pixels"
            )
        if frames > 1:
            raise ValidationError(
                f"This image has {frames} frames. Upload a single still image.",
                code="animated",
            )
    return Inspected(format=found, width=width, height=height)


def check_decodes(source, *, format: str) -> None:
    """Decode every pixel of a stored image; raise ValidationError if it is damaged.

    Decoding stops at the last pixel, so a PNG is also read to its end
    (verify()): one cut short after its pixels, or with a damaged chunk, is
    damaged too. The pixel limit is checked again first.
    """
    limit = settings.PRESSKIT_MAX_IMAGE_PIXELS
    with _reading(source, format, limit) as image:
        image.load()
    if format == "PNG":
        source.seek(0)
        with _reading(source, format, limit) as again:
            again.verify()


@contextmanager
def _reading(source, format: str, limit: int):
    """The image in `source`, opened by its own format's reader only, errors in words.

    The reader parses the header when opened; pixels are decoded only if
    the caller loads them.
    """
    source.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow's own decompression-bomb warning is an error here.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with _READERS[format](source) as image:
                yield image
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            f"This image is too large to open safely (over {limit / 1e6:.0f} megapixels).",
            code="too_many_pixels",
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise ValidationError(
            f"This {NAMES[format]} file is damaged or incomplete and cannot be opened ({error}).",
            code="corrupt",
        ) from None
    finally:
        source.seek(0)


def _pixel_message(width: int, height: int, frames: int, limit: int) -> str:
    size = f"{width:,} × {height:,} pixels"
    if frames > 1:
        size += f" in {frames} frames"
    return f"{size} is over the limit of {limit / 1e6:.0f} megapixels."


def inspect_pdf(upload, *, kind: str, label: str) -> Inspected:
    """Return the facts of an uploaded PDF, or raise ValidationError saying what is wrong."""
    check_size(upload, kind, label)
    name = upload.name or "the file"
    found = sniff(read_head(upload))
    if found != "PDF":
        refuse_wrong_kind(found, name, ["PDF"])
    if extension_of(name) != ".pdf":
        raise ValidationError(
            f"This is a PDF file named {extension_of(name) or 'without an extension'}. "
            "Rename it to .pdf.",
            code="extension_mismatch",
        )
    try:
        reader = PdfReader(io.BytesIO(upload.read()), strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                "This PDF is password-protected; journalists could not open it. "
                "Upload it without a password.",
                code="encrypted",
            )
        pages = len(reader.pages)
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise ValidationError(
            f"This PDF is damaged and cannot be read ({error}).", code="corrupt"
        ) from None
    finally:
        upload.seek(0)
    if pages == 0:
        raise ValidationError("This PDF has no pages.", code="empty")
    return Inspected(format="PDF", pages=pages)
