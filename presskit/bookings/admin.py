"""Each press screening's list for the press office: booked, waiting, let in, no-shows; as CSV too.

Bookings are made by journalists on the site and changed only by the steps
(presskit/bookings/services.py): the list is read here, a seat is given back
by an action that hands it to the first in line.
"""

from django.contrib import admin, messages
from django.db.models import Q
from django.utils import timezone

from config.lib.admin import csv_response
from config.lib.urls import reverse_path
from festivals.models import Screening

from ..models import Booking
from . import services


class ScreeningFilter(admin.SimpleListFilter):
    """The press screenings that take bookings, latest first: one query for the list."""

    title = "screening"
    parameter_name = "screening"

    def lookups(self, request, model_admin):
        screenings = (
            Screening.objects.taking_bookings()
            .select_related("film", "venue")
            .order_by("-starts_at")
        )
        return [(str(screening.pk), str(screening)) for screening in screenings]

    def queryset(self, request, queryset):
        return queryset.filter(screening_id=self.value()) if self.value() else queryset


class AttendanceFilter(admin.SimpleListFilter):
    """Who came: let in, not yet, or a no-show (seated, not let in, the screening started)."""

    title = "attendance"
    parameter_name = "attendance"

    def lookups(self, request, model_admin):
        return [("in", "Let in"), ("expected", "Expected"), ("no_show", "No-show")]

    def queryset(self, request, queryset):
        now = timezone.now()
        seated_not_in = Q(status=Booking.Status.BOOKED, checked_in_at__isnull=True)
        conditions = {
            "in": Q(checked_in_at__isnull=False),
            "expected": seated_not_in & Q(screening__starts_at__gt=now),
            "no_show": seated_not_in & Q(screening__starts_at__lte=now),
        }
        return queryset.filter(conditions[self.value()]) if self.value() in conditions else queryset


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = [
        "ticket_code",
        "journalist",
        "outlet",
        "screening",
        "status",
        "seated_at",
        "attendance",
    ]
    list_filter = [ScreeningFilter, "status", AttendanceFilter]
    list_select_related = ["accreditation__outlet", "screening__film", "screening__venue"]
    search_fields = ["ticket_code", "accreditation__name", "accreditation__email"]
    ordering = ["screening__starts_at", "status", "created_at", "pk"]
    actions = ["export_csv", "give_back"]
    fields = [
        "ticket_code",
        "accreditation",
        "screening",
        "status",
        "created_at",
        "seated_at",
        "cancelled_at",
        "checked_in_at",
        "checked_in_by",
    ]
    readonly_fields = fields

    CSV_COLUMNS = (
        *("ticket", "journalist", "email", "outlet", "country", "screening", "status"),
        *("booked at (UTC)", "seat given (UTC)", "let in (UTC)", "attendance"),
    )

    @admin.display(description="journalist", ordering="accreditation__name")
    def journalist(self, booking):
        return booking.accreditation.name

    @admin.display(description="outlet")
    def outlet(self, booking):
        return booking.accreditation.outlet_name

    @admin.display(description="attendance")
    def attendance(self, booking):
        return attendance_of(booking)

    @admin.action(description="Export the selected bookings as CSV (the door list)")
    def export_csv(self, request, queryset):
        rows = (
            (
                booking.ticket_code,
                booking.accreditation.name,
                booking.accreditation.email,
                booking.accreditation.outlet_name,
                booking.accreditation.country.name,
                str(booking.screening),
                booking.get_status_display(),
                f"{booking.created_at:%Y-%m-%d %H:%M}",
                f"{booking.seated_at:%Y-%m-%d %H:%M}" if booking.seated_at else "",
                f"{booking.checked_in_at:%Y-%m-%d %H:%M}" if booking.checked_in_at else "",
                attendance_of(booking),
            )
            for booking in queryset.select_related(
                "accreditation__outlet", "screening__film", "screening__venue"
            ).order_by("screening__starts_at", "status", "accreditation__name")
        )
        return csv_response("press-screening-bookings.csv", self.CSV_COLUMNS, rows)

    @admin.action(
        description="Give back the selected seats (the first in line gets each)",
        permissions=["change"],
    )
    def give_back(self, request, queryset):
        cancelled = [
            services.cancel(booking_id=pk, by_press_office=True)
            for pk in queryset.exclude(status=Booking.Status.CANCELLED).values_list("pk", flat=True)
        ]
        self.message_user(
            request,
            f"Cancelled {len(cancelled)}; each journalist is told by email, and free seats went "
            "to the first in line.",
            messages.SUCCESS,
        )

    def has_add_permission(self, request):
        return False  # journalists book on the screening's page

    def has_delete_permission(self, request, obj=None):
        return False  # cancelled, never deleted: the list is the record of who came

    def get_list_display_links(self, request, list_display):
        return ["ticket_code"]

    def view_on_site(self, booking):
        return reverse_path("press:screening", booking.screening_id)


def attendance_of(booking: Booking) -> str:
    if booking.checked_in_at:
        return "Let in"
    if not booking.is_seated:
        return ""
    if booking.screening.is_cancelled:
        return "Screening cancelled"
    return "No-show" if booking.screening.starts_at <= timezone.now() else "Expected"
