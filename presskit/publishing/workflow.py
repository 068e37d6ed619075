"""The press office's working day: review, and publication at a set moment.

An editor submits a draft for review with a note; a press officer publishes
it, schedules it, or sends it back as a draft with a comment, and the
editor is told in the admin and by email. A press officer schedules a
publication, a withdrawal or both, on the clocks of a zone they choose.

Every change of state here is one transaction that locks the row, is
versioned (django-reversion) and logged in the admin's log as the act of
whoever made it; a scheduled change counts as the act of the press officer
who scheduled it. What the public sees follows the gate
(`Publishable.visibility`): a schedule takes effect at its moment on every
channel whether or not the worker has run; `settle_schedules` only turns
the state into what the gate already shows, and records it.
"""

import datetime
import logging

import reversion
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from config.lib.page_cache import content_changed
from presskit.audit import Action, audit
from presskit.models import Review

from .models import Publication, Publishable, moment_said

logger = logging.getLogger(__name__)


def publishable_models() -> list[type[Publishable]]:
    return [model for model in apps.get_models() if issubclass(model, Publishable)]


def reviews_of(record: Publishable):
    """The requests for review of `record`, newest first.

    A log beside the record, not part of it: they stay when it is deleted.
    """
    return Review.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    ).select_related("submitted_by", "decided_by")


def waiting_review(record: Publishable):
    """The open request for review of `record`, or None.

    Only while the record waits for review: a request left open when the
    record changed state some other way (an older version restored) is over.
    """
    if record.publication_status != Publication.REVIEW:
        return None
    return reviews_of(record).filter(outcome=Review.Outcome.WAITING).first()


def last_review(record: Publishable):
    """The latest request for review of `record`, open or decided, or None."""
    return reviews_of(record).first()


def _locked(record: Publishable) -> Publishable:
    """`record` read again under a row lock, so that two decisions cannot cross."""
    return type(record)._default_manager.select_for_update().get(pk=record.pk)


def _record(record: Publishable, *, user, message: str) -> None:
    """Version the record and log `message` as `user`'s act (inside the caller's transaction)."""
    with reversion.create_revision():
        if user is not None:
            reversion.set_user(user)
        reversion.set_comment(message)
        reversion.add_to_revision(record)
    if user is not None:
        LogEntry.objects.log_actions(
            user_id=user.pk, queryset=[record], action_flag=CHANGE, change_message=message
        )


def _set_state(record: Publishable, status: str) -> None:
    record.publication_status = status
    record.save(update_fields=["publication_status"])


def _name(record: Publishable) -> str:
    """'La Tregua (film)', on one line (an email subject holds no line break)."""
    words = " ".join(str(record).split())
    return f"{Truncator(words).chars(80)} ({record._meta.verbose_name})"


def submit_for_review(record: Publishable, *, user, note: str = ""):
    """Hand a draft to the press office: it waits for a press officer's decision."""
    with transaction.atomic():
        record = _locked(record)
        if record.publication_status != Publication.DRAFT:
            raise ValidationError(
                f"Only a draft can be submitted for review; this {record._meta.verbose_name} "
                f"is {record.get_publication_status_display().lower()}."
            )
        # A request left open when the record went back to draft some other way is over.
        reviews_of(record).filter(outcome=Review.Outcome.WAITING).update(
            outcome=Review.Outcome.SENT_BACK, decided_at=timezone.now()
        )
        _set_state(record, Publication.REVIEW)
        review = Review.objects.create(
            record=record, label=str(record)[:300], submitted_by=user, note=note.strip()
        )
        _record(record, user=user, message=f"Submitted for review. {note}".strip())
        officers = [
            officer.email
            for officer in press_officers_for(type(record))
            if officer.email and officer.pk != user.pk
        ]
        if officers:
            body = (
                f"{user.get_full_name() or user.get_username()} asks you to review "
                f"{_name(record)}.\n\n"
                + (f"Their note:\n{review.note}\n\n" if review.note else "")
                + f"Review it here: {settings.SITE_URL}{review_url(record)}\n"
            )
            _email(f"For review: {_name(record)}", body, officers)
    return review


def take_back(record: Publishable, *, user):
    """The editor takes a draft back from review, to change it further."""
    with transaction.atomic():
        record = _locked(record)
        review = _waiting_or_refuse(record)
        _set_state(record, Publication.DRAFT)
        _close(review, Review.Outcome.TAKEN_BACK, user=user)
        _record(record, user=user, message="Taken back from review.")
    return review


def send_back(record: Publishable, *, user, comment: str):
    """A press officer returns a draft waiting for review to its editor, with a comment."""
    if not comment.strip():
        raise ValidationError("Say what should change: the editor reads your comment.")
    with transaction.atomic():
        record = _locked(record)
        review = _waiting_or_refuse(record)
        _set_state(record, Publication.DRAFT)
        _close(review, Review.Outcome.SENT_BACK, user=user, comment=comment)
        _record(record, user=user, message=f"Sent back to the editor: {comment.strip()}")
        _tell_editor(review, record)
    return review


