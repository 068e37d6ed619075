"""The records' texts in four languages: translations, marked fallbacks, the admin, the grid."""

import io
import json
import re
import zipfile
from xml.etree import ElementTree

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from config.lib.translations import column, translated_fields
from presskit.models import Asset, Film, PressRelease, Quote
from presskit.publishing.models import Publication

from .admin_forms import form_data
from .factories import (
    make_asset,
    make_film,
    make_person,
    make_picture,
    make_quote,
    make_release,
)
from .pages import html_of, parse_strictly
from .test_public_site import PUBLIC_PAGES

pytestmark = pytest.mark.django_db

OTHERS = ("es", "kk", "ru")
DRAFT = Publication.DRAFT
NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SYNOPSIS = "Two officers call a truce to survive the camp."


def in_language(path: str, code: str) -> str:
    return path if code == "en" else f"/{code}{path}"


def test_a_translated_text_is_shown_in_the_pages_language(client):
    make_film(slug="la-tregua", synopsis=SYNOPSIS, synopsis_in_kk="Екі офицер бітімге келеді.")

    kazakh = html_of(client.get("/kk/films/la-tregua/"))
    english = html_of(client.get("/films/la-tregua/"))

    assert "<div><p>Екі офицер бітімге келеді.</p></div>" in kazakh  # the page's own language
    assert SYNOPSIS not in kazakh
    assert "untranslated" not in kazakh
    assert f"<div><p>{SYNOPSIS}</p></div>" in english


def test_a_missing_translation_shows_the_original_marked_in_its_own_language(client):
    make_film(slug="la-tregua", synopsis=SYNOPSIS, synopsis_in_kk="Екі офицер бітімге келеді.")

    russian = html_of(client.get("/ru/films/la-tregua/"))

    assert f'<div lang="en"><p>{SYNOPSIS}</p></div>' in russian
    mark = re.search(r'<small class="untranslated" lang="ru">([^<]*)</small>', russian)
    assert mark, "the English synopsis stands in without saying so"
    assert mark.group(1) == "Ещё не переведено. Язык оригинала: английский"


def test_a_release_written_in_spanish_falls_back_to_spanish_not_english(client):
    make_release(
        slug="estreno",
        title="La Tregua se estrena en octubre",
        summary="En cines de España y Kazajistán.",
        body="La película llega a los cines en octubre.",
        language="es",
        title_in_en="La Tregua opens in October",
        summary_in_en="In cinemas in Spain and Kazakhstan.",
        body_in_en="The film reaches cinemas in October.",
    )

    english = html_of(client.get("/news/estreno/"))
    spanish = html_of(client.get("/es/news/estreno/"))
    kazakh = html_of(client.get("/kk/news/estreno/"))
    kazakh_list = html_of(client.get("/kk/news/"))

    assert "<h1>La Tregua opens in October</h1>" in english
    assert "<h1>La Tregua se estrena en octubre</h1>" in spanish
    assert "untranslated" not in spanish
    assert '<h1 lang="es">La Tregua se estrena en octubre</h1>' in kazakh
    assert "Түпнұсқа тілі: испан тілі" in kazakh
    assert 'lang="es">La Tregua se estrena en octubre</a>' in kazakh_list
    assert "untranslated" in kazakh_list


def test_a_translated_quote_keeps_its_original_marked_as_such(client):
    film = make_film(slug="la-tregua")
    make_quote(
        film=film,
        text="Es una película sobre el consuelo.",
        language="es",
        text_in_en="It's a movie about consolation.",
    )

    english = parse_strictly(html_of(client.get("/films/la-tregua/")))
    [quote] = english.iter("blockquote")
    original = english.find(".//p[@class='original']/span")

    assert quote.get("lang") == "en"
    assert "".join(quote.itertext()) == "“It's a movie about consolation.”"
    assert original.get("lang") == "es"
    assert original.text == "“Es una película sobre el consuelo.”"
    assert "Original (Spanish):" in html_of(client.get("/films/la-tregua/"))

    spanish = html_of(client.get("/es/films/la-tregua/"))
    assert (
        '<blockquote lang="es"><p>«Es una película sobre el consuelo.»</p></blockquote>' in spanish
    )
    assert "Original (" not in spanish


def test_a_translation_into_the_originals_own_language_is_refused():
    release = PressRelease(title="Estreno", language="es", title_in_es="Estreno en octubre")
    quote = Quote(text="Hola.", language="es", text_in_en="Hello.", speaker_name="Ana")

    with pytest.raises(ValidationError) as refused:
        release.clean()
    quote.clean()  # a translation into another language is what the columns are for

    assert "title_in_es" in refused.value.message_dict
    assert "already in Spanish" in refused.value.message_dict["title_in_es"][0]


