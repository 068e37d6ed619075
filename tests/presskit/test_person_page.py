"""A bio page: who they are and what they made, as plain text that cannot carry a script."""

import pytest

from ..factories import DRAFT, make_credit, make_film, make_person
from ..pages import h1_texts, html_of, json_ld_of_type

pytestmark = pytest.mark.django_db


def test_the_bio_page_shows_the_bio_and_credits_across_films(client, catalogue):
    html = html_of(client.get("/people/miguel-angel-vivas/"))

    assert h1_texts(html) == ["Miguel Ángel Vivas"]
    # Their name in the other alphabet, then the other spellings on record.
    assert "Also known as Мигель Анхель Вивас, Miguel Ángel Vivas Moreno" in html
    assert "Kidnapped (Secuestrados)" in html
    credits = html[html.index('id="credits"') :]
    assert "director" in credits
    assert "screenplay, with two co-writers" in credits


def test_an_accented_slug_and_a_cyrillic_one_both_open(client):
    make_person(name="Arón Piper", slug="aron-piper")
    make_person(name="Қайрат Нұртас", slug="қайрат-нұртас")

    assert client.get("/people/aron-piper/").status_code == 200
    response = client.get(
        "/people/%D2%9B%D0%B0%D0%B9%D1%80%D0%B0%D1%82-%D0%BD%D2%B1%D1%80%D1%82%D0%B0%D1%81/"
    )
    assert h1_texts(html_of(response)) == ["Қайрат Нұртас"]


def test_credits_on_draft_films_are_not_listed(client):
    person = make_person(slug="aron-piper")
    make_credit(person=person, film=make_film(title="Public Film"), character="Salgado")
    make_credit(person=person, film=make_film(title="Secret Film", publication_status=DRAFT))

    html = html_of(client.get("/people/aron-piper/"))

    assert "Public Film" in html
    assert "Secret Film" not in html


def test_a_script_in_a_bio_is_shown_as_text_never_run(client):
    make_person(slug="mallory", bio='Actor.<script>alert("x")</script>\n\nSecond paragraph.')

    html = html_of(client.get("/people/mallory/"))

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "<p>Second paragraph.</p>" in html


def test_a_draft_person_is_private(client, editor_client):
    make_person(slug="hidden", name="Hidden Name", publication_status=DRAFT)

    assert client.get("/people/hidden/").status_code == 404
    assert "Preview: this is a draft" in html_of(editor_client.get("/people/hidden/"))


def test_the_bio_page_describes_the_person_for_search_engines(client, catalogue):
    (person,) = json_ld_of_type(html_of(client.get("/people/erlan-bekhozhin/")), "Person")

    assert person["name"] == "Erlan Bekhozhin"
    assert person["alternateName"] == ["Ерлан Бекхожин", "Yerlan Bekhozhin"]
    assert person["nationality"]["name"] == "Kazakhstan"
