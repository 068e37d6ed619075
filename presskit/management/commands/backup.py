"""`manage.py backup`: the database and the media in one archive, while the site runs."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from config.lib.backup import BackupError, backup, default_name
from presskit.kit.archive import KITS


class Command(BaseCommand):
    help = (
        "Write every row and every media file to one tar archive with a manifest of "
        "checksums (config/lib/backup.py). Safe while the site runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "output",
            nargs="?",
            type=Path,
            help="Where to write the archive (default: presskit-backup-<UTC time>.tar here). "
            "A folder gets the default name inside it.",
        )

    def handle(self, *args, output: Path | None, **options):
        output = output or Path(default_name())
        if output.is_dir():
            output = output / default_name()
        if output.exists():
            raise CommandError(f"{output} exists already; choose another name.")
        if not output.parent.is_dir():
            raise CommandError(f"There is no folder {output.parent} to write the archive in.")
        try:
            summary = backup(output, skip_media=(KITS,))  # kept ZIPs: the next download makes them
        except (BackupError, OSError) as error:
            raise CommandError(f"The backup was not made: {error}") from error
        if summary.missing:
            self.stderr.write(
                f"{len(summary.missing)} file(s) the rows name were not in media storage "
                f"(first: {summary.missing[0]}): deleted while the backup ran, or lost before. "
                "The archive lists them in its manifest; if the site was busy, run it again."
            )
        self.stdout.write(
            f"Backed up {summary.rows} rows of {summary.kinds} kinds and {summary.files} files "
            f"({filesizeformat(summary.media_bytes)}) to {output}."
        )
