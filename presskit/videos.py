"""Trailers, clips and EPKs: an uploaded video judged by its content, its poster frame, and
the video hosts a link may point to.

An uploaded video must be an MP4 or a WebM whose name says so, holding a
picture stream that browsers play (H.264 or AV1 in MP4; VP8, VP9 or AV1 in
WebM), within its kind's size limit. PyAV (FFmpeg's libraries) reads its
header in the request, as Pillow reads a still's; the renditions task then
decodes a frame a tenth of the way in (past the studio logos) as its poster,
whose copies are made like a still's. A file that cannot be read says so in
words an editor understands, and nothing is stored.

A link instead of a file points to YouTube or Vimeo, the hosts the site
knows how to embed; pages allow frames from the hosts they show, and no
other (config/lib/csp.py).
"""

import io
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import av
from django.conf import settings
from django.core.exceptions import ValidationError

from .uploads import NAMES, Inspected, check_size, extension_of, read_head, refuse_wrong_kind, sniff

# The extensions each container may carry, the usual one first.
VIDEO_EXTENSIONS = {"MP4": (".mp4", ".m4v"), "WEBM": (".webm",)}
# FFmpeg's reader for each: the only one that ever sees the file (no probing of others).
_DEMUXERS = {"MP4": "mp4", "WEBM": "matroska"}
# The picture codecs each container may hold: those every current browser plays.
PLAYABLE = {"MP4": {"h264", "av1"}, "WEBM": {"vp8", "vp9", "av1"}}
CODEC_NAMES = {"h264": "H.264", "av1": "AV1", "vp8": "VP8", "vp9": "VP9"}
# Where a poster frame is taken from: a tenth of the way in, but within the first minute.
POSTER_AT = 0.1
POSTER_LATEST = 60.0


def inspect_video(upload, *, kind: str, label: str) -> Inspected:
    """Return the facts of an uploaded video, or raise ValidationError saying what is wrong.

    Reads its header only: fit for a web request. `poster_frame()` decodes a
    picture of it later, in the renditions task.
    """
    check_size(upload, kind, label)
    name = upload.name or "the file"
    found = sniff(read_head(upload))
    if found not in VIDEO_EXTENSIONS:
        refuse_wrong_kind(found, name, ["MP4", "WEBM"])
    extension = extension_of(name)
    if extension not in VIDEO_EXTENSIONS[found]:
        expected = VIDEO_EXTENSIONS[found][0]
        raise ValidationError(
            f"This is a {NAMES.get(found, found)} video named {extension or 'without an extension'}. "
            f"Rename it to {expected}.",
            code="extension_mismatch",
        )
    stream = _picture_stream(upload, found)
    limit = settings.PRESSKIT_MAX_IMAGE_PIXELS
    if stream.width * stream.height > limit:
        raise ValidationError(
            f"This video's picture is {stream.width:,} × {stream.height:,} pixels, over the "
            f"limit of {limit / 1e6:.0f} megapixels.",
            code="too_many_pixels",
        )
    return Inspected(format=found, width=stream.width, height=stream.height)


@dataclass(frozen=True)
class _Stream:
    codec: str
    width: int
    height: int


def _picture_stream(source, format: str) -> _Stream:
    """The video's picture stream, read from its header; errors in words."""
    source.seek(0)
    try:
        with av.open(source, mode="r", format=_DEMUXERS[format]) as container:
            if not container.streams.video:
                raise ValidationError(
                    "This file has sound but no picture. Upload the video itself.",
                    code="no_picture",
                )
            stream = container.streams.video[0]
            codec = stream.codec_context.name
            width, height = stream.codec_context.width, stream.codec_context.height
    except ValidationError:
        raise
    except (av.FFmpegError, OSError, ValueError) as error:
        raise ValidationError(
            f"This video is damaged or incomplete and cannot be opened ({error}).",
            code="corrupt",
        ) from None
    finally:
        source.seek(0)
    if codec not in PLAYABLE[format]:
        playable = " or ".join(CODEC_NAMES[name] for name in sorted(PLAYABLE[format]))
        raise ValidationError(
            f"This {NAMES.get(format, format)} holds {CODEC_NAMES.get(codec, codec.upper())} video, which browsers do "
            f"not play. Export it as {playable}.",
            code="unplayable",
        )
    if not width or not height:
        raise ValidationError("This video's picture has no size.", code="corrupt")
    return _Stream(codec, width, height)


