"""Files an editor might upload, good and bad, made on the fly (nothing binary in the repository)."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms
from pypdf import PdfWriter


def _encode(image: Image.Image, format: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format, **options)
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def jpeg(size=(1200, 800), colour=(180, 60, 40), **options) -> bytes:
    return _encode(Image.new("RGB", size, colour), "JPEG", quality=90, **options)


def portrait_phone_jpeg() -> bytes:
    """A landscape-stored picture with Orientation 6 (turn 90° clockwise) and a GPS position."""
    image = Image.new("RGB", (1200, 800), (30, 30, 200))
    image.paste((240, 240, 240), (0, 0, 200, 800))  # a band on the left that ends up on top
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "Phone maker"
    exif[0xA431] = "BODY-SERIAL-0042"
    exif[0x8825] = {1: "N", 2: (43.0, 19.0, 5.0), 3: "W", 4: (1.0, 59.0, 0.0)}
    return _encode(image, "JPEG", quality=90, exif=exif)


def tagged_jpeg() -> bytes:
    """A JPEG carrying a colour profile that is not called sRGB, to be converted on the way out."""
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    other = profile.replace(b"sRGB", b"wRGB")  # same primaries, another name
    return _encode(Image.new("RGB", (640, 480), (200, 100, 50)), "JPEG", icc_profile=other)


def png_with_alpha() -> bytes:
    image = Image.new("RGBA", (900, 600), (10, 120, 200, 0))
    image.paste((250, 200, 20, 255), (100, 100, 800, 500))
    return _encode(image, "PNG")


def grey_16_bit_png(level=30000) -> bytes:
    """A scanned black-and-white print: 16-bit greyscale, a mid grey throughout."""
    image = Image.new("I;16", (1200, 900))
    image.putdata([level] * (1200 * 900))
    return _encode(image, "PNG")


def webp() -> bytes:
    return _encode(Image.new("RGB", (1000, 700), (90, 160, 90)), "WEBP", quality=85)


def cmyk_jpeg() -> bytes:
    return _encode(Image.new("CMYK", (800, 600), (0, 80, 160, 20)), "JPEG", quality=90)


def tiff() -> bytes:
    return _encode(Image.new("RGB", (300, 200), "white"), "TIFF")


def gif() -> bytes:
    return _encode(Image.new("P", (300, 200)), "GIF")


def bmp() -> bytes:
    return _encode(Image.new("RGB", (300, 200)), "BMP")


def svg_with_script() -> bytes:
    return b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def html_page() -> bytes:
    return b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


def truncated_jpeg() -> bytes:
    whole = _encode(Image.effect_noise((1200, 800), 60).convert("RGB"), "JPEG", quality=95)
    return whole[: len(whole) // 2]


def png_cut_after_its_pixels() -> bytes:
    """A PNG whose every pixel is there but whose end (the IEND chunk) is missing."""
    return _encode(Image.new("RGB", (600, 400), (20, 90, 160)), "PNG")[:-12]


def garbage_with_jpeg_magic() -> bytes:
    return b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def png_bomb(width=24_000, height=24_000) -> bytes:
    """A PNG that declares 576 megapixels in a few hundred bytes: its pixels would fill gigabytes."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    row = b"\x00" + b"\x00" * width
    compressor = zlib.compressobj(9)
    data = compressor.compress(row * 4) + compressor.flush()  # the rest is "missing"
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", data)
        + _png_chunk(b"IEND", b"")
    )


def animated_webp(frames=4, size=(4000, 4000)) -> bytes:
    """Each frame is within the limit; all of them together are not."""
    images = [Image.new("RGB", size, (index * 40, 0, 0)) for index in range(frames)]
    return _encode(images[0], "WEBP", save_all=True, append_images=images[1:], quality=10)


def small_animated_png(frames=3) -> bytes:
    images = [Image.new("RGB", (200, 200), (index * 60, 0, 0)) for index in range(frames)]
    return _encode(images[0], "PNG", save_all=True, append_images=images[1:])


def pdf(pages=2) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def fake_pdf() -> bytes:
    return b"%PDF-1.7\n" + b"this is not really a pdf " * 100


def video(format: str = "WEBM", size=(320, 180), seconds: int = 2, codec: str = "") -> bytes:
    """A short video of changing colour: a WebM (VP9), an MP4 (H.264), or `codec` in an MP4."""
    import av  # PyAV, which the site uses to read videos

    buffer = io.BytesIO()
    codec = codec or ("libvpx-vp9" if format == "WEBM" else "libx264")
    with av.open(buffer, mode="w", format="webm" if format == "WEBM" else "mp4") as container:
        stream = container.add_stream(codec, rate=10)
        stream.width, stream.height = size
        stream.pix_fmt = "yuv420p"
        for index in range(seconds * 10):
            picture = Image.new("RGB", size, (index * 12 % 256, 80, 160))
            container.mux(stream.encode(av.VideoFrame.from_image(picture)))
        container.mux(stream.encode())
    return buffer.getvalue()
