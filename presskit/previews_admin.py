"""The admin's "Share a preview" page, on each record that has a public page of its own.

`<id>/share/`: a press officer (one who may publish the record) makes a
link for someone with no account, sees the record's links (for whom, until
when, how often opened) and revokes them. The links are presskit/previews.py's.
"""

import datetime

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from config.lib.admin import ReadOnlyAdmin

from . import previews
from .models import PreviewLink
from .publishing.admin import may_publish


class PreviewLinkForm(forms.Form):
    shown_to = forms.CharField(
        label="For",
        max_length=200,
        help_text="Who you send it to, e.g. “Marta Ruiz, producer”: for your list, not shown to them.",
    )
    days = forms.IntegerField(
        label="Works for",
        min_value=1,
        max_value=settings.PRESSKIT_PREVIEW_LINK_MAX_DAYS,
        initial=settings.PRESSKIT_PREVIEW_LINK_DAYS,
        help_text=f"Days from now, 1 to {settings.PRESSKIT_PREVIEW_LINK_MAX_DAYS}. "
        "You can revoke it sooner.",
        widget=forms.NumberInput(attrs={"class": "vIntegerField"}),
    )


class SharePreview:
    """Admin mixin: the share page of a record with a public page (see the module)."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        share = self.admin_site.admin_view(self.share_view)
        return [
            path("<path:object_id>/share/", share, name="{}_{}_share".format(*info)),
            *super().get_urls(),
        ]

    def workflow_context(self, request, record) -> dict:
        context = super().workflow_context(request, record)
        if self.has_publish_permission(request, record) and not record.is_published():
            context["share_url"] = self.share_url(record)
        return context

    def share_url(self, record) -> str:
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_share", args=[record.pk]
        )

    def share_view(self, request, object_id):
        record = self._record_or_404(request, object_id)
        if not self.has_publish_permission(request, record):
            raise PermissionDenied("Only press officers share previews.")
        links = PreviewLink.objects.of(record).select_related("made_by", "revoked_by")
        form = PreviewLinkForm(request.POST if "make" in request.POST else None)
        if request.method == "POST" and "revoke" in request.POST:
            chosen = request.POST["revoke"]
            chosen = links.filter(pk=chosen) if chosen.isdigit() else links.none()
            if previews.revoke(chosen, user=request.user):
                self.message_user(request, "Revoked: the link opens nothing now.", messages.SUCCESS)
            return redirect(self.share_url(record))
        if request.method == "POST" and record.is_published():
            form.add_error(None, "It is public already: send its public address instead.")
        elif form.is_valid():
            link = previews.make_link(
                record,
                user=request.user,
                shown_to=form.cleaned_data["shown_to"],
                expires_at=timezone.now() + datetime.timedelta(days=form.cleaned_data["days"]),
            )
            self.message_user(
                request,
                f"Made a preview link for {link.shown_to}: copy it from the list below.",
                messages.SUCCESS,
            )
            return redirect(self.share_url(record))
        return TemplateResponse(
            request,
            "admin/presskit/share_preview.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": record,
                "title": f"Share a preview of {record}",
                "crumb": "Share a preview",
                "who_sees": self.publication(record),
                "is_public": record.is_published(),
                "form": form,
                "links": [(link, settings.SITE_URL + link.get_absolute_url()) for link in links],
            },
        )


class PreviewLinkAdmin(ReadOnlyAdmin):
    """Every preview link, for press officers: who has one, to what, until when; revoked here too."""

    # What decides comes first, so that a tablet keeps it; each row leads to its record's
    # share page, where the link is acted on.
    list_display = ["record", "state", "shown_to", "expires_at", "times_opened", "made_by"]
    list_display_links = None
    list_filter = [("content_type", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["made_by", "content_type"]
    search_fields = ["label", "shown_to"]
    fields = [
        "label",
        "content_type",
        "object_id",
        "shown_to",
        "made_by",
        "made_at",
        "expires_at",
        "revoked_at",
        "revoked_by",
        "times_opened",
        "last_opened_at",
    ]
    readonly_fields = fields
    actions = ["revoke_links"]

    # Read-only (made on each record's share page); revoked, never deleted: the list is
    # also a record of who was shown what.
    def has_revoke_permission(self, request):
        return self.has_view_permission(request)

    @admin.display(description="state")
    def state(self, link):
        return link.state

    @admin.display(description="what", ordering="label")
    def record(self, link):
        kind = link.content_type
        share = reverse(f"admin:{kind.app_label}_{kind.model}_share", args=[link.object_id])
        return format_html('<a href="{}">{}</a>', share, link.label)

    @admin.action(description="Revoke the selected links", permissions=["revoke"])
    def revoke_links(self, request, queryset):
        mine = [
            link.pk
            for link in queryset.select_related("content_type")
            if may_publish(request.user, link.content_type.model_class())
        ]
        revoked = previews.revoke(queryset.filter(pk__in=mine), user=request.user)
        self.message_user(request, f"Revoked {revoked} link(s).", messages.SUCCESS)
