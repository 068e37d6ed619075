"""A video's subtitles: given as WebVTT or SRT, checked, played in four languages, downloaded
beside the video, and had only by whoever may have the video."""

import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from config.lib.page_cache import content_changed
from presskit.models import Asset, Download, PreviewLink, Subtitles
from presskit.services import asset_save, upload_inspect
from presskit.subtitles import read_subtitles

from ..admin_forms import form_data
from ..factories import committed, make_accreditation, make_film, make_picture, signed_in
from ..pages import html_of, parse_strictly
from . import files

pytestmark = pytest.mark.django_db
FILM = "/films/la-tregua/"
SRT = (
    "1\r\n00:00:01,000 --> 00:00:02,500\r\nЕкі жау, бір бітім.\r\n\r\n"
    "2\r\n00:00:03,000 --> 00:00:04,000\r\nLa tregua.\r\n"
)
WEBVTT = "WEBVTT\n\n00:00:01.000 --> 00:00:02.500\nTwo enemies, one truce.\n"


@pytest.fixture
def film():
    return make_film(slug="la-tregua", title="La Tregua")


def _trailer(film, **fields) -> Asset:
    upload = files.upload("trailer.webm", files.video("WEBM", size=(320, 180)))
    fields = {
        "title": "Trailer",
        "access": Asset.Access.PUBLIC,
        "publication_status": "published",
        **fields,
    }
    asset = Asset(film=film, kind=Asset.Kind.TRAILER, file=upload, **fields)
    with committed():
        asset_save(asset=asset, inspected=upload_inspect(upload=upload, kind=asset.kind))
    asset.refresh_from_db()
    return asset


def _subtitles(video, language, text=WEBVTT, kind=Subtitles.Kind.SUBTITLES) -> Subtitles:
    subtitles = Subtitles(asset=video, language=language, kind=kind, text=text)
    subtitles.full_clean()  # as the admin does: SRT is kept as WebVTT
    with committed():
        subtitles.save()
        content_changed()
    return subtitles


def _kit_names(client) -> dict[str, bytes]:
    kit = zipfile.ZipFile(
        io.BytesIO(b"".join(client.get(f"{FILM}press-kit.zip").streaming_content))
    )
    return {name: kit.read(name) for name in kit.namelist()}


def test_srt_is_kept_as_webvtt_with_its_cyrillic():
    kept = read_subtitles("\ufeff" + SRT)

    assert kept == (
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.500\nЕкі жау, бір бітім.\n\n"
        "00:00:03.000 --> 00:00:04.000\nLa tregua.\n"
    )


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("Hello, this is a script.", "neither WebVTT nor SubRip (SRT)"),
        (SRT.replace("00:00:03,000", "00:00:0x,000"), "Line 6: the timing “00:00:0x,000"),
        (WEBVTT.replace("00:00:02.500", "00:00:00.500"), "Cue 1 (00:00:01.000) ends at"),
        ("  ", "Paste or upload the subtitles."),
        ("WEBVTT\n\n1\nHello there\n\n" + WEBVTT[8:], "Line 3: the lines from “1” have"),
        (SRT.replace("\r\n\r\n2", "\r\n\r\nstray words\r\n\r\n2"), "Line 5: the lines"),
        (SRT + "\r\n3\r\n00:00:00,100 --> 00:00:00,900\r\nEarly.\r\n", "Cue 3 starts at"),
        (WEBVTT.replace("Two", "Two\x00"), "Line 4 holds a control character"),
        ("WEBVTTX\n\n" + WEBVTT[8:], "The first line must be WEBVTT alone"),
        ("WEBVTT\n", "These subtitles have no cue"),
        (SRT.replace("Екі жау, бір бітім.\r\n", ""), "Line 2: the cue at “00:00:01,000"),
    ],
    ids=[
        *("not subtitles", "unreadable timing", "backwards", "empty", "a block with no timing"),
        *("stray text in SRT", "out of time order", "a NUL", "not the header", "no cue"),
        "a cue with no text",
    ],
)
def test_subtitles_that_cannot_be_read_are_refused_saying_where(given, said):
    with pytest.raises(ValidationError) as refused:
        read_subtitles(given)

    assert said in " ".join(refused.value.messages)


