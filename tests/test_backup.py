"""Backup and restore: every row, every accent and every file back, or nothing changed.

The archive is made once from a SQLite installation with the demo catalogue
(and a Kazakh name, an emoji, times to the microsecond), by `manage.py
backup` as an operator runs it. It is restored here into the test database,
SQLite or PostgreSQL by the pass of the suite; in the PostgreSQL pass a
backup of that is restored into a new SQLite installation: both ways. A
damaged, partial or altered archive, or an installation that is not empty
or not at the same migrations, is refused with the reason, and nothing
changes.
"""

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from config.lib.backup import EXCLUDED, media_names
from presskit.kit.archive import KITS
from presskit.models import Film, Person

from .factories import make_film

MANAGE = str(Path(settings.BASE_DIR) / "manage.py")

ADDED = """
import datetime
from django.utils import timezone
from presskit.models import Person, Quote, Film
person = Person.objects.create(name="Әлия Қасымова", slug="aliya-kasymova", bio="Алматы 🎬\\nline two")
film = Film.objects.get(slug="la-tregua")
Quote.objects.create(film=film, text="«Una tregua» — ¡qué película!", speaker_name="Ñandú Ortíz",
                     language="es", publication_status="published")
Person.objects.filter(pk=person.pk).update(updated_at=timezone.now().replace(microsecond=123457))
"""


def _manage(*arguments: str, database: str, media: Path) -> str:
    done = _run(*arguments, database=database, media=media)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _run(*arguments: str, database: str, media: Path) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database,
        "DJANGO_MEDIA_ROOT": str(media),
    }
    return subprocess.run(
        [sys.executable, MANAGE, *arguments],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _rows(text: str) -> list[dict]:
    return sorted(json.loads(text), key=lambda row: (row["model"], json.dumps(row.get("pk"))))


def _dump_here() -> list[dict]:
    out = io.StringIO()
    options = ["--format=exactjson", "--natural-foreign", "--all"]
    call_command("dumpdata", *options, *(f"--exclude={x}" for x in EXCLUDED), stdout=out)
    return _rows(out.getvalue())


def _members(archive: Path) -> dict[str, str]:
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    return {member["name"]: member["sha256"] for member in manifest["members"]}


def _archived_rows(archive: Path) -> list[dict]:
    with tarfile.open(archive) as tar:
        return _rows(tar.extractfile("database.exactjson").read().decode())


def _media_here() -> dict[str, str]:
    return {
        f"media/{name}": hashlib.sha256(default_storage.open(name).read()).hexdigest()
        for name in media_names(skip=(KITS,))
    }


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """An installation on SQLite with the demo, its archive, and its rows as dumpdata reads them."""
    folder = tmp_path_factory.mktemp("source")
    where = {"database": f"sqlite:///{folder / 'db.sqlite3'}", "media": folder / "media"}
    _manage("migrate", "-v0", **where)
    _manage("seed_demo", **where)
    _manage("shell", "-c", ADDED, **where)
    archive = folder / "backup.tar"
    said = _manage("backup", str(archive), **where)
    assert "Backed up" in said
    options = ["--format=exactjson", "--natural-foreign", "--all"]
    dumped = _manage("dumpdata", *options, *(f"--exclude={x}" for x in EXCLUDED), **where)
    return {"archive": archive, "rows": _rows(dumped), "where": where}


@pytest.mark.django_db
def test_a_restore_brings_back_every_row_accent_and_file(source):
    archive = source["archive"]
    rows = _archived_rows(archive)
    assert rows == source["rows"]  # the archive holds the installation's every row
    names = {row["fields"].get("name") for row in rows if row["model"] == "presskit.person"}
    assert "Әлия Қасымова" in names
    media = {
        name: digest for name, digest in _members(archive).items() if name.startswith("media/")
    }
    assert any(name.startswith("media/renditions/") for name in media)  # pictures and copies

    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)

    assert "Restored" in out.getvalue()
    assert _dump_here() == rows  # every row, to the microsecond and the emoji
    aliya = Person.objects.get(slug="aliya-kasymova")
    assert aliya.bio == "Алматы 🎬\nline two"
    assert aliya.updated_at.microsecond == 123457  # Django's own JSON would keep 123000
    assert _media_here() == media  # every file, byte for byte


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_from_postgresql_back_to_sqlite_everything_is_identical(source, tmp_path):
    call_command("restore", str(source["archive"]), stdout=io.StringIO())  # SQLite to PostgreSQL
    again = tmp_path / "from-postgresql.tar"
    call_command("backup", str(again), stdout=io.StringIO())
    assert _archived_rows(again) == source["rows"]

    target = {"database": f"sqlite:///{tmp_path / 'target.sqlite3'}", "media": tmp_path / "m"}
    _manage("migrate", "-v0", **target)
    assert "Restored" in _manage("restore", str(again), **target)  # PostgreSQL to SQLite
    options = ["--format=exactjson", "--natural-foreign", "--all"]
    dumped = _manage("dumpdata", *options, *(f"--exclude={x}" for x in EXCLUDED), **target)
    assert _rows(dumped) == source["rows"]
    media = {
        f"media/{path.relative_to(target['media'])}": hashlib.sha256(path.read_bytes()).hexdigest()
        for path in target["media"].rglob("*")
        if path.is_file()
    }
    assert media == {
        k: v for k, v in _members(source["archive"]).items() if k != "database.exactjson"
    }


