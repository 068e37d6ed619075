"""Template filters the public pages share; loaded with {% load site %}."""

import datetime
import json

from django import template
from django.utils import dateformat
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def ld_json(data) -> str:
    """Render `data` as a schema.org JSON-LD block, safe inside HTML.

    The characters that could close the script element are escaped, as
    Django's json_script does; JSON-LD is data, never executed.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


@register.filter
def iso_duration(minutes: int | None) -> str:
    """150 -> 'PT2H30M', the ISO 8601 duration schema.org expects."""
    if not minutes:
        return ""
    hours, minutes = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")


@register.filter
def runtime(minutes: int | None) -> str:
    """150 -> '150 minutes (2 h 30 min)'."""
    if not minutes:
        return ""
    hours, rest = divmod(minutes, 60)
    return f"{minutes} minutes ({hours} h {rest:02d} min)" if hours else f"{minutes} minutes"


@register.filter
def in_zone(moment: datetime.datetime | None, pattern: str = "j F Y, H:i") -> str:
    """Format an aware datetime on its own zone's clocks, with Django's date characters.

    Django's `date` filter first converts to the site's zone (UTC here);
    screenings must read as the venue's clocks show them.
    """
    if moment is None:
        return ""
    return dateformat.format(moment, pattern)


@register.filter
def paragraphs(text: str):
    """Plain text with blank lines between paragraphs, as <p> elements; nothing else is markup."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]
    return mark_safe("".join(format_html("<p>{}</p>", block) for block in blocks))