@pytest.mark.parametrize(
    "given",
    [
        "WEBVTT\nKind: captions\nLanguage: es\n\n00:01.000 --> 00:02.000\nHola\n",
        "WEBVTT\tLa Tregua\n\nNOTE from the translator\n\nSTYLE\n::cue { color: yellow }\n\n"
        "REGION\nid:bottom\n\nintro\n00:01.000 --> 00:02.000 align:start region:bottom\n"
        "<v Reyes>Hola.\nSegunda línea.\n",
        "1\n0:00:01,000 --> 0:00:02,000\nOne digit of hours.",
        SRT + "\r\n\r\n",
    ],
    ids=["header lines", "notes, styles, regions, settings", "SRT's short hours", "blank end"],
)
def test_subtitles_as_subtitlers_write_them_are_kept(given):
    kept = read_subtitles(given)

    assert kept.startswith("WEBVTT")
    assert kept.count("-->") == given.count("-->")


def test_the_player_offers_every_language_with_the_readers_own_shown_first(client, film):
    trailer = _trailer(film)
    for language in ("en", "es", "kk", "ru"):
        _subtitles(trailer, language)

    player = parse_strictly(html_of(client.get(f"/es{FILM}"))).find(".//video")
    tracks = player.findall("track")

    assert [track.get("srclang") for track in tracks] == ["es", "en", "kk", "ru"]
    assert [track.get("label") for track in tracks] == [
        "Español",
        "English",
        "Қазақ тілі",
        "Русский",
    ]
    assert [track.get("default") is not None for track in tracks] == [True, False, False, False]
    assert client.get(tracks[2].get("src")).content.decode().count("-->") == 1
    english = parse_strictly(html_of(client.get(FILM))).find(".//video")
    assert english.find("track").get("srclang") == "en"
    assert english.find("track").get("default") is not None


def test_captions_are_offered_but_never_forced_on(client, film):
    trailer = _trailer(film)
    _subtitles(trailer, "en", kind=Subtitles.Kind.CAPTIONS)

    track = parse_strictly(html_of(client.get(FILM))).find(".//video/track")

    assert track.get("kind") == "captions"
    assert track.get("label") == "English, captions"
    assert track.get("default") is None, "captions are chosen by who needs them"