def _refused(archive: Path, words: str) -> None:
    films, groups = Film.objects.count(), sorted(Group.objects.values_list("name", flat=True))
    media = _media_here()
    with pytest.raises(CommandError, match=words):
        call_command("restore", str(archive), stdout=io.StringIO())
    assert Film.objects.count() == films
    assert sorted(Group.objects.values_list("name", flat=True)) == groups
    assert _media_here() == media


def _copy_with(source_archive: Path, target: Path, change) -> Path:
    """A copy of the archive with `change(name, bytes) -> bytes | None` applied to each member."""
    with tarfile.open(source_archive) as original, tarfile.open(target, "w") as copy:
        for info in original.getmembers():
            data = change(info.name, original.extractfile(info).read())
            if data is not None:
                info.size = len(data)
                copy.addfile(info, io.BytesIO(data))
    return target


@pytest.mark.django_db
def test_a_damaged_partial_or_altered_archive_is_refused_and_nothing_changes(source, tmp_path):
    archive = source["archive"]
    picture = next(name for name in _members(archive) if name.startswith("media/assets/"))

    def flip(name, data):
        return data[:100] + bytes([data[100] ^ 1]) + data[101:] if name == picture else data

    _refused(_copy_with(archive, tmp_path / "flipped.tar", flip), "damaged")

    def drop(name, data):
        return None if name == picture else data

    _refused(_copy_with(archive, tmp_path / "dropped.tar", drop), "missing 1 of the files")

    cut = tmp_path / "cut.tar"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    _refused(cut, "cut short|damaged")

    def smuggle(name, data):
        return data

    smuggled = _copy_with(archive, tmp_path / "smuggled.tar", smuggle)
    with tarfile.open(smuggled, "a") as tar:
        info = tarfile.TarInfo("media/assets/extra.jpg")
        info.size = 3
        tar.addfile(info, io.BytesIO(b"abc"))
    _refused(smuggled, "does not list")

    not_tar = tmp_path / "notes.txt"
    not_tar.write_text("not a backup")
    _refused(not_tar, "not a backup archive")
    _refused(tmp_path / "nowhere.tar", "There is no file")

    def older(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["migrations"] = manifest["migrations"][:-1]
        return json.dumps(manifest).encode()

    _refused(_copy_with(archive, tmp_path / "older.tar", older), "other migrations")


@pytest.mark.django_db
def test_an_installation_that_is_not_empty_is_refused(source):
    make_film(title="Already here")
    _refused(source["archive"], "not empty")


@pytest.mark.django_db
def test_media_storage_that_is_not_empty_is_refused(source):
    picture = next(name for name in _members(source["archive"]) if name.startswith("media/"))
    default_storage.save(picture.removeprefix("media/"), ContentFile(b"someone else's"))
    _refused(source["archive"], "Media storage already holds")


def test_backup_never_overwrites_an_archive(source):
    before = source["archive"].read_bytes()
    refused = _run("backup", str(source["archive"]), **source["where"])
    assert refused.returncode == 1
    assert "exists already; choose another name" in refused.stderr
    assert source["archive"].read_bytes() == before


@pytest.mark.django_db
def test_a_disk_that_fills_up_during_a_restore_leaves_nothing_behind(source, monkeypatch):
    saved = []
    real_save = default_storage.save

    def save_until_full(name, content, **kwargs):
        if len(saved) == 3:
            raise OSError(28, "No space left on device")
        saved.append(real_save(name, content, **kwargs))
        return saved[-1]

    monkeypatch.setattr(default_storage, "save", save_until_full)
    _refused(source["archive"], "No space left on device")
    assert len(saved) == 3  # it had begun: rows loaded, files written
    assert not Person.objects.exists()
    assert not any(default_storage.exists(name) for name in saved)


def test_the_archive_is_readable_by_its_owner_alone(source):
    assert source["archive"].stat().st_mode & 0o777 == 0o600
