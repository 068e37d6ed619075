"""`manage.py seed_demo` loads La Tregua once; running it again changes nothing."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from festivals.models import Edition, Festival, Screening
from presskit.models import Credit, Film, Person, Quote

from .factories import committed

pytestmark = pytest.mark.django_db


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def _seed(*, pictures: bool = False) -> str:
    out = StringIO()
    call_command("seed_demo", *([] if pictures else ["--without-pictures"]), stdout=out)
    return out.getvalue()


def test_seeding_twice_leaves_every_table_as_it_was(settings):
    settings.DEBUG = True
    with committed():  # the pictures' copies are made once the load commits
        _seed(pictures=True)
    counts = _row_counts()
    film = Film.objects.get(slug="la-tregua")

    with committed():
        output = _seed(pictures=True)

    assert _row_counts() == counts
    assert "nothing changed" in output
    film_after = Film.objects.get(slug="la-tregua")
    assert film_after.updated_at == film.updated_at
    assert counts["presskit.Asset"] == 10  # nine pictures and the sample trailer
    assert counts["presskit.Rendition"] == 30  # three sizes each (the trailer's, of its poster)


def test_seeding_never_overwrites_an_editors_correction():
    _seed()
    Person.objects.filter(slug="aron-piper").update(bio="Corrected by an editor.")

    _seed()

    assert Person.objects.get(slug="aron-piper").bio == "Corrected by an editor."


def test_the_demo_holds_la_tregua_and_its_people():
    _seed()

    film = Film.objects.get(slug="la-tregua")
    assert film.is_published()
    assert film.english_title == "The Truce"
    assert Person.objects.count() == 10
    cast = dict(film.credits.filter(role=Credit.Role.CAST).values_list("person__name", "character"))
    assert cast["Miguel Herrán"] == "Reyes"
    assert cast["Arón Piper"] == "Salgado"
    assert cast["Dina Tasbulatova"] == "Aisulu"
    director = film.credits.get(role=Credit.Role.DIRECTOR).person
    assert director.name == "Miguel Ángel Vivas"
    assert Quote.objects.filter(film=film).count() == 6
    assert film.coverage.count() == 5
    companies = film.company_credits.order_by("order").values_list("company__name", "role")
    assert list(companies) == [
        ("Spassk 99 AIE", "production"),
        ("Amanat Capital LTD", "co_production"),
        ("Umaifilm LLP", "co_production"),
        ("Netflix", "distribution"),
    ]


def test_the_demo_holds_both_festivals_with_their_2025_editions():
    _seed()

    assert set(Festival.objects.values_list("slug", flat=True)) == {
        "comic-con-astana",
        "san-sebastian",
    }
    san_sebastian = Edition.objects.get(festival__slug="san-sebastian", year=2025)
    assert (str(san_sebastian.starts_on), str(san_sebastian.ends_on)) == (
        "2025-09-19",
        "2025-09-27",
    )
    assert san_sebastian.ordinal == "73rd"
    releases = Screening.objects.filter(kind=Screening.Kind.THEATRICAL_RELEASE)
    assert {str(release.country) for release in releases} == {"ES", "KZ"}
    assert san_sebastian.awards.get().name == "Special award"


def test_invented_details_are_labelled_as_samples():
    _seed()

    first_look = Screening.objects.get(kind=Screening.Kind.FIRST_LOOK)
    assert "Sample" in first_look.notes
    assert "sample" in first_look.venue.name


def test_demo_logins_are_made_only_when_debug_is_on(settings):
    settings.DEBUG = False
    output = _seed()
    assert not get_user_model().objects.exists()
    assert "password" not in output

    settings.DEBUG = True
    output = _seed()
    editor = get_user_model().objects.get(username="editor")
    assert editor.is_staff
    assert editor.check_password("editor")
    assert list(editor.groups.values_list("name", flat=True)) == ["Editors"]
    assert "username 'editor', password 'editor'" in output
