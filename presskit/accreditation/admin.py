"""Accreditations in the admin: press officers approve, refuse and revoke; editors see none.

Decisions go through one form (a reason, or a last valid day) whether taken
for one application from its row or for many with the list's actions; the
states themselves are never edited by hand.
"""

import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django_countries.filters import CountryFilter

from config.lib.languages import LANGUAGE_NAMES
from config.lib.turns import takes_no_turn
from festivals.models import Edition

from ..models import Accreditation
from ..models.accreditation import office_date
from ..publishing.http import private_preview
from . import services

Status = Accreditation.Status


def default_last_day() -> datetime.date:
    """The last day of the next festival edition still to end, or three months from today."""
    today = office_date()
    edition = Edition.objects.filter(ends_on__gte=today).order_by("ends_on").first()
    return edition.ends_on if edition else today + datetime.timedelta(days=91)


class ApproveForm(forms.Form):
    valid_until = forms.DateField(
        label="Valid until",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="The last day, in the press office's time zone; for example the end of a festival.",
    )

    def clean_valid_until(self):
        day = self.cleaned_data["valid_until"]
        if day < office_date():
            raise forms.ValidationError("This day has passed; choose today or a later day.")
        return day


class ReasonForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Sent to the journalist as written.",
    )


# step -> (what the page asks, its form, the decision)
STEPS = {
    "approve": ("Approve", ApproveForm, services.APPROVE),
    "refuse": ("Refuse", ReasonForm, services.REFUSE),
    "revoke": ("Revoke", ReasonForm, services.REVOKE),
}


# What a press officer decides on an accreditation besides its state.
DECIDED_FIELDS = ("valid_until", "editions")


