"""Trailers, clips and EPKs: uploaded and checked by content, or linked; shown with their rights."""

import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from config.lib.page_cache import content_changed
from presskit.models import Asset
from presskit.services import asset_save, upload_inspect
from presskit.videos import read_video_link

from ..factories import DRAFT, committed, make_film
from ..pages import html_of, json_ld_of_type, parse_strictly
from . import files

pytestmark = pytest.mark.django_db
FILM = "/films/la-tregua/"


@pytest.fixture
def film():
    return make_film(slug="la-tregua", title="La Tregua")


def _video(film, *, name="trailer.webm", content=None, kind=Asset.Kind.TRAILER, **fields):
    upload = files.upload(name, content or files.video("WEBM", size=(320, 180)))
    fields = {
        "title": "Trailer",
        "caption": "The first trailer.",
        "credit_line": "Courtesy of the production",
        "usage_terms": "Editorial use only",
        "access": Asset.Access.PUBLIC,
        "publication_status": "published",
        **fields,
    }
    asset = Asset(film=film, kind=kind, file=upload, **fields)
    inspected = upload_inspect(upload=upload, kind=kind, linked=bool(asset.video_url))
    with committed():
        asset_save(asset=asset, inspected=inspected)
    asset.refresh_from_db()
    return asset


def _refusal(name: str, content: bytes, *, kind=Asset.Kind.TRAILER, linked=False) -> str:
    with pytest.raises(ValidationError) as refused:
        upload_inspect(upload=files.upload(name, content), kind=kind, linked=linked)
    return " ".join(refused.value.messages)


def test_an_uploaded_trailer_gets_a_poster_from_its_frames_and_plays_on_the_film_page(client, film):
    trailer = _video(film)

    assert trailer.processing == Asset.Processing.READY
    poster = trailer.renditions.get(size="thumb")
    assert (poster.width, poster.height) == (320, 180)
    html = html_of(client.get(FILM))
    player = parse_strictly(html).find(".//section[@aria-labelledby='videos']//video")
    assert player.get("poster") == trailer.url("web")
    assert player.find("source").get("src") == trailer.url("original")
    assert player.find("source").get("type") == "video/webm"
    assert "The first trailer." in html
    assert "Courtesy of the production" in html
    assert 'href="#videos"' in html, "the contents lead to it"
    assert "frame-src" not in client.get(FILM)["Content-Security-Policy"], "no frame needed"


def test_the_video_file_streams_and_resumes_as_a_player_asks(client, film):
    trailer = _video(film)

    whole = client.get(trailer.url("original"))
    part = client.get(trailer.url("original"), HTTP_RANGE="bytes=0-99")

    assert whole["Content-Type"] == "video/webm"
    assert b"".join(whole.streaming_content)[:4] == b"\x1a\x45\xdf\xa3"
    assert part.status_code == 206
    assert part["Content-Length"] == "100"


def test_a_trailer_goes_into_the_kit_as_the_file_it_is(client, film):
    _video(film)

    body = b"".join(client.get(f"{FILM}press-kit.zip").streaming_content)

    assert "La Tregua - Trailer.webm" in zipfile.ZipFile(io.BytesIO(body)).namelist()


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("trailer.mp4", files.png_with_alpha(), "Upload the video itself (MP4 or WebM)"),
        ("trailer.webm", files.video("MP4"), "named .webm. Rename it to .mp4"),
        ("trailer.mp4", files.video("MP4", codec="mpeg4"), "browsers do not play"),
        ("trailer.mp4", files.video("MP4")[:300], "damaged or incomplete"),
        ("trailer.mp4", b"not a video at all", "not a format we can check"),
    ],
    ids=["a picture", "a wrong extension", "an unplayable codec", "cut short", "not a video"],
)
def test_an_upload_that_is_not_a_playable_video_says_why(name, content, said):
    assert said in _refusal(name, content)


def test_an_mp4_in_h264_is_accepted(film):
    trailer = _video(film, name="trailer.mp4", content=files.video("MP4"))

    assert trailer.format == "MP4"
    assert trailer.renditions.filter(size="web").exists()


def test_a_video_is_refused_as_a_still():
    assert "This file is a video: make it a trailer, a clip or an EPK." in _refusal(
        "still.mp4", files.video("MP4"), kind=Asset.Kind.STILL
    )


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://youtu.be/dQw4w9WgXcQ?t=10", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://vimeo.com/123456789", "https://player.vimeo.com/video/123456789?dnt=1"),
    ],
)
def test_a_link_to_a_known_host_plays_in_its_privacy_minded_player(url, embed):
    assert read_video_link(url).embed_url == embed


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("https://videos.example.com/trailer.mp4", "on YouTube or Vimeo"),
        ("https://www.youtube.com/channel/UC123", "does not name one video"),
    ],
)
def test_a_link_elsewhere_is_refused_with_what_to_do(url, said):
    with pytest.raises(ValidationError, match=said):
        read_video_link(url)


