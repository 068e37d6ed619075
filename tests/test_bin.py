"""The bin: deleting a film, person, release or file keeps it, with all that went with it.

A press officer deletes a film; the confirmation lists its credits, stills,
quotes and screenings; then nobody sees any of it, on the site or in the
admin, until a press officer restores it from the bin, all of it as it was.
After the set period it is deleted for good, files included.
"""

import datetime
import io

import pytest
import time_machine
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from festivals.models import Screening
from presskit.models import (
    Asset,
    AuditEntry,
    Booking,
    Credit,
    Film,
    Person,
    PressRelease,
    Quote,
    ReleaseSending,
    Rendition,
)
from presskit.publishing.models import Binnable, NotInBin, Publication, Publishable
from presskit.the_bin import empty

from .admin_forms import form_data
from .factories import (
    committed,
    make_accreditation,
    make_credit,
    make_film,
    make_person,
    make_picture,
    make_quote,
    make_release,
    make_screening,
)

pytestmark = pytest.mark.django_db

Action = AuditEntry.Action


def _url(record, view: str) -> str:
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[record.pk])


def _bin_url(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_bin")


@pytest.fixture
def film():
    film = make_film(slug="la-tregua", title="La Tregua")
    person = make_person(name="Miguel Herrán", slug="miguel-herran")
    make_credit(film=film, person=person, character="Reyes")
    make_quote(film=film, text="A film about consolation.")
    make_screening(film=film, title="World premiere")
    make_picture(film, name="reyes.jpg", caption="Reyes in the barracks")
    return film


def test_a_deleted_film_waits_in_the_bin_with_all_that_went_and_comes_back_whole(
    client, press_client, film
):
    still = Asset.objects.get(film=film)
    public = ["/films/la-tregua/", "/films/la-tregua/press-kit/", still.url("web")]
    assert all(client.get(address).status_code == 200 for address in public)
    assert "La Tregua" in client.get("/people/miguel-herran/").content.decode()

    confirmation = press_client.get(_url(film, "delete")).content.decode()
    assert "moves to the" in confirmation
    assert "for 30 days" in confirmation
    for went in (
        "as Reyes",
        "A film about consolation.",
        "Screening: <a",
        "Reyes in the barracks",
    ):
        assert went in confirmation, went

    with committed():  # the page cache starts afresh once the deletion commits
        response = press_client.post(_url(film, "delete"), {"post": "yes"}, follow=True)
    said = response.content.decode()
    assert "Moved the film “La Tregua” to the bin, with" in said
    assert "1 credit" in said

    # Gone for everyone: the public, its person page, staff previews and the admin's lists.
    for address in public:
        assert client.get(address).status_code == 404, address
        assert press_client.get(address).status_code == 404, address
    assert "La Tregua" not in client.get("/people/miguel-herran/").content.decode()
    assert "La Tregua" not in client.get("/sitemap.xml").content.decode()
    assert (
        "La Tregua"
        not in press_client.get(reverse("admin:presskit_film_changelist")).content.decode()
    )
    assert press_client.get(_url(film, "change")).status_code == 302  # "doesn't exist"
    files = press_client.get(reverse("admin:presskit_asset_changelist")).content.decode()
    assert "Reyes in the barracks" not in files  # its stills went with it, from the lists too
    # Kept whole, in the bin.
    assert Credit.objects.filter(film=film).count() == 1
    assert Rendition.objects.filter(asset=still).exists()
    assert default_storage.exists(still.file.name)
    in_bin = press_client.get(_bin_url(Film)).content.decode()
    assert "La Tregua" in in_bin
    assert "pilar.press" in in_bin
    assert "Restore" in in_bin

    with committed():
        response = press_client.post(_bin_url(Film), {"restore": film.pk}, follow=True)
    assert "Restored the film “La Tregua”, with" in response.content.decode()
    assert all(client.get(address).status_code == 200 for address in public)
    assert "La Tregua" in client.get("/people/miguel-herran/").content.decode()
    assert [entry.action for entry in AuditEntry.objects.order_by("pk")] == [
        Action.DELETED,
        Action.RESTORED,
    ]
    assert LogEntry.objects.filter(change_message="Restored from the bin.").exists()


def test_editors_may_look_in_the_bin_but_not_restore(editor_client, press_client, film):
    press_client.post(_url(film, "delete"), {"post": "yes"})
    page = editor_client.get(_bin_url(Film))
    assert page.status_code == 200
    assert "Only press officers restore" in page.content.decode()
    assert editor_client.post(_bin_url(Film), {"restore": film.pk}).status_code == 403
    film.refresh_from_db()
    assert film.binned_at is not None


def test_after_thirty_days_it_goes_for_good_with_its_files(press_client, film):
    still = Asset.objects.get(film=film)
    files = [still.file.name, *still.renditions.values_list("file", flat=True)]
    press_client.post(_url(film, "delete"), {"post": "yes"})

    with time_machine.travel(timezone.now() + datetime.timedelta(days=29)):
        assert empty() == 0
    assert Film.objects.filter(pk=film.pk).exists()

    out = io.StringIO()
    with committed(), time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
        call_command("empty_bin", stdout=out)  # as cron would; files go once it commits
    assert "Deleted for good 1 record(s)" in out.getvalue()
    assert not Film.objects.filter(pk=film.pk).exists()
    assert not Credit.objects.filter(film_id=film.pk).exists()
    assert not Quote.objects.filter(film_id=film.pk).exists()
    assert not Screening.objects.filter(film_id=film.pk).exists()
    assert not Asset.objects.filter(pk=still.pk).exists()
    assert not any(default_storage.exists(name) for name in files)
    assert Person.objects.filter(slug="miguel-herran").exists()  # credited, not owned
    last = AuditEntry.objects.order_by("pk").last()
    assert last.action == Action.DELETED
    assert last.detail.startswith("Deleted for good from the bin, after 30 days, with")


def test_a_person_in_the_bin_hides_the_pictures_that_show_them_and_never_opens_them(
    client, press_client
):
    person = make_person(name="Zhanar Secretova", slug="zhanar")
    film = make_film(slug="la-tregua")
    still = make_picture(film, name="set.jpg", caption="Secretova on set", people=[person])
    confirmation = press_client.get(_url(person, "delete")).content.decode()
    assert "Secretova on set" in confirmation
    assert "hidden while it is in the bin" in confirmation

    press_client.post(_url(person, "delete"), {"post": "yes"})
    assert client.get(still.url("web")).status_code == 404

    with time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
        empty()
    still.refresh_from_db()
    assert still.publication_status == Publication.DRAFT  # withdrawn, not opened
    assert client.get(still.url("web")).status_code == 404


def test_deleting_several_moves_them_all_to_the_bin(press_client):
    films = [make_film(title="One"), make_film(title="Two")]
    release = make_release(title="Casting news", film=films[0])
    changelist = reverse("admin:presskit_film_changelist")
    selected = {"action": "delete_selected", "_selected_action": [film.pk for film in films]}

    confirmation = press_client.post(changelist, selected).content.decode()
    assert "move to the bin" in confirmation
    assert "Casting news" in confirmation
    press_client.post(changelist, {**selected, "post": "yes"})

    assert Film.objects.exclude(binned_at=None).count() == 2
    assert "Bin (2)" in press_client.get(changelist).content.decode()
    assert not type(release).objects.published().filter(pk=release.pk).exists()


def test_a_new_film_asking_for_the_address_of_one_in_the_bin_is_told_where_it_is(
    press_client, film
):
    press_client.post(_url(film, "delete"), {"post": "yes"})
    add = reverse("admin:presskit_film_add")
    data = form_data(
        press_client.get(add), "film_form", {"title": "La Tregua", "slug": "la-tregua"}
    )

    response = press_client.post(add, data)

    assert response.status_code == 200
    assert "it may be in the bin: restore it, or choose another" in response.content.decode()
    assert Film.objects.filter(slug="la-tregua").count() == 1


def test_every_model_with_a_bin_keeps_all_its_rules_and_the_bins():
    binnable = [model for model in apps.get_models() if issubclass(model, Binnable)]
    assert set(binnable) == {Film, Person, PressRelease, Asset}
    for model in binnable:
        assert isinstance(model.visibility.get("binned_at"), NotInBin), model
        assert set(Publishable.visibility) <= set(model.visibility), model


def test_emptying_unties_embargoes_from_its_screenings_and_takes_bookings_and_sendings(
    press_client, press_officer, film
):
    premiere = Screening.objects.get(film=film)
    film.embargo_screening = premiere  # the whole kit lifts with its own premiere
    film.save()
    other = make_release(film=make_film(title="Another film"), embargo_screening=premiere)
    release = make_release(film=film, title="Premiere tonight")
    ReleaseSending.objects.create(
        release=release, sent_by=press_officer, audience="All", subject="Tonight"
    )
    Booking.objects.create(
        screening=premiere, accreditation=make_accreditation(), status=Booking.Status.WAITING
    )
    press_client.post(_url(film, "delete"), {"post": "yes"})

    with committed(), time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
        assert empty() == 1

    assert not Film.objects.filter(pk=film.pk).exists()
    assert not Booking.objects.exists()
    assert not ReleaseSending.objects.exists()  # the audit log keeps that it was sent
    other.refresh_from_db()
    assert other.embargo_screening is None  # another film's release keeps its moment, untied
    assert other.embargo_until is not None


def test_what_is_in_the_bin_leaves_the_front_page(editor_client, press_client):
    draft = make_film(title="Binned draft", publication_status=Publication.DRAFT)
    editor_client.post(_url(draft, "review"), {"action": "submit", "note": "Ready."})
    waiting = "Film: Binned draft"  # its line under "Waiting for your review"
    assert waiting in press_client.get(reverse("admin:index")).content.decode()

    press_client.post(_url(draft, "delete"), {"post": "yes"}, follow=True)  # its message read

    assert waiting not in press_client.get(reverse("admin:index")).content.decode()
