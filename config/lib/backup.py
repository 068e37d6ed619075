"""One archive with the database and the media: `manage.py backup` and `manage.py restore`.

The archive is a tar file:

- `database.exactjson`: every row, written by `dumpdata` in the "exactjson"
  format (config/lib/exact_json.py: times to the microsecond), foreign
  keys to content types and permissions by their natural keys, so that the
  rows load into any installation of the same code, SQLite or PostgreSQL;
- `media/<name>`: every file in media storage, as stored, except the
  folders the caller names as made again on demand (the kept press-kit ZIPs);
- `manifest.json`, written last: the format, the migrations the database was
  at, and the size and SHA-256 of every other member. An archive cut short
  has none, and is refused.

The database is read as one snapshot while the site runs: on PostgreSQL in a
read-only REPEATABLE READ transaction, which blocks no writer; on SQLite
from a copy made with SQLite's own online backup, so the press office's
writes are not held while the rows are written out.

`restore` reads the whole archive and checks every checksum, that the
installation is migrated to the same migrations and holds nothing yet,
before it changes anything; then it loads the rows and writes the files in
one transaction, and removes the files it wrote if anything fails. Not
restored, because they are the running site's own: sessions, sign-in
lockouts (django-axes) and the tasks queue (schedules are queued again).
"""

import datetime
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, transaction
from django.db.models import FileField
from django.utils import timezone

FORMAT = "presskit-backup/1"
DATABASE = "database.exactjson"
MANIFEST = "manifest.json"
MEDIA = "media/"
# The running site's own state, not the press office's: never backed up.
EXCLUDED = ("contenttypes", "auth.permission", "sessions", "axes", "django_tasks_database")
CHUNK = 1024 * 1024


class BackupError(Exception):
    """What is wrong with an archive or the installation, in words for the person restoring."""


@dataclass(frozen=True)
class Summary:
    rows: int
    kinds: int
    files: int
    media_bytes: int
    # Files the rows name that media storage did not hold (deleted while the backup ran).
    missing: tuple[str, ...] = ()


def applied_migrations() -> list[str]:
    """Every migration applied to the database, as `showmigrations --plan` lists them."""
    out = StringIO()
    call_command("showmigrations", plan=True, stdout=out, no_color=True)
    return sorted(
        line.split("]", 1)[1].strip() for line in out.getvalue().splitlines() if "[X]" in line
    )


