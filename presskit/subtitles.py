"""A trailer's, clip's or EPK's subtitles: read from WebVTT or SubRip (SRT), kept as WebVTT.

Subtitlers deliver SRT as often as WebVTT; browsers' `<track>` and the
players journalists open a downloaded trailer in read WebVTT. Whatever the
editor gives, it is read by webvtt-py and checked block by block, since the
library skips what it cannot read without a word: a block with no timing, a
timing it cannot read, a cue that ends before it starts or out of time
order, a control character. Each is refused with its line or its number.
What passes is kept as WebVTT text in the database, so a subtitles file is
never missing from storage.
"""

import io
import re

import webvtt
from django.core.exceptions import ValidationError
from webvtt.errors import MalformedCaptionError, MalformedFileError

# A feature film's subtitles run to about 120,000 characters, a trailer's to a few hundred.
# Below the admin's limit for any text (config.lib.admin.TEXT_LIMIT, 200,000) with room for
# the carriage return a browser adds to each line it sends back from the box.
MOST_CHARACTERS = 150_000
HEADER = re.compile(r"WEBVTT(?:[ \t].*)?")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# WebVTT blocks that are not cues: the file's notes, styles and regions.
NOT_CUES = re.compile(r"(?:NOTE|STYLE|REGION)(?:[ \t]|$)")
EXAMPLE = "00:00:01.000 --> 00:00:03.500"


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
    lines = text.split("\n")
    if not text.strip():
        raise ValidationError("Paste or upload the subtitles.", code="empty")
    if control := next((n for n, line in enumerate(lines, 1) if CONTROL.search(line)), None):
        raise ValidationError(
            "Line %(line)s holds a control character, which subtitles never do. Is this a "
            "text file?",
            code="control_character",
            params={"line": control},
        )
    first = next(line for line in lines if line.strip())
    is_webvtt = first.startswith("WEBVTT")
    if is_webvtt and not HEADER.fullmatch(first):
        raise ValidationError(
            "The first line must be WEBVTT alone, or followed by a space and a title.",
            code="bad_header",
        )
    timed = any("-->" in line for line in lines)
    if is_webvtt and not timed:
        raise ValidationError(
            "These subtitles have no cue: each is a timing, such as %(example)s, and its text.",
            code="no_cues",
            params={"example": EXAMPLE},
        )
    if timed:
        _every_block_is_timed(lines, is_webvtt)
    try:
        read = webvtt.WebVTT.from_buffer(
            io.StringIO(text.strip()), format="vtt" if is_webvtt else "srt"
        )
    except (MalformedFileError, MalformedCaptionError):
        read = None
    if read is None or not timed:
        raise ValidationError(
            "These are neither WebVTT nor SubRip (SRT) subtitles. WebVTT starts with the line "
            "WEBVTT; SRT with a cue's number and then its timing, such as "
            "00:00:01,000 --> 00:00:03,500.",
            code="unknown_format",
        )
    _every_timing_is_read(lines, is_webvtt, len(read.captions))
    _cues_are_in_time(read.captions)
    return read.content


def _blocks(lines: list[str]):
    """Each run of non-blank lines, as (its first line's number, its lines)."""
    block: list[str] = []
    for number, line in enumerate([*lines, ""], 1):
        if line.strip():
            block.append(line)
        elif block:
            yield number - len(block), block
            block = []


def _every_block_is_timed(lines: list[str], is_webvtt: bool) -> None:
    """Refuse a block of text with no timing: the reader would drop it, or join it to a cue."""
    blocks = list(_blocks(lines))
    for number, block in blocks[1:] if is_webvtt else blocks:
        if is_webvtt and NOT_CUES.match(block[0]):
            continue
        if not any("-->" in line for line in block[:2]):
            raise ValidationError(
                "Line %(line)s: the lines from “%(text)s” have no timing. Each cue needs one, "
                "such as %(example)s, on its own line before its text.",
                code="untimed",
                params={"line": number, "text": block[0].strip()[:60], "example": EXAMPLE},
            )


def _every_timing_is_read(lines: list[str], is_webvtt: bool, cues: int) -> None:
    """Refuse a cue with no text, or a timing the reader cannot read: it would skip either
    without a word. Where the reader made fewer `cues` than there are timings, each timing
    is put to it alone, as the only cue of a file, to find the one it skipped."""
    timings = [(number, line) for number, line in enumerate(lines, 1) if "-->" in line]
    for number, line in timings:
        if number == len(lines) or not lines[number].strip():
            raise ValidationError(
                "Line %(line)s: the cue at “%(timing)s” has no text. Give it its words, or "
                "remove it.",
                code="no_text",
                params={"line": number, "timing": line.strip()},
            )
    if cues == len(timings):
        return
    for number, line in timings:
        alone = f"WEBVTT\n\n{line}\nx\n" if is_webvtt else f"1\n{line}\nx\n"
        try:
            readable = webvtt.WebVTT.from_buffer(
                io.StringIO(alone), format="vtt" if is_webvtt else "srt"
            ).captions
        except (MalformedFileError, MalformedCaptionError):
            readable = []
        if not readable:
            raise ValidationError(
                "Line %(line)s: the timing “%(timing)s” cannot be read. Write it as "
                "%(example)s (hours:minutes:seconds.milliseconds).",
                code="bad_timing",
                params={"line": number, "timing": line.strip(), "example": EXAMPLE},
            )


def _cues_are_in_time(captions) -> None:
    """Refuse a cue that ends before it starts, or starts before the one before it."""
    previous = None
    for number, caption in enumerate(captions, 1):
        if caption.end_time <= caption.start_time:
            raise ValidationError(
                "Cue %(number)s (%(start)s) ends at %(end)s, before it starts. Check its timing.",
                code="backwards",
                params={"number": number, "start": caption.start, "end": caption.end},
            )
        if previous is not None and caption.start_time < previous.start_time:
            raise ValidationError(
                "Cue %(number)s starts at %(start)s, before cue %(before)s (%(earlier)s). "
                "Put the cues in time order.",
                code="out_of_order",
                params={
                    "number": number,
                    "start": caption.start,
                    "before": number - 1,
                    "earlier": previous.start,
                },
            )
        previous = caption


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
