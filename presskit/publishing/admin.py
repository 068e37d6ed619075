"""Publishing in the admin: press officers publish, editors prepare and can never widen.

What an editor may not do is read from the gate's one declaration
(`visibility`, presskit/publishing/models.py):

- the declared fields that only publishers change (publication, embargo,
  access, and any added later with `locked`) are read-only to editors, in
  change forms and inlines alike;
- any other change an editor makes (linking a published quote to a public
  film, say) is refused if it would make a hidden record public;
- publishing, withdrawing and restoring an earlier version are for
  publishers only.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.html import format_html
from reversion.models import Version

from config.lib.admin import EditorialAdmin, EditorialForm, EditorialInline, LocalDateTimeField
from config.lib.filters import in_zone, zone_in_words
from festivals.time_zones import localize
from presskit.audit import Action, audit, audit_visibility
from presskit.models import Review

from .models import Audience, Gated, OpenTo, Publication, PublicRecord
from .review_admin import ReviewAndSchedule
from .services import records_publish, records_unpublish
from .workflow import reviews_decided, schedule_moments_ahead


def may_publish(user, model) -> bool:
    """Whether `user` may make records of `model` public.

    Records without a publication state of their own (credits) follow the
    record they belong to: who may publish a film may open its credits.
    """
    opts = model._meta
    if "publish" not in opts.default_permissions:
        owner = next(
            opts.get_field(name).related_model
            for name, rule in model.visibility.items()
            if isinstance(rule, PublicRecord)
        )
        return may_publish(user, owner)
    return user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")


class PublishableForm(EditorialForm):
    """Refuses a save that would make a hidden record public, unless the user may publish.

    The admin sets `may_publish` on the form class it builds for each request.
    """

    may_publish = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if status := self.fields.get("publication_status"):
            # Review and scheduling have their own pages (review_admin.py), which
            # keep their notes and moments: here only draft or published, and the
            # state the record is in.
            offered = {Publication.DRAFT, Publication.PUBLISHED, self.instance.publication_status}
            status.choices = [choice for choice in Publication.choices if choice[0] in offered]

    def clean(self):
        cleaned_data = super().clean()
        model = type(self.instance)
        if self.may_publish or not issubclass(model, Gated):
            return cleaned_data
        values = {name: cleaned_data[name] for name in model.visibility if name in cleaned_data}
        name = model._meta.verbose_name
        refusals = {
            Audience.PUBLIC: f"Saved like this, this {name} would appear on the public site, "
            "and only press officers can make something public.",
            Audience.PRESS: f"Saved like this, this {name} would become visible to accredited "
            "journalists, and only press officers can widen who sees something.",
        }
        for audience, refusal in refusals.items():
            if self.would_widen(values, audience):
                message = f"{refusal} Leave it as it was, or ask a press officer to publish it."
                changed = [field for field in values if field in self.changed_data]
                for field in changed:
                    self.add_error(field, message)
                if not changed:
                    raise ValidationError(message)
                break
        return cleaned_data

    def would_widen(self, values: dict, audience: Audience) -> bool:
        """Whether saving `values` would let `audience` see a record it cannot see as it is.

        Judged now and, for a record scheduled to appear, at that moment: a press
        officer scheduled it as it was, not as an editor may change it meanwhile.
        """
        model = type(self.instance)
        moments = [timezone.now()]
        if (publish_at := getattr(self.instance, "publish_at", None)) and publish_at > moments[0]:
            moments.append(publish_at)
        for at in moments:
            sees = self.instance.pk is not None and (
                model._default_manager.filter(pk=self.instance.pk)
                .filter(model.condition_for(audience, at=at))
                .exists()
            )
            if not sees and self.instance.is_public_with(values, at=at, audience=audience):
                return True
        return False


class EmbargoableForm(PublishableForm):
    """An embargo typed and shown in a zone the press officer picks, with UTC beside it.

    Never typed in UTC by hand. Adding an embargo to something public now
    takes it off the public site until the embargo lifts: the form says
    what disappears, and asks for a tick before it does so. Editors do not
    see these fields (the embargo is a publisher's).
    """

    embargo_until = LocalDateTimeField(label="Embargoed until (local time)", required=False)
    confirm_embargo = forms.BooleanField(
        label="Take it off the public site until the embargo lifts",
        required=False,
        help_text="Needed only to embargo something that is public now.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.may_publish:
            for name in ("embargo_until", "confirm_embargo"):
                self.fields.pop(name, None)
            return
        if zones := self.fields.get("embargo_time_zone"):
            zones.choices = [("", self.default_zone_said()), *zones.choices[1:]]
        zone, moment = self.instance.embargo_zone(), self.instance.embargo_until
        field = self.fields["embargo_until"]
        if moment is None:
            default = self.default_zone_said()
            field.help_text = (
                "As the clocks show it in the embargo's time zone; if none is chosen, "
                f"{default[0].lower()}{default[1:]}. Empty: no embargo."
            )
            return
        local = in_zone(moment, zone)
        self.initial["embargo_until"] = local.replace(tzinfo=None)
        if self.instance.embargo_screening_id:
            field.help_text = (
                f"Follows the screening below: {local:%d %b %Y %H:%M} {zone_in_words(zone)}, "
                f"which is {in_zone(moment, 'UTC'):%d %b %Y %H:%M} UTC, and moves with it. "
                "To type a time instead, empty the screening."
            )
            return
        field.help_text = (
            f"As the clocks show it in {zone}: {local:%d %b %Y %H:%M} {zone_in_words(zone)}, "
            f"which is {in_zone(moment, 'UTC'):%d %b %Y %H:%M} UTC. Empty: no embargo."
        )

    def default_zone_said(self) -> str:
        """What the empty choice of zone means, said to the press officer."""
        return f"The press office's ({settings.PRESS_OFFICE_TIME_ZONE})"

    def default_zone(self) -> str | None:
        """The zone an embargo is read in when none is chosen; None: the press office's.

        Stored as chosen, so the record shows it everywhere without a join.
        """
        return None

    def clean(self):
        if "embargo_until" in self.fields:
            typed = "embargo_until" in self.changed_data and self.cleaned_data.get("embargo_until")
            if screening := self.cleaned_data.get("embargo_screening"):
                self.tie_embargo(screening, typed=bool(typed))
                return super().clean()
            if typed and not self.cleaned_data.get("embargo_time_zone"):
                self.cleaned_data["embargo_time_zone"] = self.default_zone() or ""
            self.localize_embargo()
        return super().clean()

    def tie_embargo(self, screening, *, typed: bool) -> None:
        """An embargo tied to a screening: its moment comes from the screening, in its zone."""
        if typed:
            self.add_error(
                "embargo_until",
                "Type a time, or tie the embargo to a screening below: not both. "
                "Empty this field to keep the screening.",
            )
            return
        from_end = bool(self.cleaned_data.get("embargo_from_end"))
        if problem := tie_problem(screening, from_end=from_end):
            self.add_error("embargo_screening", problem)
            return
        moment = screening.moment_after(
            self.cleaned_data.get("embargo_minutes_after") or 0,
            from_end=bool(self.cleaned_data.get("embargo_from_end")),
        )
        zone = screening.time_zone or settings.PRESS_OFFICE_TIME_ZONE
        self.cleaned_data["embargo_until"] = moment
        self.cleaned_data["embargo_time_zone"] = screening.time_zone
        self.confirm_off_public(moment, zone, field="embargo_screening")

    def localize_embargo(self) -> None:
        """Read the typed embargo in its zone; stop before embargoing what is public now.

        Only a typed change is read: a zone changed alone keeps the instant
        (the form showed it in the old zone), as does an untouched form.
        """
        if "embargo_until" not in self.changed_data:
            self.cleaned_data["embargo_until"] = self.instance.embargo_until
            return
        typed = self.cleaned_data.get("embargo_until")
        if typed is None:
            return
        zone = self.cleaned_data.get("embargo_time_zone") or settings.PRESS_OFFICE_TIME_ZONE
        try:
            moment = localize(typed, zone)
        except ValidationError as error:
            self.add_error("embargo_until", error)
            return
        self.cleaned_data["embargo_until"] = moment
        self.confirm_off_public(moment, zone, field="embargo_until")

    def confirm_off_public(self, moment, zone: str, *, field: str) -> None:
        """Stop before an embargo takes what is public now off the public site, unless ticked."""
        model = type(self.instance)
        now = timezone.now()
        is_public_now = self.instance.pk is not None and self.instance.is_published(at=now)
        if is_public_now and moment > now and not self.cleaned_data.get("confirm_embargo"):
            self.add_error(
                field,
                f"This {model._meta.verbose_name} is public now. Embargoed until "
                f"{in_zone(moment, zone):%d %b %Y %H:%M} {zone_in_words(zone)} "
                f"({in_zone(moment, 'UTC'):%d %b %Y %H:%M} UTC), it disappears from "
                f"{model.shown_publicly_on} until then; accredited journalists keep seeing "
                f'it, with the embargo. Tick "{self.fields["confirm_embargo"].label}" to do so.',
            )


def tie_problem(screening, *, from_end: bool) -> str:
    """Why a moment may not follow this screening; "" if it may."""
    if screening.is_cancelled:
        return "This screening is cancelled: tie it to another, or type a time."
    if from_end and screening.ends_at is None:
        return (
            "Counted from its end needs the screening's end time: enter it on the screening "
            "first (its running time alone can change without the screening)."
        )
    return ""


class PublishingPermission:
    """The declared fields only publishers change are read-only for everyone else."""

    def has_publish_permission(self, request, obj=None) -> bool:
        return may_publish(request.user, self.opts.model)

    def get_readonly_fields(self, request, obj=None):
        readonly = [*super().get_readonly_fields(request, obj)]
        model = self.opts.model
        if issubclass(model, Gated) and not self.has_publish_permission(request, obj):
            readonly += [name for name in model.locked_fields() if name not in readonly]
        return readonly


def _guarded(form_class, may: bool):
    if not issubclass(form_class, PublishableForm):
        raise ImproperlyConfigured(
            f"{form_class.__name__} must subclass PublishableForm, so that editors cannot "
            "make a record public by any field."
        )
    form_class.may_publish = may
    return form_class


class AuditedInlines:
    """An admin whose inlines change who sees their rows (screenings on an edition's page):
    each change goes in the audit log, as when the row is saved on its own page."""

    def save_formset(self, request, form, formset, change):
        model = formset.model
        if not issubclass(model, Gated):
            return super().save_formset(request, form, formset, change)
        before = model._base_manager.in_bulk(
            [f.instance.pk for f in formset.forms if f.instance.pk]
        )
        super().save_formset(request, form, formset, change)
        saved = [*formset.new_objects, *(row for row, _ in formset.changed_objects)]
        for row in saved:
            audit_visibility(before.get(row.pk), row, user=request.user)
        for row in formset.deleted_objects:  # gone: named, with where it was
            audit(
                Action.DELETED,
                user=request.user,
                what=f"{model._meta.verbose_name.capitalize()}: {row}",
                detail=f"From the page of {form.instance}.",
            )


class OutsideTheBin:
    """What staff work on: nothing in the bin, nor what went there with it (presskit/the_bin.py).

    Not in lists, forms or inlines, and not offered in a form's choices, so
    that nothing new is tied to what waits in the bin.
    """

    def get_queryset(self, request):
        return super().get_queryset(request).outside_bin()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return _outside_bin(super().formfield_for_foreignkey(db_field, request, **kwargs))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return _outside_bin(super().formfield_for_manytomany(db_field, request, **kwargs))


def _outside_bin(formfield):
    if formfield is not None and issubclass(formfield.queryset.model, Gated):
        formfield.queryset = formfield.queryset.outside_bin()
    return formfield


class PublishableInline(OutsideTheBin, PublishingPermission, EditorialInline):
    """An inline of records behind the gate (screenings, credits): editors cannot widen them."""

    form = PublishableForm

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        _guarded(formset.form, self.has_publish_permission(request))
        return formset


class GatedAdmin(AuditedInlines, OutsideTheBin, PublishingPermission, EditorialAdmin):
    """An admin for records behind the gate: editors change them but never make them public."""

    form = PublishableForm

    def get_fieldsets(self, request, obj=None):
        """Without the confirmation of an embargo for those who cannot set one (EmbargoableForm)."""
        fieldsets = super().get_fieldsets(request, obj)
        if self.has_publish_permission(request, obj):
            return fieldsets
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "confirm_embargo"]})
            for name, options in fieldsets
        ]

    def get_form(self, request, obj=None, **kwargs):
        return _guarded(
            super().get_form(request, obj, **kwargs), self.has_publish_permission(request, obj)
        )


class PublishableAdmin(ReviewAndSchedule, GatedAdmin):
    """Publication is for press officers: editors prepare drafts, submit them for review,
    and cannot publish."""

    actions = ["publish_selected", "unpublish_selected"]
    change_form_template = "admin/presskit/publishable_change_form.html"

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "first_published_at"]

    @admin.display(description="who sees it", ordering="publication_status")
    def publication(self, obj):
        """Who can see the record now and why: 'Published · accredited journalists only · …'."""
        if obj.publication_status in (Publication.DRAFT, Publication.REVIEW):
            badge = obj.publication_status
        elif obj.publication_status == Publication.SCHEDULED and obj.publish_at > timezone.now():
            badge = "scheduled"
        elif getattr(obj, "is_under_embargo", lambda: False)():
            badge = "embargo"
        else:
            badge = "published" if obj.is_published() else "hidden"
        return format_html('<span class="badge badge-{}">{}</span>', badge, who_sees(obj))

    def save_model(self, request, obj, form, change):
        """Save, log what changed who sees it, decide a waiting review, watch its schedule.

        Subclasses change how the record is written by overriding `store`,
        never this, so that nothing escapes the audit log.
        """
        # A restore has written the old version already (django-reversion): the
        # state before it was kept by revision_view and recover_view.
        restoring = getattr(request, "presskit_restoring", None)
        if restoring is not None:
            before = restoring.before
        elif change:
            before = self.model._default_manager.filter(pk=obj.pk).first()
        else:
            before = None
        self.store(request, obj, form, change)
        audit_visibility(before, obj, user=request.user)
        if restoring is not None:
            audit(Action.RESTORED, user=request.user, record=obj, detail=restoring.detail)
            # A version restored with its schedule: the worker records it when it comes.
            # (Forms never change a schedule: the workflow queues its own moments.)
            schedule_moments_ahead(obj)
        if change and "publication_status" in form.changed_data:
            # Published, or withdrawn to draft, from the form: a request waiting for
            # review is decided by it, and its editor told.
            outcome = (
                Review.Outcome.PUBLISHED
                if obj.publication_status == Publication.PUBLISHED
                else Review.Outcome.SENT_BACK
            )
            reviews_decided([obj], outcome, user=request.user)

    def store(self, request, obj, form, change):
        """Write the record (save_model's own part); a model saved by a service overrides it."""
        super().save_model(request, obj, form, change)

    @admin.action(description="Publish selected %(verbose_name_plural)s", permissions=["publish"])
    def publish_selected(self, request, queryset):
        count = records_publish(queryset=queryset, user=request.user)
        self.message_user(request, f"Published {count} {self.noun(count)}.", messages.SUCCESS)
        self.warn_if_hidden(request, queryset)

    def warn_if_hidden(self, request, queryset):
        """Say which published records of `queryset` the public still cannot see, and why."""
        public = self.model._default_manager.published()
        hidden = queryset.filter(publication_status=Publication.PUBLISHED).exclude(pk__in=public)
        if hidden_count := hidden.count():
            self.message_user(
                request,
                f"{hidden_count} {self.noun(hidden_count)} "
                f"{'stays' if hidden_count == 1 else 'stay'} hidden from the public: "
                + "; ".join(sorted({reason for obj in hidden for reason in hidden_because(obj)}))
                + ".",
                messages.WARNING,
            )

    @admin.action(
        description="Withdraw selected %(verbose_name_plural)s to draft", permissions=["publish"]
    )
    def unpublish_selected(self, request, queryset):
        count = records_unpublish(queryset=queryset, user=request.user)
        self.message_user(
            request, f"Withdrew {count} {self.noun(count)} to draft.", messages.SUCCESS
        )

    def noun(self, count: int) -> str:
        return self.opts.verbose_name if count == 1 else self.opts.verbose_name_plural

    # Reverting restores every field, publication included, so undoing a
    # published record is for those who may publish.
    def revision_view(self, request, object_id, version_id, extra_context=None):
        self.require_publisher(request)
        if not self.get_queryset(request).filter(pk=unquote(object_id)).exists():
            raise Http404(
                f"No such {self.opts.verbose_name}: it may be in the bin, or have gone there with "
                "what it belongs to. Restore it from the bin first."
            )
        self.keep_state_before_restore(request, version_id)
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        self.require_publisher(request)
        self.keep_state_before_restore(request, version_id)
        return super().recover_view(request, version_id, extra_context)

    def keep_state_before_restore(self, request, version_id) -> None:
        """Keep the record as it is, for save_model to log the restore in its transaction."""
        if request.method != "POST":
            return
        version = get_object_or_404(Version.objects.select_related("revision"), pk=version_id)
        saved = version.revision.date_created.astimezone(datetime.UTC)
        request.presskit_restoring = Restoring(
            before=self.model._default_manager.filter(pk=version.object_id).first(),
            detail=f"the version saved {saved:%-d %b %Y %H:%M} UTC",
        )

    # Deleting is logged with what the record was called.
    def delete_model(self, request, obj):
        audit(Action.DELETED, user=request.user, record=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                audit(Action.DELETED, user=request.user, record=obj)
            super().delete_queryset(request, queryset)

    def require_publisher(self, request):
        if not self.has_publish_permission(request):
            raise PermissionDenied(
                f"Only press officers can restore an earlier version of a {self.opts.verbose_name}."
            )


@dataclass(frozen=True)
class Restoring:
    """A restore under way: the record before it (None if deleted), and which version."""

    before: Gated | None
    detail: str


def who_sees(record: Gated) -> str:
    """Who may see `record` now and why, as the admin says it.

    'Draft · staff only', 'Published · anyone', 'Published · accredited
    journalists only · embargoed until 25 Sep 2026 21:00 Madrid time'.
    """
    now = timezone.now()
    status = record.publication_status
    if status in (Publication.DRAFT, Publication.REVIEW):
        return f"{record.get_publication_status_display()} · staff only"
    withdrawal = []
    if record.withdraw_at is not None and record.withdraw_at > now:
        zone = record.schedule_zone()
        withdrawal = [
            f"until {in_zone(record.withdraw_at, zone):%d %b %Y %H:%M} {zone_in_words(zone)}"
        ]
    ahead = status == Publication.SCHEDULED and record.publish_at > now
    if record.is_visible_to_audience(Audience.PUBLIC, at=now):
        return " · ".join(["Published", "anyone", *withdrawal])
    parts = ["Scheduled" if ahead else "Published"]
    if record.is_visible_to_audience(Audience.PRESS, at=now):
        open_to_anyone = all(
            rule.holds(rule.value_of(record, name), now, Audience.PUBLIC)
            for name, rule in record.visibility.items()
            if isinstance(rule, OpenTo)
        )
        parts.append(
            "accredited journalists now, anyone once public"
            if open_to_anyone
            else "accredited journalists only"
        )
        # Why not the public too: the embargo (until when) or the access level.
        parts += hidden_because(record, audience=Audience.PUBLIC, leaving_out=OpenTo)
    else:
        parts.append("staff only")
        parts += hidden_because(record, audience=Audience.PRESS, leaving_out=OpenTo)
    return " · ".join([*parts, *withdrawal])


def hidden_because(
    record: Gated, audience: Audience = Audience.PUBLIC, leaving_out: type | None = None
) -> list[str]:
    """Why `audience` does not see `record`, in words an editor reads: 'film not public yet (…)'.

    `leaving_out` a kind of rule whose reason the caller says otherwise.
    """
    now = timezone.now()
    reasons = []
    for name, rule in record.visibility.items():
        value = rule.value_of(record, name)
        if rule.holds(value, now, audience) or (leaving_out and isinstance(rule, leaving_out)):
            continue
        field = record._meta.get_field(name)
        if field.is_relation:
            items = list(value) if field.many_to_many else [value]
            names = ", ".join(str(item) for item in items if not item.is_published(at=now))
            reasons.append(f"{field.verbose_name} not public yet ({names})")
        elif field.choices:
            reasons.append(f"{field.verbose_name}: {dict(field.choices)[value].lower()}")
        else:
            zone = rule.zone_of(record)  # a moment (`AtMoment`): an embargo, a schedule
            reasons.append(
                f"{rule.words} {in_zone(value, zone):%d %b %Y %H:%M} {zone_in_words(zone)}"
            )
    return reasons
