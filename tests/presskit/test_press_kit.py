"""The press kit page, single downloads and the ZIP, as a journalist's tools read them."""

import datetime
import hashlib
import io
import json
import unicodedata
import zipfile
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.files.base import ContentFile
from django.http import FileResponse
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from config.lib.page_cache import content_changed
from presskit.models import Asset, Download, Film
from presskit.services import asset_save, upload_inspect

from ..factories import DRAFT, committed, make_credit, make_film, make_person
from ..pages import h1_texts, html_of
from . import files

pytestmark = pytest.mark.django_db


def _picture(
    film=None, *, person=None, kind=Asset.Kind.STILL, name="still.jpg", content=None, **fields
):
    upload = files.upload(name, content or files.jpeg((2400, 1600)))
    fields = {
        "caption": "Reyes in the barracks. Sample.",
        "credit_line": "Courtesy of the production",
        "copyright_holder": "Spassk 99 AIE",
        "usage_terms": "Editorial use only",
        "access": Asset.Access.PUBLIC,
        "publication_status": "published",
        **fields,
    }
    asset = Asset(film=film, person=person, kind=kind, file=upload, **fields)
    with committed():
        return asset_save(asset=asset, inspected=upload_inspect(upload=upload, kind=kind))


@pytest.fixture
def film():
    film = make_film(slug="la-tregua", title="La Tregua", synopsis="Karaganda, 1940s.")
    aron = make_person(name="Arón Piper", slug="aron-piper", bio="Actor from Elite.")
    make_credit(film=film, person=aron, character="Salgado")
    make_credit(film=film, person=make_person(name="Қайрат Нұртас"), character="Қазақ")
    _picture(film, title="Reyes in the barracks", order=1)
    _picture(film, title="Reyes in the barracks", order=2)  # the same title twice
    _picture(
        film,
        kind=Asset.Kind.KEY_ART,
        title="Key art",
        name="poster.png",
        content=files.png_with_alpha(),
    )
    _picture(person=aron, kind=Asset.Kind.HEADSHOT, title="", name="Arón.jpg")
    _picture(
        film, title="Embargoed still", embargo_until=timezone.now() + datetime.timedelta(days=1)
    )
    _picture(film, title="Draft still", publication_status=DRAFT)
    _picture(film, title="Press-only still", access=Asset.Access.PRESS)
    return film


def _zip(response) -> zipfile.ZipFile:
    body = b"".join(response.streaming_content)
    assert int(response["Content-Length"]) == len(body)
    return zipfile.ZipFile(io.BytesIO(body))


def test_the_kit_page_lists_every_public_picture_with_sizes_and_rights(client, film):
    html = html_of(client.get("/films/la-tregua/press-kit/"))

    assert h1_texts(html) == ["Press kit"]
    assert html.count("Reyes in the barracks") >= 2
    assert "Courtesy of the production" in html
    assert "© Spassk 99 AIE" in html
    assert "Editorial use only" in html
    assert "2400 × 1600" in html
    assert "1600 × 1067" in html
    assert "480 × 320" in html
    assert 'loading="lazy"' in html
    assert 'srcset="' in html
    assert 'alt="Reyes in the barracks. Sample."' in html
    for hidden in ("Embargoed still", "Draft still", "Press-only still"):
        assert hidden not in html


def test_the_zip_streams_with_its_size_announced_and_stored_entries(client, film):
    response = client.get("/films/la-tregua/press-kit.zip")

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "application/zip"
    archive = _zip(response)
    assert archive.testzip() is None
    for entry in archive.infolist():
        assert entry.compress_type == zipfile.ZIP_STORED
        assert "/" not in entry.filename
        assert "\\" not in entry.filename
        assert entry.filename == unicodedata.normalize("NFC", entry.filename)
        assert all(unicodedata.category(char)[0] != "C" for char in entry.filename)
        if not entry.filename.isascii():
            assert entry.flag_bits & 0x800, f"{entry.filename} lacks the UTF-8 flag"


