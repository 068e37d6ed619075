"""Sample pictures for the demo, drawn with Pillow at the sizes real stills come in, and a
few seconds of sample trailer, encoded with PyAV.

None of them is a real still of La Tregua: each is captioned as a sample.
One is stored on its side with a GPS position in its EXIF, as phones save
pictures, so that the demo shows both being dealt with.
"""

import io
from dataclasses import dataclass

import typst
from PIL import Image, ImageDraw, ImageOps

CREDIT = "Courtesy of the production"
COPYRIGHT = "Press office demo (sample image)"
TERMS = "Editorial use only"


@dataclass(frozen=True)
class SamplePicture:
    kind: str
    title: str
    caption: str
    filename: str
    size: tuple[int, int]
    colours: tuple[str, str]
    person: str = ""  # slug, for headshots
    people: tuple[str, ...] = ()  # slugs of the people the picture shows or its caption names
    sideways_with_gps: bool = False


PICTURES = [
    SamplePicture(
        "key_art",
        "Key art",
        "Sample key art for the demo: La Tregua (The Truce), a film by Miguel Ángel Vivas.",
        "La Tregua - key art.jpg",
        (2700, 4000),
        ("#1d1b2f", "#b8742a"),
        people=("miguel-angel-vivas",),
    ),
    SamplePicture(
        "still",
        "Reyes in the barracks",
        "Sample still for the demo: Reyes (Miguel Herrán) in the prisoners' barracks at Karlag.",
        "reyes_barracks.jpg",
        (4000, 2667),
        ("#2b2f36", "#9a8f7d"),
        people=("miguel-herran",),
    ),
    SamplePicture(
        "still",
        "Salgado arrives",
        "Sample still for the demo: Salgado (Arón Piper) arrives at the camp with soldiers of "
        "the Blue Division.",
        "Arón Piper - Salgado llega.jpg",
        (4000, 2667),
        ("#3a4250", "#d9d2c3"),
        people=("aron-piper",),
    ),
    SamplePicture(
        "still",
        "Aisulu on the steppe",
        "Sample still for the demo: Aisulu (Dina Tasbulatova) on the steppe outside the camp.",
        "aisulu-steppe.jpg",
        (4000, 2667),
        ("#6d7f8c", "#e9d8a6"),
        people=("dina-tasbulatova",),
    ),
    SamplePicture(
        "still",
        "The dastarkhan",
        "Sample still for the demo: a Kazakh family seats the prisoners in the place of "
        "honour at a dastarkhan.",
        "dastarkhan.jpg",
        (4000, 2667),
        ("#5b2333", "#f2c14e"),
    ),
    SamplePicture(
        "still",
        "The watchtower",
        "Sample still for the demo, a portrait taken on a phone: the camp's watchtower in "
        "winter. Stored on its side with a GPS position, both dealt with on upload.",
        "torre_vigía.jpg",
        (2667, 4000),
        ("#d7dee6", "#49525e"),
        sideways_with_gps=True,
    ),
    SamplePicture(
        "headshot",
        "Arón Piper",
        "Sample headshot for the demo: Arón Piper, who plays Salgado.",
        "Arón Piper.jpg",
        (1600, 2000),
        ("#403a4a", "#c9b79c"),
        person="aron-piper",
    ),
    SamplePicture(
        "headshot",
        "Miguel Herrán",
        "Sample headshot for the demo: Miguel Herrán, who plays Reyes.",
        "Miguel Herrán.jpg",
        (1600, 2000),
        ("#2d3a3a", "#b5c4b1"),
        person="miguel-herran",
    ),
    SamplePicture(
        "headshot",
        "Dina Tasbulatova",
        "Sample headshot for the demo: Dina Tasbulatova, who plays Aisulu.",
        "Dina Tasbulatova.jpg",
        (1600, 2000),
        ("#3b2c35", "#e0b1a1"),
        person="dina-tasbulatova",
    ),
]


# Typst sets the words: its fonts have every accent and Kazakh letter, where
# Pillow's built-in font has none (it drew "Arón" as "Ar□n").
_LABEL = b"""
#set page(width: auto, height: auto, margin: 0pt, fill: none)
#set text(fill: white, size: float(sys.inputs.size) * 1pt,
          top-edge: "ascender", bottom-edge: "descender")
#sys.inputs.text
"""


