"""Deleting a film, person, press release or file in the admin moves it to the bin.

The delete confirmation lists what goes with it and until when it can be
restored; the model's list links to its bin (`<list>/bin/`), where a press
officer restores a record with everything that went with it. The work is
presskit/the_bin.py's.
"""

from collections import Counter

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.defaultfilters import capfirst
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html

from . import the_bin
from .publishing.models import moment_said

# The bin page lists the most recent; each row reads what went with it.
LISTED = 50


class BinOnDelete:
    """Admin mixin for the `the_bin.BINNABLE` models (see the module)."""

    delete_confirmation_template = "admin/presskit/bin_confirmation.html"
    delete_selected_confirmation_template = "admin/presskit/bin_selected_confirmation.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view(self.bin_view)
        return [path("bin/", view, name="{}_{}_bin".format(*info)), *super().get_urls()]

    def bin_url(self) -> str:
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_bin")

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "bin_url": self.bin_url(),
            "in_bin": the_bin.in_bin(self.model).count(),
        }
        return super().changelist_view(request, extra_context)

    # What the confirmation lists: the record, and under it what goes with it.
    def get_deleted_objects(self, objs, request):
        listed, counts = [], Counter()
        for record in objs:
            went, hidden = the_bin.goes_with(record), the_bin.hidden_with(record)
            counts.update(type(row)._meta.verbose_name_plural for row in [record, *went, *hidden])
            listed += [
                self.row_said(record),
                [
                    *(
                        self.row_said(row)
                        for row in went
                        if self.admin_site.is_registered(type(row))
                    ),
                    *(self.row_said(row, "hidden while it is in the bin") for row in hidden),
                ],
            ]
        return listed, dict(counts), set(), []

    def row_said(self, row, note: str = "") -> str:
        opts = row._meta
        try:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[row.pk])
        except NoReverseMatch:
            url = ""
        if url:
            said = format_html('{}: <a href="{}">{}</a>', capfirst(opts.verbose_name), url, row)
        else:
            said = format_html("{}: {}", capfirst(opts.verbose_name), row)
        return format_html("{} ({})", said, note) if note else said

    def delete_model(self, request, obj):
        went = the_bin.move_to_bin(obj, user=request.user)
        request.presskit_binned = went

    def delete_queryset(self, request, queryset):
        with transaction.atomic():  # all of the selection, or none of it
            for record in queryset:
                the_bin.move_to_bin(record, user=request.user)
        self.message_user(
            request,
            f"They are in the bin, with all that went with them: a press officer can restore "
            f"them for {self.bin_days()} days.",
            messages.INFO,
        )

    def response_delete(self, request, obj_display, obj_id):
        response = super().response_delete(request, obj_display, obj_id)
        went = getattr(request, "presskit_binned", [])
        # Django's own "was deleted" message is replaced by what happened.
        list(messages.get_messages(request))
        self.message_user(
            request,
            f"Moved the {self.opts.verbose_name} “{obj_display}” to the bin"
            + (f", with {the_bin.said(went)}" if went else "")
            + f". A press officer can restore it, all of it, for {self.bin_days()} days.",
            messages.SUCCESS,
        )
        return response

    def bin_days(self) -> int:
        return settings.PRESSKIT_BIN_DAYS

    def render_delete_form(self, request, context):
        context["bin_days"] = self.bin_days()
        context["bin_url"] = self.bin_url()
        return super().render_delete_form(request, context)

    def bin_view(self, request):
        """The model's bin: what was deleted, by whom, until when; restored from here."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        may_restore = self.has_publish_permission(request)
        if request.method == "POST":
            if not may_restore:
                raise PermissionDenied("Only press officers restore from the bin.")
            chosen = request.POST.get("restore", "")
            record = (
                the_bin.in_bin(self.model).filter(pk=chosen).first() if chosen.isdigit() else None
            )
            if record is None:
                self.message_user(
                    request, "That is no longer in the bin: restored or emptied.", messages.WARNING
                )
            else:
                back = the_bin.restore(record, user=request.user)
                self.log_change(request, record, "Restored from the bin.")
                self.message_user(
                    request,
                    f"Restored the {self.opts.verbose_name} “{record}”"
                    + (f", with {the_bin.said(back)}" if back else "")
                    + ".",
                    messages.SUCCESS,
                )
            return redirect(self.bin_url())
        zone = settings.PRESS_OFFICE_TIME_ZONE
        rows = [
            {
                "record": record,
                "binned_by": record.binned_by,
                "binned_at": moment_said(record.binned_at, zone),
                "until": moment_said(the_bin.kept_until(record), zone),
                "went": the_bin.said(the_bin.goes_with(record)),
            }
            for record in the_bin.in_bin(self.model).select_related("binned_by")[:LISTED]
        ]
        return TemplateResponse(
            request,
            "admin/presskit/bin.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": f"Bin: deleted {self.opts.verbose_name_plural}",
                "crumb": "Bin",
                "rows": rows,
                "may_restore": may_restore,
                "bin_days": self.bin_days(),
            },
        )
