"""The baseline's two pages: a bare view, and a template page behind Django's cache_page."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.cache import cache_page


def hello(request):
    return HttpResponse("ok")


@cache_page(300)
def cached_page(request):
    return render(request, "page.html", {"items": range(10)})


urlpatterns = [
    path("", hello),
    path("cache-page/", cached_page),
]