def media_names(folder: str = "", *, skip: tuple[str, ...] = ()) -> list[str]:
    """Every file in media storage, sorted, but for the top folders in `skip`."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:  # a media folder on disk that nothing was ever saved in
        return []
    names = [f"{folder}{name}" for name in files]
    for sub in folders:
        if folder or sub not in skip:
            names += media_names(f"{folder}{sub}/")
    return sorted(names)


class _Hashing:
    """A file read through, its SHA-256 and length kept as tarfile copies it."""

    def __init__(self, handle):
        self.handle, self.sha256, self.size = handle, hashlib.sha256(), 0

    def read(self, size=-1):
        data = self.handle.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data


def _add(archive: tarfile.TarFile, name: str, handle, size: int) -> dict:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, int(timezone.now().timestamp()), 0o644
    hashing = _Hashing(handle)
    archive.addfile(info, hashing)
    if hashing.size != size:
        raise BackupError(f"{name} changed while it was being copied; run the backup again.")
    return {"name": name, "size": size, "sha256": hashing.sha256.hexdigest()}


def dump_database(path: Path) -> None:
    """Every row the press office keeps, as one snapshot, to `path`."""
    options = ["--format=exactjson", "--natural-foreign", "--all", f"--output={path}"]
    options += [f"--exclude={label}" for label in EXCLUDED]
    if connection.vendor != "sqlite":
        try:
            with transaction.atomic(durable=True):
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                call_command("dumpdata", *options, verbosity=0)
        except RuntimeError as error:  # inside a transaction: no snapshot of its own
            raise BackupError(
                f"A backup runs on its own, outside a transaction ({error})."
            ) from None
        return
    with tempfile.TemporaryDirectory() as folder:
        snapshot = Path(folder) / "snapshot.sqlite3"
        source = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        target = sqlite3.connect(snapshot)
        try:
            source.backup(target)  # one consistent copy; the site's writers are not held
        finally:
            source.close()
            target.close()
        command = [sys.executable, str(settings.BASE_DIR / "manage.py"), "dumpdata", *options]
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE,
            "DATABASE_URL": f"sqlite:///{snapshot}",
        }
        done = subprocess.run(command, env=environment, capture_output=True, text=True)
        if done.returncode:
            raise BackupError(f"Writing out the rows failed: {done.stderr.strip()}")


def backup(output: Path, *, skip_media: tuple[str, ...] = ()) -> Summary:
    """Write the archive to `output`; it appears there only once whole.

    `skip_media` names top folders of media storage made again on demand.
    """
    partial = output.with_name(output.name + ".partial")
    manifest = {
        "format": FORMAT,
        "made_at": timezone.now().isoformat(),
        "database_vendor": connection.vendor,
        "migrations": applied_migrations(),
        "media_left_out": list(skip_media),
        "members": [],
    }
    try:
        with tempfile.TemporaryDirectory() as folder:
            rows_path = Path(folder) / DATABASE
            dump_database(rows_path)
            rows = json.loads(rows_path.read_text(encoding="utf-8"))
            manifest["rows"] = dict(sorted(Counter(row["model"] for row in rows).items()))
            # Readable by its owner alone: it holds accounts and files under embargo.
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with (
                os.fdopen(descriptor, "wb") as raw,
                tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as archive,
            ):
                with rows_path.open("rb") as handle:
                    member = _add(archive, DATABASE, handle, rows_path.stat().st_size)
                manifest["members"].append(member)
                media_bytes = 0
                copied = set()
                for name in media_names(skip=skip_media):
                    try:
                        handle, size = default_storage.open(name, "rb"), default_storage.size(name)
                    except FileNotFoundError:
                        continue  # deleted since it was listed
                    with handle:
                        manifest["members"].append(_add(archive, MEDIA + name, handle, size))
                    media_bytes += size
                    copied.add(name)
                missing = sorted(named_files(rows) - copied)
                manifest["missing_files"] = missing
                body = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime, info.mode = len(body), int(timezone.now().timestamp()), 0o644
                archive.addfile(info, _Bytes(body))
        partial.replace(output)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return Summary(
        rows=len(rows),
        kinds=len(manifest["rows"]),
        files=len(manifest["members"]) - 1,
        media_bytes=media_bytes,
        missing=tuple(missing),
    )


def named_files(rows: list[dict]) -> set[str]:
    """The media files the dumped rows name, in their file fields."""
    fields = {
        model._meta.label_lower: [f.name for f in model._meta.fields if isinstance(f, FileField)]
        for model in apps.get_models()
    }
    return {
        row["fields"][name]
        for row in rows
        for name in fields.get(row["model"], ())
        if row["fields"].get(name)
    }


class _Bytes:
    def __init__(self, data: bytes):
        self.data, self.offset = data, 0

    def read(self, size=-1):
        end = len(self.data) if size < 0 else self.offset + size
        chunk, self.offset = self.data[self.offset : end], min(end, len(self.data))
        return chunk


def read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        handle = archive.extractfile(MANIFEST)
        archive.getmembers()  # reads to the end: an archive cut short fails here
    except (tarfile.TarError, EOFError, OSError) as error:
        raise BackupError(
            f"The archive is damaged or cut short ({error}). Nothing was changed."
        ) from None
    except KeyError:
        raise BackupError(
            "The archive has no manifest: it is not a backup of this site, or it was cut short "
            "before it was finished. Nothing was changed."
        ) from None
    try:
        manifest = json.loads(handle.read())
    except (ValueError, tarfile.TarError) as error:
        raise BackupError(
            f"The archive's manifest cannot be read ({error}). Nothing was changed."
        ) from None
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"The archive is in format {manifest.get('format')!r}; this site reads {FORMAT!r}. "
            "Nothing was changed."
        )
    return manifest


def verify(archive: tarfile.TarFile) -> dict:
    """The manifest, once every member it lists is in the archive whole; else BackupError."""
    manifest = read_manifest(archive)
    listed = {member["name"]: member for member in manifest["members"]}
    present = {info.name: info for info in archive.getmembers() if info.isfile()}
    if missing := sorted(set(listed) - set(present)):
        raise BackupError(
            f"The archive is missing {len(missing)} of the files its manifest lists "
            f"(first: {missing[0]}). Nothing was changed."
        )
    if extra := sorted(set(present) - set(listed) - {MANIFEST}):
        raise BackupError(
            f"The archive holds {len(extra)} file(s) its manifest does not list "
            f"(first: {extra[0]}): it was changed after it was made. Nothing was changed."
        )
    for name, member in listed.items():
        digest, size = hashlib.sha256(), 0
        try:
            handle = archive.extractfile(present[name])
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
        except (tarfile.TarError, OSError, EOFError) as error:
            raise BackupError(
                f"{name} cannot be read from the archive ({error}). Nothing was changed."
            ) from None
        if size != member["size"] or digest.hexdigest() != member["sha256"]:
            raise BackupError(
                f"{name} in the archive is damaged: its size or checksum is not the one in the "
                "manifest. Nothing was changed."
            )
    return manifest


def check_installation(manifest: dict) -> None:
    """That this installation can take the archive: the same migrations, and empty."""
    here = applied_migrations()
    if here != manifest["migrations"]:
        only_there = sorted(set(manifest["migrations"]) - set(here))
        only_here = sorted(set(here) - set(manifest["migrations"]))
        raise BackupError(
            "The archive was made at other migrations than this installation is at "
            f"(only in the archive: {', '.join(only_there[:3]) or 'none'}; only here: "
            f"{', '.join(only_here[:3]) or 'none'}). Restore with the same version of the code, "
            "migrated (`manage.py migrate`). Nothing was changed."
        )
    holding = []
    for model in apps.get_models():
        opts = model._meta
        if {opts.app_label, opts.label_lower} & {*EXCLUDED, "auth.group"}:
            continue  # the site's own, or the migrations' groups (replaced by the archive's)
        if count := model._base_manager.count():
            opts = model._meta
            holding.append(
                f"{count} {opts.verbose_name if count == 1 else opts.verbose_name_plural}"
            )
    if holding:
        raise BackupError(
            "This installation is not empty (it holds "
            + ", ".join(holding[:4])
            + "): restore only into a new, migrated database. Nothing was changed."
        )
    if taken := [
        name
        for member in manifest["members"]
        if (name := member["name"]).startswith(MEDIA)
        and default_storage.exists(name.removeprefix(MEDIA))
    ]:
        raise BackupError(
            f"Media storage already holds {len(taken)} of the archive's files (first: "
            f"{taken[0].removeprefix(MEDIA)}): restore only into empty media storage. "
            "Nothing was changed."
        )


def _opened(path: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(path, "r:")
    except FileNotFoundError:
        raise BackupError(f"There is no file at {path}.") from None
    except (tarfile.TarError, OSError) as error:
        raise BackupError(
            f"{path} is not a backup archive, or it is damaged ({error}). Nothing was changed."
        ) from None


def restore(path: Path) -> Summary:
    """Bring the archive at `path` into this empty installation, whole or not at all."""
    with _opened(path) as archive:
        manifest = verify(archive)
        check_installation(manifest)
        written = []
        try:
            with transaction.atomic(), tempfile.TemporaryDirectory() as folder:
                if manifest["rows"].get("auth.group"):
                    Group.objects.all().delete()  # the migrations' own, replaced by the archive's
                rows_path = Path(folder) / DATABASE
                with archive.extractfile(DATABASE) as source, rows_path.open("wb") as target:
                    while chunk := source.read(CHUNK):
                        target.write(chunk)
                try:
                    call_command("loaddata", str(rows_path), verbosity=0)
                except (DatabaseError, DeserializationError) as error:
                    raise BackupError(
                        f"The rows could not be loaded ({error}). Nothing was changed."
                    ) from error
                media_bytes = 0
                for member in manifest["members"]:
                    if not member["name"].startswith(MEDIA):
                        continue
                    name = member["name"].removeprefix(MEDIA)
                    written.append(name)  # before it is whole: removed if it never is
                    with archive.extractfile(member["name"]) as handle:
                        saved = default_storage.save(name, File(handle, name=name))
                    if saved != name:
                        written.append(saved)
                        raise BackupError(f"{name} was written while restoring; try again.")
                    media_bytes += member["size"]
        except BaseException:
            for name in written:
                default_storage.delete(name)
            raise
    return Summary(
        rows=sum(manifest["rows"].values()),
        kinds=len(manifest["rows"]),
        files=len(written),
        media_bytes=media_bytes,
    )


def default_name(now: datetime.datetime | None = None) -> str:
    return f"presskit-backup-{(now or timezone.now()):%Y%m%d-%H%M%S}.tar"