def publish_reviewed(record: Publishable, *, user) -> None:
    """A press officer publishes a draft waiting for review, if it still waits."""
    from .services import records_publish  # which decides the review through this module

    with transaction.atomic():
        record = _locked(record)
        _waiting_or_refuse(record)
        records_publish(queryset=type(record)._default_manager.filter(pk=record.pk), user=user)


def _waiting_or_refuse(record: Publishable):
    review = waiting_review(record)
    if record.publication_status != Publication.REVIEW or review is None:
        raise ValidationError(
            f"This {record._meta.verbose_name} is not waiting for review any more: it is "
            f"{record.get_publication_status_display().lower()}. Reload the page to see why."
        )
    return review


def _close(review, outcome: str, *, user, comment: str = "") -> None:
    review.outcome = outcome
    review.decided_by = user
    review.decided_at = timezone.now()
    review.comment = comment.strip()
    review.save(update_fields=["outcome", "decided_by", "decided_at", "comment"])


def reviews_decided(records, outcome: str, *, user) -> None:
    """Close the open requests for review of `records`, which a press officer has just decided.

    Called for every change of state a press officer makes (publish,
    schedule, withdraw to draft), however they made it; each editor is told.
    """
    for record in records:
        review = reviews_of(record).filter(outcome=Review.Outcome.WAITING).first()
        if review is not None:
            _close(review, outcome, user=user)
            _tell_editor(review, record)


def _tell_editor(review, record: Publishable) -> None:
    editor = review.submitted_by
    if editor is None or not editor.email or editor.pk == review.decided_by_id:
        return
    by = review.decided_by.get_full_name() or review.decided_by.get_username()
    said = {
        Review.Outcome.PUBLISHED: f"{by} published {_name(record)}.",
        Review.Outcome.SCHEDULED: f"{by} scheduled {_name(record)}: {schedule_said(record)}.",
        Review.Outcome.SENT_BACK: f"{by} sent {_name(record)} back to you as a draft.",
    }.get(review.outcome, f"{by} returned {_name(record)} to draft.")
    body = said + "\n\n"
    if review.comment:
        body += f"Their comment:\n{review.comment}\n\n"
    opts = record._meta
    change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
    body += f"Open it here: {settings.SITE_URL}{change}\n"
    outcome = review.get_outcome_display()
    _email(f"{outcome}: {_name(record)}", body, [editor.email])


def _email(subject: str, body: str, to: list[str]) -> None:
    """Sent by the tasks worker once the transaction commits: a mail server down delays it only."""
    from presskit.accreditation.emails import send_email

    transaction.on_commit(
        lambda: send_email.enqueue(subject=subject, body=body, to=to), robust=True
    )


def press_officers_for(model) -> list:
    """The active users who may publish `model`: those a request for review goes to."""
    opts = model._meta
    return list(
        get_user_model()
        .objects.with_perm(
            f"{opts.app_label}.publish_{opts.model_name}",
            backend="django.contrib.auth.backends.ModelBackend",  # axes' backend grants nothing
        )
        .filter(is_active=True, is_staff=True)
        .order_by("pk")
    )


def review_url(record: Publishable) -> str:
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_review", args=[record.pk])


def schedule_url(record: Publishable) -> str:
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_schedule", args=[record.pk])


def schedule(
    record: Publishable,
    *,
    user,
    publish_at: datetime.datetime | None,
    withdraw_at: datetime.datetime | None,
    zone: str = "",
) -> Publishable:
    """Schedule `record`'s publication, its withdrawal, or both, as `user`.

    A publication is scheduled for a record that is not public yet (a
    draft, one waiting for review, or one already scheduled); a withdrawal
    for one that is or will be. Moments are in the future, the withdrawal
    after the publication. Raises ValidationError saying what is wrong.
    """
    if publish_at is None and withdraw_at is None:
        raise ValidationError("Give a moment to publish at, to withdraw at, or both.")
    now = timezone.now()
    errors = {}
    if publish_at is not None and publish_at <= now:
        errors["publish_at"] = "This moment has passed: to publish now, use Publish."
    if withdraw_at is not None and withdraw_at <= now:
        errors["withdraw_at"] = "This moment has passed: to withdraw now, use Withdraw to draft."
    if publish_at and withdraw_at and withdraw_at <= publish_at:
        errors["withdraw_at"] = "The withdrawal must come after the publication."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        record = _settled(_locked(record), now)
        status = record.publication_status
        if publish_at is not None and status == Publication.PUBLISHED:
            raise ValidationError(
                {
                    "publish_at": f"This {record._meta.verbose_name} is published already: "
                    "schedule only its withdrawal, or withdraw it to draft first."
                }
            )
        if publish_at is None and status == Publication.SCHEDULED:
            raise ValidationError(
                {
                    "publish_at": "Keep a moment to publish at; to publish it no more, "
                    "cancel the schedule."
                }
            )
        if publish_at is None and status != Publication.PUBLISHED:
            raise ValidationError(
                {
                    "withdraw_at": f"This {record._meta.verbose_name} is not published: "
                    "schedule its publication too."
                }
            )
        if publish_at is not None:
            record.publication_status = Publication.SCHEDULED
            record.publish_at = publish_at
        record.withdraw_at = withdraw_at
        record.schedule_time_zone = zone
        record.scheduled_by = user
        record.save(update_fields=["publication_status", *record.SCHEDULE])
        if publish_at is not None:
            reviews_decided([record], Review.Outcome.SCHEDULED, user=user)
        said = schedule_said(record)
        _record(record, user=user, message=f"Scheduled: {said}.")
        audit(Action.SCHEDULED, user=user, record=record, detail=said)
        content_changed()  # the page cache ends its pages at the new moments
        schedule_moments_ahead(record)
    return record


