"""Building blocks for the editors' admin.

- search that ignores accents and case ("aron" finds "Arón Piper");
- forms that refuse to save silently over somebody else's change;
- slugs normalised the same way whatever the editor typed;
- every change versioned, and public pages rendered afresh once it commits.

Who may publish is the press office's rule: presskit/publishing/admin.py.
"""

import csv
import datetime
import hashlib
import logging

from django import forms
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import flatten_fieldsets, quote, unquote
from django.contrib.admin.widgets import AdminSplitDateTime
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxLengthValidator
from django.db import DatabaseError, IntegrityError, transaction
from django.http import HttpResponse, JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from reversion.admin import VersionAdmin

from .db import is_disk_full, is_unique_violation
from .history import history_of
from .models import NamedInScripts
from .page_cache import content_changed
from .text import fold, make_slug, one_spelling
from .translations import every_column, translated_fields

logger = logging.getLogger(__name__)

# The longest text a field takes: a long press release is a twentieth of it.
TEXT_LIMIT = 200_000


class LocalDateTimeField(forms.SplitDateTimeField):
    """A date and time as the clocks of some place show them (a venue, a press office).

    Unlike Django's own field it returns a naive value: the form, which
    knows the place's zone, makes it aware there (festivals.time_zones.localize).
    """

    widget = AdminSplitDateTime

    def compress(self, data_list):
        if not data_list:
            return None
        date, time = data_list
        if date in self.empty_values:
            raise ValidationError(self.error_messages["invalid_date"], code="invalid_date")
        if time in self.empty_values:
            raise ValidationError(self.error_messages["invalid_time"], code="invalid_time")
        return datetime.datetime.combine(date, time)


def fingerprint(instance) -> str:
    """Return a digest of a row's stored values: any save by anybody changes it."""
    values = [
        (field.attname, field.value_to_string(instance)) for field in instance._meta.concrete_fields
    ]
    return hashlib.sha256(repr(values).encode()).hexdigest()


def last_change_description(instance) -> str:
    """Return who last changed `instance` and when, from the admin log: 'ana, 14:05 UTC'."""
    entry = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(instance), object_id=str(instance.pk)
        )
        .select_related("user")
        .order_by("-action_time")
        .first()
    )
    if entry is None:
        return "someone else"
    when = timezone.localtime(entry.action_time)
    return f"{entry.user.get_username()}, at {when:%H:%M} UTC on {when:%d %b %Y}"


class OneSpelling:
    """A form mixin: every text the editor typed, in one Unicode spelling (`one_spelling`)."""

    def clean(self):
        cleaned_data = super().clean()
        for name, value in cleaned_data.items():
            if isinstance(value, str):
                cleaned_data[name] = one_spelling(value)
        return cleaned_data


class EditorialForm(OneSpelling, forms.ModelForm):
    """The base of every admin form: concurrent-edit guard and slug normalisation.

    The form carries a fingerprint of the row as it was when the editor
    opened it. If the row has changed since, saving is refused with a
    message that says who changed it; the editor's input stays in the form,
    and saving once more replaces the other version knowingly.
    """

    fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)
    # Set by the admin when a save this form passed was refused (EditorialAdmin.saved_or_given_back).
    refusal = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["fingerprint"].initial = fingerprint(self.instance)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and field.max_length is None:
                # A text field (a synopsis, a bio) has no length of its own: a paste gone
                # wrong gets a message and keeps the input, not a refused request.
                field.max_length = TEXT_LIMIT
                field.validators.append(MaxLengthValidator(TEXT_LIMIT))

    def clean_slug(self):
        if self.instance.pk is not None and self.cleaned_data["slug"] == self.instance.slug:
            return self.cleaned_data["slug"]  # an address journalists may have kept: as it is
        slug = make_slug(self.cleaned_data["slug"])
        if not slug:
            raise ValidationError("The slug needs at least one letter or digit.")
        return slug

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is not None:
            self._refuse_stale_edit(cleaned_data.get("fingerprint"))
        if self.refusal:
            raise ValidationError(self.refusal)
        return cleaned_data

    def _refuse_stale_edit(self, opened: str | None) -> None:
        if not opened:
            return
        rows = type(self.instance)._default_manager.filter(pk=self.instance.pk)
        if not transaction.get_autocommit():  # inside the save's transaction
            # Lock the row until this save commits, so nobody slips in between.
            rows = rows.select_for_update()
        current = rows.first()
        name = self.instance._meta.verbose_name
        if current is None:
            raise ValidationError(
                f"This {name} was deleted by someone else while you were editing it. "
                "Your changes are below; copy what you need before leaving the page."
            )
        now = fingerprint(current)
        if opened != now:
            data = self.data.copy()
            data[self.add_prefix("fingerprint")] = now
            self.data = data
            raise ValidationError(
                f"This {name} was changed by {last_change_description(current)} after you "
                "opened it. Your changes are still below and have NOT been saved. Open the "
                "history in another tab to compare, then save again to replace their version "
                "with yours."
            )


