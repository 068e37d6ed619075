"""A film's credits as plain text, for captions and listings, in the active language."""

from django.utils.translation import gettext, ngettext

from ..film_page import FilmPage
from ..models import Film


def credits_text(film: Film, page: FilmPage) -> str:
    """The credits of `film` as `page` holds them (public people only), one per line."""
    lines = [film.title]
    if film.local_title:
        lines.append(film.local_title)
    facts = [
        film.get_kind_display(),
        ", ".join(film.country_names),
        str(film.year or ""),
        ngettext("%(num)d min", "%(num)d min", film.runtime_minutes) % {"num": film.runtime_minutes}
        if film.runtime_minutes
        else "",
    ]
    lines += [" · ".join(fact for fact in facts if fact), ""]
    for credit in page.crew:
        note = f" ({credit.role_note.marked()})" if credit.role_note else ""
        lines.append(f"{credit.role_label}: {credit.person.name}{note}")
    if page.cast:
        lines += ["", f"{gettext('Cast')}:"]
        lines += [
            f"  {credit.person.name}"
            + (
                " " + gettext("as %(character)s") % {"character": credit.character.marked()}
                if credit.character
                else ""
            )
            for credit in page.cast
        ]
    if page.companies:
        lines += ["", f"{gettext('Companies')}:"]
        lines += [
            f"  {credit.company.name}, {credit.role_label.lower()}"
            + (f", {credit.territory.marked()}" if credit.territory else "")
            for credit in page.companies
        ]
    return "\n".join(lines) + "\n"
