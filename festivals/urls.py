from django.urls import path

from . import views

app_name = "festivals"

urlpatterns = [
    path("screenings/", views.screening_list, name="screening-list"),
    path("screenings.ics", views.screening_calendar, name="screening-calendar"),
    path(
        "screenings/<int:pk>.ics", views.screening_event_calendar, name="screening-event-calendar"
    ),
    path("time-zone/", views.time_zone, name="time-zone"),
    path("festivals/", views.festival_list, name="festival-list"),
    path("festivals/<uslug:slug>/", views.festival_detail, name="festival-detail"),
    path("festivals/<uslug:slug>/<int:year>/", views.edition_detail, name="edition-detail"),
]
