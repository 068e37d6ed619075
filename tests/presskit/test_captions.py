"""After a bulk upload the editor writes every new still's words on one page, beside its
thumbnail; a mistake is shown by its still, and nothing typed is lost."""

import pytest
from django.urls import reverse

from presskit.models import Asset

from ..admin_forms import form_data
from ..factories import committed, make_film, make_person, make_picture, make_user, signed_in
from . import files

pytestmark = pytest.mark.django_db


def _upload_two(client, film):
    url = reverse("admin:presskit_film_upload", args=[film.pk])
    uploads = [files.upload("reyes.jpg", files.jpeg()), files.upload("salgado.jpg", files.jpeg())]
    with committed():
        return client.post(
            url,
            {
                "kind": "still",
                "credit_line": "Courtesy of the production",
                "usage_terms": "Editorial use only",
                "access": "press",
                "files": uploads,
            },
        )


def _typed(page, **rows) -> dict:
    """The captions form as shown, with `rows` ({index: {field: value}}) typed in."""
    data = form_data(page, "captions_form")
    for index, fields in rows.items():
        data.update({f"form-{index}-{name}": value for name, value in fields.items()})
    return data


@pytest.fixture
def film():
    return make_film(title="La Tregua")


def test_after_a_bulk_upload_every_new_still_is_captioned_on_one_page(editor_client, film):
    uploaded = _upload_two(editor_client, film)
    page = editor_client.get(uploaded["Location"])
    reyes, salgado = Asset.objects.order_by("pk")

    assert "/captions/?assets=" in uploaded["Location"]
    html = page.content.decode()
    assert "reyes.jpg" in html
    assert "salgado.jpg" in html
    assert reyes.url("thumb") in html  # beside its thumbnail
    with committed():
        saved = editor_client.post(
            uploaded["Location"],
            _typed(
                page,
                **{
                    "0": {"caption": "Arón Piper as Reyes.", "order": "2"},
                    "1": {"caption": "Salgado arrives at Karlag.", "copyright_holder": "Spassk 99"},
                },
            ),
        )

    assert saved.status_code == 302
    reyes.refresh_from_db()
    salgado.refresh_from_db()
    assert (reyes.caption, reyes.order) == ("Arón Piper as Reyes.", 2)
    assert (salgado.caption, salgado.copyright_holder) == (
        "Salgado arrives at Karlag.",
        "Spassk 99",
    )
    assert b"Salgado arrives at Karlag." in salgado.renditions.get(size="web").file.read()


def test_a_mistake_on_one_still_saves_nothing_and_keeps_all_that_was_typed(editor_client, film):
    uploaded = _upload_two(editor_client, film)
    page = editor_client.get(uploaded["Location"])

    response = editor_client.post(
        uploaded["Location"],
        _typed(
            page,
            **{
                "0": {"caption": "Arón Piper as Reyes."},
                "1": {"caption": "Salgado arrives.", "credit_line": "x" * 201},
            },
        ),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Ensure this value has at most 200 characters" in html
    assert html.index("salgado.jpg") < html.index("Ensure this value")  # by its still
    assert "Arón Piper as Reyes." in html
    assert "Salgado arrives." in html
    assert set(Asset.objects.values_list("caption", flat=True)) == {""}


def test_words_changed_by_someone_else_meanwhile_are_not_overwritten_unseen(editor_client, film):
    still = make_picture(film, caption="The first caption.", name="reyes.jpg")
    url = reverse("admin:presskit_film_captions", args=[film.pk]) + f"?assets={still.pk}"
    page = editor_client.get(url)
    Asset.objects.filter(pk=still.pk).update(
        caption="A press officer's caption.", usage_terms="Not for television."
    )

    refused = editor_client.post(url, _typed(page, **{"0": {"caption": "Mine."}}))

    html = refused.content.decode()
    assert "Someone else changed this picture&#x27;s words while you were typing" in html
    assert "A press officer&#x27;s caption." in html
    assert "usage terms: “Not for television.”" in html  # every word they changed is shown
    assert "Mine." in html
    still.refresh_from_db()
    assert still.caption == "A press officer's caption."
    with committed():
        editor_client.post(url, _typed(refused, **{"0": {"caption": "Mine."}}))
    still.refresh_from_db()
    assert still.caption == "Mine."


def test_only_the_films_own_pictures_are_on_its_page(editor_client, film):
    other = make_picture(make_film(title="Another film"), name="other.jpg")
    own = make_picture(film, name="own.jpg")
    url = reverse("admin:presskit_film_captions", args=[film.pk])

    html = editor_client.get(f"{url}?assets={own.pk},{other.pk}").content.decode()

    assert "own.jpg" in html
    assert "other.jpg" not in html


def test_a_caption_naming_someone_not_announced_is_refused(editor_client, film):
    make_person(name="Әлия Қасымова", publication_status="draft")
    still = make_picture(film, caption="", name="still.jpg")
    url = reverse("admin:presskit_film_captions", args=[film.pk]) + f"?assets={still.pk}"

    response = editor_client.post(
        url, _typed(editor_client.get(url), **{"0": {"caption": "Әлия Қасымова on the steppe."}})
    )

    assert "The caption names Әлия Қасымова, not announced yet (a draft)" in (
        response.content.decode()
    )
    still.refresh_from_db()
    assert still.caption == ""


def test_staff_who_may_not_change_pictures_cannot_open_it(film):
    still = make_picture(film, name="still.jpg")
    url = reverse("admin:presskit_film_captions", args=[film.pk]) + f"?assets={still.pk}"

    assert signed_in(make_user(is_staff=True)).get(url).status_code == 403


@pytest.mark.parametrize("named", ["Aliya Kassymova", "Алия Касымова", "ALIYA KASSYMOVA"])
def test_a_caption_naming_someone_not_announced_by_another_spelling_is_refused(
    editor_client, film, named
):
    make_person(
        name="Әлия Қасымова",
        latin_name="Aliya Kassymova",
        also_known_as="Алия Касымова",
        publication_status="draft",
    )
    still = make_picture(film, caption="", name="still.jpg")
    url = reverse("admin:presskit_film_captions", args=[film.pk]) + f"?assets={still.pk}"

    response = editor_client.post(
        url, _typed(editor_client.get(url), **{"0": {"caption": f"{named} on the steppe."}})
    )

    assert "The caption names Әлия Қасымова, not announced yet (a draft)" in (
        response.content.decode()
    )
    still.refresh_from_db()
    assert still.caption == ""
