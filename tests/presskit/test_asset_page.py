"""Each file has its own page: the picture, what must be printed with it, each size the
visitor may have, and for an accredited journalist reading it early, the embargo in full."""

import datetime
import html

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from presskit.models import Asset
from presskit.publishing.models import Access

from ..factories import make_accreditation, make_film, make_person, make_picture, signed_in
from ..pages import h1_texts, html_of, parse_strictly
from . import files

pytestmark = pytest.mark.django_db
LIFT = datetime.datetime(2030, 9, 25, 19, 0, tzinfo=datetime.UTC)  # 26 Sep, 00:00 in Astana


@pytest.fixture
def film(db):
    return make_film(title="La Tregua", slug="la-tregua")


def test_a_public_still_has_a_page_with_its_words_and_each_size_linked_from_the_kit(
    client, film, django_assert_max_num_queries
):
    still = make_picture(
        film,
        title="Reyes in the barracks",
        caption="Arón Piper as Reyes.",
        usage_terms="Editorial use only.",
        print_access=Access.PRESS,
    )
    kit = client.get(reverse("presskit:film-press-kit", args=[film.slug])).content.decode()

    with django_assert_max_num_queries(3):  # the asset with its film, its copies, its people
        response = client.get(still.get_absolute_url())

    assert still.get_absolute_url() == f"/assets/{still.pk}/"
    parse_strictly(html_of(response))
    assert h1_texts(html_of(response)) == ["Reyes in the barracks"]
    assert f'href="{still.get_absolute_url()}"' in kit
    page = response.content.decode()
    assert "<h1>Reyes in the barracks</h1>" in page
    assert "Arón Piper as Reyes." in page
    assert "Courtesy of the production" in page
    assert "Editorial use only." in page
    assert still.url("web", download=True) in page
    assert still.url("thumb", download=True) in page
    assert still.url("print") not in page  # kept for accredited journalists
    assert "The print size is for accredited journalists." in page
    assert "private" not in response.get("Cache-Control", "")


def test_a_file_the_public_may_not_see_has_no_page_for_it(client, film):
    press_only = make_picture(film, access=Access.PRESS, name="a.jpg")
    embargoed = make_picture(film, embargo_until=LIFT, name="b.jpg")
    draft = make_picture(film, publication_status="draft", name="c.jpg")

    for asset in (press_only, embargoed, draft):
        assert client.get(asset.get_absolute_url()).status_code == 404
    listed = client.get("/sitemap.xml").content.decode()
    assert "/assets/" not in listed


def test_the_sitemap_lists_the_pages_of_public_files(client, film):
    still = make_picture(film)

    assert still.get_absolute_url() in client.get("/sitemap.xml").content.decode()


@time_machine.travel(LIFT - datetime.timedelta(days=2), tick=False)
def test_a_journalist_reads_the_embargo_in_full_on_the_files_page(film):
    still = make_picture(
        film,
        title="First look",
        embargo_until=LIFT,
        embargo_time_zone="Asia/Almaty",
        access=Access.PRESS,
        print_access=Access.PRESS,
    )
    journalist = signed_in(make_accreditation(time_zone="America/New_York").user)

    response = journalist.get(still.get_absolute_url())

    page = " ".join(response.content.decode().split())
    assert response.status_code == 200
    assert "Embargoed until 26 September 2030, 00:00 Almaty time" in page
    assert (
        "That is 25 September, 21:00 Madrid time at the press office, 25 September, 19:00 UTC "
        "and 25 September, 15:00 New York time, your time."
    ) in page
    assert "Accredited journalists only" in page
    assert still.url("print", download=True) in page
    assert "private" in response["Cache-Control"]
    assert Client().get(still.get_absolute_url()).status_code == 404


def test_a_document_has_a_page_with_its_download(client, film):
    notes = make_picture(
        film,
        kind=Asset.Kind.DOCUMENT,
        title="Director's statement",
        name="statement.pdf",
        content=files.pdf(),
    )

    response = client.get(notes.get_absolute_url())

    assert response.status_code == 200, response.content.decode()[-3000:]
    page = html.unescape(response.content.decode())
    assert "<h1>Director's statement</h1>" in page
    assert notes.url("original", download=True) in page


def test_a_headshot_has_a_page_under_its_persons_name(client):
    person = make_person(name="Dina Tasbulatova")
    headshot = make_picture(person=person, kind=Asset.Kind.HEADSHOT, title="Dina")

    page = client.get(headshot.get_absolute_url()).content.decode()

    assert "<title>Dina · Dina Tasbulatova" in page
    assert f'href="{person.get_absolute_url()}"' in page


def test_staff_preview_a_draft_files_page_never_cached_nor_indexed(film, press_client):
    draft = make_picture(film, title="Not yet", publication_status="draft")

    response = press_client.get(draft.get_absolute_url())

    assert response.status_code == 200
    assert "<h1>Not yet</h1>" in response.content.decode()
    assert "private" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
