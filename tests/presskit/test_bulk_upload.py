"""Editors upload many stills at once: each is checked alone, the good kept, the bad explained."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from presskit.models import Asset

from ..factories import make_film
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


def test_good_files_are_kept_as_drafts_and_bad_ones_listed_with_their_reasons(editor_client):
    film = make_film(title="La Tregua")
    uploads = [
        files.upload("Arón Piper.jpg", files.jpeg((2000, 1333))),
        files.upload("disguised.jpg", files.tiff()),
        files.upload("Miguel Herrán.png", files.png_with_alpha()),
        files.upload("bomb.png", files.png_bomb()),
        files.upload("broken.jpg", files.truncated_jpeg()),
    ]

    response = _upload(editor_client, film, uploads)

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
        assert asset.renditions.count() == 3
    stored = [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]
    assert len(stored) == 2 * 4  # two originals, three renditions each; nothing of the rest


def test_a_file_that_fails_while_being_stored_is_refused_alone(editor_client, monkeypatch):
    from presskit.models import Rendition

    film = make_film(title="La Tregua")
    save = Rendition.save
    saves = []

    def save_failing_once_half_done(rendition, *args, **kwargs):
        saves.append(rendition.size)
        if len(saves) == 5:  # the second file's second copy: the disk is full
            raise OSError(28, "No space left on device")
        return save(rendition, *args, **kwargs)

    monkeypatch.setattr(Rendition, "save", save_failing_once_half_done)
    uploads = [files.upload(f"{name}.jpg", files.jpeg()) for name in ("one", "two", "three")]

    page = _upload(editor_client, film, uploads).content.decode()

    assert "<strong>two.jpg</strong>: It could not be stored" in page
    assert "No space left on device" in page
    kept = Asset.objects.order_by("order")
    assert [asset.original_filename for asset in kept] == ["one.jpg", "three.jpg"]
    stored = [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]
    assert len(stored) == 2 * 4  # nothing of two.jpg: neither its original nor its first copy


def test_an_all_good_upload_goes_to_the_films_pictures(editor_client):
    film = make_film()

    response = _upload(editor_client, film, [files.upload("one.jpg", files.jpeg())])

    assert response.status_code == 302
    assert response["Location"].endswith(f"?film__id__exact={film.pk}")


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
