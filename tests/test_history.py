"""Every saved change is kept: press officers can see it and undo it."""

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from .admin_forms import form_data
from .factories import make_film, make_venue

pytestmark = pytest.mark.django_db


def _edit(client, record, form_id, changes):
    opts = record._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
    return client.post(url, form_data(client.get(url), form_id, changes))


def test_each_admin_save_keeps_a_version(editor_client):
    film = make_film(logline="First logline")

    _edit(editor_client, film, "film_form", {"logline": "Second logline"})
    _edit(editor_client, film, "film_form", {"logline": "Third logline"})

    versions = Version.objects.get_for_object(film)
    assert versions.count() == 2
    assert versions[1].field_dict["logline"] == "Second logline"
    history = editor_client.get(reverse("admin:presskit_film_history", args=[film.pk]))
    assert history.status_code == 200


def test_a_press_officer_restores_an_earlier_version(press_client):
    film = make_film(logline="Good logline")
    _edit(press_client, film, "film_form", {"logline": "Good logline"})
    _edit(press_client, film, "film_form", {"logline": "A mistake"})
    good = Version.objects.get_for_object(film).last()
    url = reverse("admin:presskit_film_revision", args=[film.pk, good.pk])

    response = press_client.post(url, form_data(press_client.get(url), "film_form"))

    assert response.status_code == 302
    film.refresh_from_db()
    assert film.logline == "Good logline"


def test_an_editor_cannot_restore_a_published_record(editor_client):
    film = make_film(logline="Before")
    with reversion.create_revision():
        film.save()
    version = Version.objects.get_for_object(film).get()

    response = editor_client.get(
        reverse("admin:presskit_film_revision", args=[film.pk, version.pk])
    )

    assert response.status_code == 403


def test_an_editor_can_restore_a_venue(editor_client):
    venue = make_venue(name="Kursaal")
    _edit(editor_client, venue, "venue_form", {"name": "Kursaal"})
    _edit(editor_client, venue, "venue_form", {"name": "Kursal"})
    good = Version.objects.get_for_object(venue).last()
    url = reverse("admin:festivals_venue_revision", args=[venue.pk, good.pk])

    response = editor_client.post(url, form_data(editor_client.get(url), "venue_form"))

    assert response.status_code == 302
    venue.refresh_from_db()
    assert venue.name == "Kursaal"


def test_the_history_says_what_each_version_changed_field_by_field_inlines_included(
    editor_client,
):
    from .factories import make_credit, make_person

    synopsis = (
        "Karaganda, Kazakhstan, in the 1940s. Karlag, one of the largest camps of the Gulag, "
        "holds prisoners from every corner of the Soviet Union and from abroad. Among them is "
        "Reyes, a Spanish Republican captain who went into exile with his men."
    )
    film = make_film(title="La Tregua", logline="First logline", synopsis=synopsis)
    make_credit(film=film, person=make_person(name="Arón Piper"), character="Salgado")
    _edit(editor_client, film, "film_form", {"logline": "First logline"})  # the version kept first

    _edit(
        editor_client,
        film,
        "film_form",
        {
            "logline": "A truce on the steppe",
            "synopsis": synopsis.replace("every corner", "all corners", 1),
            "credits-0-character": "Salgado Ruiz",
        },
    )

    page = editor_client.get(
        reverse("admin:presskit_film_history", args=[film.pk])
    ).content.decode()
    newest = page[page.index("<tbody>") : page.index("</tr>", page.index("<tbody>"))]
    assert "Logline" in newest
    assert '<span class="history-old">First logline</span>' in newest
    assert '<span class="history-new">A truce on the steppe</span>' in newest
    assert "<del>every corner</del>" in newest  # a long text's change, word by word
    assert "<ins>all corners</ins>" in newest
    assert "Credit changed:" in newest
    assert '<span class="history-old">Salgado</span>' in newest
    assert '<span class="history-new">Salgado Ruiz</span>' in newest
    assert "Title" not in newest  # unchanged fields are not listed
    assert "The first version kept." in page


def test_the_history_names_choices_and_related_records_in_words(press_client):
    from .factories import DRAFT

    film = make_film(title="La Tregua", publication_status=DRAFT)
    _edit(press_client, film, "film_form", {"title": "La Tregua"})

    _edit(press_client, film, "film_form", {"publication_status": "published"})

    page = press_client.get(reverse("admin:presskit_film_history", args=[film.pk])).content.decode()
    assert '<span class="history-old">Draft</span>' in page
    assert '<span class="history-new">Published</span>' in page