def test_a_linked_trailer_shows_in_a_frame_the_page_allows_and_no_other(client, film):
    _video(
        film,
        name="poster.jpg",
        content=files.jpeg((1280, 720)),
        video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    )

    response = client.get(FILM)
    frame = parse_strictly(html_of(response)).find(".//iframe")

    assert frame.get("src") == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    assert frame.get("title") == "Trailer: Trailer, YouTube player"
    policy = response["Content-Security-Policy"]
    assert re.search(r"frame-src https://www\.youtube-nocookie\.com(;|$)", policy)
    video = json_ld_of_type(html_of(response), "VideoObject")[0]
    assert video["embedUrl"] == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    names = zipfile.ZipFile(
        io.BytesIO(b"".join(client.get(f"{FILM}press-kit.zip").streaming_content))
    ).namelist()
    assert not any("Trailer" in name for name in names), "a linked video has no file to give"
    assert "Watch it on YouTube" in html_of(client.get(f"{FILM}press-kit/"))


def test_with_a_link_the_file_is_a_poster_not_the_video():
    said = _refusal("trailer.webm", files.video("WEBM"), linked=True)

    assert "With a video link, the file is the video's poster" in said


def test_a_still_cannot_have_a_video_link(editor_client, film):
    upload = files.upload("still.jpg", files.jpeg())
    response = editor_client.post(
        reverse("admin:presskit_asset_add"),
        {
            "kind": Asset.Kind.STILL,
            "film": film.pk,
            "file": upload,
            "video_url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "caption": "A still.",
            "access": Asset.Access.PRESS,
            "print_access": Asset.Access.PRESS,
            "order": 0,
            "publication_status": DRAFT,
            "embargo_minutes_after": 0,
        },
    )

    assert response.status_code == 200
    assert "Only trailers, clips and EPKs have a video link." in response.content.decode()
    assert not Asset.objects.exists()


@pytest.mark.parametrize(
    "hidden",
    [{"publication_status": DRAFT}, {"access": Asset.Access.PRESS}],
    ids=["draft", "press"],
)
def test_a_hidden_trailer_shows_nowhere_public_until_it_is(client, film, hidden):
    trailer = _video(film, title="Secret trailer", **hidden)
    assert trailer.processing == Asset.Processing.READY, "hidden by the gate, not by a failure"

    def public():
        page = client.get(FILM).content.decode()
        kit = zipfile.ZipFile(
            io.BytesIO(b"".join(client.get(f"{FILM}press-kit.zip").streaming_content))
        )
        return page, kit.namelist(), client.get(trailer.url("original")).status_code

    page, names, status = public()
    assert "Secret trailer" not in page
    assert not json_ld_of_type(page, "VideoObject")
    assert not any("Secret trailer" in name for name in names)
    assert status == 404
    assert client.get(trailer.url("thumb")).status_code == 404, "nor its poster"
    assert client.get(trailer.get_absolute_url()).status_code == 404

    with committed():
        Asset.objects.filter(pk=trailer.pk).update(publication_status="published", access="public")
        content_changed()
    page, names, status = public()
    assert "Secret trailer" in page
    assert "La Tregua - Secret trailer.webm" in names
    assert status == 200


def test_a_document_cannot_have_a_video_link():
    said = _refusal("notes.pdf", files.pdf(), kind=Asset.Kind.DOCUMENT, linked=True)

    assert "Only trailers, clips and EPKs have a video link." in said


def test_a_video_that_fails_to_replace_a_still_leaves_it_hidden_not_half_changed(film, monkeypatch):
    from presskit import videos
    from presskit.models import Rendition

    def damaged(source, format):
        raise ValidationError("No picture could be read from this video: it is damaged.")

    still = _video(film, name="still.jpg", content=files.jpeg(), kind=Asset.Kind.STILL, title="S")
    monkeypatch.setattr(videos, "poster_frame", damaged)
    still.kind = Asset.Kind.TRAILER
    still.file = files.upload("trailer.webm", files.video("WEBM"))
    with committed():
        asset_save(asset=still, inspected=upload_inspect(upload=still.file, kind=still.kind))
    still.refresh_from_db()

    assert still.processing == Asset.Processing.FAILED
    assert still.kind == Asset.Kind.TRAILER
    assert not Rendition.objects.filter(asset=still).exists()
    assert not Asset.objects.published().filter(pk=still.pk).exists()
