"""Publishing and withdrawing records, for admin actions, views and commands alike."""

import reversion
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import transaction
from django.db.models import QuerySet

from .models import Publication
from .public_cache import public_content_changed


def _records_set_publication(*, queryset: QuerySet, user, status: str, comment: str) -> int:
    changed = []
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(comment)
        # Lock only the rows being changed: not the rows an admin list joins in, and
        # without the list's counts (PostgreSQL locks no GROUP BY).
        rows = queryset.model._default_manager.filter(
            pk__in=queryset.values("pk")
        ).select_for_update()
        for record in rows.exclude(publication_status=status):
            record.publication_status = status
            record.save(update_fields=["publication_status"])
            changed.append(record)
        if changed:
            public_content_changed()
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
        queryset=queryset, user=user, status=Publication.PUBLISHED, comment="Published."
    )


def records_unpublish(*, queryset: QuerySet, user) -> int:
    """Turn the published records in `queryset` back into drafts; return how many changed."""
    return _records_set_publication(
        queryset=queryset, user=user, status=Publication.DRAFT, comment="Withdrawn to draft."
    )
