from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class SiteConfig(AppConfig):
    """The site's own checks (the database pool's size against the server's limit)."""

    name = "config"
    verbose_name = "Site"

    def ready(self):
        from .lib import db  # noqa: F401  (registers its system check)


class PressOfficeAdminConfig(AdminConfig):
    """Django's admin, with the press office's front page (config/admin.py)."""

    default_site = "config.admin.PressOfficeAdminSite"
