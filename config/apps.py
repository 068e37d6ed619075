from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class SiteConfig(AppConfig):
    """The site's own checks: the database pool's size against the server's limit, and the
    interface's catalogues compiled."""

    name = "config"
    verbose_name = "Site"

    def ready(self):
        from .lib import db, i18n  # noqa: F401  (register their system checks)


class PressOfficeAdminConfig(AdminConfig):
    """Django's admin, with the press office's front page (config/admin.py)."""

    default_site = "config.admin.PressOfficeAdminSite"
