import reversion
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Max, Q
from django.forms import modelformset_factory
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django_countries.filters import CountryFilter

from config.lib.admin import (
    EditorialAdmin,
    EditorialInline,
    ReadOnlyAdmin,
    TranslationsAfter,
    choices_in_use,
    csv_response,
)
from config.lib.languages import LANGUAGE_NAMES
from festivals.models import Edition

from .accreditation import admin as accreditation_admin  # noqa: F401 (registers it)
from .accreditation.sending import recipients, send_release, subject_of
from .bin_admin import BinOnDelete
from .bookings import admin as bookings_admin  # noqa: F401 (registers it)
from .forms import (
    AssetForm,
    BulkUploadForm,
    CaptionForm,
    CreditForm,
    CreditInlineFormSet,
    FilmForm,
    PressReleaseForm,
    SubtitlesForm,
)
from .models import (
    Accreditation,
    Asset,
    AuditEntry,
    Company,
    CompanyCredit,
    Coverage,
    Credit,
    Download,
    Film,
    Outlet,
    Person,
    PressRelease,
    PreviewLink,
    Quote,
    Rendition,
    Review,
    Subtitles,
)
from .previews_admin import PreviewLinkAdmin, SharePreview
from .publishing.admin import (
    GatedAdmin,
    PublishableAdmin,
    PublishableInline,
    hidden_because,
    may_publish,
)
from .publishing.models import Audience, Publication, can_preview
from .publishing.workflow import publishable_models
from .services import asset_prepare, asset_save, assets_upload
from .translation_grid import missing_by_language, translation_grid


class CreditInline(PublishableInline, admin.TabularInline):
    model = Credit
    form = CreditForm
    formset = CreditInlineFormSet
    fields = ["billing_order", "person", "role", "role_note", "character"]
    autocomplete_fields = ["person"]
    ordering = ["billing_order"]
    extra = 1

    # A film's own credits are all in its formset, which checks their positions
    # against each other (so two may swap); a person's credits on many films are not.
    positions_in_formset = True

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.positions_checked_by_formset = self.positions_in_formset
        return formset


class CompanyCreditInline(TranslationsAfter, PublishableInline, admin.TabularInline):
    model = CompanyCredit
    fields = ["order", "company", "role", "territory"]
    autocomplete_fields = ["company"]
    extra = 1
    verbose_name = "company"
    verbose_name_plural = "companies"


