"""Building blocks for the editors' admin.

- search that ignores accents and case ("aron" finds "Arón Piper");
- forms that refuse to save silently over somebody else's change;
- slugs normalised the same way whatever the editor typed;
- publishing that only press officers may do, with every change versioned.
"""

import hashlib

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html
from reversion.admin import VersionAdmin

from .models import Publication
from .public_cache import public_content_changed
from .publishing import records_publish, records_unpublish
from .text import fold, make_slug


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


class EditorialForm(forms.ModelForm):
    """The base of every admin form: concurrent-edit guard and slug normalisation.

    The form carries a fingerprint of the row as it was when the editor
    opened it. If the row has changed since, saving is refused with a
    message that says who changed it; the editor's input stays in the form,
    and saving once more replaces the other version knowingly.
    """

    fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["fingerprint"].initial = fingerprint(self.instance)

    def clean_slug(self):
        slug = make_slug(self.cleaned_data["slug"])
        if not slug:
            raise ValidationError("The slug needs at least one letter or digit.")
        return slug

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is not None:
            self._refuse_stale_edit(cleaned_data.get("fingerprint"))
        return cleaned_data

    def _refuse_stale_edit(self, opened: str | None) -> None:
        if not opened:
            return
        rows = type(self.instance)._default_manager.filter(pk=self.instance.pk)
        if transaction.get_connection().in_atomic_block:
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


class EditorialAdmin(FingerprintField, VersionAdmin):
    """An admin for editors: folded search, concurrent-edit guard, history with undo."""

    form = EditorialForm
    save_on_top = True
    list_per_page = 50
    history_latest_first = True

    class Media:
        css = {"all": ["css/admin.css"]}

    def get_search_results(self, request, queryset, search_term):
        # search_fields name folded columns (Searchable.search_text, or a
        # related record's), so the term is folded the same way.
        return super().get_search_results(request, queryset, fold(search_term))

    # Whatever an editor saves or deletes, public pages render afresh once it commits.
    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        public_content_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        public_content_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        public_content_changed()


class EditorialInline(FingerprintField):
    """Mixin for inlines: the same concurrent-edit guard on every row."""

    form = EditorialForm


class PublishingPermission:
    """Publication fields are read-only for anyone who may not publish this model."""

    publication_fields = ("publication_status", "embargo_until")

    def has_publish_permission(self, request, obj=None) -> bool:
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")

    def get_readonly_fields(self, request, obj=None):
        readonly = [*super().get_readonly_fields(request, obj)]
        if not self.has_publish_permission(request, obj):
            model_fields = {field.name for field in self.opts.get_fields()}
            readonly += [name for name in self.publication_fields if name in model_fields]
        return readonly


class PublishableInline(PublishingPermission, EditorialInline):
    pass


class PublishableAdmin(PublishingPermission, EditorialAdmin):
    """Publication is for press officers: editors prepare drafts and cannot publish."""

    actions = ["publish_selected", "unpublish_selected"]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "first_published_at"]

    @admin.display(description="publication", ordering="publication_status")
    def publication(self, obj):
        if obj.publication_status != Publication.PUBLISHED:
            return format_html('<span class="badge badge-draft">{}</span>', "Draft")
        if getattr(obj, "is_under_embargo", lambda: False)():
            until = timezone.localtime(obj.embargo_until)
            return format_html(
                '<span class="badge badge-embargo">Embargoed until {} UTC</span>',
                f"{until:%d %b %Y %H:%M}",
            )
        if not obj.is_published():
            return format_html(
                '<span class="badge badge-hidden" title="{}">{}</span>',
                "Published, but hidden until the film it belongs to is published.",
                "Published (hidden)",
            )
        return format_html('<span class="badge badge-published">{}</span>', "Published")

    @admin.action(description="Publish selected %(verbose_name_plural)s", permissions=["publish"])
    def publish_selected(self, request, queryset):
        count = records_publish(queryset=queryset, user=request.user)
        self.message_user(request, f"Published {count} {self._noun(count)}.", messages.SUCCESS)
        public = self.model._default_manager.published()
        hidden = queryset.filter(publication_status=Publication.PUBLISHED).exclude(pk__in=public)
        if hidden_count := hidden.count():
            self.message_user(
                request,
                f"{hidden_count} {self._noun(hidden_count)} "
                f"{'stays' if hidden_count == 1 else 'stay'} hidden from the public: "
                "the film they belong to is a draft, or an embargo has not lifted yet.",
                messages.WARNING,
            )

    @admin.action(
        description="Withdraw selected %(verbose_name_plural)s to draft", permissions=["publish"]
    )
    def unpublish_selected(self, request, queryset):
        count = records_unpublish(queryset=queryset, user=request.user)
        self.message_user(
            request, f"Withdrew {count} {self._noun(count)} to draft.", messages.SUCCESS
        )

    def _noun(self, count: int) -> str:
        return self.opts.verbose_name if count == 1 else self.opts.verbose_name_plural

    # Reverting restores every field, publication included, so undoing a
    # published record is for those who may publish.
    def revision_view(self, request, object_id, version_id, extra_context=None):
        self._require_publisher(request)
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        self._require_publisher(request)
        return super().recover_view(request, version_id, extra_context)

    def _require_publisher(self, request):
        if not self.has_publish_permission(request):
            raise PermissionDenied(
                f"Only press officers can restore an earlier version of a {self.opts.verbose_name}."
            )
