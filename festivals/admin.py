from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django_countries.filters import CountryFilter

from config.lib.admin import EditorialAdmin, EditorialInline
from presskit.publishing.admin import AuditedInlines, PublishableAdmin, PublishableInline

from .forms import ScreeningForm, VenueForm
from .models import Award, Edition, Festival, Screening, Venue


@admin.display(description="starts (local time)", ordering="starts_at")
def local_start(screening):
    # For editors, the zone exactly as entered, with its offset that day.
    offset = screening.local_start.strftime("%z")
    zone = f"{screening.time_zone or 'UTC'}, UTC{offset[:3]}:{offset[3:]}"
    return f"{screening.local_start:%d %b %Y, %H:%M} ({zone})"


class EditionInline(EditorialInline, admin.TabularInline):
    model = Edition
    fields = ["year", "number", "starts_on", "ends_on", "website"]
    extra = 0
    show_change_link = True


@admin.register(Festival)
class FestivalAdmin(EditorialAdmin):
    list_display = ["name", "short_name", "city", "country", "edition_count"]
    # Explicit, because Meta.ordering does not apply to the annotated (grouped) query.
    ordering = ["name"]
    list_filter = [("country", CountryFilter)]
    search_fields = ["search_text"]
    slug_from = ("name",)
    inlines = [EditionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(edition_count=Count("editions"))

    @admin.display(description="editions", ordering="edition_count")
    def edition_count(self, festival):
        return festival.edition_count


class ScreeningInline(PublishableInline, admin.TabularInline):
    model = Screening
    form = ScreeningForm
    fields = ["film", "venue", "starts_at", "kind", "status", "title", "publication_status"]
    autocomplete_fields = ["film", "venue"]
    extra = 1
    show_change_link = True


@admin.register(Edition)
class EditionAdmin(AuditedInlines, EditorialAdmin):
    list_display = [
        "__str__",
        "festival",
        "year",
        "ordinal",
        "starts_on",
        "ends_on",
        "screening_count",
    ]
    list_filter = [("festival", admin.RelatedOnlyFieldListFilter), "year"]
    ordering = ["-starts_on"]
    list_select_related = ["festival"]
    search_fields = ["festival__search_text", "year"]
    autocomplete_fields = ["festival"]
    inlines = [ScreeningInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(screening_count=Count("screenings"))

    @admin.display(description="screenings", ordering="screening_count")
    def screening_count(self, edition):
        return edition.screening_count


@admin.register(Venue)
class VenueAdmin(EditorialAdmin):
    form = VenueForm
    list_display = ["name", "city", "country", "time_zone"]
    list_filter = [("country", CountryFilter), "time_zone"]
    search_fields = ["search_text"]
    slug_from = ("name", "city")


@admin.register(Screening)
class ScreeningAdmin(PublishableAdmin):
    form = ScreeningForm
    list_display = ["film", local_start, "publication", "status", "where", "edition", "kind"]
    list_filter = [
        "publication_status",
        "kind",
        "status",
        ("edition__festival", admin.RelatedOnlyFieldListFilter),
        ("country", CountryFilter),
        ("film", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["film", "venue", "edition__festival"]
    search_fields = [
        "film__search_text",
        "venue__search_text",
        "edition__festival__search_text",
        "search_text",
    ]
    autocomplete_fields = ["film", "edition", "venue"]
    date_hierarchy = "starts_at"
    fieldsets = [
        (None, {"fields": ["film", "edition", "kind", "status", "title"]}),
        ("When", {"fields": ["starts_at", "ends_at", "previous_starts_at"]}),
        ("Where", {"fields": ["venue", "time_zone", "city", "country"]}),
        ("For the public", {"fields": ["notes", "tickets_url"]}),
        (
            "Seats for accredited journalists",
            {
                "fields": [
                    "press_bookings",
                    "seats",
                    "bookable_by",
                    "bookings_open_at",
                    "bookings_close_at",
                    "cancellable_until_minutes",
                ],
                "description": "Press screenings only. Journalists book on the screening's page; "
                "a full screening takes a waiting list.",
            },
        ),
        ("Publication", {"fields": ["publication_status", "first_published_at"]}),
    ]

    readonly_fields = ["press_bookings"]

    def get_fieldsets(self, request, obj=None):
        """Who booked is the press office's to see: editors do not get the count's link."""
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.has_perm("presskit.view_booking"):
            return fieldsets
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "press_bookings"]})
            for name, options in fieldsets
        ]

    @admin.display(description="bookings")
    def press_bookings(self, screening):
        """How full it is, with a link to its list (the door list, as CSV from there)."""
        if screening.pk is None or screening.seats is None:
            return "None: set the seats to take bookings."
        counts = dict(
            screening.bookings.values_list("status").annotate(count=Count("pk")).order_by()
        )
        url = reverse("admin:presskit_booking_changelist") + f"?screening={screening.pk}"
        return format_html(
            '{} of {} seats booked, {} waiting · <a href="{}">the list</a>',
            counts.get("booked", 0),
            screening.seats,
            counts.get("waiting", 0),
            url,
        )

    @admin.display(description="where", ordering="city")
    def where(self, screening):
        return screening.venue or screening.city or screening.get_country_display() or "Worldwide"


@admin.register(Award)
class AwardAdmin(PublishableAdmin):
    list_display = ["name", "publication", "category", "result", "film", "person", "edition"]
    list_filter = [
        "publication_status",
        "result",
        ("edition__festival", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["film", "person", "edition__festival"]
    search_fields = ["search_text", "film__search_text", "edition__festival__search_text"]
    autocomplete_fields = ["film", "person", "edition"]