@admin.register(Film)
class FilmAdmin(BinOnDelete, SharePreview, PublishableAdmin):
    form = FilmForm
    list_display = [
        "title",
        "publication",
        "english_title",
        "year",
        "runtime",
        "country_list",
        "downloads",
    ]
    list_filter = ["publication_status", "kind", "year"]
    change_form_template = "admin/presskit/film/change_form.html"
    search_fields = ["search_text"]
    slug_from = ("title",)
    autocomplete_fields = ["embargo_screening", "reviews_embargo_screening"]
    inlines = [CreditInline, CompanyCreditInline]
    fieldsets = [
        (None, {"fields": ["title", "english_title", "slug", "kind", "genres"]}),
        ("Story", {"fields": ["logline", "synopsis", "based_on"]}),
        # Folded: filled once, then rarely opened; what decides who sees the film stays open.
        (
            "Facts",
            {
                "fields": ["year", "runtime_minutes", "countries", "spoken_languages"],
                "classes": ["collapse"],
            },
        ),
        ("For the press", {"fields": ["press_contact", "website"], "classes": ["collapse"]}),
        (
            "Reviews embargo",
            {
                "classes": ["collapse"],
                "fields": [
                    "reviews_embargo_until",
                    "reviews_embargo_screening",
                    *("reviews_embargo_minutes_after", "reviews_embargo_from_end"),
                ],
                "description": "When critics may publish. Accredited journalists read it on "
                "the film's page and in their screening emails; it hides nothing.",
            },
        ),
        (
            "Publication",
            {
                "fields": [
                    "publication_status",
                    *("embargo_until", "embargo_time_zone", "confirm_embargo"),
                    *("embargo_screening", "embargo_minutes_after", "embargo_from_end"),
                    "first_published_at",
                ]
            },
        ),
    ]

    @admin.display(description="runtime", ordering="runtime_minutes")
    def runtime(self, film):
        return f"{film.runtime_minutes} min" if film.runtime_minutes else "—"

    @admin.display(description="countries")
    def country_list(self, film):
        return ", ".join(country.name for country in film.countries) or "—"

    @admin.display(description="downloads", ordering="download_count")
    def downloads(self, film):
        return f"{film.download_count} (kits: {film.kit_count}, chosen stills: {film.stills_count})"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                download_count=Count("downloads"),
                kit_count=Count("downloads", filter=Q(downloads__kind=Download.Kind.KIT)),
                stills_count=Count("downloads", filter=Q(downloads__kind=Download.Kind.STILLS)),
            )
        )

    def get_urls(self):
        upload = self.admin_site.admin_view(self.upload_view)
        captions = self.admin_site.admin_view(self.captions_view)
        translations = self.admin_site.admin_view(self.translations_view)
        return [
            path("<int:pk>/upload/", upload, name="presskit_film_upload"),
            path("<int:pk>/captions/", captions, name="presskit_film_captions"),
            path("<int:pk>/translations/", translations, name="presskit_film_translations"),
            *super().get_urls(),
        ]

    def translations_view(self, request, pk):
        """The film's translation grid: each of its texts by language, with a link to each gap.

        It lists what the admin shows this user (nothing in the bin, no model
        they may not view), and links a gap only where they may fill it.
        """
        film = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_permission(request, film):
            raise PermissionDenied

        def shown(model):
            if model is CompanyCredit:  # edited in the film's own form: its rights, checked above
                return CompanyCredit.objects.all()
            model_admin = self.admin_site.get_model_admin(model)
            if not model_admin.has_view_permission(request):
                return model.objects.none()
            return model_admin.get_queryset(request)

        def fill(record, column):
            if isinstance(record, CompanyCredit):
                if not self.has_change_permission(request, film):
                    return ""
                change = reverse("admin:presskit_film_change", args=[film.pk])
                return f"{change}#company_credits-group"
            opts = record._meta
            model_admin = self.admin_site.get_model_admin(type(record))
            if not model_admin.has_change_permission(request, record):
                return ""
            change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
            return f"{change}#id_{column}"

        lines = translation_grid(film, shown, fill)
        names = dict(settings.LANGUAGES)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": film,
            "lines": lines,
            "languages": settings.LANGUAGES,
            "missing": [(names[code], count) for code, count in missing_by_language(lines).items()],
            "title": f"Translations of {film.title}",
        }
        return TemplateResponse(request, "admin/presskit/film/translations.html", context)

    def captions_view(self, request, pk):
        """The words of many new pictures on one page, each beside its thumbnail.

        `?assets=3,4,5` names them (the bulk upload sends its own); only the
        film's pictures the user may change are shown. The rows are read
        locked and saved in one transaction: nothing is saved unless every
        row is right, errors show by their picture, and what was typed stays.
        """
        film = get_object_or_404(Film, pk=pk)
        asset_admin = self.admin_site.get_model_admin(Asset)
        if not self.has_change_permission(request, film) or not asset_admin.has_change_permission(
            request
        ):
            raise PermissionDenied
        wanted = [int(pk) for pk in request.GET.get("assets", "").split(",") if pk.isdigit()]
        pictures = (
            film.assets.filter(pk__in=wanted)
            .images()
            .prefetch_related("renditions")
            .order_by("order", "pk")
        )
        mine = [asset.pk for asset in pictures if asset_admin.has_change_permission(request, asset)]
        pictures = pictures.filter(pk__in=mine)
        CaptionFormSet = modelformset_factory(Asset, form=CaptionForm, extra=0)
        if request.method == "POST":
            with transaction.atomic():
                formset = CaptionFormSet(request.POST, queryset=pictures.select_for_update())
                saved = self._save_captions(request, formset) if formset.is_valid() else None
            if saved is not None:
                self.message_user(
                    request,
                    f"Saved the words of {saved} picture{'s' if saved != 1 else ''}.",
                    messages.SUCCESS,
                )
                return redirect(
                    f"{reverse('admin:presskit_asset_changelist')}?film__id__exact={film.pk}"
                )
        else:
            formset = CaptionFormSet(queryset=pictures)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "film": film,
            "original": film,
            "formset": formset,
            "rows": [
                (form, _thumbnail(form.instance, width=160) if form.instance.pk else "")
                for form in formset.forms
            ],
            "title": f"Captions for {film.title}",
        }
        return TemplateResponse(request, "admin/presskit/film/captions.html", context)

    def _save_captions(self, request, formset) -> int:
        """Save each changed row as its own revision (undone on its own), logged; return how many."""
        saved = 0
        for form in formset.forms:
            if not [name for name in form.changed_data if name != "seen"]:
                continue
            with reversion.create_revision():
                reversion.set_user(request.user)
                message = self.construct_change_message(request, form, None)
                reversion.set_comment("Words written on the captions page.")
                asset_save(asset=form.instance)
            LogEntry.objects.log_actions(
                user_id=request.user.pk,
                queryset=[form.instance],
                action_flag=CHANGE,
                change_message=message,
                single_object=True,
            )
            saved += 1
        return saved

    def upload_view(self, request, pk):
        """Many stills at once: the good ones are kept as drafts, the bad ones listed with why."""
        film = get_object_or_404(Film, pk=pk)
        if not self.has_change_permission(request, film) or not request.user.has_perm(
            "presskit.add_asset"
        ):
            raise PermissionDenied
        form = BulkUploadForm(
            request.POST or None,
            request.FILES or None,
            may_publish=may_publish(request.user, Asset),
        )
        kept, refused = [], []
        if request.method == "POST" and form.is_valid():
            fields = form.cleaned_data
            kept, refused = assets_upload(
                film=film,
                kind=fields["kind"],
                files=fields["files"],
                defaults={
                    name: fields[name]
                    for name in (
                        *("credit_line", "copyright_holder", "usage_terms"),
                        *("access", "print_access"),
                    )
                },
            )
            if kept:
                self.message_user(
                    request,
                    f"Added {len(kept)} file{'s' if len(kept) != 1 else ''} to {film.title} "
                    "as drafts. Their copies for download are being prepared; add their "
                    "captions meanwhile, then publish them.",
                    messages.SUCCESS,
                )
            if refused:
                self.message_user(
                    request,
                    f"{len(refused)} file{'s were' if len(refused) != 1 else ' was'} refused: "
                    "see why below.",
                    messages.ERROR,
                )
            if kept and not refused:
                return redirect(_captions_url(film, kept))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "film": film,
            "original": film,
            "form": form,
            "kept": kept,
            "captions_url": _captions_url(film, kept) if kept else "",
            "refused": refused,
            "title": f"Upload pictures to {film.title}",
        }
        return TemplateResponse(request, "admin/presskit/film/upload.html", context)


