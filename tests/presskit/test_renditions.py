"""What journalists download is clean: upright, sRGB, no location, and carries its credits."""

import datetime
import hashlib
import io
import re
from xml.etree import ElementTree

import pytest
import time_machine
from PIL import Image, ImageCms

from presskit.models import Asset
from presskit.renditions import SIZES
from presskit.services import asset_render, asset_save, upload_inspect

from ..factories import committed, make_film
from . import files

pytestmark = pytest.mark.django_db
NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
}


def _store(content: bytes, name="still.jpg", **fields) -> Asset:
    upload = files.upload(name, content)
    asset = Asset(
        film=make_film(),
        kind=Asset.Kind.STILL,
        file=upload,
        caption="Arón Piper as Salgado in the barracks at Karlag (Қарағанды).",
        credit_line="Courtesy of the production",
        copyright_holder="Spassk 99 AIE",
        usage_terms="Editorial use only. Mandatory credit.",
        **fields,
    )
    with committed():
        return asset_save(asset=asset, inspected=upload_inspect(upload=upload, kind="still"))


def _opened(asset: Asset, size: str) -> tuple[Image.Image, bytes]:
    content = asset.renditions.get(size=size).file.read()
    return Image.open(io.BytesIO(content)), content


def _xmp(content: bytes) -> ElementTree.Element:
    packet = re.search(rb"<x:xmpmeta.*?</x:xmpmeta>", content, re.DOTALL).group()
    return ElementTree.fromstring(packet)