def cancel_schedule(record: Publishable, *, user) -> Publishable:
    """Cancel `record`'s scheduled publication (back to draft) and withdrawal, as `user`.

    What has come already happened for everyone: it is recorded, not undone.
    """
    with transaction.atomic():
        record = _settled(_locked(record), timezone.now())
        happened = record.publish_at is None and record.withdraw_at is None
        if not happened:
            was = schedule_said(record)
            if record.publication_status == Publication.SCHEDULED:
                record.publication_status = Publication.DRAFT
            record.withdraw_at = None
            record.save(update_fields=["publication_status", "withdraw_at"])
            _record(record, user=user, message=f"Schedule cancelled (was: {was}).")
            audit(Action.SCHEDULE_CANCELLED, user=user, record=record, detail=f"was: {was}")
            content_changed()
    if happened:  # said once what happened is recorded
        raise ValidationError(
            f"Nothing is scheduled for this {record._meta.verbose_name} any more: what was "
            f"scheduled has happened (it is {record.get_publication_status_display().lower()})."
        )
    return record


def schedule_said(record: Publishable) -> str:
    """'publication on 25 Sep 2026 10:00 Madrid time (08:00 UTC)', and/or its withdrawal.

    '' when nothing is scheduled.
    """
    zone = record.schedule_zone()
    said = []
    if record.publish_at is not None:
        said.append(f"publication on {moment_said(record.publish_at, zone)}")
    if record.withdraw_at is not None:
        said.append(f"withdrawal on {moment_said(record.withdraw_at, zone)}")
    return " and ".join(said)


def _settle_at(moment: datetime.datetime) -> None:
    """Have the worker record what falls due at `moment`, once this transaction commits."""
    settle = settle_due
    if settle.get_backend().supports_defer:
        settle = settle.using(run_after=moment)
    transaction.on_commit(settle.enqueue, robust=True)


def due(now: datetime.datetime) -> Q:
    """The condition for a row whose scheduled publication or withdrawal has come."""
    return Q(publication_status=Publication.SCHEDULED, publish_at__lte=now) | Q(
        withdraw_at__lte=now
    )


def settle_schedules(now: datetime.datetime | None = None) -> int:
    """Turn every schedule whose moment has come into the state it led to; how many records.

    Each is logged and versioned as the act of the press officer who
    scheduled it, at the moment it took effect. Nothing changes for anyone
    reading: the gate has shown the record so since that moment.
    """
    now = now or timezone.now()
    settled = 0
    for model in publishable_models():
        rows = model._default_manager.filter(due(now))
        for pk in rows.values_list("pk", flat=True):
            with transaction.atomic():
                record = rows.select_for_update().filter(pk=pk).first()
                if record is None:  # settled meanwhile by another worker
                    continue
                settle(record, now)
                settled += 1
    if settled:
        content_changed()
    return settled


def _settled(record: Publishable, now: datetime.datetime) -> Publishable:
    """`record` (locked) with what of its schedule has come recorded."""
    if type(record)._default_manager.filter(due(now), pk=record.pk).exists():
        settle(record, now)
        content_changed()
    return record


def schedule_moments_ahead(record: Publishable) -> None:
    """Have the worker record `record`'s schedule when it comes (now, if it has come)."""
    for moment in (record.publish_at, record.withdraw_at):
        if moment is not None:
            _settle_at(max(moment, timezone.now()))


def settle(record: Publishable, now: datetime.datetime) -> None:
    """Record what of `record`'s schedule has come (the row locked by the caller)."""
    by, zone = record.scheduled_by, record.schedule_zone()
    said = []  # (action, words)
    if record.publication_status == Publication.SCHEDULED and record.publish_at <= now:
        said.append(
            (Action.PUBLISHED, f"Published as scheduled for {moment_said(record.publish_at, zone)}")
        )
        record.publication_status = Publication.PUBLISHED
    if record.withdraw_at is not None and record.withdraw_at <= now:
        said.append(
            (
                Action.WITHDRAWN,
                f"Withdrawn to draft as scheduled for {moment_said(record.withdraw_at, zone)}",
            )
        )
        record.publication_status = Publication.DRAFT
    record.save(update_fields=["publication_status"])
    who = by.get_username() if by else "a press officer no longer here"
    _record(
        record, user=by, message=f"{'; '.join(words for _, words in said)} (scheduled by {who})."
    )
    for action, words in said:
        audit(action, user=by, record=record, detail=words)


@task
def settle_due() -> str:
    """Record the schedules whose moment has come (enqueued for each moment scheduled)."""
    return f"settled {settle_schedules()}"
