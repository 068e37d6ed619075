"""A trailer's, clip's or EPK's subtitles: read from WebVTT or SubRip (SRT), kept as WebVTT.

Subtitlers deliver SRT as often as WebVTT; browsers' `<track>` and the
players journalists open a downloaded trailer in read WebVTT. Whatever the
editor gives, it is read by webvtt-py, checked cue by cue (a timing the
library would skip silently is refused with its line), and kept as WebVTT
text in the database, so a subtitles file is never missing from storage.
"""

import io
import re

import webvtt
from django.core.exceptions import ValidationError
from webvtt.errors import MalformedCaptionError, MalformedFileError

# A trailer's or an EPK's subtitles are a few kilobytes; a feature's, a few hundred.
MOST_CHARACTERS = 500_000
TIMING = re.compile(r"-->")


def read_subtitles(text: str) -> str:
    """`text` (WebVTT or SRT) as WebVTT, or ValidationError saying what is wrong and where."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > MOST_CHARACTERS:
        raise ValidationError(
            "These subtitles are %(size)s characters long; at most %(most)s are kept. "
            "Is this the right file?",
            code="too_long",
            params={"size": f"{len(text):,}", "most": f"{MOST_CHARACTERS:,}"},
        )
    stripped = text.strip()
    if not stripped:
        raise ValidationError("Paste or upload the subtitles.", code="empty")
    is_webvtt = stripped.startswith("WEBVTT")
    try:
        read = webvtt.WebVTT.from_buffer(
            io.StringIO(stripped), format="vtt" if is_webvtt else "srt"
        )
    except (MalformedFileError, MalformedCaptionError):
        read = None
    timings = [number for number, line in enumerate(text.split("\n"), 1) if TIMING.search(line)]
    if read is None or (not read.captions and not timings):
        raise ValidationError(
            "These are neither WebVTT nor SubRip (SRT) subtitles. WebVTT starts with the line "
            "WEBVTT; SRT with a cue's number and then its timing, such as "
            "00:00:01,000 --> 00:00:03,500.",
            code="unknown_format",
        )
    if len(read.captions) < len(timings):
        unread = _first_unread(text, timings, read.captions)
        raise ValidationError(
            "Line %(line)s: the timing “%(timing)s” cannot be read. Write it as "
            "00:00:01.000 --> 00:00:03.500 (hours:minutes:seconds.milliseconds).",
            code="bad_timing",
            params={"line": unread, "timing": text.split("\n")[unread - 1].strip()},
        )
    for number, caption in enumerate(read.captions, 1):
        if caption.end_in_seconds <= caption.start_in_seconds:
            raise ValidationError(
                "Cue %(number)s (%(start)s) ends at %(end)s, before it starts. Check its timing.",
                code="backwards",
                params={"number": number, "start": caption.start, "end": caption.end},
            )
    return read.content


def _first_unread(text: str, timings: list[int], captions) -> int:
    """The line number of the first timing line the reader did not turn into a cue."""
    lines = text.split("\n")
    read = {(caption.start, caption.end) for caption in captions}
    for number in timings:
        start, _arrow, rest = lines[number - 1].partition("-->")
        end = rest.split()[0] if rest.split() else ""
        if (_normal(start), _normal(end)) not in read:
            return number
    return timings[-1]


def _normal(stamp: str) -> str:
    """A timestamp as webvtt-py writes it: "00:01,5" and "1.500" are not read, so unmatched."""
    stamp = stamp.strip().replace(",", ".")
    if stamp.count(":") == 1:
        stamp = f"00:{stamp}"
    return stamp


def decode_upload(content: bytes) -> str:
    """An uploaded subtitles file's text; ValidationError unless it is UTF-8."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            "This file is not UTF-8 text (Cyrillic and accents need it). Save it again as "
            "UTF-8, in Subtitle Edit with File › Save as and the encoding UTF-8, and upload it.",
            code="not_utf8",
        ) from None