class StatusFilter(admin.SimpleListFilter):
    """The states an application the press office sees can be in (never 'not confirmed')."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [(status.value, status.label) for status in Status if status != Status.UNCONFIRMED]

    def queryset(self, request, queryset):
        return queryset.filter(status=self.value()) if self.value() else queryset


@admin.register(Accreditation)
class AccreditationAdmin(admin.ModelAdmin):
    # The decision first after the name: at 1280 px the list must not cut it off.
    list_display = ["name", "decide_links", "outlet_label", "country", "status", "valid_until"]
    list_filter = [StatusFilter, "role", ("country", CountryFilter)]
    search_fields = ["name", "email", "new_outlet", "outlet__name"]
    list_select_related = ["outlet"]
    actions = ["approve", "refuse", "revoke"]
    fields = [
        "name",
        "email",
        "outlet",
        "new_outlet",
        "role",
        "country",
        "language_names",
        "work_link",
        "letter_link",
        "status",
        "email_confirmed_at",
        "valid_until",
        "editions",
        "decided_at",
        "decided_by",
        "reason",
        "created_at",
    ]
    # What the journalist gave stays as they gave it, and decisions go through the
    # steps: a press officer may only link the outlet on file, move the last day
    # and name the festival editions it covers.
    readonly_fields = [name for name in fields if name not in ("outlet", *DECIDED_FIELDS)]
    autocomplete_fields = ["outlet", "editions"]

    def get_queryset(self, request):
        # An application not yet confirmed has not reached the press office.
        return super().get_queryset(request).exclude(status=Status.UNCONFIRMED)

    def has_add_permission(self, request):
        return False  # journalists apply on the public site

    def has_decide_permission(self, request):
        return request.user.has_perm("presskit.decide_accreditation")

    def get_readonly_fields(self, request, obj=None):
        # Moving the last day, or what it covers, is a decision too.
        readonly = super().get_readonly_fields(request, obj)
        return readonly if self.has_decide_permission(request) else [*readonly, *DECIDED_FIELDS]

    @admin.display(description="outlet", ordering="outlet__name")
    def outlet_label(self, accreditation):
        return accreditation.outlet_name

    @admin.display(description="languages")
    def language_names(self, accreditation):
        return ", ".join(LANGUAGE_NAMES.get(code, code) for code in accreditation.languages)

    @admin.display(description="published work")
    def work_link(self, accreditation):
        url = accreditation.work_url
        return format_html(
            '<a href="{}" rel="noopener noreferrer" target="_blank">{}</a>', url, url
        )

    @admin.display(description="assignment letter")
    def letter_link(self, accreditation):
        if not accreditation.assignment_letter:
            return "None given"
        url = reverse("admin:presskit_accreditation_letter", args=[accreditation.pk])
        return format_html('<a href="{}">Open the letter (PDF)</a>', url)

    @admin.display(description="decide")
    def decide_links(self, accreditation):
        steps = [
            (reverse("admin:presskit_accreditation_decide", args=[step, accreditation.pk]), label)
            for step, (label, _form, decision) in STEPS.items()
            if accreditation.status in decision.applies_to
        ]
        return format_html_join(" · ", '<a href="{}">{}</a>', steps) or "–"

    def get_list_display(self, request):
        shown = super().get_list_display(request)
        if not self.has_decide_permission(request):
            return [name for name in shown if name != "decide_links"]
        return shown

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<str:step>/<int:pk>/",
                view(self.decide_one),
                name="presskit_accreditation_decide",
            ),
            path("<int:pk>/letter/", view(self.letter), name="presskit_accreditation_letter"),
            *super().get_urls(),
        ]

    @takes_no_turn
    def letter(self, request, pk):
        """The assignment letter, for those who decide; never at a media address."""
        if not self.has_decide_permission(request):
            raise PermissionDenied
        accreditation = get_object_or_404(self.get_queryset(request), pk=pk)
        if not accreditation.assignment_letter:
            raise Http404("No assignment letter was given.")
        response = FileResponse(
            accreditation.assignment_letter.open("rb"),
            as_attachment=True,
            filename=f"Assignment letter - {accreditation.name}.pdf",
            content_type="application/pdf",
        )
        return private_preview(response)

    def decide_one(self, request, step, pk):
        return self.decide(request, step, self.get_queryset(request).filter(pk=pk))

    @admin.action(description="Approve the selected applications", permissions=["decide"])
    def approve(self, request, queryset):
        return self.decide(request, "approve", queryset)

    @admin.action(description="Refuse the selected applications", permissions=["decide"])
    def refuse(self, request, queryset):
        return self.decide(request, "refuse", queryset)

    @admin.action(description="Revoke the selected accreditations", permissions=["decide"])
    def revoke(self, request, queryset):
        return self.decide(request, "revoke", queryset)

    def decide(self, request, step, queryset):
        """Ask for the reason or last day, then take `step` for every row it applies to."""
        if step not in STEPS:
            raise Http404("No such step.")
        if not self.has_decide_permission(request):
            raise PermissionDenied("Only press officers decide on accreditations.")
        label, form_class, decision = STEPS[step]
        states = decision.applies_to
        rows = list(queryset.select_related("outlet"))
        applicable = [row for row in rows if row.status in states]
        if not applicable:
            self.message_user(
                request,
                f"Nothing to {label.lower()}: none of the selected is "
                f"{' or '.join(str(Status(state).label).lower() for state in states)}.",
                messages.WARNING,
            )
            return redirect("admin:presskit_accreditation_changelist")
        initial = {"valid_until": default_last_day()} if step == "approve" else {}
        form = form_class(request.POST if "confirm" in request.POST else None, initial=initial)
        if form.is_valid():
            done = decision.take(
                [row.pk for row in applicable], by=request.user, **form.cleaned_data
            )
            self.message_user(
                request,
                f"{label}d {len(done)} of {len(rows)}: "
                + ", ".join(str(row) for row in done)
                + ". Each is told by email.",
                messages.SUCCESS,
            )
            return redirect("admin:presskit_accreditation_changelist")
        return TemplateResponse(
            request,
            "admin/presskit/accreditation/decide.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": f"{label} accreditation",
                "step": step,
                "label": label,
                "form": form,
                "applicable": applicable,
                "skipped": [row for row in rows if row.status not in states],
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
            },
        )