class PersonCreditInline(CreditInline):
    positions_in_formset = False
    fields = ["film", "role", "role_note", "character", "billing_order"]
    autocomplete_fields = ["film"]
    ordering = ["film__title", "billing_order"]
    extra = 0
    verbose_name_plural = "credits on films"


@admin.register(Person)
class PersonAdmin(BinOnDelete, SharePreview, PublishableAdmin):
    list_display = ["name", "publication", "known_for", "nationality", "credit_count"]
    # Explicit, because Meta.ordering does not apply to the annotated (grouped) query.
    ordering = ["name"]
    list_filter = ["publication_status", ("nationality", CountryFilter)]
    search_fields = ["search_text"]
    slug_from = ("name",)
    inlines = [PersonCreditInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    ("latin_name", "cyrillic_name"),
                    "slug",
                    "also_known_as",
                    "nationality",
                    "known_for",
                ]
            },
        ),
        ("Biography", {"fields": ["bio", "website"]}),
        ("Publication", {"fields": ["publication_status", "first_published_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(credit_count=Count("credits"))

    @admin.display(description="credits", ordering="credit_count")
    def credit_count(self, person):
        return person.credit_count


@admin.register(Credit)
class CreditAdmin(GatedAdmin):
    form = CreditForm
    list_display = ["person", "role", "role_note", "character", "film", "billing_order"]
    list_filter = ["role", ("film", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["person", "film"]
    search_fields = ["person__search_text", "film__search_text", "character"]
    autocomplete_fields = ["film", "person"]
    ordering = ["film__title", "billing_order"]


@admin.register(Company)
class CompanyAdmin(EditorialAdmin):
    list_display = ["name", "country", "website"]
    list_filter = [("country", CountryFilter)]
    search_fields = ["search_text"]
    slug_from = ("name",)


@admin.register(Outlet)
class OutletAdmin(EditorialAdmin):
    list_display = ["name", "kind", "country", "website"]
    list_filter = ["kind", ("country", CountryFilter)]
    search_fields = ["search_text"]
    slug_from = ("name",)


@admin.register(Quote)
class QuoteAdmin(PublishableAdmin):
    list_display = ["short_text", "publication", "speaker_display", "outlet", "film", "language"]
    list_filter = [
        "publication_status",
        choices_in_use("language", "language"),
        ("outlet", admin.RelatedOnlyFieldListFilter),
        ("film", admin.RelatedOnlyFieldListFilter),
    ]
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
    list_display = ["headline", "publication", "outlet", "date", "kind", "language", "film"]
    list_filter = [
        "publication_status",
        "kind",
        choices_in_use("language", "language"),
        ("outlet", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["outlet", "film"]
    search_fields = ["search_text", "outlet__search_text"]
    autocomplete_fields = ["film", "outlet"]
    date_hierarchy = "published_on"

    @admin.display(description="date", ordering="published_on")
    def date(self, coverage):
        return coverage.date_display or "—"


class SendReleaseForm(forms.Form):
    """Who a release goes to by email: every accredited journalist, or those matching all filters."""

    countries = forms.MultipleChoiceField(
        label="Outlet countries",
        required=False,
        help_text="Only journalists working from these countries. None chosen: any country.",
    )
    languages = forms.MultipleChoiceField(
        required=False,
        help_text="Only journalists writing in one of these. None chosen: any language.",
    )
    edition = forms.ModelChoiceField(
        label="Festival edition",
        queryset=Edition.objects.select_related("festival").order_by("-starts_on"),
        required=False,
        help_text="Only journalists accredited through this edition's first day.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        valid = Accreditation.objects.valid()
        self.fields["countries"].choices = sorted(
            {(str(a.country), a.country.name) for a in valid.only("country")}, key=lambda c: c[1]
        )
        spoken = {
            code for languages in valid.values_list("languages", flat=True) for code in languages
        }
        self.fields["languages"].choices = sorted(
            ((code, LANGUAGE_NAMES.get(code, code)) for code in spoken), key=lambda c: c[1]
        )


@admin.register(PressRelease)
class PressReleaseAdmin(BinOnDelete, SharePreview, PublishableAdmin):
    form = PressReleaseForm
    change_form_template = "admin/presskit/pressrelease/change_form.html"
    # "Who sees it" states the access level and the embargo in its own zone.
    list_display = ["title", "publication", "film", "first_published_at"]
    list_filter = [
        "publication_status",
        "access",
        ("film", admin.RelatedOnlyFieldListFilter),
        choices_in_use("language", "language"),
    ]
    # The "who sees it" column reads the film and the screening it announces.
    list_select_related = ["film", "screening__film", "screening__venue"]
    search_fields = ["search_text"]
    autocomplete_fields = ["film", "screening", "embargo_screening"]
    slug_from = ("title",)
    fieldsets = [
        (None, {"fields": ["title", "slug", "film", "screening", "dateline", "language"]}),
        ("Text", {"fields": ["summary", "body", "contact"]}),
        (
            "Publication",
            {
                "fields": [
                    *("publication_status", "access"),
                    *("embargo_until", "embargo_time_zone", "confirm_embargo"),
                    *("embargo_screening", "embargo_minutes_after", "embargo_from_end"),
                    "first_published_at",
                ]
            },
        ),
    ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "may_send": self.has_publish_permission(request)}
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        send = self.admin_site.admin_view(self.send_view)
        return [
            path("<int:pk>/send/", send, name="presskit_pressrelease_send"),
            *super().get_urls(),
        ]

    def send_view(self, request, pk):
        """Send the release by email to accredited journalists, embargo stated; each send logged."""
        release = get_object_or_404(PressRelease, pk=pk)
        if not self.has_publish_permission(request, release):
            raise PermissionDenied("Only press officers send releases.")
        refusal = ""
        if release.publication_status in (Publication.DRAFT, Publication.REVIEW):
            refusal = (
                f"This release is {release.get_publication_status_display().lower()}: publish "
                "it first (with an embargo if it is not out yet)."
            )
        elif not release.is_visible_to_audience(Audience.PRESS):
            reasons = "; ".join(hidden_because(release, audience=Audience.PRESS))
            refusal = f"Accredited journalists may not read this release ({reasons})."
        form = SendReleaseForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and not refusal and form.is_valid():
            sending = send_release(release, by=request.user, **form.cleaned_data)
            self.message_user(
                request,
                f"Sending “{sending.subject}” to {len(sending.recipients)} accredited "
                f"journalists ({sending.audience.lower()}).",
                messages.SUCCESS,
            )
            return redirect("admin:presskit_pressrelease_change", release.pk)
        return TemplateResponse(
            request,
            "admin/presskit/pressrelease/send.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": f"Send “{release}” by email",
                "release": release,
                "original": release,
                "subject": subject_of(release),
                "form": form,
                "refusal": refusal,
                "everyone": len(recipients()),
                "sendings": release.sendings.select_related("sent_by"),
            },
        )


class SubtitlesInline(EditorialInline, admin.TabularInline):
    """A video's subtitles and captions, one row a language: a part of the video, shown with it."""

    model = Subtitles
    form = SubtitlesForm
    fields = ["language", "kind", "text", "upload"]
    extra = 1
    verbose_name = "subtitles file"
    verbose_name_plural = "subtitles and captions"


@admin.register(Asset)
class AssetAdmin(BinOnDelete, SharePreview, PublishableAdmin):
    form = AssetForm
    inlines = [SubtitlesInline]
    list_display = [
        "thumbnail",
        "__str__",
        "publication",
        "access",
        "belongs_to",
        "copies",
        "download_count",
    ]
    list_display_links = ["thumbnail", "__str__"]
    list_filter = [
        "publication_status",
        "processing",
        "kind",
        "access",
        ("film", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["film", "person"]
    search_fields = ["search_text", "film__search_text", "person__search_text"]
    autocomplete_fields = ["film", "person", "people", "embargo_screening"]
    readonly_fields = ["preview", "original_filename", "facts", "copies"]
    ordering = ["film", "order", "pk"]
    actions = [*PublishableAdmin.actions, "prepare_again"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    *("kind", "film", "person", "people", "title"),
                    *("file", "video_url", "preview", "facts", "copies"),
                ]
            },
        ),
        (
            "Caption and rights, written into every copy",
            {"fields": ["caption", "credit_line", "copyright_holder", "usage_terms"]},
        ),
        (
            "Publication",
            {
                "fields": [
                    *("access", "print_access"),
                    "order",
                    "publication_status",
                    *("embargo_until", "embargo_time_zone", "confirm_embargo"),
                    *("embargo_screening", "embargo_minutes_after", "embargo_from_end"),
                    "first_published_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("renditions", "people")  # "who sees it" reads the people
            .annotate(download_count=Count("downloads"))
        )

    def get_inlines(self, request, obj):
        # Only a video has subtitles; a new file is not yet known to be one. (`inlines`
        # names them all the same: django-reversion keeps their history with the video's.)
        return self.inlines if obj is not None and obj.is_video else []

    def store(self, request, obj, form, change):
        asset_save(asset=obj, inspected=form.inspected)
        if form.inspected is not None:
            self.file_written(request, obj.file)

    @admin.display(description="belongs to", ordering="film__title")
    def belongs_to(self, asset):
        return asset.film or asset.person or "—"

    @admin.display(description="copies", ordering="processing")
    def copies(self, asset):
        if not asset.pk:
            return "—"
        if asset.processing == Asset.Processing.FAILED:
            return format_html(
                '<span class="badge badge-failed">Failed</span> {}', asset.processing_error
            )
        if asset.processing == Asset.Processing.PREPARING:
            tries = (
                f" (try {asset.processing_attempts + 1}: {asset.processing_error})"
                if asset.processing_attempts
                else ""
            )
            return format_html('<span class="badge badge-preparing">Preparing</span>{}', tries)
        if not asset.is_image:
            return "Ready (no copies: served as uploaded)"
        if asset.processing_error:  # a new file that failed: the previous picture was kept
            return format_html("Ready · {}", asset.processing_error)
        return "Ready"

    @admin.action(description="Make the copies of selected files again")
    def prepare_again(self, request, queryset):
        count = 0
        for asset in queryset.images():
            Asset.objects.filter(pk=asset.pk).exclude(processing=Asset.Processing.READY).update(
                processing=Asset.Processing.PREPARING, processing_error="", processing_attempts=0
            )
            asset_prepare(asset=asset)
            count += 1
        self.message_user(
            request, f"Making the copies of {count} file{'s' if count != 1 else ''} again."
        )

    @admin.display(description="")
    def thumbnail(self, asset):
        return _thumbnail(asset)

    @admin.display(description="preview")
    def preview(self, asset):
        return _thumbnail(asset, width=320) if asset.pk else "—"

    @admin.display(description="file")
    def facts(self, asset):
        if not asset.pk:
            return "—"
        size = filesizeformat(asset.file_size or 0)
        if asset.is_image:
            return (
                f"{asset.original_filename}: {asset.format}, {asset.width} × {asset.height}, {size}"
            )
        return f"{asset.original_filename}: PDF, {size}"

    @admin.display(description="downloads", ordering="download_count")
    def download_count(self, asset):
        return asset.download_count


def _captions_url(film: Film, assets) -> str:
    """The page where the words of `assets`, new pictures of `film`, are written at once."""
    listed = ",".join(str(asset.pk) for asset in assets)
    return f"{reverse('admin:presskit_film_captions', args=[film.pk])}?assets={listed}"


def _thumbnail(asset: Asset, width: int = 96):
    rendition = next((r for r in asset.renditions.all() if r.size == Rendition.Size.THUMB), None)
    if rendition is None:
        return "PDF" if not asset.is_image else "—"
    asset.sizes = {rendition.size: rendition}
    height = round(width * rendition.height / rendition.width)
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="" loading="lazy" class="admin-thumbnail">',
        asset.url("thumb"),
        width,
        height,
    )


@admin.register(Download)
class DownloadAdmin(ReadOnlyAdmin):
    """Who downloaded what, and when: a log the press office reads, never edits."""

    list_display = ["downloaded_at", "kind", "description", "film", "size", "outlet", "user"]
    list_filter = [
        "kind",
        ("film", admin.RelatedOnlyFieldListFilter),
        ("outlet", admin.AllValuesFieldListFilter),
        "size",
    ]
    list_select_related = ["film", "user"]
    search_fields = ["description", "outlet", "user__username"]
    date_hierarchy = "downloaded_at"
    actions = ["export_csv"]

    CSV_COLUMNS = ("downloaded at (UTC)", "kind", "film", "file", "size", "outlet", "account")

    @admin.action(description="Export the selected downloads as CSV")
    def export_csv(self, request, queryset):
        rows = (
            (
                f"{download.downloaded_at:%Y-%m-%d %H:%M:%S}",
                download.get_kind_display(),
                download.film.title if download.film else "",
                download.description,
                download.size,
                download.outlet,
                download.user.get_username() if download.user else "",
            )
            for download in queryset.select_related("film", "user").order_by("downloaded_at")
        )
        return csv_response("downloads.csv", self.CSV_COLUMNS, rows)

    def get_urls(self):
        by_outlet = self.admin_site.admin_view(self.by_outlet_view)
        return [
            path("by-outlet/", by_outlet, name="presskit_download_by_outlet"),
            *super().get_urls(),
        ]

    def by_outlet_view(self, request):
        """Which outlets took what, per film and file: counts, on the page or as CSV (?csv)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        downloads = Download.objects.exclude(outlet="")
        film = request.GET.get("film", "")
        if film.isdigit():
            downloads = downloads.filter(film_id=int(film))
        table = list(
            downloads.values("film__title", "description", "outlet")
            .annotate(count=Count("pk"), last=Max("downloaded_at"))
            .order_by("film__title", "description", "-count", "outlet")
        )
        if "csv" in request.GET:
            columns = ("film", "file", "outlet", "downloads", "last downloaded (UTC)")
            rows = (
                (row["film__title"] or "", row["description"], row["outlet"], row["count"],
                 f"{row['last']:%Y-%m-%d %H:%M:%S}")
                for row in table
            )  # fmt: skip
            return csv_response("downloads-by-outlet.csv", columns, rows)
        return TemplateResponse(
            request,
            "admin/presskit/download/by_outlet.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": "Downloads by outlet",
                "table": table,
                "films": Film.objects.filter(downloads__outlet__gt="").distinct().order_by("title"),
                "film": film,
            },
        )


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    """Every request for review and its decision: read here, acted on from each record's page."""

    list_display = ["label", "kind", "submitted_by", "submitted_at", "outcome", "decided_by", "act"]
    list_filter = ["outcome", ("content_type", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["content_type", "submitted_by", "decided_by"]
    search_fields = ["label", "note", "comment", "submitted_by__username"]
    date_hierarchy = "submitted_at"

    def get_queryset(self, request):
        """Only the requests about records of a kind the user may view."""
        models = [model for model in publishable_models() if can_preview(request.user, model)]
        kinds = ContentType.objects.get_for_models(*models).values()
        return super().get_queryset(request).filter(content_type__in=kinds)

    @admin.display(description="kind", ordering="content_type__model")
    def kind(self, review):
        return review.content_type.name

    @admin.display(description="")
    def act(self, review):
        if review.is_waiting:
            return format_html('<a href="{}">Review</a>', review.review_url())
        return format_html('<a href="{}">Open</a>', review.record_admin_url())


admin.site.register(PreviewLink, PreviewLinkAdmin)


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """What matters to a press office, who did it and when: read here, exported as CSV."""

    list_display = ["at", "username", "action", "record", "detail"]
    list_filter = ["action", ("content_type", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["content_type"]
    search_fields = ["what", "detail", "username"]
    date_hierarchy = "at"
    actions = ["export_csv"]

    CSV_COLUMNS = ("when (UTC)", "who", "what was done", "kind", "record", "id", "detail")

    @admin.display(description="record", ordering="what")
    def record(self, entry):
        kind = entry.content_type
        if kind is None or not entry.object_id or entry.action == AuditEntry.Action.DELETED:
            return entry.what
        url = reverse(f"admin:{kind.app_label}_{kind.model}_change", args=[entry.object_id])
        return format_html('<a href="{}">{}</a>', url, entry.what)

    @admin.action(description="Export the selected entries as CSV")
    def export_csv(self, request, queryset):
        rows = (
            (
                f"{entry.at:%Y-%m-%d %H:%M:%S}",
                entry.username,
                entry.get_action_display(),
                entry.content_type.name if entry.content_type else "",
                entry.what,
                entry.object_id,
                entry.detail,
            )
            for entry in queryset.select_related("content_type").order_by("at", "pk")
        )
        return csv_response("audit-log.csv", self.CSV_COLUMNS, rows)
