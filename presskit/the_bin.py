"""The bin: a deleted film, person, press release or file, kept with all that goes with it.

Deleting one of these in the admin (presskit/bin_admin.py) moves it to the
bin: `binned_at` is set, and the visibility gate hides it from everyone,
staff included (`NotInBin`), and with it everything that needs it public
(its credits, stills, quotes, screenings: their own `PublicRecord` rules).
Nothing else changes, so a press officer's `restore()` brings all of it
back exactly as it was.

After `PRESSKIT_BIN_DAYS` the bin is emptied of it (`empty()`, run by the
tasks worker when that time comes, and by `manage.py empty_bin`): it is
deleted for good with what `goes_with()` it, deepest first, files included.
Every step is in the audit log.
"""

import datetime
import logging
from collections import Counter, defaultdict

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.tasks import task
from django.utils import timezone

from config.lib.page_cache import content_changed

from .audit import audit
from .models import Asset, AuditEntry, Film, Person, PressRelease
from .publishing.models import AllPublic, Publication

BINNABLE = (Film, Person, PressRelease, Asset)
# Rows that can outlive the record (SET_NULL: downloads, the audit log) stay when it goes
# for good; rows that need it (PROTECT, CASCADE: credits, bookings, a release's sendings) go.
KEPT_WITHOUT_IT = (models.SET_NULL, models.SET_DEFAULT, models.DO_NOTHING)

logger = logging.getLogger(__name__)


def goes_with(record) -> list[models.Model]:
    """Every row that goes to the bin with `record`, deepest first (the order to delete them).

    The rows that point at it and cannot be without it: a film's credits,
    stills, quotes, screenings and their bookings, a file's copies. Read a
    level at a time, one query per relation, however big the film.
    """
    seen = {(type(record), record.pk)}
    levels, frontier = [], {type(record): [record.pk]}
    while frontier:
        found: dict[type, list] = defaultdict(list)
        for model, pks in frontier.items():
            for relation in _pointing_at(model):
                if relation.many_to_many or relation.on_delete in KEPT_WITHOUT_IT:
                    continue
                rows = relation.related_model._base_manager.filter(
                    **{f"{relation.field.name}__in": pks}
                )
                for row in rows.order_by("pk"):
                    if (type(row), row.pk) not in seen:
                        seen.add((type(row), row.pk))
                        found[type(row)].append(row)
        levels.append([row for rows in found.values() for row in rows])
        frontier = {model: [row.pk for row in rows] for model, rows in found.items()}
    return [row for level in reversed(levels) for row in level]


def hidden_with(record) -> list[models.Model]:
    """The rows the gate hides while `record` is in the bin without their needing it to be:
    the pictures that show a person. Withdrawn to draft when it is deleted for good,
    so that losing the person does not open them."""
    return [
        row
        for relation in _pointing_at(type(record))
        if relation.many_to_many
        and isinstance(relation.related_model.visibility.get(relation.field.name), AllPublic)
        for row in relation.related_model._base_manager.filter(**{relation.field.name: record})
    ]


def _pointing_at(model, *, hidden: bool = False):
    """The relations other models declare towards `model` (the _meta API's reverse fields).

    `hidden`: only those with no name back (`related_name="+"`): an embargo
    tied to a screening, which follows it but does not belong to it.
    """
    named = [f for f in model._meta.get_fields() if f.auto_created and not f.concrete]
    if not hidden:
        return named
    every = [f for f in model._meta.get_fields(include_hidden=True) if f.auto_created]
    return [f for f in every if not f.concrete and f not in named]


def _untie(rows: list[models.Model]) -> None:
    """Clear the links without a name back (embargoes tied to a screening) to `rows`.

    What followed a screening keeps its embargo's moment, no longer tied;
    without this, deleting the screening would be refused (PROTECT).
    """
    ids: dict[type, list] = defaultdict(list)
    for row in rows:
        ids[type(row)].append(row.pk)
    for model, pks in ids.items():
        for relation in _pointing_at(model, hidden=True):
            if relation.field.null:
                name = relation.field.name
                relation.related_model._base_manager.filter(**{f"{name}__in": pks}).update(
                    **{name: None}
                )


