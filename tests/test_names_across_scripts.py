"""Names in Latin and Cyrillic letters: shown in the reader's script, found from any, slugs in ASCII."""

import pytest
from django.urls import reverse

from config.lib.text import fold, make_slug
from presskit.models import Person

from .admin_forms import form_data
from .factories import make_credit, make_film, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def aliya():
    return make_person(name="Әлия Қасымова", slug="aliya-kasymova", latin_name="Aliya Kassymova")


def test_every_script_folds_into_one_spelling():
    assert fold("Әлия Қасымова") == fold("Алия Касымова") == fold("ALIYA KASYMOVA")
    assert fold("Қарағанды") == fold("Караганды") == "karagandy"
    assert fold("Алия") == fold("Әлия") == fold("aliya") == "aliya"
    assert fold("Arón Piper") == "aron piper"


@pytest.mark.parametrize(
    "typed", ["aliya", "Aliya", "Алия", "Әлия", "Kassymova", "касымова", "Қасымова"]
)
def test_the_admin_finds_a_person_from_any_script_or_spelling(editor_client, aliya, typed):
    response = editor_client.get(reverse("admin:presskit_person_changelist"), {"q": typed})

    assert list(response.context["cl"].result_list) == [aliya]


def test_a_variant_spelling_finds_its_person(editor_client):
    erlan = make_person(name="Erlan Bekhozhin", also_known_as="Yerlan Bekhozhin")
    erlan.cyrillic_name = "Ерлан Бекхожин"
    erlan.save()

    for typed in ("yerlan", "Erlan", "Ерлан", "bekhozhin"):
        response = editor_client.get(reverse("admin:presskit_person_changelist"), {"q": typed})
        assert list(response.context["cl"].result_list) == [erlan], typed


def test_slugs_are_readable_ascii_from_any_script():
    assert make_slug("Әлия Қасымова") == "aliya-kasymova"
    assert make_slug("Сергей Уфимцев") == "sergey-ufimtsev"
    assert make_slug("Arón Piper") == "aron-piper"
    assert make_slug("Қарағанды") == "karagandy"


def test_the_slug_box_shows_what_the_server_will_save(editor_client, client):
    url = reverse("admin:presskit_person_slug")
    form = editor_client.get(reverse("admin:presskit_person_add")).content.decode()

    assert f'data-slug-url="{url}"' in form
    assert 'data-slug-from="name"' in form
    assert editor_client.get(url, {"text": "Әлия Қасымова"}).json() == {"slug": "aliya-kasymova"}
    assert client.get(url, {"text": "Әлия"}).status_code == 302  # staff only: to the sign-in


def test_a_slug_typed_in_another_script_is_saved_in_ascii(editor_client):
    add = reverse("admin:presskit_person_add")
    data = form_data(
        editor_client.get(add), "person_form", {"name": "Ұлжан Өтегенова", "slug": "ұлжан"}
    )

    editor_client.post(add, data)

    assert Person.objects.get(name="Ұлжан Өтегенова").slug == "ulzhan"


def test_an_existing_slug_in_cyrillic_is_kept_when_the_record_is_saved(editor_client):
    person = make_person(name="Қайрат Нұртас", slug="қайрат-нұртас")
    url = reverse("admin:presskit_person_change", args=[person.pk])

    editor_client.post(url, form_data(editor_client.get(url), "person_form", {"bio": "New."}))

    person.refresh_from_db()
    assert person.bio == "New."
    assert person.slug == "қайрат-нұртас"  # journalists' links keep working


def test_each_language_shows_the_name_in_its_readers_script(client, aliya):
    make_credit(film=make_film(slug="la-tregua"), person=aliya)

    for prefix, shown, beside in (
        ("", "Aliya Kassymova", "Әлия Қасымова"),
        ("/es", "Aliya Kassymova", "Әлия Қасымова"),
        ("/kk", "Әлия Қасымова", "Aliya Kassymova"),
        ("/ru", "Әлия Қасымова", "Aliya Kassymova"),
    ):
        person_page = client.get(f"{prefix}/people/aliya-kasymova/").content.decode()
        assert f"<h1>{shown}</h1>" in person_page
        assert beside in person_page  # the other alphabet, for a journalist who needs it
        film_page = client.get(f"{prefix}/films/la-tregua/").content.decode()
        assert f">{shown}</a>" in film_page
