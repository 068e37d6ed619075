from django.shortcuts import render

from festivals.models import Screening

from .models import Film, PressRelease


def home(request):
    return render(
        request,
        "presskit/home.html",
        {
            "films": Film.objects.published(),
            "screenings": Screening.objects.published().select_related("film", "venue")[:10],
            "releases": PressRelease.objects.published()[:5],
        },
    )
