"""The Jinja2 environment of the public pages.

The public site renders with Jinja2 rather than Django's template language:
the film and schedule pages render several times faster, which is what keeps
them within their latency budget without any cache (benchmarks/RESULTS.md).
The admin keeps Django's templates.
"""

from functools import lru_cache
from itertools import groupby

from django.conf import settings
from django.template.defaultfilters import capfirst, filesizeformat, pluralize, truncatechars
from django.templatetags.static import static
from django.utils import translation
from jinja2 import Environment
from markupsafe import Markup, escape

from . import filters
from .countries import country_name
from .urls import reverse_path


def url(name: str, *args) -> str:
    return reverse_path(name, *args)


# A static file's (hashed) URL is fixed for the life of the process.
static_url = lru_cache(maxsize=256)(static)


def consecutive(items, attribute: str):
    """Group runs of items that share `attribute`, keeping their order (Django's regroup).

    Jinja2's own groupby sorts first, which would undo the schedule's order.
    """
    return [
        (key, list(group))
        for key, group in groupby(items, key=lambda item: getattr(item, attribute))
    ]


def text_lang() -> Markup:
    """` lang="en"` on what editors write in English and nobody translates, on a page in another
    language: the titles of someone's works, a picture's title (which names its files).

    A screen reader must read them in English. Translated texts say their own
    language (`lang_of()`).
    """
    language = translation.get_language() or settings.LANGUAGE_CODE
    return (
        Markup("")
        if language == settings.LANGUAGE_CODE
        else Markup(' lang="%s"') % settings.LANGUAGE_CODE
    )


def lang_of(text) -> Markup:
    """` lang="es"` on a record's text (`config.lib.translations.Text`) not in the page's language."""
    page = translation.get_language() or settings.LANGUAGE_CODE
    return Markup("") if text.language == page else Markup(' lang="%s"') % text.language


def untranslated(text) -> Markup:
    """A visible note, in the page's language, on an original standing in for its translation."""
    if not text.note:
        return Markup("")
    return Markup(' <small class="untranslated" lang="%s">%s</small>') % (text.wanted, text.note)


def phrase(text) -> Markup:
    """A record's short text inside a sentence: in a `lang` span only if not the page's language,
    marked if it stands in for a missing translation."""
    attribute = lang_of(text)
    words = Markup("<span%s>%s</span>") % (attribute, text.value) if attribute else escape(text)
    return words + untranslated(text)


def environment(**options) -> Environment:
    env = Environment(**options)
    # {{ _("Screenings") }} and {% trans %}, from Django's catalogues (config/locale/),
    # in the page's language; new-style: escaped, with %(name)s placeholders.
    env.install_gettext_callables(
        translation.gettext,
        translation.ngettext,
        newstyle=True,
        pgettext=translation.pgettext,
        npgettext=translation.npgettext,
    )
    env.globals.update(
        url=url,
        static=static_url,
        month_names=filters.month_names,
        text_lang=text_lang,
        lang_of=lang_of,
        untranslated=untranslated,
        phrase=phrase,
        page_language=translation.get_language,  # for pages rendered without a request (500)
    )
    env.filters.update(
        date=filters.date,
        pluralize=pluralize,
        filesize=filesizeformat,
        truncatechars=truncatechars,
        consecutive=consecutive,
        ld_json=filters.ld_json,
        iso_duration=filters.iso_duration,
        runtime=filters.runtime,
        paragraphs=filters.paragraphs,
        capfirst=capfirst,
        country_name=country_name,
        in_zone=filters.in_zone,
        zone_in_words=filters.zone_in_words,
    )
    return env
