"""Writing the audit log (presskit/models/audit.py), from wherever the act is done.

`audit()` writes one entry in the caller's transaction. `visibility_changes()`
says, from the gate's one declaration, which of a record's publication,
embargo and access changed in a save, so that a field added to the gate
later is logged too; `audit_visibility()` writes an entry for each.
"""

from django.contrib.contenttypes.models import ContentType

from .models import AuditEntry
from .publishing.models import AtMoment, Gated, Is, OpenTo, PartOpenTo, Publication, moment_said

Action = AuditEntry.Action


def audit(action: str, *, user, record=None, what: str = "", detail: str = "") -> AuditEntry:
    """Log that `user` (None: the site itself) did `action` to `record` (or to `what`)."""
    return AuditEntry.objects.create(
        action=action,
        user=user if user is not None and user.pk else None,
        username=user.get_username() if user is not None else "",
        content_type=ContentType.objects.get_for_model(record) if record is not None else None,
        object_id=str(record.pk) if record is not None else "",
        what=(what or " ".join(str(record).split()))[:300],
        detail=detail,
    )


def audit_visibility(before: Gated | None, after: Gated, *, user) -> None:
    """Log each change of who sees `after` since `before` (None: a new record), as `user`'s act."""
    for action, detail in visibility_changes(before or type(after)(), after):
        audit(action, user=user, record=after, detail=detail)


def visibility_changes(before: Gated, after: Gated) -> list[tuple[str, str]]:
    """[(action, detail)] for each declared field of the gate that differs between two states.

    Publication becomes Published or Withdrawn; a moment (an embargo, a
    schedule's) Embargo with what it was; an access level Access. Schedules
    are logged by the workflow that sets them.
    """
    changes = []
    for name, rule in type(after).visibility.items():
        if not isinstance(rule, Is | OpenTo | PartOpenTo | AtMoment):
            continue  # a related record's own publication is logged on that record
        old, new = getattr(before, name), getattr(after, name)
        zone_changed = isinstance(rule, AtMoment) and (
            getattr(before, rule.zone_field) != getattr(after, rule.zone_field)
        )
        if old == new and not zone_changed:
            continue
        field = after._meta.get_field(name)
        if isinstance(rule, Is) and name == "publication_status":
            if action := publication_action(old, new):
                changes.append((action, f"{_choice(field, old)} \u2192 {_choice(field, new)}"))
        elif isinstance(rule, OpenTo | PartOpenTo):
            changes.append(
                (
                    Action.ACCESS,
                    f"{field.verbose_name}: {_choice(field, old)} \u2192 {_choice(field, new)}",
                )
            )
        elif isinstance(rule, AtMoment) and name == "embargo_until":
            said = [_moment(record, rule, name) for record in (before, after)]
            changes.append((Action.EMBARGO, f"{said[1]} (was: {said[0]})"))
    for name, zone_of in getattr(type(after), "audited_embargoes", {}).items():
        said = [
            moment_said(moment, getattr(record, zone_of)()) if moment else "none"
            for record, moment in ((before, getattr(before, name)), (after, getattr(after, name)))
        ]
        if said[0] != said[1]:
            label = after._meta.get_field(name).verbose_name
            changes.append((Action.EMBARGO, f"{label}: {said[1]} (was: {said[0]})"))
    return changes


def publication_action(old: str, new: str) -> str | None:
    """The act a change of publication state is, or None (a draft sent for review, say)."""
    if new == Publication.PUBLISHED and old != Publication.PUBLISHED:
        return Action.PUBLISHED
    if new == Publication.DRAFT and old == Publication.PUBLISHED:
        return Action.WITHDRAWN
    if new == Publication.DRAFT and old == Publication.SCHEDULED:
        return Action.SCHEDULE_CANCELLED
    return None


def _choice(field, value) -> str:
    return str(dict(field.choices).get(value, value))


def _moment(record, rule: AtMoment, name: str) -> str:
    moment = getattr(record, name)
    return moment_said(moment, rule.zone_of(record)) if moment else "none"
