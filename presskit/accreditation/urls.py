from django.contrib.auth import views as auth_views
from django.urls import path

from .. import downloads
from ..bookings import views as bookings
from . import views

app_name = "press"

urlpatterns = [
    path("", views.account, name="account"),
    path("apply/", views.apply, name="apply"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("releases/stop/<str:token>/", views.opt_out, name="opt-out"),
    path("releases/again/", views.opt_in, name="opt-in"),
    path("desk/", views.make_desk_link, name="make-desk-link"),
    path("desk/<str:token>", downloads.desk_link, name="desk"),
    path("screenings/<int:pk>/", bookings.screening, name="screening"),
    path("screenings/<int:pk>/book/", bookings.book, name="book"),
    path("screenings/<int:pk>/cancel/", bookings.cancel, name="cancel-booking"),
    path("calendar/<str:token>.ics", bookings.calendar_feed, name="calendar-feed"),
    path("calendar/new-address/", bookings.new_feed_address, name="new-calendar-address"),
    path("door/", bookings.door, name="door"),
    path("door/<int:pk>/", bookings.door_check, name="door-check"),
    path("sign-in/", views.LoginView.as_view(), name="login"),
    path("sign-out/", views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password-change"),
    path("password/changed/", views.PasswordChangeDoneView.as_view(), name="password-change-done"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password-reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="press/password_reset_done.html"),
        name="password-reset-done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="press/password_reset_complete.html"
        ),
        name="password-reset-complete",
    ),
]