def said(rows: list[models.Model]) -> str:
    """'12 credits, 9 files and 3 quotes': what went with a record, in words."""
    counts = Counter(type(row) for row in rows)
    parts = [
        f"{count} {(model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural)}"
        for model, count in counts.most_common()
    ]
    return ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1] if parts else ""


def kept_until(record) -> datetime.datetime:
    """When the bin is emptied of `record`."""
    return record.binned_at + datetime.timedelta(days=settings.PRESSKIT_BIN_DAYS)


def move_to_bin(record, *, user) -> list[models.Model]:
    """Put `record` in the bin, with what goes with it; what went."""
    with transaction.atomic():
        record = type(record)._base_manager.select_for_update().get(pk=record.pk)
        if record.binned_at is not None:
            return []
        went = goes_with(record)
        record.binned_at, record.binned_by = timezone.now(), user
        record.save(update_fields=["binned_at", "binned_by"])
        audit(
            AuditEntry.Action.DELETED,
            user=user,
            record=record,
            detail="Moved to the bin" + (f" with {said(went)}" if went else "") + ".",
        )
        content_changed()
        _empty_at(kept_until(record))
    return went


def restore(record, *, user) -> list[models.Model]:
    """Take `record` out of the bin, with all that went with it; what came back."""
    with transaction.atomic():
        record = type(record)._base_manager.select_for_update().get(pk=record.pk)
        if record.binned_at is None:
            return []
        record.binned_at, record.binned_by = None, None
        record.save(update_fields=["binned_at", "binned_by"])
        back = goes_with(record)
        audit(
            AuditEntry.Action.RESTORED,
            user=user,
            record=record,
            detail="From the bin" + (f", with {said(back)}" if back else "") + ".",
        )
        content_changed()
    return back


def in_bin(model) -> models.QuerySet:
    return model._base_manager.exclude(binned_at=None).order_by("-binned_at", "-pk")


def empty(now: datetime.datetime | None = None) -> int:
    """Delete for good what has been in the bin longer than `PRESSKIT_BIN_DAYS`; how many."""
    limit = (now or timezone.now()) - datetime.timedelta(days=settings.PRESSKIT_BIN_DAYS)
    emptied = 0
    for model in BINNABLE:
        for pk in model._base_manager.filter(binned_at__lte=limit).values_list("pk", flat=True):
            try:
                emptied += _empty_of(model, pk, limit)
            except (models.ProtectedError, models.RestrictedError, IntegrityError) as error:
                # It stays in the bin, said in the log; the others are emptied all the same.
                logger.error("%s %s stays in the bin: %s", model.__name__, pk, error)
    return emptied


def _empty_of(model, pk, limit: datetime.datetime) -> int:
    """Delete one record for good with what went with it; 1, or 0 if it is not due."""
    with transaction.atomic():
        record = model._base_manager.select_for_update().filter(pk=pk).first()
        if record is None or record.binned_at is None or record.binned_at > limit:
            return 0  # restored, or emptied by another worker, meanwhile
        went = goes_with(record)
        _untie([record, *went])
        for row in went:
            row.delete()
        for row in hidden_with(record):
            if row.publication_status != Publication.DRAFT:
                row.publication_status = Publication.DRAFT
                row.save(update_fields=["publication_status"])
                audit(
                    AuditEntry.Action.WITHDRAWN,
                    user=None,
                    record=row,
                    detail=f"To draft: {record} was deleted for good from the bin.",
                )
        audit(
            AuditEntry.Action.DELETED,
            user=None,
            record=record,
            detail=f"Deleted for good from the bin, after {settings.PRESSKIT_BIN_DAYS} days"
            + (f", with {said(went)}" if went else "")
            + ".",
        )
        record.delete()
        content_changed()
    return 1


@task
def empty_bin() -> int:
    """The tasks worker empties the bin of what has been in it long enough."""
    return empty()


def queue_emptying() -> None:
    """Have the worker empty the bin of each record when its time comes (after a backup is
    restored: the tasks queue is not in it)."""
    for model in BINNABLE:
        for record in model._base_manager.exclude(binned_at=None).only("binned_at"):
            _empty_at(kept_until(record))


def _empty_at(moment: datetime.datetime) -> None:
    emptying = empty_bin
    if emptying.get_backend().supports_defer:
        emptying = emptying.using(run_after=moment)
        transaction.on_commit(emptying.enqueue, robust=True)