@pytest.mark.parametrize("size", list(SIZES))
def test_a_phone_portrait_comes_out_upright_and_without_its_location(size):
    asset = _store(files.portrait_phone_jpeg())

    image, content = _opened(asset, size)

    assert image.height > image.width  # stored sideways, delivered upright
    top_left = image.convert("RGB").getpixel((image.width // 2, 2))
    assert min(top_left) > 200  # the white band that was on the left is now on top
    exif = image.getexif()
    assert 0x0112 not in exif  # no orientation left to apply twice
    assert 0x8825 not in exif  # no GPS
    assert b"BODY-SERIAL-0042" not in content
    assert b"Phone maker" not in content


@pytest.mark.parametrize("size", list(SIZES))
def test_every_copy_carries_caption_credit_rights_and_terms_in_xmp(size):
    asset = _store(files.jpeg((4000, 2667)))

    _, content = _opened(asset, size)

    xmp = _xmp(content)
    description = xmp.find(".//dc:description//rdf:li", NS).text
    assert description == "Arón Piper as Salgado in the barracks at Karlag (Қарағанды)."
    assert xmp.find(".//photoshop:Credit", NS).text == "Courtesy of the production"
    assert xmp.find(".//dc:rights//rdf:li", NS).text == "© Spassk 99 AIE"
    terms = xmp.find(".//xmpRights:UsageTerms//rdf:li", NS).text
    assert terms == "Editorial use only. Mandatory credit."


def _terms(asset: Asset, size: str) -> str:
    _, content = _opened(asset, size)
    return _xmp(content).find(".//xmpRights:UsageTerms//rdf:li", NS).text


LIFT = datetime.datetime(2026, 9, 25, 19, 0, tzinfo=datetime.UTC)  # 21:00 in Madrid


@time_machine.travel(LIFT - datetime.timedelta(days=5), tick=False)
def test_a_picture_under_embargo_says_so_in_every_copy_until_the_embargo_changes():
    asset = _store(files.jpeg((4000, 2667)), embargo_until=LIFT)

    for size in SIZES:
        assert _terms(asset, size) == (
            "EMBARGOED until 25 Sep 2026 21:00 Madrid time (19:00 UTC). "
            "Editorial use only. Mandatory credit."
        )

    # The whole kit's embargo, set later on the film, holds the picture longer.
    film = asset.film
    film.embargo_until = LIFT + datetime.timedelta(days=1)
    with committed():
        film.save()
    assert _terms(asset, "print").startswith("EMBARGOED until 26 Sep 2026 21:00 Madrid time")

    # Both lifted by hand: the copies no longer ask anyone to wait.
    film.embargo_until = None
    with committed():
        film.save()
    asset.refresh_from_db()
    asset.embargo_until = None
    with committed():
        asset_save(asset=asset)
    assert _terms(asset, "web") == "Editorial use only. Mandatory credit."


def test_a_save_after_the_lift_makes_no_copies_again():
    with time_machine.travel(LIFT - datetime.timedelta(days=5), tick=False):
        asset = _store(files.jpeg(), embargo_until=LIFT)
    made = {r.size: r.sha256 for r in asset.renditions.all()}

    with time_machine.travel(LIFT + datetime.timedelta(hours=1), tick=False):
        film = asset.film
        film.synopsis = "A corrected synopsis."
        with committed():
            film.save()

    assert {r.size: r.sha256 for r in asset.renditions.all()} == made
    assert _terms(asset, "web").startswith("EMBARGOED until 25 Sep 2026 21:00")  # still true


@time_machine.travel(LIFT - datetime.timedelta(days=5), tick=False)
def test_an_embargo_moved_while_the_copies_are_made_is_in_the_copies_kept_at_last():
    asset = _store(files.jpeg(), embargo_until=LIFT)
    Asset.objects.filter(pk=asset.pk).update(processing=Asset.Processing.PREPARING)
    being_made = Asset.objects.select_related("film").get(pk=asset.pk)  # as the task read it
    film = asset.film
    film.embargo_until = LIFT + datetime.timedelta(days=1)  # the whole kit, later
    with committed():
        film.save()  # a picture being prepared is left to the task under way

    with committed():
        asset_render(asset=being_made)

    assert _terms(asset, "web").startswith("EMBARGOED until 26 Sep 2026 21:00 Madrid time")
    asset.refresh_from_db()
    assert asset.processing == Asset.Processing.READY


def test_colours_arrive_in_srgb_with_the_profile_embedded():
    asset = _store(files.tagged_jpeg())

    image, _ = _opened(asset, "print")

    profile = ImageCms.ImageCmsProfile(io.BytesIO(image.info["icc_profile"]))
    assert ImageCms.getProfileDescription(profile).strip() == "sRGB built-in"


def test_a_cmyk_original_becomes_rgb():
    asset = _store(files.cmyk_jpeg(), name="print.jpeg")

    image, _ = _opened(asset, "web")

    assert image.mode == "RGB"


def test_a_16_bit_greyscale_scan_keeps_its_greys():
    asset = _store(files.grey_16_bit_png(level=30000), name="scan.png")

    image, _ = _opened(asset, "web")

    assert image.convert("L").getpixel((10, 10)) == pytest.approx(30000 / 257, abs=1)


def test_transparency_is_kept_in_png():
    asset = _store(files.png_with_alpha(), name="logo.png")

    image, content = _opened(asset, "web")

    assert image.format == "PNG"
    assert image.mode == "RGBA"
    assert image.getpixel((5, 5))[3] == 0
    assert b"Courtesy of the production" in content


def test_sizes_keep_the_aspect_and_never_enlarge():
    asset = _store(files.jpeg((1200, 800)))

    sizes = {r.size: (r.width, r.height) for r in asset.renditions.all()}

    assert sizes == {"thumb": (480, 320), "web": (1200, 800), "print": (1200, 800)}


def test_changing_the_caption_writes_it_into_new_copies(django_capture_on_commit_callbacks):
    asset = _store(files.jpeg())
    old_file = asset.renditions.get(size="web").file.name

    asset.caption = "A corrected caption."
    with django_capture_on_commit_callbacks(execute=True):
        asset_save(asset=asset)

    web = asset.renditions.get(size="web")
    assert web.file.name != old_file
    assert b"A corrected caption." in web.file.read()
    assert not web.file.storage.exists(old_file)


def test_copies_made_with_a_caption_changed_meanwhile_are_not_kept(
    django_capture_on_commit_callbacks,
):
    asset = _store(files.jpeg())
    started_with = Asset.objects.get(pk=asset.pk)  # a slow task read the asset here...
    asset.caption = "A corrected caption."
    with django_capture_on_commit_callbacks(execute=True):
        asset_save(asset=asset)  # ...the editor corrected it, and its own task ran first

    assert asset_render(asset=started_with) == []
    assert b"A corrected caption." in asset.renditions.get(size="web").file.read()


def test_the_stored_renditions_record_their_size_and_checksum():
    asset = _store(files.jpeg((4000, 2667)))

    for rendition in asset.renditions.all():
        content = rendition.file.read()
        assert rendition.file_size == len(content)
        assert rendition.sha256 == hashlib.sha256(content).hexdigest()
