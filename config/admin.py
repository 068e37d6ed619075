"""The admin site: Django's own, with the press office's dashboard as its front page."""

from django.contrib import admin


class PressOfficeAdminSite(admin.AdminSite):
    site_header = "Press office"
    site_title = "Press office"
    index_title = "Today"
    index_template = "admin/dashboard.html"

    def index(self, request, extra_context=None):
        from presskit.dashboard import dashboard  # models are not loaded when the site is made

        context = {"dashboard": dashboard(request.user), **(extra_context or {})}
        return super().index(request, context)
