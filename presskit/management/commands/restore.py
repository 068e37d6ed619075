"""`manage.py restore`: a backup brought into a new, empty installation, whole or not at all."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from config.lib.backup import BackupError, restore
from config.lib.page_cache import content_changed
from presskit.publishing.workflow import publishable_models, schedule_moments_ahead
from presskit.the_bin import queue_emptying


class Command(BaseCommand):
    help = (
        "Restore an archive made by `manage.py backup` into this installation, which must be "
        "migrated and empty. A damaged or partial archive is refused and nothing changes."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="The archive `manage.py backup` wrote.")

    def handle(self, *args, archive: Path, **options):
        try:
            summary = restore(archive)
        except (BackupError, OSError) as error:
            raise CommandError(f"Not restored: {error}") from error
        # The tasks queue is not in the archive: the schedules and the bin's emptying again.
        for model in publishable_models():
            scheduled = model._default_manager.exclude(publish_at=None, withdraw_at=None)
            for record in scheduled:
                schedule_moments_ahead(record)
        queue_emptying()
        content_changed()
        self.stdout.write(
            f"Restored {summary.rows} rows of {summary.kinds} kinds and {summary.files} files "
            f"({filesizeformat(summary.media_bytes)}) from {archive}."
        )