def test_the_zip_holds_public_pictures_in_print_size_notes_credits_and_manifest(client, film):
    archive = _zip(client.get("/films/la-tregua/press-kit.zip"))
    names = archive.namelist()

    assert names == [
        "La Tregua - Key art.png",
        "La Tregua - Reyes in the barracks.jpg",
        "La Tregua - Reyes in the barracks (2).jpg",
        "Arón Piper - Headshot.jpg",
        "La Tregua - Press notes.pdf",
        "La Tregua - Credits.txt",
        "Manifest.csv",
        "Manifest.json",
    ]
    manifest = json.loads(archive.read("Manifest.json"))["files"]
    listed = {row["file"]: row for row in manifest}
    assert set(listed) == set(names) - {"Manifest.csv", "Manifest.json"}
    for name, row in listed.items():
        content = archive.read(name)
        assert row["sha256"] == hashlib.sha256(content).hexdigest()
        assert row["bytes"] == len(content)
    still = listed["La Tregua - Reyes in the barracks.jpg"]
    assert (still["width"], still["height"]) == (2400, 1600)
    assert still["credit"] == "Courtesy of the production"
    assert still["usage_terms"] == "Editorial use only"
    csv = archive.read("Manifest.csv").decode("utf-8-sig")
    assert csv.startswith(
        "file,kind,caption,credit,copyright,usage_terms,width,height,bytes,sha256"
    )


def test_the_press_notes_are_a_real_pdf_with_spanish_and_kazakh_names(client, film):
    archive = _zip(client.get("/films/la-tregua/press-kit.zip"))

    notes = PdfReader(io.BytesIO(archive.read("La Tregua - Press notes.pdf")))
    text = " ".join(page.extract_text() for page in notes.pages)
    assert "La Tregua" in text
    assert "Arón Piper" in text
    assert "Salgado" in text
    assert "Қайрат Нұртас" in text
    assert "Actor from Elite." in text
    credits = archive.read("La Tregua - Credits.txt").decode()
    assert "Arón Piper as Salgado" in credits


def _save_as_the_admin_does(record) -> None:
    """Save and tell the public pages and kits, as every admin save does once it commits."""
    with committed():
        record.save()
        content_changed()


def _press_notes_text(client) -> str:
    archive = _zip(client.get("/films/la-tregua/press-kit.zip"))
    notes = PdfReader(io.BytesIO(archive.read("La Tregua - Press notes.pdf")))
    return " ".join(page.extract_text() for page in notes.pages)


def test_the_press_notes_follow_every_change_to_the_film(client, film):
    assert "Karaganda, 1940s." in _press_notes_text(client)

    film.synopsis = "Kazakhstan, 1946: a truce between enemies."
    _save_as_the_admin_does(film)

    text = _press_notes_text(client)
    assert "a truce between enemies" in text
    assert "Karaganda, 1940s." not in text


def test_the_press_notes_download_alone_and_are_logged(client, film):
    page = html_of(client.get("/films/la-tregua/press-kit/"))
    response = client.get("/films/la-tregua/press-notes.pdf?download")

    assert "/films/la-tregua/press-notes.pdf" in page
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == ('attachment; filename="La Tregua - Press notes.pdf"')
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Arón Piper" in text
    again = client.get(
        "/films/la-tregua/press-notes.pdf", headers={"If-None-Match": response["ETag"]}
    )
    assert again.status_code == 304
    assert Download.objects.get().description == "La Tregua - Press notes.pdf"


def test_the_zip_download_name_survives_accents(client):
    film = make_film(slug="la-tregua", title="La Tregua: Қарағанды")

    response = client.get(reverse("presskit:film-press-kit-zip", args=[film.slug]))

    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''La%20Tregua%20%D2%9A%D0%B0%D1%80" in disposition


