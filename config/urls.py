from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Press office"
admin.site.site_title = "Press office"
admin.site.index_title = "Films, people, press and festivals"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("presskit.urls")),
]
