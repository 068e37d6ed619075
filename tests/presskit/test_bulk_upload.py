"""Editors upload many stills at once: each is checked alone, the good kept, the bad explained."""

import unicodedata
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from presskit.models import Asset, Rendition

from ..factories import committed, make_film
from . import files

pytestmark = pytest.mark.django_db


def _upload(client, film, uploads, **fields):
    url = reverse("admin:presskit_film_upload", args=[film.pk])
    data = {
        "kind": "still",
        "credit_line": "Courtesy of the production",
        "copyright_holder": "Spassk 99 AIE",
        "usage_terms": "Editorial use only",
        "access": "public",
        "files": uploads,
        **fields,
    }
    return client.post(url, data)


def test_good_files_are_kept_as_drafts_and_bad_ones_listed_with_their_reasons(press_client):
    film = make_film(title="La Tregua")
    uploads = [
        files.upload("Arón Piper.jpg", files.jpeg((2000, 1333))),
        files.upload("disguised.jpg", files.tiff()),
        files.upload("Miguel Herrán.png", files.png_with_alpha()),
        files.upload("bomb.png", files.png_bomb()),
        files.upload("garbage.jpg", files.garbage_with_jpeg_magic()),
    ]

    with committed():
        response = _upload(press_client, film, uploads)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Added 2 files to La Tregua as drafts." in page
    assert "3 files were refused" in page
    assert "<strong>disguised.jpg</strong>: This is a TIFF file named .jpg." in page
    assert "24,000 × 24,000 pixels is over the limit of 60 megapixels." in page
    assert "damaged or incomplete" in page
    kept = Asset.objects.order_by("order")
    assert [asset.original_filename for asset in kept] == ["Arón Piper.jpg", "Miguel Herrán.png"]
    assert [asset.title for asset in kept] == ["Arón Piper", "Miguel Herrán"]
    for asset in kept:
        assert asset.publication_status == "draft"
        assert asset.credit_line == "Courtesy of the production"
        assert asset.access == "public"  # a press officer may open them to anyone
        assert asset.renditions.count() == 3
    stored = [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]
    assert len(stored) == 2 * 4  # two originals, three renditions each; nothing of the rest


def test_the_upload_answers_before_any_copy_is_made(editor_client):
    film = make_film(title="La Tregua")
    uploads = [files.upload(f"{n}.jpg", files.jpeg((2000, 1333))) for n in range(3)]

    response = _upload(editor_client, film, uploads)  # nothing has committed: no task has run

    assert response.status_code == 302
    captions = editor_client.get(response["Location"]).content.decode()
    assert "Their copies for download are being prepared" in captions
    assert captions.count("Its copies are being prepared.") == 3
    assert Asset.objects.count() == 3
    assert not Rendition.objects.exists()
    assert set(Asset.objects.values_list("processing", flat=True)) == {"preparing"}


def test_an_editors_upload_is_for_accredited_journalists_whatever_the_form_says(editor_client):
    film = make_film()

    with committed():
        _upload(editor_client, film, [files.upload("one.jpg", files.jpeg())], access="public")

    assert Asset.objects.get().access == Asset.Access.PRESS


def test_a_file_that_fails_while_being_stored_is_refused_alone(editor_client, monkeypatch):
    film = make_film(title="La Tregua")
    save = Asset.save

    def save_failing_for_two(asset, *args, **kwargs):
        if asset.original_filename == "two.jpg":  # stored, then the disk is full
            raise OSError(28, "No space left on device")
        return save(asset, *args, **kwargs)

    monkeypatch.setattr(Asset, "save", save_failing_for_two)
    uploads = [files.upload(f"{name}.jpg", files.jpeg()) for name in ("one", "two", "three")]

    with committed():
        page = _upload(editor_client, film, uploads).content.decode()

    assert "<strong>two.jpg</strong>: It could not be stored" in page
    assert "the server&#x27;s disk is full" in page
    kept = Asset.objects.order_by("order")
    assert [asset.original_filename for asset in kept] == ["one.jpg", "three.jpg"]
    stored = [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]
    assert len(stored) == 2 * 4  # nothing of two.jpg: not even its original


def test_a_copy_that_fails_for_want_of_disk_is_tried_again_then_shown_to_the_editor(
    editor_client, monkeypatch
):
    film = make_film(title="La Tregua")
    save = Rendition.save
    saves = []

    def disk_full_for_a_while(rendition, *args, **kwargs):
        saves.append(rendition.size)
        if len(saves) <= 2:  # the first try, half done: the disk is full
            raise OSError(28, "No space left on device")
        return save(rendition, *args, **kwargs)

    monkeypatch.setattr(Rendition, "save", disk_full_for_a_while)
    with committed():
        _upload(editor_client, film, [files.upload("one.jpg", files.jpeg())])

    asset = Asset.objects.get()
    assert asset.processing == Asset.Processing.READY  # the second try made them
    assert asset.renditions.count() == 3
    stored = [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]
    assert len(stored) == 4  # nothing left of the failed try

    monkeypatch.setattr(
        Rendition,
        "save",
        lambda *args, **kwargs: (_ for _ in ()).throw(OSError(28, "No space left on device")),
    )
    asset.caption = "A new caption, to be written into new copies"
    from presskit.services import asset_save

    with committed():
        asset_save(asset=asset)

    asset.refresh_from_db()
    # Its copies made with the old caption stay public; the editor reads why none replaced them.
    assert asset.processing == Asset.Processing.READY
    assert asset.renditions.count() == 3
    assert asset.processing_attempts == 3
    assert "the previous ones are still served: " in asset.processing_error
    assert "No space left on device" in asset.processing_error
    page = editor_client.get(reverse("admin:presskit_asset_changelist")).content.decode()
    assert "No space left on device" in page


def test_an_all_good_upload_goes_to_the_films_pictures(editor_client):
    film = make_film()

    response = _upload(editor_client, film, [files.upload("one.jpg", files.jpeg())])

    assert response.status_code == 302
    assert "/captions/?assets=" in response["Location"]


def test_an_upload_without_files_says_so(editor_client):
    response = _upload(editor_client, make_film(), [])

    assert "Choose one or more files to upload." in response.content.decode()
    assert not Asset.objects.exists()


def test_the_upload_page_is_linked_from_the_film(editor_client):
    film = make_film()

    page = editor_client.get(reverse("admin:presskit_film_change", args=[film.pk]))

    assert reverse("admin:presskit_film_upload", args=[film.pk]) in page.content.decode()


def test_only_staff_who_may_add_files_can_upload(client):
    film = make_film()

    response = client.get(reverse("admin:presskit_film_upload", args=[film.pk]))

    assert response.status_code == 302  # to the login page


def test_names_typed_or_sent_decomposed_are_stored_in_one_spelling(press_client):
    decomposed = unicodedata.normalize("NFD", "Arón Piper")
    film = make_film(title="La Tregua")

    _upload(
        press_client,
        film,
        [files.upload(f"{decomposed}.jpg", files.jpeg())],
        credit_line=f"Photo: {decomposed}",
    )

    asset = Asset.objects.get()
    assert asset.title == "Arón Piper" == unicodedata.normalize("NFC", asset.title)
    assert asset.original_filename == "Arón Piper.jpg"
    assert asset.credit_line == "Photo: Arón Piper"
    assert Asset.objects.filter(credit_line__contains="Arón").exists()