def test_the_demo_reads_in_every_language_with_nothing_left_in_english(client, catalogue):
    """Every public text of La Tregua has its Spanish, Kazakh and Russian: no page in those
    languages shows a fallback, and English is left only where it is the original's own
    (coverage headlines, the titles of works) or names a language (the switch)."""
    labels = {asset.label for asset in Asset.objects.all()}
    for code in OTHERS:
        for path in PUBLIC_PAGES:
            html = html_of(client.get(in_language(path, code)))
            assert "untranslated" not in html, (code, path)
            tree = parse_strictly(html)
            for element in tree.iter():
                if element.get("lang") != "en" or element.tag == "link":
                    continue
                text = " ".join("".join(element.itertext()).split())
                english_by_nature = (
                    element.get("hreflang") == "en"  # the language switch
                    or element.get("class") == "known-for"  # the titles of their works
                    or text in labels  # a picture's title, which names its files
                    or (element.tag == "li" and element.find("cite") is not None)  # clippings
                    or element.tag == "td"  # the coverage page's English headlines
                    # a translated quote's original, and its citation to copy
                    or element.get("class") in ("quoted-original", "citation")
                )
                assert english_by_nature, (code, path, element.tag, text)


def test_a_draft_person_named_in_a_captions_translation_is_refused(editor_client):
    film = make_film()
    make_person(name="Aliya Kasymova", cyrillic_name="Әлия Қасымова", publication_status=DRAFT)
    asset = make_asset(film=film, title="Still", caption="On set.")
    url = f"/admin/presskit/asset/{asset.pk}/change/"
    named = {"caption_in_kk": "Түсірілім алаңында Әлия Қасымова."}

    response = editor_client.post(url, form_data(editor_client.get(url), "asset_form", named))

    assert response.status_code == 200  # the form again, with the error
    assert "not announced yet" in response.content.decode()
    asset.refresh_from_db()
    assert asset.caption_in_kk == ""


def test_the_admin_shows_a_text_beside_its_translations(editor_client):
    film = make_film(synopsis=SYNOPSIS)

    html = editor_client.get(f"/admin/presskit/film/{film.pk}/change/").content.decode()
    row = re.search(r'<div class="form-row[^"]*field-synopsis\b[^"]*">', html)

    assert row, "no row for the synopsis"
    for code in OTHERS:
        assert f"field-synopsis_in_{code}" in row.group(0)  # the same line
    assert "Synopsis · Kazakh" in html


def test_the_grid_shows_each_missing_translation_with_a_link_to_fill_it(editor_client):
    film = make_film(
        slug="la-tregua",
        title="La Tregua",
        **{f"title_in_{code}": "La Tregua" for code in OTHERS},
        logline="A truce in the steppe.",
        logline_in_es="Una tregua en la estepa.",
        logline_in_kk="Даладағы бітім.",
        logline_in_ru="Перемирие в степи.",
        synopsis=SYNOPSIS,
        synopsis_in_es="Dos oficiales pactan una tregua.",
    )
    grid = f"/admin/presskit/film/{film.pk}/translations/"

    html = editor_client.get(grid).content.decode()

    fill_kazakh = f"/admin/presskit/film/{film.pk}/change/#id_synopsis_in_kk"
    assert f'<a href="{fill_kazakh}">missing</a>' in html
    assert "#id_synopsis_in_es" not in html  # the Spanish is there
    assert "#id_logline_in_" not in html  # every language has the logline
    assert "Kazakh: <strong>1 missing</strong>" in html
    assert "Spanish: complete" in html

    Film.objects.filter(pk=film.pk).update(
        synopsis_in_kk="Екі офицер.", synopsis_in_ru="Два офицера."
    )
    assert "missing</a>" not in editor_client.get(grid).content.decode()


def test_the_grid_covers_the_films_people_quotes_and_releases(editor_client, catalogue):
    film = Film.objects.get(slug="la-tregua")
    person = film.credits.first().person
    type(person).objects.filter(pk=person.pk).update(bio_in_ru="")
    release = film.press_releases.first()
    type(release).objects.filter(pk=release.pk).update(body_in_kk="")

    html = editor_client.get(f"/admin/presskit/film/{film.pk}/translations/").content.decode()

    assert f"/admin/presskit/person/{person.pk}/change/#id_bio_in_ru" in html
    assert f"/admin/presskit/pressrelease/{release.pk}/change/#id_body_in_kk" in html
    assert html.count("missing</a>") == 2  # the demo has everything else


