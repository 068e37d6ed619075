"""A save refused after its form was valid (a full disk, a duplicate saved a moment earlier by
another editor) leaves nothing behind and gives the editor the form back with a message."""

import errno
import sqlite3
import threading
import unicodedata
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from presskit.models import Asset, Credit, Person, Rendition

from .admin_forms import form_data
from .factories import committed, make_credit, make_film, make_person, make_picture, make_user
from .presskit import files
from .storages import FullDisk

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_disk(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "tests.storages.FullDisk"},
    }
    FullDisk.room = 0
    yield
    FullDisk.room, FullDisk.errno = 0, errno.ENOSPC


def _stored() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def _add_still(client, film, name="still.jpg"):
    url = reverse("admin:presskit_asset_add")
    data = form_data(
        client.get(url),
        "asset_form",
        {"kind": "still", "film": str(film.pk), "caption": "Reyes at dawn", "title": "Dawn"},
    )
    data["file"] = files.upload(name, files.jpeg((1600, 1000)))
    return client.post(url, data)


@pytest.mark.parametrize("refusal", [errno.ENOSPC, errno.EDQUOT], ids=["no space", "quota"])
def test_an_upload_to_a_full_disk_keeps_nothing_and_gives_the_form_back(
    editor_client, full_disk, refusal
):
    FullDisk.errno = refusal
    response = _add_still(editor_client, make_film())

    assert response.status_code == 200
    page = response.content.decode()
    assert "disk is full, so nothing was saved" in page
    assert "Reyes at dawn" in page  # the editor's caption is still in the form
    assert not Asset.objects.exists()
    assert _stored() == []


def test_a_bulk_upload_to_a_full_disk_keeps_nothing_of_the_files_that_did_not_fit(
    editor_client, full_disk
):
    FullDisk.room = 1  # the first file fits, the second does not
    film = make_film(title="La Tregua")
    uploads = [files.upload(f"{n}.jpg", files.jpeg()) for n in ("one", "two")]

    response = editor_client.post(
        reverse("admin:presskit_film_upload", args=[film.pk]),
        {"kind": "still", "files": uploads, "access": "press"},
    )

    page = response.content.decode()
    assert (
        "<strong>two.jpg</strong>: It could not be stored: the server&#x27;s disk is full" in page
    )
    assert [asset.original_filename for asset in Asset.objects.all()] == ["one.jpg"]
    assert len(_stored()) == 1  # one.jpg, whole; nothing of two.jpg


def test_copies_that_do_not_fit_leave_no_part_behind_and_are_shown_failed(editor_client, full_disk):
    FullDisk.room = 1  # the original fits; none of its copies does
    with committed():
        _add_still(editor_client, make_film())

    asset = Asset.objects.get()
    assert asset.processing == Asset.Processing.FAILED
    assert "OSError" in asset.processing_error
    assert not Rendition.objects.exists()
    assert _stored() == [Path(asset.file.path)]


# What SQLite and PostgreSQL raise when the database's disk is full.
DATABASE_DISK_FULL = (
    sqlite3.OperationalError,
    sqlite3.SQLITE_FULL,
    "database or disk is full",
    "53100",
)


def _database_refuses(sqlite_error, sqlite_code: int, message: str, sqlstate: str):
    """Raise what the database in use raises when it refuses a write, as Django hands it on."""

    def refuse(*args, **kwargs):
        if connection.vendor == "postgresql":
            import psycopg

            cause = psycopg.errors.lookup(sqlstate)(message)
        else:
            cause = sqlite_error(message)
            cause.sqlite_errorcode = sqlite_code
        with connection.wrap_database_errors:
            raise cause

    return refuse


@pytest.mark.parametrize(
    "refused",
    [
        # The picture is stored; then the database cannot write the admin's log of it,
        "django.contrib.admin.ModelAdmin.log_addition",
        # or, later still, the history of the change (django-reversion's, before the commit).
        "reversion.models.Revision.save",
    ],
    ids=["admin log", "history"],
)
def test_a_database_whose_disk_is_full_keeps_no_file_and_gives_the_form_back(
    editor_client, monkeypatch, refused
):
    monkeypatch.setattr(refused, _database_refuses(*DATABASE_DISK_FULL))

    response = _add_still(editor_client, make_film())

    assert response.status_code == 200
    page = response.content.decode()
    assert "disk is full, so nothing was saved" in page
    assert "Reyes at dawn" in page
    assert "successfully" not in page
    assert not Asset.objects.exists()
    assert _stored() == []


