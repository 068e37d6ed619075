"""An accredited journalist passes a signed, expiring link to their picture desk: it opens
what they may have, is logged under their name, and dies with their accreditation."""

import datetime
import io
import re
import zipfile

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from presskit.models import Accreditation, Download
from presskit.publishing.models import Access

from ..factories import make_accreditation, make_film, make_picture, make_user, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def film(db):
    return make_film(title="La Tregua")


@pytest.fixture
def accreditation(db):
    return make_accreditation(new_outlet="Kazinform")


def _make_link(accreditation, **target) -> str:
    page = signed_in(accreditation.user).post(reverse("press:make-desk-link"), target)
    assert page.status_code == 200
    return re.search(r'value="https?://[^/"]+(/press/desk/[^"]+)"', page.content.decode()).group(1)


def test_a_link_to_a_press_only_still_opens_its_print_copy_to_anyone_holding_it(
    film, accreditation
):
    still = make_picture(film, access=Access.PRESS, name="reyes.jpg")
    link = _make_link(accreditation, asset=still.pk)

    response = Client().get(link)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "attachment" in response["Content-Disposition"]
    assert "private" in response["Cache-Control"]
    download = Download.objects.get()
    assert (download.user, download.outlet, download.size) == (
        accreditation.user,
        "Kazinform",
        "print",
    )
    assert download.description.endswith("via a picture desk link")
    assert Client().get(still.url("print")).status_code == 404  # the public still cannot


def test_a_link_to_the_kit_opens_the_journalists_own_kit(film, accreditation):
    make_picture(film, access=Access.PRESS, title="Pressonly still", name="pressonly.jpg")
    link = _make_link(accreditation, film=film.pk)

    response = Client().get(link)

    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert any("pressonly" in name.lower() for name in archive.namelist())


def test_a_link_expires_after_48_hours(film, accreditation):
    still = make_picture(film, name="reyes.jpg")
    link = _make_link(accreditation, asset=still.pk)

    with time_machine.travel(timezone.now() + datetime.timedelta(hours=49)):
        assert Client().get(link).status_code == 404


def test_a_link_dies_the_moment_the_accreditation_ends(film, accreditation):
    still = make_picture(film, name="reyes.jpg")
    link = _make_link(accreditation, asset=still.pk)
    assert Client().get(link).status_code == 200

    Accreditation.objects.filter(pk=accreditation.pk).update(status=Accreditation.Status.REVOKED)

    assert Client().get(link).status_code == 404


def test_a_forged_link_is_a_page_that_does_not_exist(film, accreditation):
    still = make_picture(film, name="reyes.jpg")
    link = _make_link(accreditation, asset=still.pk)

    forged = Client().get(link[:-4] + "abcd")
    nothing = Client().get("/no/such/page/")

    assert forged.status_code == 404
    assert forged.content == nothing.content


def test_only_accredited_journalists_make_links_and_only_to_what_they_may_see(film):
    staff_only = make_picture(film, access=Access.STAFF, name="office.jpg")
    pending = make_accreditation(status=Accreditation.Status.PENDING)
    accredited = make_accreditation()

    url = reverse("press:make-desk-link")
    assert signed_in(pending.user).post(url, {"film": film.pk}).status_code == 404
    assert Client().post(url, {"film": film.pk}).status_code == 404
    assert signed_in(accredited.user).post(url, {"asset": staff_only.pk}).status_code == 404


def test_the_press_kit_page_offers_links_to_accredited_journalists_only(
    client, film, accreditation
):
    still = make_picture(film, name="reyes.jpg")
    kit = reverse("presskit:film-press-kit", args=[film.slug])
    journalist = signed_in(accreditation.user)

    offered = journalist.get(kit).content.decode()
    assert "Link for your picture desk" in offered
    assert "Link for your picture desk" not in client.get(kit).content.decode()
    # Offered as links, so that the page holds no one's CSRF token and is cached for the press.
    assert "csrfmiddlewaretoken" not in offered
    journalist.get(kit)
    assert journalist.get(kit)["X-Public-Cache"] == "hit"

    asking = journalist.get(f"{reverse('press:make-desk-link')}?asset={still.pk}")
    text = asking.content.decode()
    assert "Make the link" in text
    assert not re.search(r"/press/desk/[^\"?]", text)  # nothing made by looking
    assert f'name="asset" value="{still.pk}"' in text


def test_a_staff_member_who_is_also_accredited_cannot_pass_drafts_through_a_link(film):
    draft = make_picture(film, publication_status="draft", name="draft.jpg")
    press_officer = make_accreditation(user=make_user("iker.press", is_staff=True))
    press_officer.user.groups.add(Group.objects.get(name="Press officers"))

    made = signed_in(press_officer.user).post(reverse("press:make-desk-link"), {"asset": draft.pk})

    assert made.status_code == 404
