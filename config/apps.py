from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The site's own checks (the database pool's size against the server's limit)."""

    name = "config"
    verbose_name = "Site"

    def ready(self):
        from .lib import db  # noqa: F401  (registers its system check)
