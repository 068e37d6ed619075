from django.urls import path

from . import views

app_name = "presskit"

urlpatterns = [
    path("", views.home, name="home"),
]
