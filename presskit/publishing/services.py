"""Publishing and withdrawing records, and when public pages next change by themselves.

Called from admin actions, views and commands alike.
"""

import datetime

import reversion
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import transaction
from django.db.models import Min, QuerySet
from django.utils import timezone

from config.lib.page_cache import content_changed
from presskit.audit import audit, publication_action
from presskit.models import Review

from .models import Gated, Publication
from .workflow import due, reviews_decided, settle


def _records_set_publication(
    *, queryset: QuerySet, user, status: str, comment: str, outcome: str
) -> int:
    changed = []
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(comment)
        # Lock only the rows being changed: not the rows an admin list joins in, and
        # without the list's counts (PostgreSQL locks no GROUP BY).
        rows = queryset.model._default_manager.filter(
            pk__in=queryset.values("pk")
        ).select_for_update()
        now = timezone.now()
        for record in rows.filter(due(now)):
            settle(record, now)  # a withdrawal that has come happened before this
        for record in rows.exclude(publication_status=status):
            was, label = record.publication_status, record.get_publication_status_display()
            record.publication_status = status
            record.save(update_fields=["publication_status"])
            changed.append(record)
            if action := publication_action(was, status):
                detail = f"{label} \u2192 {record.get_publication_status_display()}"
                audit(action, user=user, record=record, detail=detail)
        if changed:
            reviews_decided(changed, outcome, user=user)
            content_changed()
            LogEntry.objects.log_actions(
                user_id=user.pk,
                queryset=changed,
                action_flag=CHANGE,
                change_message=comment,
            )
    return len(changed)


def records_publish(*, queryset: QuerySet, user) -> int:
    """Publish the drafts in `queryset` as `user`; return how many changed.

    Each change is logged and versioned, so it can be traced and undone.
    A published record whose film is still a draft stays hidden from the
    public until the film is published too.
    """
    return _records_set_publication(
        queryset=queryset,
        user=user,
        status=Publication.PUBLISHED,
        comment="Published.",
        outcome=Review.Outcome.PUBLISHED,
    )


def records_unpublish(*, queryset: QuerySet, user) -> int:
    """Turn the published records in `queryset` back into drafts; return how many changed."""
    return _records_set_publication(
        queryset=queryset,
        user=user,
        status=Publication.DRAFT,
        comment="Withdrawn to draft.",
        outcome=Review.Outcome.SENT_BACK,
    )


def next_public_change(now: datetime.datetime | None = None) -> datetime.datetime | None:
    """The next moment public pages change by themselves: an embargo lifts, a screening starts.

    The page cache ends its pages then (settings.PUBLIC_CACHE_NEXT_CHANGE);
    the times are the fields each model declares in `public_changes_at`.
    One query per such field.
    """
    now = now or timezone.now()
    moments = [
        model._default_manager.filter(**{f"{name}__gt": now}).aggregate(next=Min(name))["next"]
        for model in apps.get_models()
        if issubclass(model, Gated)
        for name in model.public_changes_at
    ]
    return min((moment for moment in moments if moment is not None), default=None)