def test_a_single_file_downloads_under_its_proper_name_and_is_logged(client, film):
    asset = Asset.objects.get(title="Key art")

    response = client.get(
        reverse("presskit:asset-file", args=[asset.pk, "print", "x.png"]) + "?download"
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="La Tregua - Key art.png"'
    log = Download.objects.get()
    assert (log.kind, log.asset, log.size, log.film) == ("file", asset, "print", film)


def test_accented_single_file_names_use_rfc_6266(client, film):
    headshot = Asset.objects.get(kind=Asset.Kind.HEADSHOT)

    response = client.get(
        reverse("presskit:asset-file", args=[headshot.pk, "web", "x.jpg"]) + "?download"
    )

    assert (
        "filename*=utf-8''Ar%C3%B3n%20Piper%20-%20Headshot%20%28web%29.jpg"
        in response["Content-Disposition"]
    )


def test_files_answer_conditional_requests(client, film):
    asset = Asset.objects.get(title="Key art")
    url = reverse("presskit:asset-file", args=[asset.pk, "web", "x.png"])
    first = client.get(url)
    b"".join(first.streaming_content)

    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    since = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})

    assert first["ETag"] == f'"{asset.renditions.get(size="web").sha256}"'
    assert first["Cache-Control"] == "no-cache"
    assert (again.status_code, since.status_code) == (304, 304)


def test_a_file_made_again_is_not_answered_as_unchanged(client, film):
    asset = Asset.objects.get(title="Key art")
    url = reverse("presskit:asset-file", args=[asset.pk, "web", "x.png"])
    first = client.get(url)

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=5)):
        asset.credit_line = "Photo: Ana Gómez"
        with committed():
            asset_save(asset=asset)  # the words written into the picture changed
        since = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
        again = client.get(url, headers={"If-None-Match": first["ETag"]})

    assert (since.status_code, again.status_code) == (200, 200)


def test_the_zip_answers_conditional_requests(client, film):
    built = client.get("/films/la-tregua/press-kit.zip")
    b"".join(built.streaming_content)  # built as it is sent, and kept
    kept = client.get("/films/la-tregua/press-kit.zip")
    b"".join(kept.streaming_content)

    again = client.get("/films/la-tregua/press-kit.zip", headers={"If-None-Match": kept["ETag"]})
    since = client.get(
        "/films/la-tregua/press-kit.zip", headers={"If-Modified-Since": kept["Last-Modified"]}
    )

    # The first build is weak (another build differs byte for byte); the kept
    # file is strong: the same bytes for every download until the kit changes.
    assert built["ETag"].startswith("W/")
    assert not kept["ETag"].startswith("W/")
    assert (again.status_code, since.status_code) == (304, 304)
    assert Download.objects.filter(kind="kit").count() == 2


def test_a_broken_off_kit_download_resumes_where_it_stopped(client, film):
    whole = b"".join(client.get("/films/la-tregua/press-kit.zip").streaming_content)
    first = client.get("/films/la-tregua/press-kit.zip")

    rest = client.get(
        "/films/la-tregua/press-kit.zip",
        headers={"Range": "bytes=1000-", "If-Range": first["ETag"]},
    )

    assert rest.status_code == 206
    assert rest["Content-Range"] == f"bytes 1000-{len(whole) - 1}/{len(whole)}"
    assert b"".join(rest.streaming_content) == whole[1000:]
    assert Download.objects.filter(kind="kit").count() == 2  # a resumption is no new download


def test_a_resumption_of_a_kit_that_changed_starts_again_from_the_start(client, film):
    b"".join(client.get("/films/la-tregua/press-kit.zip").streaming_content)

    answer = client.get(
        "/films/la-tregua/press-kit.zip",
        headers={"Range": "bytes=1000-", "If-Range": '"an-older-kit"'},
    )

    assert answer.status_code == 200


def test_a_file_resumes_and_a_range_past_its_end_is_refused(client, film):
    asset = Asset.objects.get(title="Key art")
    url = reverse("presskit:asset-file", args=[asset.pk, "print", "x.png"])
    whole = b"".join(client.get(url).streaming_content)

    tail = client.get(url, headers={"Range": "bytes=-100"})
    past = client.get(url, headers={"Range": f"bytes={len(whole)}-"})
    no_range = client.get(url, headers={"Range": "bytes=-"})

    assert no_range.status_code == 200  # not a range at all: the whole file
    assert b"".join(no_range.streaming_content) == whole
    assert tail.status_code == 206
    assert b"".join(tail.streaming_content) == whole[-100:]
    assert past.status_code == 416
    assert past["Content-Range"] == f"bytes */{len(whole)}"


