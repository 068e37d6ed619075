"""A still can offer its web size to anyone and keep its print size for accredited journalists;
an accredited journalist's kit says which of its files are under embargo, and until when."""

import datetime
import io
import zipfile

import pytest
from django.test import Client
from django.urls import reverse

from presskit.publishing.models import Access

from ..factories import make_accreditation, make_film, make_picture, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def still(db):
    film = make_film(title="La Tregua", slug="la-tregua")
    return make_picture(film, title="Reyes", name="reyes.jpg", print_access=Access.PRESS)


def _zip_names(client, film) -> list[str]:
    response = client.get(reverse("presskit:film-press-kit-zip", args=[film.slug]))
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return zipfile.ZipFile(io.BytesIO(content)).namelist()


def test_the_public_gets_the_web_size_everywhere_and_never_the_print_size(client, still):
    film_page = client.get(still.film.get_absolute_url()).content.decode()
    still_page = client.get(still.get_absolute_url()).content.decode()
    kit_page = client.get(reverse("presskit:film-press-kit", args=[still.film.slug]))

    assert still.url("web", download=True) in still_page
    assert still.url("print") not in film_page + still_page
    assert still.url("print") not in kit_page.content.decode()
    assert client.get(still.url("print")).status_code == 404
    assert client.get(still.url("web")).status_code == 200
    assert "La Tregua - Reyes (web).jpg" in _zip_names(client, still.film)


def test_accredited_journalists_get_the_print_size(still):
    journalist = signed_in(make_accreditation().user)

    kit_page = journalist.get(reverse("presskit:film-press-kit", args=[still.film.slug]))

    assert still.url("print", download=True) in kit_page.content.decode()
    print_copy = journalist.get(still.url("print"))
    assert print_copy.status_code == 200
    assert "private" in print_copy["Cache-Control"]  # more than the public may have
    assert "La Tregua - Reyes.jpg" in _zip_names(journalist, still.film)
    assert Client().get(still.url("print")).status_code == 404


def test_a_journalists_kit_with_embargoed_files_says_so_in_its_name_inside_and_in_the_terms(
    client,
):
    film = make_film(title="La Tregua", slug="la-tregua")
    moment = datetime.datetime(2030, 9, 25, 19, 0, tzinfo=datetime.UTC)
    make_picture(
        film,
        title="Premiere poster",
        name="poster.jpg",
        embargo_until=moment,
        embargo_time_zone="Europe/Madrid",
        usage_terms="Editorial use only.",
    )
    journalist = signed_in(make_accreditation().user)

    response = journalist.get(reverse("presskit:film-press-kit-zip", args=[film.slug]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))

    embargo = "EMBARGOED until 25 Sep 2030 21:00 Madrid time (19:00 UTC)"
    assert "EMBARGOED until 25 Sep 2030 21.00 Madrid time" in response["Content-Disposition"]
    assert f"- Premiere poster: {embargo}" in archive.read("EMBARGO NOTICE.txt").decode()
    manifest = archive.read("Manifest.csv").decode("utf-8-sig")
    assert f"{embargo}. Editorial use only." in manifest
    public = client.get(reverse("presskit:film-press-kit-zip", args=[film.slug]))
    assert "EMBARGO" not in public["Content-Disposition"]
    assert "EMBARGO NOTICE.txt" not in _zip_names(client, film)