def test_a_download_is_named_after_the_video_so_players_load_it_beside_it(client, film):
    trailer = _trailer(film)
    subtitles = _subtitles(trailer, "kk", SRT)

    response = client.get(subtitles.url(download=True))

    assert response["Content-Type"] == "text/vtt; charset=utf-8"
    assert 'filename="La Tregua - Trailer.kk.vtt"' in response["Content-Disposition"]
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response.content.decode().startswith("WEBVTT\n\n00:00:01.000 --> 00:00:02.500\nЕкі")
    again = client.get(subtitles.url(), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_a_download_is_in_the_log_and_the_players_own_reading_is_not(client, film):
    trailer = _trailer(film)
    subtitles = _subtitles(trailer, "kk", SRT)
    captions = _subtitles(trailer, "en", kind=Subtitles.Kind.CAPTIONS)

    client.get(subtitles.url())  # the page's player
    first = client.get(subtitles.url(download=True))
    client.get(subtitles.url(download=True), HTTP_IF_NONE_MATCH=first["ETag"])  # kept already
    client.head(subtitles.url(download=True))
    journalist = signed_in(make_accreditation(new_outlet="Kazinform").user)
    journalist.get(captions.url(download=True))

    logged = Download.objects.order_by("downloaded_at", "pk")
    assert [(d.asset, d.film, d.size, d.outlet, d.description) for d in logged] == [
        (trailer, film, "vtt", "", "La Tregua - Trailer.kk.vtt (subtitles)"),
        (trailer, film, "vtt", "Kazinform", "La Tregua - Trailer.en.sdh.vtt (captions)"),
    ]


def test_the_log_names_them_in_english_from_a_page_in_another_language(client, film):
    untitled = _trailer(film, title="")  # named by its kind, in the page's language
    subtitles = _subtitles(untitled, "es")

    response = client.get(f"/es{subtitles.url(download=True)}")

    assert "Tr%C3%A1iler.es.vtt" in response["Content-Disposition"]  # the reader's own
    assert Download.objects.get().description == "La Tregua - Trailer.es.vtt (subtitles)"


def test_the_press_kit_holds_them_beside_the_video(client, film):
    trailer = _trailer(film)
    _subtitles(trailer, "es", SRT)
    _subtitles(trailer, "en", kind=Subtitles.Kind.CAPTIONS)

    names = _kit_names(client)

    assert names["La Tregua - Trailer.es.vtt"].decode().startswith("WEBVTT")
    assert "Two enemies" in names["La Tregua - Trailer.en.sdh.vtt"].decode()
    manifest = names["Manifest.csv"].decode()
    assert "La Tregua - Trailer.es.vtt" in manifest
    page = parse_strictly(html_of(client.get(f"{FILM}press-kit/")))
    links = page.findall(".//p[@class='subtitle-links']/a")
    # The language in its own words, in its own `lang`; "captions" in the page's language.
    assert [(a[0].get("lang"), a[0].text, a[0].tail) for a in links] == [
        ("en", "English", ", captions"),
        ("es", "Español", None),
    ]
    assert [a[1].text for a in links] == [": Trailer", ": Trailer"], "named for screen readers"


def test_a_press_only_videos_subtitles_are_the_presss_alone(client, film):
    trailer = _trailer(film, access=Asset.Access.PRESS)
    subtitles = _subtitles(trailer, "ru", WEBVTT.replace("Two enemies", "Pressonlysubs"))
    journalist = signed_in(make_accreditation().user)

    assert client.get(subtitles.url()).status_code == 404
    assert "Pressonlysubs" not in b"".join(_kit_names(client).values()).decode(errors="ignore")
    assert "Pressonlysubs" in journalist.get(subtitles.url()).content.decode()


def test_a_still_has_no_subtitles(client, film):
    still = make_picture(film)
    subtitles = Subtitles(asset=still, language="en", text=WEBVTT)

    with pytest.raises(ValidationError, match=r"Only a trailer, clip or EPK has subtitles\."):
        subtitles.full_clean()
    with committed():
        Subtitles.objects.create(asset=still, language="en", text=WEBVTT)  # past the admin
    url = reverse("presskit:asset-subtitles", args=[still.pk, "subtitles", "en"])
    assert client.get(url).status_code == 404


def test_an_editor_uploads_srt_in_the_admin_and_it_plays_as_webvtt(
    editor_client, client, film, django_capture_on_commit_callbacks
):
    trailer = _trailer(film)
    assert "Қазақ тілі" not in html_of(client.get(FILM))  # and now kept by the page cache
    url = reverse("admin:presskit_asset_change", args=[trailer.pk])
    editor_client.post(url, form_data(editor_client.get(url), "asset_form"))  # a first version
    page = editor_client.get(url)
    data = form_data(page, "asset_form", {"subtitles-0-language": "kk"})
    data["subtitles-0-upload"] = files.upload("trailer.kk.srt", SRT.encode())

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    kept = Subtitles.objects.get(asset=trailer)
    assert (kept.language, kept.kind) == ("kk", Subtitles.Kind.SUBTITLES)
    assert kept.text.startswith("WEBVTT\n\n00:00:01.000 --> 00:00:02.500\nЕкі жау")
    assert "Қазақ тілі" in html_of(client.get(FILM)), "the page changed with it"
    history = editor_client.get(reverse("admin:presskit_asset_history", args=[trailer.pk]))
    rows = re.findall(r'class="history-row"><strong>(.*?)</strong> (.*?)</p>', history.text)
    assert ("Subtitles added:", "Trailer: Trailer (Subtitles, kk)") in rows, "kept, to undo"


def test_a_second_editor_never_silently_overwrites_the_first_ones_subtitles(editor_client, film):
    trailer = _trailer(film)
    subtitles = _subtitles(trailer, "en")
    url = reverse("admin:presskit_asset_change", args=[trailer.pk])
    opened = editor_client.get(url)
    fixed = WEBVTT.replace("Two enemies", "Two old enemies")
    subtitles.text = fixed
    subtitles.save()  # by a colleague, while this page was open

    refused = editor_client.post(url, form_data(opened, "asset_form", {"caption": "New"}))

    assert refused.status_code == 200
    assert "have NOT been saved" in refused.content.decode()
    assert Subtitles.objects.get(asset=trailer).text == fixed


@pytest.mark.parametrize(
    ("upload", "said"),
    [
        (SRT.encode("cp1251", errors="replace"), "is not UTF-8 text"),
        (SRT.replace("00:00:03,000", "00:00:0x,000").encode(), "Line 6: the timing"),
    ],
    ids=["windows-1251", "unreadable timing"],
)
def test_a_file_the_admin_cannot_read_is_refused_and_nothing_is_saved(
    editor_client, film, upload, said
):
    trailer = _trailer(film, caption="Before")
    url = reverse("admin:presskit_asset_change", args=[trailer.pk])
    data = form_data(
        editor_client.get(url), "asset_form", {"subtitles-0-language": "kk", "caption": "After"}
    )
    data["subtitles-0-upload"] = files.upload("trailer.kk.srt", upload)

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert said in response.content.decode()
    assert not Subtitles.objects.exists()
    if "timing" in said:
        kept = form_data(response, "asset_form")["subtitles-0-text"]
        assert "00:00:0x,000 --> 00:00:04,000" in kept, "the file's text, to put right in the box"
    trailer.refresh_from_db()
    assert trailer.caption == "Before", "the asset's own change waits for the subtitles too"


def test_a_still_offers_no_subtitles_in_the_admin(editor_client, film):
    still = make_picture(film)

    page = editor_client.get(reverse("admin:presskit_asset_change", args=[still.pk]))

    assert "subtitles-TOTAL_FORMS" not in page.content.decode()


def test_a_drafts_subtitles_go_to_staff_and_a_shared_link_privately(client, press_client, film):
    draft = _trailer(film, publication_status="draft")
    subtitles = _subtitles(draft, "es")

    assert client.get(subtitles.url()).status_code == 404
    previewed = press_client.get(subtitles.url())
    assert previewed.status_code == 200
    assert "no-store" in previewed["Cache-Control"]
    assert previewed["X-Robots-Tag"] == "noindex, nofollow"
    shared = press_client.post(
        reverse("admin:presskit_asset_share", args=[draft.pk]),
        {"make": "1", "shown_to": "Marta Ruiz, distributor", "days": 7},
    )
    assert shared.status_code == 302
    producer = client
    address = PreviewLink.objects.of(draft).get().get_absolute_url()
    assert producer.get(address).status_code == 200
    opened = producer.get(subtitles.url())
    assert opened.status_code == 200
    assert "private" in opened["Cache-Control"]


def test_a_binned_videos_subtitles_are_gone_with_it(client, film):
    from presskit.the_bin import move_to_bin

    trailer = _trailer(film)
    subtitles = _subtitles(trailer, "es")
    with committed():
        move_to_bin(trailer, user=None)

    assert client.get(subtitles.url()).status_code == 404