def test_files_run_nothing_and_documents_are_attachments(client, film):
    document = Asset.objects.create(
        film=film,
        kind=Asset.Kind.DOCUMENT,
        file=ContentFile(files.pdf(), name="statement.pdf"),
        title="Statement",
        access=Asset.Access.PUBLIC,
        publication_status="published",
        processing=Asset.Processing.READY,
    )
    still = Asset.objects.get(title="Key art")

    pdf = client.get(reverse("presskit:asset-file", args=[document.pk, "original", "x.pdf"]))
    web = client.get(reverse("presskit:asset-file", args=[still.pk, "web", "x.png"]))

    assert pdf["Content-Disposition"].startswith("attachment;")
    for response in (pdf, web):
        assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
        assert response["X-Content-Type-Options"] == "nosniff"


def test_a_staff_preview_of_a_hidden_file_is_kept_by_no_cache_and_no_robot(editor_client, film):
    draft = Asset.objects.get(title="Draft still")

    response = editor_client.get(reverse("presskit:asset-file", args=[draft.pk, "web", "x.jpg"]))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_staff_members_kit_page_of_a_published_film_is_kept_by_no_cache_and_no_robot(
    client, editor_client, film
):
    staff = editor_client.get("/films/la-tregua/press-kit/")
    public = client.get("/films/la-tregua/press-kit/")

    assert "Draft still" in staff.content.decode()
    assert "private" in staff["Cache-Control"]
    assert "no-store" in staff["Cache-Control"]
    assert staff["X-Robots-Tag"] == "noindex, nofollow"
    assert "Draft still" not in public.content.decode()
    assert "X-Robots-Tag" not in public


def test_a_file_missing_from_storage_is_taken_out_and_made_again(client, editor_client, film):
    asset = Asset.objects.get(title="Key art")
    print_copy = asset.renditions.get(size="print")
    Path(print_copy.file.path).unlink()

    with committed():
        response = client.get("/films/la-tregua/press-kit.zip")

    assert response.status_code == 503
    assert "missing from storage" in response.content.decode()
    assert not Download.objects.filter(kind="kit").exists()
    asset.refresh_from_db()
    assert asset.processing == Asset.Processing.READY  # its copies were made again
    assert Path(asset.renditions.get(size="print").file.path).exists()
    again = client.get("/films/la-tregua/press-kit.zip")
    assert again.status_code == 200
    assert len(_zip(again).namelist()) > 3


def test_a_file_lost_with_its_original_is_shown_failed_to_editors(client, editor_client, film):
    asset = Asset.objects.get(title="Key art")
    Path(asset.file.path).unlink()
    web = asset.renditions.get(size="web")
    Path(web.file.path).unlink()

    response = client.get(reverse("presskit:asset-file", args=[asset.pk, "web", "x.png"]))

    assert response.status_code == 503
    asset.refresh_from_db()
    assert asset.processing == Asset.Processing.FAILED
    listing = editor_client.get(reverse("admin:presskit_asset_changelist")).content.decode()
    assert "missing from storage" in listing
    assert (
        client.get(reverse("presskit:asset-file", args=[asset.pk, "web", "x.png"])).status_code
        == 404
    )


def test_the_zip_is_not_unchanged_once_a_bio_changes(client, film):
    first = client.get("/films/la-tregua/press-kit.zip")
    aron = film.credits.get(character="Salgado").person
    aron.bio = "Actor from Elite and La Tregua."
    _save_as_the_admin_does(aron)

    again = client.get("/films/la-tregua/press-kit.zip", headers={"If-None-Match": first["ETag"]})

    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]


