"""Clean, captioned copies of an image at the sizes journalists use.

Every copy is re-encoded from the pixels alone, so nothing else in the
original leaves the server: no GPS position, camera serial or editing
history. The EXIF orientation is applied (portraits stand upright), colours
are converted to sRGB and the sRGB profile embedded, and the caption,
credit, copyright and usage terms are written into the file as XMP, where
picture desks' software reads them.

Speed: a JPEG is decoded at the smallest of its built-in scales (1/2, 1/4,
1/8) that is still at least the size wanted ("draft" mode), and only then
resampled, so a thumbnail of a 24-megapixel still decodes a fraction of it.
An upload's three copies come from one decode, each resampled from the
next larger (render_all). benchmarks/RESULTS.md has the figures.
"""

import io
import math
from dataclasses import dataclass
from xml.sax.saxutils import escape

from PIL import Image, ImageCms, ImageOps
from PIL.PngImagePlugin import PngInfo

# Longest edge, in pixels, of each size; never enlarged beyond the original.
SIZES = {"thumb": 480, "web": 1600, "print": 3000}
# A thumbnail fills a gallery's column: a portrait's is as wide as a landscape's (480
# pixels), up to this height, rather than a narrow copy a browser would pass over for
# the 1600-pixel one.
PORTRAIT_THUMB_HEIGHT = 720
JPEG_QUALITY = {"thumb": 82, "web": 86, "print": 92}
# Lanczos where its sharpness shows (print, and thumbnails, which are small to
# make). The web copy is a 1600-pixel screen image resampled from about 3000
# pixels (the print copy, or a half-size decode when made alone), a shrink of
# less than two: Hamming's one-pixel kernel keeps it sharp (sharper than
# bilinear, as fast) at less than two thirds of bicubic's time, which is most
# of what this copy costs beyond its decode.
RESAMPLING = {
    "thumb": Image.Resampling.LANCZOS,
    "web": Image.Resampling.HAMMING,
    "print": Image.Resampling.LANCZOS,
}

ORIENTATION = 0x0112  # the EXIF tag
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
SRGB_PROFILE = _SRGB.tobytes()


@dataclass(frozen=True)
class Credits:
    """What the press must print with a picture; written into every copy."""

    caption: str = ""
    credit_line: str = ""
    copyright_holder: str = ""
    usage_terms: str = ""
    language: str = "en"  # what the caption and the usage terms are written in
    # Their translations: (language, caption, usage terms), each an XMP alternative.
    translations: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class Made:
    content: bytes
    width: int
    height: int
    extension: str  # ".jpg" or ".png"


def xmp_packet(credits: Credits) -> bytes:
    """An XMP packet with dc:description, dc:rights, photoshop:Credit and xmpRights:UsageTerms."""

    def alt(text: str, translated: dict[str, str] | None = None) -> str:
        """The text and its translations as language alternatives, the original the default."""
        languages = {"x-default": text, credits.language: text, **(translated or {})}
        return (
            "<rdf:Alt>"
            + "".join(
                f'<rdf:li xml:lang="{code}">{escape(words)}</rdf:li>'
                for code, words in languages.items()
                if words
            )
            + "</rdf:Alt>"
        )

    captions = {code: caption for code, caption, _terms in credits.translations}
    terms = {code: terms for code, _caption, terms in credits.translations}

    rights = f"© {credits.copyright_holder}" if credits.copyright_holder else ""
    properties = [
        f"<dc:description>{alt(credits.caption, captions)}</dc:description>"
        if credits.caption
        else "",
        f"<dc:rights>{alt(rights)}</dc:rights>" if rights else "",
        f"<photoshop:Credit>{escape(credits.credit_line)}</photoshop:Credit>"
        if credits.credit_line
        else "",
        f"<xmpRights:UsageTerms>{alt(credits.usage_terms, terms)}</xmpRights:UsageTerms>"
        if credits.usage_terms
        else "",
        "<xmpRights:Marked>True</xmpRights:Marked>" if rights or credits.usage_terms else "",
    ]
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about=""'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"'
        ' xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/">'
        f"{''.join(properties)}"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    )
    return packet.encode()


