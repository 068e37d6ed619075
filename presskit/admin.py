from django.contrib import admin
from django.db.models import Count
from django_countries.filters import CountryFilter

from config.lib.admin import EditorialAdmin, EditorialInline, PublishableAdmin

from .forms import CreditForm, CreditInlineFormSet, FilmForm
from .models import (
    Asset,
    Company,
    CompanyCredit,
    Coverage,
    Credit,
    Film,
    Outlet,
    Person,
    PressRelease,
    Quote,
)


class CreditInline(EditorialInline, admin.TabularInline):
    model = Credit
    form = CreditForm
    formset = CreditInlineFormSet
    fields = ["billing_order", "person", "role", "role_note", "character"]
    autocomplete_fields = ["person"]
    ordering = ["billing_order"]
    extra = 1


class CompanyCreditInline(EditorialInline, admin.TabularInline):
    model = CompanyCredit
    fields = ["order", "company", "role", "territory"]
    autocomplete_fields = ["company"]
    extra = 1
    verbose_name = "company"
    verbose_name_plural = "companies"


@admin.register(Film)
class FilmAdmin(PublishableAdmin):
    form = FilmForm
    list_display = ["title", "english_title", "year", "runtime", "country_list", "publication"]
    list_filter = ["publication_status", "kind", "year"]
    search_fields = ["search_text"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [CreditInline, CompanyCreditInline]
    fieldsets = [
        (None, {"fields": ["title", "english_title", "slug", "kind", "genres"]}),
        ("Story", {"fields": ["logline", "synopsis", "based_on"]}),
        ("Facts", {"fields": ["year", "runtime_minutes", "countries", "spoken_languages"]}),
        ("For the press", {"fields": ["press_contact", "website"]}),
        ("Publication", {"fields": ["publication_status", "first_published_at"]}),
    ]

    @admin.display(description="runtime", ordering="runtime_minutes")
    def runtime(self, film):
        return f"{film.runtime_minutes} min" if film.runtime_minutes else "—"

    @admin.display(description="countries")
    def country_list(self, film):
        return ", ".join(country.name for country in film.countries) or "—"


class PersonCreditInline(CreditInline):
    fields = ["film", "role", "role_note", "character", "billing_order"]
    autocomplete_fields = ["film"]
    ordering = ["film__title", "billing_order"]
    extra = 0
    verbose_name_plural = "credits on films"


@admin.register(Person)
class PersonAdmin(PublishableAdmin):
    list_display = ["name", "known_for", "nationality", "credit_count", "publication"]
    # Explicit, because Meta.ordering does not apply to the annotated (grouped) query.
    ordering = ["name"]
    list_filter = ["publication_status", ("nationality", CountryFilter)]
    search_fields = ["search_text"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PersonCreditInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "also_known_as", "nationality", "known_for"]}),
        ("Biography", {"fields": ["bio", "website"]}),
        ("Publication", {"fields": ["publication_status", "first_published_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(credit_count=Count("credits"))

    @admin.display(description="credits", ordering="credit_count")
    def credit_count(self, person):
        return person.credit_count


@admin.register(Credit)
class CreditAdmin(EditorialAdmin):
    form = CreditForm
    list_display = ["person", "role", "role_note", "character", "film", "billing_order"]
    list_filter = ["role", "film"]
    list_select_related = ["person", "film"]
    search_fields = ["person__search_text", "film__search_text", "character"]
    autocomplete_fields = ["film", "person"]
    ordering = ["film__title", "billing_order"]


@admin.register(Company)
class CompanyAdmin(EditorialAdmin):
    list_display = ["name", "country", "website"]
    list_filter = [("country", CountryFilter)]
    search_fields = ["search_text"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Outlet)
class OutletAdmin(EditorialAdmin):
    list_display = ["name", "kind", "country", "website"]
    list_filter = ["kind", ("country", CountryFilter)]
    search_fields = ["search_text"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Quote)
class QuoteAdmin(PublishableAdmin):
    list_display = ["short_text", "speaker_display", "outlet", "film", "language", "publication"]
    list_filter = ["publication_status", "language", "outlet", "film"]
    list_select_related = ["speaker", "outlet", "film"]
    search_fields = ["search_text", "speaker__search_text", "outlet__search_text"]
    autocomplete_fields = ["film", "speaker", "outlet"]
    fieldsets = [
        (None, {"fields": ["film", "text", "language"]}),
        ("Who said it", {"fields": ["speaker", "speaker_name"]}),
        ("Source", {"fields": ["outlet", "source_url", "said_on"]}),
        ("Publication", {"fields": ["order", "publication_status", "first_published_at"]}),
    ]

    @admin.display(description="quote", ordering="text")
    def short_text(self, quote):
        return quote.text if len(quote.text) <= 80 else f"{quote.text[:79]}…"

    @admin.display(description="speaker")
    def speaker_display(self, quote):
        return quote.speaker_display


@admin.register(Coverage)
class CoverageAdmin(PublishableAdmin):
    list_display = ["headline", "outlet", "date", "kind", "language", "film", "publication"]
    list_filter = ["publication_status", "kind", "language", "outlet"]
    list_select_related = ["outlet", "film"]
    search_fields = ["search_text", "outlet__search_text"]
    autocomplete_fields = ["film", "outlet"]
    date_hierarchy = "published_on"

    @admin.display(description="date", ordering="published_on")
    def date(self, coverage):
        return coverage.date_display or "—"


@admin.register(PressRelease)
class PressReleaseAdmin(PublishableAdmin):
    list_display = ["title", "film", "embargo_until", "first_published_at", "publication"]
    list_filter = ["publication_status", "film", "language"]
    list_select_related = ["film"]
    search_fields = ["search_text"]
    autocomplete_fields = ["film"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "film", "dateline", "language"]}),
        ("Text", {"fields": ["summary", "body", "contact"]}),
        ("Publication", {"fields": ["publication_status", "embargo_until", "first_published_at"]}),
    ]


@admin.register(Asset)
class AssetAdmin(PublishableAdmin):
    list_display = ["__str__", "kind", "film", "person", "credit_line", "access", "publication"]
    list_filter = ["publication_status", "kind", "access", "film"]
    list_select_related = ["film", "person"]
    search_fields = ["search_text", "film__search_text", "person__search_text"]
    autocomplete_fields = ["film", "person"]
    readonly_fields = ["original_filename"]
    fieldsets = [
        (None, {"fields": ["kind", "film", "person", "title", "file", "original_filename"]}),
        (
            "Caption and rights",
            {"fields": ["caption", "credit_line", "copyright_holder", "usage_terms"]},
        ),
        (
            "Publication",
            {
                "fields": [
                    "access",
                    "order",
                    "publication_status",
                    "embargo_until",
                    "first_published_at",
                ]
            },
        ),
    ]

    def save_model(self, request, obj, form, change):
        if "file" in form.changed_data and obj.file:
            obj.original_filename = obj.file.name
        super().save_model(request, obj, form, change)
