"""`manage.py empty_bin`: delete for good what has waited in the bin long enough.

The tasks worker does it by itself when each record's time comes
(presskit/the_bin.py); this is for a cron job, or a worker that was down.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from presskit.the_bin import empty


class Command(BaseCommand):
    help = "Delete for good what has been in the bin longer than PRESSKIT_BIN_DAYS."

    def handle(self, *args, **options):
        emptied = empty()
        self.stdout.write(
            f"Deleted for good {emptied} record(s) in the bin for more than "
            f"{settings.PRESSKIT_BIN_DAYS} days."
        )