def _to_srgb(image: Image.Image) -> Image.Image:
    """The image in sRGB (with alpha kept), whatever its mode and embedded profile."""
    has_alpha = image.mode in {"RGBA", "LA", "PA"} or (
        image.mode == "P" and "transparency" in image.info
    )
    profile = image.info.get("icc_profile")
    if image.mode == "P":
        image = image.convert("RGBA" if has_alpha else "RGB")
    elif image.mode.startswith("I"):
        # 16-bit greyscale (a scanned print, say): Pillow's own conversion would
        # clip every value above 255 to white, so scale it down to 8 bits first.
        info = image.info
        image = image.convert("I").point(lambda value: value / 257).convert("L")
        image.info = info
    if profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            if "srgb" not in ImageCms.getProfileDescription(source).lower().replace(" ", ""):
                mode = "RGBA" if has_alpha and image.mode in {"RGBA", "LA"} else "RGB"
                if image.mode == "LA":
                    image = image.convert("RGBA")
                return ImageCms.profileToProfile(image, source, _SRGB, outputMode=mode)
        except (ImageCms.PyCMSError, OSError):
            pass  # an unreadable profile: read the pixels as sRGB, as browsers would
    if has_alpha:
        return image if image.mode == "RGBA" else image.convert("RGBA")
    return image if image.mode == "RGB" else image.convert("RGB")


def render(source, size: str, credits: Credits) -> Made:
    """One clean copy of the image in `source` (a path or file) at `size`."""
    # Decoded for the longest edge the copy may have (a portrait's thumbnail is taller).
    longest = max(SIZES[size], PORTRAIT_THUMB_HEIGHT if size == "thumb" else 0)
    image, original, turned = _open(source, longest)
    return _encode(_fit(image, _final_size(original, turned, size), size), size, credits)


def render_all(source, credits: Credits) -> dict[str, Made]:
    """Every size from one decode, each resampled from the next larger one.

    Decoding is most of the work on a large JPEG, so this takes little more
    than the print copy alone would.
    """
    largest_first = sorted(SIZES, key=SIZES.get, reverse=True)
    image, original, turned = _open(source, SIZES[largest_first[0]])
    made = {}
    for size in largest_first:
        image = _fit(image, _final_size(original, turned, size), size)
        made[size] = _encode(image, size, credits)
    return made


def _open(source, target: int) -> tuple[Image.Image, tuple[int, int], bool]:
    """The picture upright and in sRGB, decoded at no more than it takes for `target`.

    Returns it with the original's pixel size and whether it was turned.
    """
    with Image.open(source) as original:
        width, height = original.size
        scale = min(1.0, target / max(width, height))
        if original.format == "JPEG":
            wanted = (math.ceil(width * scale), math.ceil(height * scale))
            original.draft("RGB" if original.mode == "RGB" else None, wanted)
        turned = original.getexif().get(ORIENTATION, 1) in {5, 6, 7, 8}
        ImageOps.exif_transpose(original, in_place=True)  # a copy would cost a tenth
    return _to_srgb(original), (width, height), turned


def _final_size(original: tuple[int, int], turned: bool, size: str) -> tuple[int, int]:
    """The size of a copy, from the original's (not a draft's), so the aspect stays exact."""
    width, height = original[::-1] if turned else original  # as it stands
    scale = min(1.0, SIZES[size] / max(width, height))
    if size == "thumb" and height > width:
        scale = min(1.0, SIZES[size] / width, PORTRAIT_THUMB_HEIGHT / height)
    return round(width * scale), round(height * scale)


def _fit(image: Image.Image, final: tuple[int, int], size: str) -> Image.Image:
    if image.size == final:
        return image
    return image.resize(final, RESAMPLING[size], reducing_gap=2.0)


def _encode(image: Image.Image, size: str, credits: Credits) -> Made:
    image.info = {}  # nothing from the original travels with the pixels
    buffer = io.BytesIO()
    xmp = xmp_packet(credits)
    if image.mode == "RGBA":
        info = PngInfo()
        info.add_itxt("XML:com.adobe.xmp", xmp.decode(), zip=False)
        image.save(buffer, "PNG", pnginfo=info, icc_profile=SRGB_PROFILE, compress_level=6)
        extension = ".png"
    else:
        # Baseline JPEG, not progressive: it encodes several times faster, and
        # every browser and picture desk's tool reads it.
        image.save(
            buffer,
            "JPEG",
            quality=JPEG_QUALITY[size],
            subsampling=0 if size == "print" else 2,
            icc_profile=SRGB_PROFILE,
            xmp=xmp,
        )
        extension = ".jpg"
    return Made(buffer.getvalue(), image.width, image.height, extension)