class FingerprintField:
    """Render EditorialForm's hidden fingerprint even where fields are listed by hand."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if "fingerprint" in flatten_fieldsets(fieldsets):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "fingerprint"]}), *rest]


def _translations_of(model) -> dict[str, list[str]]:
    """Each translated field of `model` with the columns of its translations."""
    return {name: every_column(model, name) for name, _languages in translated_fields(model)}


class TranslationsSideBySide:
    """Each text on one line with its translations, so an editor compares the languages."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        translations = _translations_of(self.model)
        placed = {name for columns in translations.values() for name in columns}
        return [
            (
                title,
                {
                    **options,
                    "fields": [
                        (entry, *translations[entry]) if entry in translations else entry
                        for entry in options["fields"]
                        if entry not in placed
                    ],
                },
            )
            for title, options in fieldsets
        ]


class TranslationsAfter:
    """An inline's row: each text followed by its translations, in columns of their own.

    For an inline with few columns; a wider one (a film's credits) leaves them
    to its records' own pages, which the film's translation grid links to.
    """

    def get_fields(self, request, obj=None):
        translations = _translations_of(self.model)
        placed = {name for columns in translations.values() for name in columns}
        fields = []
        for name in super().get_fields(request, obj):
            if name not in placed:
                fields += [name, *translations.get(name, ())]
        return fields