def test_a_bulk_upload_into_a_full_database_keeps_the_files_saved_before_and_names_the_rest(
    editor_client, monkeypatch
):
    refuse = _database_refuses(*DATABASE_DISK_FULL)
    save = Asset.save

    def save_until_the_disk_is_full(asset, *args, **kwargs):
        if asset.original_filename == "two.jpg":
            refuse()
        return save(asset, *args, **kwargs)

    monkeypatch.setattr(Asset, "save", save_until_the_disk_is_full)
    film = make_film(title="La Tregua")
    uploads = [files.upload(f"{n}.jpg", files.jpeg()) for n in ("one", "two")]

    response = editor_client.post(
        reverse("admin:presskit_film_upload", args=[film.pk]),
        {"kind": "still", "files": uploads, "access": "press"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "<strong>two.jpg</strong>: It could not be stored: the server&#x27;s disk is full" in page
    )
    assert [asset.original_filename for asset in Asset.objects.all()] == ["one.jpg"]
    assert _stored() == [Path(Asset.objects.get().file.path)]


def test_a_download_the_full_database_cannot_record_is_sent_all_the_same(
    client, monkeypatch, caplog
):
    picture = make_picture(make_film(slug="la-tregua"), title="Dawn")
    monkeypatch.setattr(
        "presskit.models.Download.save",
        _database_refuses(*DATABASE_DISK_FULL),
    )

    response = client.get(picture.url("print", download=True))

    assert response.status_code == 200
    assert len(b"".join(response.streaming_content)) == int(response["Content-Length"])
    assert "A download was not recorded" in caplog.text


def test_a_refusal_that_is_no_duplicate_is_not_blamed_on_another_editor(editor_client, monkeypatch):
    monkeypatch.setattr(
        "django.contrib.admin.ModelAdmin.log_addition",
        _database_refuses(
            sqlite3.IntegrityError,
            sqlite3.SQLITE_CONSTRAINT_CHECK,
            "CHECK constraint failed",
            "23514",
        ),
    )
    editor_client.raise_request_exception = False
    url = reverse("admin:presskit_person_add")
    data = form_data(editor_client.get(url), "person_form")
    data.update(name="Arón Piper", slug="aron-piper")

    response = editor_client.post(url, data)

    assert response.status_code == 500
    assert "Another editor" not in response.content.decode()
    assert not Person.objects.exists()


def test_two_editors_saving_the_same_slug_at_once_get_a_form_error_not_a_500(
    editor_client, monkeypatch
):
    make_person(name="Arón Piper", slug="aron-piper")
    url = reverse("admin:presskit_person_add")
    data = form_data(editor_client.get(url), "person_form")
    data.update(name="Aron Piper", slug="aron-piper")
    # The other editor's save lands between this form's check and its own save.
    monkeypatch.setattr("django.forms.models.BaseModelForm.validate_unique", lambda form: None)

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert "Another editor saved a person with the same name" in response.content.decode()
    assert Person.objects.filter(slug="aron-piper").count() == 1


def test_a_credit_added_from_a_person_at_a_taken_position_is_a_form_error(press_client):
    film = make_film()
    make_credit(film=film, billing_order=1)
    person = make_person(name="Dina Tasbulatova")
    url = reverse("admin:presskit_person_change", args=[person.pk])
    data = form_data(press_client.get(url), "person_form")
    data.update(
        {
            "credits-0-film": str(film.pk),
            "credits-0-role": "cast",
            "credits-0-character": "Aisulu",
            "credits-0-billing_order": "1",
            "credits-TOTAL_FORMS": "1",
        }
    )

    response = press_client.post(url, data)

    assert response.status_code == 200
    assert "Credit with this Film and Billing order already exists." in response.content.decode()
    assert not Credit.objects.filter(person=person).exists()


def test_a_name_typed_in_decomposed_unicode_is_stored_composed(editor_client):
    url = reverse("admin:presskit_person_add")
    data = form_data(editor_client.get(url), "person_form")
    data.update(name=unicodedata.normalize("NFD", "Arón Piper"), slug="aron-piper")

    editor_client.post(url, data)

    assert Person.objects.get().name == unicodedata.normalize("NFC", "Arón Piper")


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_eight_editors_adding_one_slug_at_once_on_postgresql_get_one_save_and_seven_form_errors():
    # A superuser: an earlier transactional test's flush has taken the groups the
    # migrations made, and what is tested here is the race, not permissions.
    editor = make_user("chief", is_staff=True, is_superuser=True)
    url = reverse("admin:presskit_person_add")
    barrier = threading.Barrier(8)
    statuses = []

    def add():
        client = Client(raise_request_exception=False)
        client.force_login(editor)
        data = form_data(client.get(url), "person_form")
        data.update(name="Arón Piper", slug="aron-piper")
        barrier.wait()
        try:
            statuses.append(client.post(url, data).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=add) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    connections["default"].close_pool()  # the threads' connections, idle in the pool

    assert sorted(statuses) == [200] * 7 + [302]
    assert Person.objects.filter(slug="aron-piper").count() == 1


def test_a_text_near_a_million_characters_is_a_form_error_that_keeps_the_input(editor_client):
    person = make_person(name="Arón Piper")
    url = reverse("admin:presskit_person_change", args=[person.pk])
    data = form_data(editor_client.get(url), "person_form")
    data["bio"] = "Arón Piper, actor. " * 50_000  # 950,000 characters, the last space trimmed

    response = editor_client.post(url, data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Ensure this value has at most 200000 characters (it has 949999)." in page
    assert "Arón Piper, actor. Arón Piper, actor." in page
    person.refresh_from_db()
    assert person.bio == ""


def test_more_files_than_an_upload_takes_get_a_page_that_says_so(editor_client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 3
    film = make_film()
    uploads = [files.upload(f"{n}.jpg", files.jpeg((40, 30))) for n in range(4)]

    response = editor_client.post(
        reverse("admin:presskit_film_upload", args=[film.pk]), {"kind": "still", "files": uploads}
    )

    assert response.status_code == 400
    assert "more files than one upload takes: at most 3 at once" in response.content.decode()
    assert not Asset.objects.exists()