def test_print_copies_and_documents_are_logged_even_without_the_button(client, film):
    asset = Asset.objects.get(title="Key art")
    for size in ("thumb", "web", "print"):
        client.get(reverse("presskit:asset-file", args=[asset.pk, size, "x.png"]))

    # Pages show thumbnails and web copies: showing them is not downloading them.
    assert list(Download.objects.values_list("size", flat=True)) == ["print"]


@pytest.mark.parametrize("title", ["Embargoed still", "Draft still", "Press-only still"])
def test_hidden_files_cannot_be_fetched_by_their_address(client, editor_client, film, title):
    asset = Asset.objects.get(title=title)
    url = reverse("presskit:asset-file", args=[asset.pk, "print", "x.jpg"])

    assert client.get(url).status_code == 404
    assert editor_client.get(url).status_code == 200  # staff preview them


def test_an_embargoed_still_joins_the_kit_when_its_embargo_lifts(client, film):
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        names = _zip(client.get("/films/la-tregua/press-kit.zip")).namelist()

    assert "La Tregua - Embargoed still.jpg" in names


def test_a_draft_film_has_no_public_kit(client):
    make_film(slug="secret", publication_status=DRAFT)

    assert client.get("/films/secret/press-kit/").status_code == 404
    assert client.get("/films/secret/press-kit.zip").status_code == 404
    assert client.get("/films/secret/press-notes.pdf").status_code == 404


def test_the_film_page_shows_its_stills_with_credits(client, film):
    html = html_of(client.get("/films/la-tregua/"))

    assert "Reyes in the barracks. Sample." in html
    assert "© Spassk 99 AIE" in html
    assert 'width="480" height="320"' in html
    assert "Press-only still" not in html


def test_press_officers_see_download_counts_per_file_and_film(client, press_client, film):
    asset = Asset.objects.get(title="Key art")
    for _ in range(3):
        client.get(reverse("presskit:asset-file", args=[asset.pk, "print", "x.png"]) + "?download")
    b"".join(client.get("/films/la-tregua/press-kit.zip").streaming_content)

    assets = press_client.get(reverse("admin:presskit_asset_changelist"))
    films = press_client.get(reverse("admin:presskit_film_changelist"))
    log = press_client.get(reverse("admin:presskit_download_changelist"))

    counts = {str(row): row.download_count for row in assets.context["cl"].result_list}
    assert counts["Key art: Key art"] == 3
    assert films.context["cl"].result_list[0].download_count == 4
    assert films.context["cl"].result_list[0].kit_count == 1
    assert "La Tregua - Press kit.zip" in log.content.decode()


def _stored_kits() -> list[str]:
    root = Path(settings.MEDIA_ROOT) / "kits"
    return sorted(str(path.relative_to(root)) for path in root.rglob("*.zip"))


def test_the_public_zip_is_kept_once_built_and_sent_from_storage_after(client, film):
    first = client.get("/films/la-tregua/press-kit.zip")
    assert first.streaming
    built = b"".join(first.streaming_content)
    assert len(_stored_kits()) == 1

    again = client.get("/films/la-tregua/press-kit.zip")

    assert isinstance(again, FileResponse)
    assert b"".join(again.streaming_content) == built
    assert int(again["Content-Length"]) == len(built)
    assert "La Tregua - Press kit.zip" in again["Content-Disposition"]
    assert Download.objects.filter(kind="kit").count() == 2