class EditorialAdmin(TranslationsSideBySide, FingerprintField, VersionAdmin):
    """An admin for editors: folded search, concurrent-edit guard, history with undo."""

    form = EditorialForm
    save_on_top = True
    list_per_page = 50
    history_latest_first = True
    object_history_template = "admin/history.html"

    # The fields a new record's slug is made from. The slug box asks the server
    # (`slug_view`, make_slug), so what it shows is what is saved, in any script;
    # Django's prepopulated_fields would guess in the browser and drop Kazakh letters.
    slug_from: tuple[str, ...] = ()

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/slug_from_server.js"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.refusal = getattr(request, "presskit_refusal", "")
        return form

    def get_fields(self, request, obj=None):
        """A name's spellings in the other alphabets just after it, where the admin lists them all."""
        fields = list(super().get_fields(request, obj))
        spellings = [name for name in NamedInScripts.script_sources if name in fields]
        if "name" in fields and spellings:
            fields = [name for name in fields if name not in spellings]
            at = fields.index("name") + 1
            fields[at:at] = spellings
        return fields

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if self.slug_from and db_field.name == "slug" and formfield is not None:
            opts = self.opts
            formfield.widget.attrs.update(
                {
                    "data-slug-from": " ".join(self.slug_from),
                    "data-slug-url": reverse(f"admin:{opts.app_label}_{opts.model_name}_slug"),
                }
            )
        return formfield

    def get_urls(self):
        opts = self.opts
        return [
            path(
                "slug/",
                self.admin_site.admin_view(self.slug_view),
                name=f"{opts.app_label}_{opts.model_name}_slug",
            ),
            *super().get_urls(),
        ]

    def slug_view(self, request):
        """The slug the server makes of `?text=`: what the slug box shows as the editor types."""
        return JsonResponse({"slug": make_slug(request.GET.get("text", ""))})

    # Add and change go through django-reversion's revision, which writes the
    # history and commits after the form is saved: a refusal there, too,
    # gives the form back.
    def add_view(self, request, form_url="", extra_context=None):
        add = super().add_view
        return self.saved_or_given_back(request, lambda: add(request, form_url, extra_context))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        change = super().change_view
        return self.saved_or_given_back(
            request, lambda: change(request, object_id, form_url, extra_context)
        )

    def saved_or_given_back(self, request, view):
        """The view's answer; a save refused after the form was valid comes back as the form.

        Two editors may save the same slug or position in the same instant
        (both forms pass; the database takes one), and a disk may fill: the
        transaction is rolled back, the files the save wrote are deleted, and
        the editor gets the form again with their input and a message, never
        a server error.
        """
        request.presskit_files_written = []
        try:
            return self.told_once_saved(request, view)
        except Exception as error:
            self._delete_files_rolled_back(request.presskit_files_written)
            refusal = self.refusal_for(error)
            if refusal is None:
                raise
        request.presskit_refusal = refusal
        return self.told_once_saved(request, view)

    def told_once_saved(self, request, view):
        """The view's answer; what it tells the editor is sent once the save has committed.

        The admin says "... was added successfully" before django-reversion
        writes the history and commits, which may still fail.
        """
        request.presskit_messages = []
        response = view()
        told, request.presskit_messages = request.presskit_messages, None
        for message, args, kwargs in told:
            super().message_user(request, message, *args, **kwargs)
        return response

    def message_user(self, request, message, *args, **kwargs):
        told = getattr(request, "presskit_messages", None)
        if told is None:
            return super().message_user(request, message, *args, **kwargs)
        told.append((message, args, kwargs))

    def refusal_for(self, error: Exception) -> str | None:
        """What to tell the editor when the database or the disk refused a valid save."""
        if is_disk_full(error):
            return (
                "The server's disk is full, so nothing was saved and no file was kept. Your "
                "input is below (choose any file again); save again once the press office "
                "has made room."
            )
        if isinstance(error, IntegrityError) and is_unique_violation(error):
            return (
                f"Another editor saved a {self.opts.verbose_name} with the same name, address "
                "or position a moment ago, so nothing was saved. Your input is below: check "
                "it and save again."
            )
        return None

    def file_written(self, request, stored) -> None:
        """Note `stored`, a file this save wrote: deleted if the save is rolled back after all."""
        written = getattr(request, "presskit_files_written", None)
        if written is not None:
            written.append(stored)

    @staticmethod
    def _delete_files_rolled_back(written) -> None:
        for stored in written:
            rows = type(stored.instance)._default_manager.filter(**{stored.field.name: stored.name})
            try:
                kept = rows.exists()
            except DatabaseError:
                logger.warning("Kept %s: the database could not say whether it is used.", stored)
                continue
            if not kept:
                stored.storage.delete(stored.name)

    def history_view(self, request, object_id, extra_context=None):
        """Each version with what it changed, field by field, inlines included (history.py)."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        opts = self.opts
        history = [
            (
                changes,
                reverse(
                    f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_revision",
                    args=[quote(changes.version.object_id), changes.version.pk],
                ),
            )
            for changes in history_of(self.model, unquote(object_id))
        ]
        extra_context = {**(extra_context or {}), "history": history}
        return super().history_view(request, object_id, extra_context)

    def get_search_results(self, request, queryset, search_term):
        # search_fields name folded columns (Searchable.search_text, or a
        # related record's), so the term is folded the same way.
        return super().get_search_results(request, queryset, fold(search_term))

    # Whatever an editor saves or deletes, public pages render afresh once it commits.
    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        content_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        content_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        content_changed()


class ChoicesInUseFilter(admin.SimpleListFilter):
    """A filter by a field with many choices (a language) that offers only the values in use.

    Made for a field by `choices_in_use(name, title)`.
    """

    field_name = ""

    def lookups(self, request, model_admin):
        names = dict(model_admin.model._meta.get_field(self.field_name).choices)
        used = (
            model_admin.get_queryset(request)
            .order_by()
            .values_list(self.field_name, flat=True)
            .distinct()
        )
        return sorted(((value, names.get(value, value)) for value in used), key=lambda c: c[1])

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        return queryset.filter(**{self.field_name: self.value()})


def choices_in_use(field_name: str, title: str) -> type[ChoicesInUseFilter]:
    """A list filter on `field_name` that lists only the values the records use."""
    return type(
        f"{field_name.title()}InUseFilter",
        (ChoicesInUseFilter,),
        {"field_name": field_name, "parameter_name": field_name, "title": title},
    )


class ReadOnlyAdmin(admin.ModelAdmin):
    """A log written by the site (downloads, requests for review): read in the admin, never edited."""

    class Media:
        css = {"all": ["css/admin.css"]}

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EditorialInline(FingerprintField):
    """Mixin for inlines: the same concurrent-edit guard on every row."""

    form = EditorialForm


def csv_response(filename: str, header, rows) -> HttpResponse:
    """A CSV download that spreadsheets open as UTF-8 (with its byte-order mark)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = content_disposition_header(True, filename)
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows([_inert(cell) for cell in row] for row in rows)
    return response


def _inert(cell):
    """A cell a spreadsheet shows as text, never runs: '=HYPERLINK(…)' typed in a form."""
    if isinstance(cell, str) and cell.startswith(("=", "+", "-", "@", "\t", "\r")):
        return "'" + cell
    return cell
