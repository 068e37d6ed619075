"""The admin site: Django's own, with the press office's dashboard as its front page."""

from django.contrib import admin


class PressOfficeAdminSite(admin.AdminSite):
    site_header = "Press office"
    site_title = "Press office"
    index_title = "Today"
    index_template = "admin/dashboard.html"
    # The front page and the breadcrumbs lead everywhere; the sidebar would take
    # a quarter of a 1280 px screen from the lists and forms.
    enable_nav_sidebar = False

    def index(self, request, extra_context=None):
        from presskit.dashboard import dashboard  # models are not loaded when the site is made

        context = {"dashboard": dashboard(request.user), **(extra_context or {})}
        return super().index(request, context)
