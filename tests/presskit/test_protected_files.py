"""Files the visitor may not see answer exactly as a page that does not exist; behind
nginx, the files they may see are sent by nginx from an internal location."""

import pytest

from presskit.models import Download
from presskit.publishing.models import Access

from ..factories import make_accreditation, make_film, make_picture, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def film(db):
    return make_film()


def test_a_file_the_visitor_may_not_see_is_the_same_404_as_nothing_at_all(client, film):
    hidden = make_picture(film, access=Access.PRESS, name="hidden.jpg")
    url = hidden.url("print", download=True)

    refused = client.get(url)
    nothing = client.get("/assets/999999/print/nothing.jpg")

    assert refused.status_code == nothing.status_code == 404
    assert refused.content == nothing.content
    for header in ("ETag", "Last-Modified", "Content-Length", "Content-Disposition"):
        assert header not in refused or refused[header] == nothing.get(header)


def test_behind_nginx_a_visible_file_is_handed_to_it_with_no_bytes_from_the_app(
    client, film, settings
):
    settings.PRESSKIT_ACCEL_REDIRECT = "/protected/"
    still = make_picture(film, name="reyes.jpg")
    print_copy = still.renditions.get(size="print")

    response = client.get(still.url("print", download=True))

    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected/{print_copy.file.name}"
    assert response.content == b""
    assert response["Content-Type"] == "image/jpeg"
    assert "attachment" in response["Content-Disposition"]


def test_behind_nginx_a_hidden_file_is_never_handed_over(client, film, settings):
    settings.PRESSKIT_ACCEL_REDIRECT = "/protected/"
    hidden = make_picture(film, access=Access.STAFF, name="office.jpg")

    response = client.get(hidden.url("print"))

    assert response.status_code == 404
    assert "X-Accel-Redirect" not in response


def test_a_journalists_early_file_is_private_and_never_indexed(film):
    early = make_picture(film, access=Access.PRESS, name="early.jpg")
    journalist = signed_in(make_accreditation().user)

    response = journalist.get(early.url("print"))

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_behind_nginx_a_resumed_or_revalidated_download_is_not_counted_again(
    client, film, settings
):
    settings.PRESSKIT_ACCEL_REDIRECT = "/protected/"
    still = make_picture(film, name="reyes.jpg")
    url = still.url("print", download=True)

    client.get(url)
    client.get(url, HTTP_RANGE="bytes=1000-")
    client.get(url, HTTP_IF_NONE_MATCH='"something"')

    assert Download.objects.count() == 1