def poster_frame(source, format: str) -> bytes:
    """A PNG of the video's picture a tenth of the way in: its poster, and proof it decodes.

    Raises ValidationError if no picture can be decoded from it.
    """
    source.seek(0)
    try:
        with av.open(source, mode="r", format=_DEMUXERS[format]) as container:
            stream = container.streams.video[0]
            seconds = float(container.duration / av.time_base) if container.duration else 0.0
            wanted = min(seconds * POSTER_AT, POSTER_LATEST)
            if wanted and stream.time_base:
                container.seek(int(wanted / stream.time_base), stream=stream)
            frame = next(container.decode(stream), None)
            if frame is None:
                raise ValidationError(
                    "No picture could be read from this video: it is damaged.", code="corrupt"
                )
            buffer = io.BytesIO()
            frame.to_image().save(buffer, "PNG")
            return buffer.getvalue()
    except ValidationError:
        raise
    except (av.FFmpegError, OSError, ValueError, IndexError) as error:
        raise ValidationError(
            f"No picture could be read from this video ({error}).", code="corrupt"
        ) from None
    finally:
        source.seek(0)


# Links: the hosts the site embeds, each with the page it plays in a frame.
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_VIMEO_ID = re.compile(r"^\d{6,12}$")
FRAME_ORIGINS = {"youtube": "https://www.youtube-nocookie.com", "vimeo": "https://player.vimeo.com"}


@dataclass(frozen=True)
class VideoLink:
    host: str  # "youtube" or "vimeo"
    id: str

    @property
    def host_name(self) -> str:
        return {"youtube": "YouTube", "vimeo": "Vimeo"}[self.host]

    @property
    def frame_origin(self) -> str:
        return FRAME_ORIGINS[self.host]

    @property
    def embed_url(self) -> str:
        """The player to show in a frame: YouTube's privacy-enhanced one, Vimeo's without tracking."""
        if self.host == "youtube":
            return f"{self.frame_origin}/embed/{self.id}"
        return f"{self.frame_origin}/video/{self.id}?dnt=1"


def read_video_link(url: str) -> VideoLink:
    """The video a YouTube or Vimeo address shows; ValidationError for any other address."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    path = [part for part in parts.path.split("/") if part]
    found = None
    if host in {"youtube.com", "youtube-nocookie.com"}:
        if path[:1] == ["watch"]:
            found = parse_qs(parts.query).get("v", [""])[0]
        elif len(path) >= 2 and path[0] in {"embed", "shorts", "live"}:
            found = path[1]
        kind = "youtube"
    elif host == "youtu.be":
        found, kind = (path[0] if path else ""), "youtube"
    elif host in {"vimeo.com", "player.vimeo.com"}:
        found = next((part for part in path if part.isdigit()), "")
        kind = "vimeo"
    else:
        raise ValidationError(
            "Link to the video on YouTube or Vimeo, e.g. https://www.youtube.com/watch?v=…; "
            "other hosts cannot be shown on the pages. Or upload the file itself.",
            code="unknown_host",
        )
    pattern = _YOUTUBE_ID if kind == "youtube" else _VIMEO_ID
    if not found or not pattern.match(found):
        raise ValidationError(
            "This address does not name one video. Copy it from the video's own page "
            "(its Share button).",
            code="no_video",
        )
    return VideoLink(kind, found)


def validate_video_link(url: str) -> None:
    """The model field's validator: an address of one video on a host the pages embed."""
    read_video_link(url)
