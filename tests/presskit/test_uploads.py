"""Uploads are judged by their content: a bad file gets a clear message and leaves nothing behind."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from presskit.models import Asset, Rendition

from ..admin_forms import form_data
from ..factories import committed, make_film
from . import files

pytestmark = pytest.mark.django_db
ADD = reverse("admin:presskit_asset_add")


def _add(client, film, name, content, kind="still"):
    data = form_data(
        client.get(ADD),
        "asset_form",
        {"kind": kind, "film": str(film.pk), "caption": "A caption", "title": "A title"},
    )
    data["file"] = files.upload(name, content)
    return client.post(ADD, data)


def _stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def _refused(response) -> str:
    assert response.status_code == 200, "the form should come back with an error"
    errors = response.context["adminform"].form.errors
    assert not Asset.objects.exists()
    assert not Rendition.objects.exists()
    assert _stored_files() == []
    return " ".join(errors["file"])


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("still.jpg", files.tiff, "This is a TIFF file named .jpg."),
        ("still.jpg", files.png_with_alpha, "This is a PNG file named .jpg."),
        ("still.png", files.jpeg, "This is a JPEG file named .png."),
        ("still.gif", files.gif, "This is a GIF file named .gif. Upload JPEG, PNG, WebP."),
        ("still.bmp", files.bmp, "This is a BMP file"),
        ("still.png", files.svg_with_script, "This is a SVG or HTML file named .png"),
        ("still.jpg", files.html_page, "This is a SVG or HTML file named .jpg"),
        ("still.jpg", files.pdf, "This is a PDF file named .jpg"),
        ("still.jpg", files.garbage_with_jpeg_magic, "damaged or incomplete"),
        ("bomb.png", files.png_bomb, "24,000 × 24,000 pixels is over the limit of 60 megapixels."),
        ("frames.webp", files.animated_webp, "4,000 × 4,000 pixels in 4 frames is over the limit"),
        ("moving.png", files.small_animated_png, "This image has 3 frames."),
        ("empty.jpg", lambda: b"", "The submitted file is empty."),
        ("notes.txt", lambda: b"just text", "is not a format we can check"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_a_bad_image_is_refused_with_a_clear_message(editor_client, name, make, message):
    message_shown = _refused(_add(editor_client, make_film(), name, make()))
    assert message in message_shown


@pytest.mark.parametrize(
    ("name", "make"),
    [("still.jpg", files.truncated_jpeg), ("still.png", files.png_cut_after_its_pixels)],
    ids=["truncated JPEG", "PNG cut after its pixels"],
)
def test_a_picture_damaged_past_its_header_is_marked_failed_and_never_shown(
    client, editor_client, name, make
):
    film = make_film(slug="la-tregua")
    with committed():
        response = _add(editor_client, film, name, make())

    assert response.status_code == 302  # saved at once: its pixels are read in the background
    asset = Asset.objects.get()
    assert asset.processing == Asset.Processing.FAILED
    assert "damaged or incomplete" in asset.processing_error
    assert not asset.renditions.exists()
    Asset.objects.filter(pk=asset.pk).update(publication_status="published", access="public")
    assert not Asset.objects.published().exists()
    assert "A title" not in client.get("/films/la-tregua/press-kit/").content.decode()
    listing = editor_client.get(reverse("admin:presskit_asset_changelist")).content.decode()
    assert "Failed" in listing
    assert "damaged or incomplete" in listing


def test_an_image_over_the_size_limit_for_its_kind_is_refused(editor_client, settings):
    settings.PRESSKIT_UPLOAD_LIMITS = {**settings.PRESSKIT_UPLOAD_LIMITS, "headshot": 10_000}

    message = _refused(_add(editor_client, make_film(), "face.jpg", files.jpeg(), kind="headshot"))

    assert (
        "headshots may be at most 9.8\xa0KB" in message
    )  # filesizeformat keeps number and unit together


def test_a_still_too_big_for_a_headshot_cannot_become_one(editor_client, settings):
    added = _add(editor_client, make_film(), "wide.jpg", files.jpeg((1600, 1000)))
    assert added.status_code == 302
    asset = Asset.objects.get()
    settings.PRESSKIT_UPLOAD_LIMITS = {**settings.PRESSKIT_UPLOAD_LIMITS, "headshot": 10_000}

    errors = _kind_change_refused(editor_client, asset, "headshot")

    assert "headshots may be at most 9.8\xa0KB" in errors


def test_a_file_whose_original_is_gone_cannot_change_kind_and_says_why(editor_client):
    _add(editor_client, make_film(), "wide.jpg", files.jpeg((1600, 1000)))
    asset = Asset.objects.get()
    Path(asset.file.path).unlink()

    errors = _kind_change_refused(editor_client, asset, "key_art")

    assert "The stored file is missing" in errors


def _kind_change_refused(client, asset, kind: str) -> str:
    """Post `asset` with another kind; the form comes back and the kind is kept. Its errors."""
    url = reverse("admin:presskit_asset_change", args=[asset.pk])
    response = client.post(url, form_data(client.get(url), "asset_form", {"kind": kind}))
    assert response.status_code == 200
    kept = asset.kind
    asset.refresh_from_db()
    assert asset.kind == kept
    return " ".join(response.context["adminform"].form.errors["kind"])


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("notes.pdf", files.fake_pdf, "This PDF is damaged"),
        ("notes.pdf", files.encrypted_pdf, "password-protected"),
        ("notes.pdf", files.jpeg, "This is a JPEG file named .pdf. Upload PDF."),
        ("notes.doc", files.pdf, "This is a PDF file named .doc. Rename it to .pdf."),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_a_bad_document_is_refused_with_a_clear_message(editor_client, name, make, message):
    shown = _refused(_add(editor_client, make_film(), name, make(), kind="document"))
    assert message in shown


def test_a_good_still_is_stored_under_a_new_name_with_its_renditions(editor_client):
    film = make_film()

    with committed():
        response = _add(editor_client, film, "Arón Piper - Salgado.jpg", files.jpeg((4000, 2667)))

    assert response.status_code == 302
    asset = Asset.objects.get()
    assert asset.original_filename == "Arón Piper - Salgado.jpg"
    assert "Arón" not in asset.file.name
    assert asset.file.name.startswith("assets/still/")
    assert (asset.format, asset.width, asset.height) == ("JPEG", 4000, 2667)
    sizes = {r.size: (r.width, r.height) for r in asset.renditions.all()}
    assert sizes == {"thumb": (480, 320), "web": (1600, 1067), "print": (3000, 2000)}


def test_a_good_document_is_kept_as_it_is(editor_client):
    response = _add(
        editor_client, make_film(), "Director's statement.pdf", files.pdf(3), "document"
    )

    assert response.status_code == 302
    asset = Asset.objects.get()
    assert asset.format == "PDF"
    assert not asset.renditions.exists()
    assert len(asset.sha256) == 64


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("phone.jpg", files.portrait_phone_jpeg),
        ("logo.png", files.png_with_alpha),
        ("still.webp", files.webp),
        ("print.jpeg", files.cmyk_jpeg),
        ("tagged.jpg", files.tagged_jpeg),
    ],
)
def test_every_accepted_format_makes_three_renditions(editor_client, name, make):
    with committed():
        response = _add(editor_client, make_film(), name, make())

    assert response.status_code == 302
    assert Asset.objects.get().renditions.count() == 3
    assert Asset.objects.get().processing == Asset.Processing.READY


def test_replacing_a_file_removes_the_old_one_once_saved(
    editor_client, django_capture_on_commit_callbacks
):
    film = make_film()
    with django_capture_on_commit_callbacks(execute=True):
        _add(editor_client, film, "first.jpg", files.jpeg())
    asset = Asset.objects.get()
    first = Path(asset.file.path)
    url = reverse("admin:presskit_asset_change", args=[asset.pk])
    data = form_data(editor_client.get(url), "asset_form")
    data["file"] = files.upload("second.png", files.png_with_alpha())

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(url, data)

    assert response.status_code == 302
    asset.refresh_from_db()
    assert asset.original_filename == "second.png"
    assert not first.exists()
    assert len(_stored_files()) == 4  # the new original and its three renditions


def test_a_picture_replaced_by_a_document_leaves_no_file_of_it_behind(editor_client):
    with committed():
        _add(editor_client, make_film(), "first.jpg", files.jpeg())
    asset = Asset.objects.get()
    url = reverse("admin:presskit_asset_change", args=[asset.pk])
    data = form_data(editor_client.get(url), "asset_form", {"kind": "document"})
    data["file"] = files.upload("statement.pdf", files.pdf())

    with committed():
        response = editor_client.post(url, data)

    assert response.status_code == 302
    asset.refresh_from_db()
    assert asset.replaced_original is None
    assert not asset.renditions.exists()
    assert _stored_files() == [Path(asset.file.path)]


def test_a_damaged_replacement_leaves_the_public_picture_as_it_was(client, editor_client):
    film = make_film(slug="la-tregua")
    with committed():
        _add(editor_client, film, "first.jpg", files.jpeg())
    asset = Asset.objects.get()
    Asset.objects.filter(pk=asset.pk).update(publication_status="published", access="public")
    first_copy = client.get(asset.url("web"))
    assert first_copy.status_code == 200
    url = reverse("admin:presskit_asset_change", args=[asset.pk])
    data = form_data(editor_client.get(url), "asset_form", {"credit_line": "Photo: a newcomer"})
    data["file"] = files.upload("second.jpg", files.truncated_jpeg())

    with committed():
        response = editor_client.post(url, data)

    assert response.status_code == 302  # judged by its header: its pixels are read later
    asset.refresh_from_db()
    assert asset.processing == Asset.Processing.READY
    assert asset.original_filename == "first.jpg"
    assert asset.credit_line != "Photo: a newcomer"  # the words of the picture shown
    assert "second.jpg could not be used, so the previous picture was kept" in (
        asset.processing_error
    )
    assert b"".join(client.get(asset.url("web")).streaming_content) == b"".join(
        first_copy.streaming_content
    )
    assert "A caption" in client.get("/films/la-tregua/").content.decode()
    assert len(_stored_files()) == 4  # the first original and its three copies, nothing else
    listing = editor_client.get(reverse("admin:presskit_asset_changelist")).content.decode()
    assert "the previous picture was kept" in listing