def test_the_grid_is_for_staff_only(client):
    film = make_film()

    response = client.get(f"/admin/presskit/film/{film.pk}/translations/")

    assert response.status_code == 302
    assert "/admin/login/" in response.url


def _kit(client, path: str) -> dict[str, bytes]:
    response = client.get(path)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    archive = zipfile.ZipFile(io.BytesIO(content))
    return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize(
    ("code", "notes", "said"),
    [
        ("en", "La Tregua - Press notes.pdf", ("Synopsis", "Karaganda, Kazakhstan")),
        ("es", "La Tregua - Notas de prensa.pdf", ("Sinopsis", "Karaganda, Kazajistán")),
        ("kk", "La Tregua - Баспасөз материалдары.pdf", ("Бітім", "Қарағанды")),
        ("ru", "La Tregua - Материалы для прессы.pdf", ("Перемирие", "Караганда")),
    ],
)
def test_the_kits_files_are_in_the_readers_language(client, catalogue, code, notes, said):
    kit = _kit(client, in_language("/films/la-tregua/press-kit.zip", code))

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(kit[notes])).pages)
    text = " ".join(text.split())
    for words in said:
        assert words in text, (code, words)
    manifest = json.loads(next(data for name, data in kit.items() if name.endswith(".json")))
    assert manifest["files"]  # every file listed, the kit's own included
    assert any(row["file"] == notes for row in manifest["files"])


def test_a_pictures_copies_carry_its_caption_and_terms_in_every_language():
    picture = make_picture(
        make_film(),
        caption="Reyes in the barracks.",
        caption_in_kk="Рейес барактa.",
        caption_in_ru="Рейес в бараке.",
        usage_terms="Editorial use only.",
        usage_terms_in_ru="Только для редакционного использования.",
    )
    content = picture.renditions.get(size="print").file.read()
    packet = re.search(rb"<x:xmpmeta.*?</x:xmpmeta>", content, re.DOTALL).group()
    xmp = ElementTree.fromstring(packet)

    def alternatives(path: str) -> dict[str, str]:
        return {li.get(XML_LANG): li.text for li in xmp.findall(f".//{path}//rdf:li", NS)}

    assert alternatives("dc:description") == {
        "x-default": "Reyes in the barracks.",
        "en": "Reyes in the barracks.",
        "kk": "Рейес барактa.",
        "ru": "Рейес в бараке.",
    }
    terms = alternatives("xmpRights:UsageTerms")
    assert terms["x-default"] == "Editorial use only."
    assert terms["ru"] == "Только для редакционного использования."
    assert "kk" not in terms  # no Kazakh terms: readers get the default


def _without_translations() -> None:
    """Every record's translations blanked: each text is left in its original alone."""
    from django.apps import apps

    for model in apps.get_models():
        if columns := [
            column(name, code) for name, codes in translated_fields(model) for code in codes
        ]:
            model._meta.default_manager.update(**dict.fromkeys(columns, ""))


def test_no_page_shows_an_original_in_place_of_a_translation_without_marking_it(client, catalogue):
    _without_translations()

    def has_note(element) -> bool:
        return any(
            part.tag == "small" and part.get("class") == "untranslated" for part in element.iter()
        )

    def marked(element, parent) -> bool:
        """Its note is in it, or just after it (a quote's, in the line under it)."""
        siblings = list(parent)
        after = siblings[siblings.index(element) + 1 :]
        return has_note(element) or (bool(after) and has_note(after[0]))

    labels = {asset.label for asset in Asset.objects.all()}
    shown = []
    for path in PUBLIC_PAGES:
        tree = parse_strictly(html_of(client.get(in_language(path, "kk"))))
        parents = {child: parent for parent in tree.iter() for child in parent}
        for element in tree.iter():
            if element.get("lang") != "en" or element.tag in ("link", "img"):
                continue
            if element.get("class") == "quoted-original":  # under "Original (English):"
                continue
            if element.get("hreflang") == "en" or element.get("class") == "known-for":
                continue  # the switch; the titles of someone's works
            if "".join(element.itertext()) in labels:
                continue  # a picture's title, which names its files: not translated
            if element.find(".//cite") is not None:
                continue  # a clipping's own headline, in its own language
            if element.get("class") == "citation":
                continue  # a quote's citation to copy: the quote itself is just above, marked
            shown.append(path)
            assert marked(element, parents[element]), (path, "".join(element.itertext())[:80])
    # The originals stood in on the pages that show editors' texts, each of them marked.
    assert {"/films/la-tregua/", "/people/aron-piper/", "/screenings/", "/news/"} <= set(shown)
