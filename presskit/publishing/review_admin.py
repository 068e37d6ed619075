"""The admin's pages for review and scheduling, on every publishable record.

`<id>/review/`: an editor submits a draft with a note (or takes it back);
a press officer reads the note and publishes it, or sends it back with a
comment. `<id>/schedule/`: a press officer sets, changes or cancels the
moments it is published and withdrawn. The work is done by workflow.py.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from config.lib.admin import LocalDateTimeField
from config.lib.filters import in_zone, zone_in_words
from festivals.time_zones import TIME_ZONE_CHOICES, localize, validate_time_zone
from presskit.models import Review

from . import workflow
from .models import Publication


class ReviewNoteForm(forms.Form):
    note = forms.CharField(
        label="Note to the press office",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What to check, what changed, and by when it should be out.",
    )


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label="Comment to the editor",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What should change before it can be published. The editor gets it by email.",
    )


class ScheduleForm(forms.Form):
    """Moments typed on the clocks of a zone the press officer picks, never in UTC by hand."""

    time_zone = forms.ChoiceField(label="On the clocks of", required=False)
    publish_at = LocalDateTimeField(label="Publish at", required=False)
    withdraw_at = LocalDateTimeField(
        label="Withdraw to draft at",
        required=False,
        help_text="Optional: when it leaves the public site and every channel by itself.",
    )

    def __init__(self, *args, record, **kwargs):
        super().__init__(*args, **kwargs)
        self.record = record
        office = settings.PRESS_OFFICE_TIME_ZONE
        self.fields["time_zone"].choices = [
            ("", f"The press office ({office})"),
            *TIME_ZONE_CHOICES,
        ]
        zone = record.schedule_zone()
        self.initial["time_zone"] = record.schedule_time_zone
        for name in ("publish_at", "withdraw_at"):
            moment = getattr(record, name)
            if moment is not None:
                self.initial[name] = in_zone(moment, zone).replace(tzinfo=None)
        if record.publication_status == Publication.PUBLISHED:
            self.fields["publish_at"].disabled = True
            self.fields["publish_at"].help_text = "Published already: only a withdrawal can be set."

    def clean_time_zone(self):
        zone = self.cleaned_data["time_zone"]
        if zone:
            validate_time_zone(zone)
        return zone

    def clean(self):
        cleaned_data = super().clean()
        zone = cleaned_data.get("time_zone") or settings.PRESS_OFFICE_TIME_ZONE
        for name in ("publish_at", "withdraw_at"):
            typed = cleaned_data.get(name)
            if name not in self.changed_data:
                # Shown in the old zone: a zone changed alone keeps the moment.
                cleaned_data[name] = getattr(self.record, name)
            elif typed is not None:
                try:
                    cleaned_data[name] = localize(typed, zone)
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned_data


class ReviewAndSchedule:
    """Admin views for a `Publishable` model's review and schedule (see the module)."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        review = self.admin_site.admin_view(self.review_view)
        scheduling = self.admin_site.admin_view(self.schedule_view)
        return [
            path("<path:object_id>/review/", review, name="{}_{}_review".format(*info)),
            path("<path:object_id>/schedule/", scheduling, name="{}_{}_schedule".format(*info)),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        record = self.get_object(request, unquote(object_id)) if object_id else None
        if record is not None:
            extra_context = {
                **(extra_context or {}),
                "workflow": self.workflow_context(request, record),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def workflow_context(self, request, record) -> dict:
        """What the change form says of the record's review and schedule, and the links to act."""
        may_publish = self.has_publish_permission(request, record)
        status = record.publication_status
        last = workflow.last_review(record)
        return {
            "review": last,
            "sent_back": last is not None
            and last.outcome == Review.Outcome.SENT_BACK
            and status == Publication.DRAFT,
            "schedule": workflow.schedule_said(record),
            "review_url": workflow.review_url(record),
            "schedule_url": workflow.schedule_url(record) if may_publish else "",
            "may_submit": status == Publication.DRAFT
            and self.has_change_permission(request, record),
            "may_decide": status == Publication.REVIEW and may_publish,
        }

    def _record_or_404(self, request, object_id):
        record = self.get_object(request, unquote(object_id))
        if record is None:
            raise Http404(f"No {self.opts.verbose_name} with this ID: it may have been deleted.")
        return record

    def review_view(self, request, object_id):
        """Submit a draft for review, take it back, or decide on it."""
        record = self._record_or_404(request, object_id)
        may_publish = self.has_publish_permission(request, record)
        if not (self.has_change_permission(request, record) or may_publish):
            raise PermissionDenied
        action = request.POST.get("action", "") if request.method == "POST" else ""
        note_form = ReviewNoteForm(request.POST if action == "submit" else None)
        send_back_form = SendBackForm(request.POST if action == "send_back" else None)
        refusal = ""
        if action:
            try:
                done = self.review_act(
                    request, record, action, note_form, send_back_form, may_publish
                )
            except ValidationError as error:
                refusal = " ".join(error.messages)
            else:
                if done:
                    self.message_user(request, done, messages.SUCCESS)
                    return redirect(self.change_url(record))
        return TemplateResponse(
            request,
            "admin/presskit/review.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": record,
                "title": f"Review of {record}",
                "crumb": "Review",
                "who_sees": self.publication(record),
                "waiting": workflow.waiting_review(record),
                "reviews": workflow.reviews_of(record)[:10],
                "note_form": note_form,
                "send_back_form": send_back_form,
                "refusal": refusal,
                "may_submit": record.publication_status == Publication.DRAFT
                and self.has_change_permission(request, record),
                "may_take_back": record.publication_status == Publication.REVIEW
                and self.has_change_permission(request, record),
                "may_decide": record.publication_status == Publication.REVIEW and may_publish,
                "schedule_url": workflow.schedule_url(record) if may_publish else "",
                "history_url": reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_history",
                    args=[record.pk],
                ),
            },
        )

    def review_act(self, request, record, action, note_form, send_back_form, may_publish) -> str:
        """Do `action`; what to tell the user, or '' if the form has errors to show."""
        user = request.user
        name = f"{self.opts.verbose_name} \u201c{record}\u201d"
        if action in ("publish", "send_back") and not may_publish:
            raise PermissionDenied("Only press officers decide on a review.")
        if action in ("submit", "take_back") and not self.has_change_permission(request, record):
            raise PermissionDenied
        if action == "submit":
            if not note_form.is_valid():
                return ""
            workflow.submit_for_review(record, user=user, note=note_form.cleaned_data["note"])
            return (
                f"The {name} waits for a press officer's review; press officers are told by email."
            )
        if action == "take_back":
            workflow.take_back(record, user=user)
            return f"The {name} is a draft again: change it, then submit it once more."
        if action == "send_back":
            if not send_back_form.is_valid():
                return ""
            workflow.send_back(record, user=user, comment=send_back_form.cleaned_data["comment"])
            return f"The {name} went back to its editor as a draft, with your comment."
        if action == "publish":
            workflow.publish_reviewed(record, user=user)
            self.warn_if_hidden(request, self.model._default_manager.filter(pk=record.pk))
            return f"Published the {name}; its editor has been told."
        raise ValidationError(f"Unknown action {action!r}.")

    def change_url(self, record) -> str:
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[record.pk]
        )

    def schedule_view(self, request, object_id):
        """Set, change or cancel when the record is published and withdrawn."""
        record = self._record_or_404(request, object_id)
        if not self.has_publish_permission(request, record):
            raise PermissionDenied("Only press officers schedule a publication.")
        form = ScheduleForm(request.POST or None, record=record)
        if request.method == "POST":
            try:
                if "cancel" in request.POST:
                    workflow.cancel_schedule(record, user=request.user)
                    self.message_user(request, "Schedule cancelled.", messages.SUCCESS)
                    return redirect(self.change_url(record))
                if form.is_valid():
                    record = workflow.schedule(
                        record,
                        user=request.user,
                        publish_at=form.cleaned_data.get("publish_at"),
                        withdraw_at=form.cleaned_data.get("withdraw_at"),
                        zone=form.cleaned_data["time_zone"],
                    )
                    self.message_user(
                        request,
                        f"Scheduled: {workflow.schedule_said(record)}. It happens by itself, "
                        "on every page, file and feed.",
                        messages.SUCCESS,
                    )
                    return redirect(self.change_url(record))
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.error_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, error)
        zone = record.schedule_zone()
        return TemplateResponse(
            request,
            "admin/presskit/schedule.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": record,
                "title": f"Schedule {record}",
                "crumb": "Schedule",
                "who_sees": self.publication(record),
                "form": form,
                "scheduled": workflow.schedule_said(record),
                "zone_said": zone_in_words(zone),
            },
        )
