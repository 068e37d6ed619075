"""A film's credits as plain text, for captions and listings."""

from ..film_page import FilmPage
from ..models import Film


def credits_text(film: Film, page: FilmPage) -> str:
    """The credits of `film` as `page` holds them (public people only), one per line."""
    lines = [film.title]
    if film.english_title:
        lines.append(film.english_title)
    facts = [
        film.get_kind_display(),
        ", ".join(film.country_names),
        str(film.year or ""),
        f"{film.runtime_minutes} min" if film.runtime_minutes else "",
    ]
    lines += [" · ".join(fact for fact in facts if fact), ""]
    for credit in page.crew:
        note = f" ({credit.role_note})" if credit.role_note else ""
        lines.append(f"{credit.role_label}: {credit.person.name}{note}")
    if page.cast:
        lines += ["", "Cast:"]
        lines += [
            f"  {credit.person.name}" + (f" as {credit.character}" if credit.character else "")
            for credit in page.cast
        ]
    if page.companies:
        lines += ["", "Companies:"]
        lines += [
            f"  {credit.company.name}, {credit.role_label.lower()}"
            + (f", {credit.territory}" if credit.territory else "")
            for credit in page.companies
        ]
    return "\n".join(lines) + "\n"