def test_a_kept_zip_still_being_copied_into_place_is_never_sent(client, film):
    # The clock stands still: each entry carries the time its ZIP was built (to two
    # seconds), and the two builds below must be byte for byte the same kit.
    with time_machine.travel(timezone.now(), tick=False):
        built = b"".join(client.get("/films/la-tregua/press-kit.zip").streaming_content)
        [kept] = _stored_kits()
        path = Path(settings.MEDIA_ROOT) / "kits" / kept
        path.write_bytes(built[: len(built) // 2])  # as a storage that copies shows it midway

        response = client.get("/films/la-tregua/press-kit.zip")
        body = b"".join(response.streaming_content)

    assert not isinstance(response, FileResponse)
    assert body == built
    assert int(response["Content-Length"]) == len(built)
    assert path.read_bytes() == built  # kept whole this time, for the next downloads


def test_a_changed_kit_is_built_anew_and_the_old_zip_goes(client, film):
    b"".join(client.get("/films/la-tregua/press-kit.zip").streaming_content)
    kept = _stored_kits()
    aron = film.credits.get(character="Salgado").person
    aron.bio = "Actor from Elite and La Tregua."
    _save_as_the_admin_does(aron)

    changed = client.get("/films/la-tregua/press-kit.zip")
    assert changed.streaming
    assert not isinstance(changed, FileResponse)
    names = _zip(changed).namelist()

    assert "La Tregua - Press notes.pdf" in names
    assert len(_stored_kits()) == 1
    assert _stored_kits() != kept


def test_a_kit_whose_copies_are_remade_during_the_download_arrives_whole(client, film):
    response = client.get("/films/la-tregua/press-kit.zip")
    chunks = iter(response.streaming_content)
    first = next(chunks)
    still = film.assets.get(title="Key art")
    old_copy = still.renditions.get(size="print").file.name
    still.caption = "Key art, corrected."
    with committed():
        asset_save(asset=still)  # its copies are made again and the old ones deleted

    body = first + b"".join(chunks)

    assert not still.renditions.get(size="print").file.storage.exists(old_copy)
    assert len(body) == int(response["Content-Length"])
    assert zipfile.ZipFile(io.BytesIO(body)).testzip() is None


def test_a_kit_whose_copies_are_remade_while_it_is_listed_is_listed_again(
    client, film, monkeypatch
):
    import presskit.downloads

    listed = presskit.downloads.press_kit
    still = film.assets.get(title="Key art")

    def listed_then_remade(*args):
        kit = listed(*args)
        if still.caption != "Key art, corrected.":
            still.caption = "Key art, corrected."
            with committed():
                asset_save(asset=still)  # new copies; the listed ones are deleted
        return kit

    monkeypatch.setattr(presskit.downloads, "press_kit", listed_then_remade)

    response = client.get("/films/la-tregua/press-kit.zip")

    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert zipfile.ZipFile(io.BytesIO(body)).testzip() is None
    still.refresh_from_db()
    assert still.processing == Asset.Processing.READY  # not taken for a lost file
    assert still.processing_error == ""


@pytest.mark.django_db(transaction=True)  # as served: the end of a request ends its connection
def test_a_download_broken_off_keeps_nothing(client, film):
    response = client.get("/films/la-tregua/press-kit.zip")
    chunks = iter(response.streaming_content)
    next(chunks)
    response.close()  # the client went away after the first chunk

    assert _stored_kits() == []
    assert client.get("/films/la-tregua/press-kit.zip").streaming  # built again, whole


def test_a_staff_members_kit_with_its_drafts_is_never_kept(editor_client, film):
    b"".join(editor_client.get("/films/la-tregua/press-kit.zip").streaming_content)

    assert _stored_kits() == []


def test_a_staff_members_kit_is_private_and_never_becomes_the_publics(client, editor_client, film):
    staff = editor_client.get("/films/la-tregua/press-kit.zip")
    staff_names = _zip(staff).namelist()
    public_names = _zip(client.get("/films/la-tregua/press-kit.zip")).namelist()
    kept_names = _zip(client.get("/films/la-tregua/press-kit.zip")).namelist()

    assert "private" in staff["Cache-Control"]
    assert "La Tregua - Draft still.jpg" in staff_names
    assert "La Tregua - Draft still.jpg" not in public_names + kept_names
    assert public_names == kept_names


def test_a_change_made_outside_the_admin_reaches_the_kit_within_the_stated_time(client, film):
    b"".join(client.get("/films/la-tregua/press-kit.zip").streaming_content)
    Film.objects.filter(pk=film.pk).update(synopsis="Changed in a shell.")

    later = timezone.now() + datetime.timedelta(seconds=settings.PUBLIC_CACHE_SECONDS + 1)
    with time_machine.travel(later):
        assert "Changed in a shell." in _press_notes_text(client)