def _label(text: str, size: int) -> Image.Image:
    """`text` in white on transparency, `size` pixels tall (the text is data, not markup)."""
    png = typst.compile(
        _LABEL,
        format="png",
        ppi=72.0,
        sys_inputs={"text": text, "size": str(size)},
        ignore_system_fonts=True,
    )
    return Image.open(io.BytesIO(png))


def draw(picture: SamplePicture) -> bytes:
    """The sample as JPEG bytes: a graded backdrop, a horizon, and what it stands for."""
    width, height = picture.size
    ramp = Image.linear_gradient("L").resize((width, height))
    image = ImageOps.colorize(ramp, *picture.colours)
    canvas = ImageDraw.Draw(image)
    horizon = int(height * 0.62)
    canvas.rectangle([0, horizon, width, height], fill=picture.colours[0])
    for index in range(7):
        x = int(width * (0.08 + index * 0.13))
        canvas.rectangle([x, horizon - height // 6, x + width // 40, horizon], fill="#101010")
    left, top = width // 20, height // 12
    title = _label(picture.title, max(48, width // 18))
    image.paste(title, (left, top), title)
    note = _label("SAMPLE IMAGE · LA TREGUA", max(28, width // 45))
    image.paste(note, (left, top + title.height + width // 80), note)
    buffer = io.BytesIO()
    if picture.sideways_with_gps:
        # As a phone stores a portrait: pixels on their side, an orientation tag to
        # turn them, and where it was taken.
        image = image.transpose(Image.Transpose.ROTATE_90)
        exif = Image.Exif()
        exif[0x0112] = 6
        exif[0x010F] = "Sample phone"
        exif[0x8825] = {1: "N", 2: (43.0, 13.0, 5.0), 3: "W", 4: (2.0, 47.0, 0.0)}
        image.save(buffer, "JPEG", quality=90, exif=exif)
    else:
        image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


TRAILER_TITLE = "Sample trailer"
TRAILER_CAPTION = (
    "Sample trailer for the demo: a few seconds of moving colour standing in for La Tregua's "
    "trailer."
)

# The sample trailer's subtitles in the press's four languages: what it is, then the film in
# one line (WebVTT, the way the site keeps them).
TRAILER_SUBTITLES = {
    language: f"WEBVTT\n\n00:00:00.500 --> 00:00:02.800\n{first}\n\n"
    f"00:00:03.200 --> 00:00:05.600\n{second}\n"
    for language, first, second in (
        ("en", "A sample trailer for the demo catalogue.", "Two enemies, one truce, in Karlag."),
        (
            "es",
            "Un tráiler de muestra para el catálogo de demostración.",
            "Dos enemigos, una tregua, en el Karlag.",
        ),
        ("kk", "Демо-каталогқа арналған үлгі трейлер.", "Екі жау, бір бітім, Карлагта."),
        (
            "ru",
            "Пробный трейлер для демонстрационного каталога.",
            "Два врага, одно перемирие, в Карлаге.",
        ),
    )
}


def sample_trailer(size=(640, 360), seconds: int = 6, rate: int = 12) -> bytes:
    """A WebM (VP9) of a dusk over the steppe's fence posts, titled as a sample."""
    import av  # only the demo draws videos; the site reads them (presskit/videos.py)

    width, height = size
    title = _label(TRAILER_TITLE.upper() + " · LA TREGUA", max(20, width // 28))
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="webm") as container:
        stream = container.add_stream("libvpx-vp9", rate=rate)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.options = {"deadline": "realtime", "cpu-used": "8"}
        frames = seconds * rate
        for index in range(frames):
            dusk = index / frames
            ramp = Image.linear_gradient("L").resize(size)
            image = ImageOps.colorize(ramp, "#1d1b2f", (184 - int(90 * dusk), 116, 42))
            canvas = ImageDraw.Draw(image)
            horizon = int(height * (0.62 + 0.1 * dusk))
            canvas.rectangle([0, horizon, width, height], fill="#1d1b2f")
            for post in range(7):
                x = int(width * (0.08 + post * 0.13 - 0.05 * dusk))
                canvas.rectangle(
                    [x, horizon - height // 6, x + width // 40, horizon], fill="#101010"
                )
            image.paste(title, (width // 20, height // 12), title)
            container.mux(stream.encode(av.VideoFrame.from_image(image)))
        container.mux(stream.encode())
    return buffer.getvalue()
