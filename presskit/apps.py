from django.apps import AppConfig


class PresskitConfig(AppConfig):
    name = "presskit"
    verbose_name = "Press kit"

    def ready(self):
        from . import (
            embargoed_copies,  # noqa: F401  (a picture's copies state the embargo holding it)
            signals,  # noqa: F401  (connects the file clean-up)
            tied_embargoes,  # noqa: F401  (embargoes tied to a screening follow it)
        )
        from .accreditation import passes  # noqa: F401  (voids the page cache's passes)
        from .bookings import receivers  # noqa: F401  (tells journalists when a screening moves)
