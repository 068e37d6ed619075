"""A record's history as an editor reads it: what changed in each version, field by field.

django-reversion keeps each saved version (`Version.field_dict`) and the
versions of the rows saved with it in the same revision (a film's credits,
through its inlines). Here each version is set against the one before it:
a field's old and new value in words (a choice's label, a related record's
name, a text's changed words marked), and rows added, removed or changed
with it.
"""

import datetime
import difflib
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from reversion.models import Version

# What every save changes, and the folded copies of names search reads.
NOT_SHOWN = {"updated_at", "created_at", "search_text"}
LONG_TEXT = 120  # characters beyond which a text's change is shown word by word


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: SafeString
    new: SafeString


@dataclass
class RowChange:
    """A row saved with the record (a credit): added, removed or changed."""

    kind: str
    label: str
    how: str  # "added", "removed", "changed"
    fields: list[FieldChange] = field(default_factory=list)


@dataclass
class VersionChanges:
    version: Version
    fields: list[FieldChange]
    rows: list[RowChange]


def history_of(model, object_id) -> list[VersionChanges]:
    """Each version of `model`'s record `object_id`, newest first, with what it changed."""
    versions = list(
        Version.objects.get_for_object_reference(model, object_id)
        .select_related("revision", "revision__user")
        .order_by("revision__date_created", "pk")
    )
    history = []
    for older, newer in zip([None, *versions], versions, strict=False):
        if older is None:  # the first version kept: nothing to set it against
            history.append(VersionChanges(newer, [], []))
            continue
        history.append(
            VersionChanges(
                newer,
                fields_changed(model, older.field_dict, newer.field_dict),
                rows_changed(model, older, newer),
            )
        )
    return history[::-1]


def fields_changed(model, old: dict, new: dict) -> list[FieldChange]:
    """The fields whose values differ between two `field_dict`s of `model`, in form order."""
    changes = []
    for model_field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
        name = model_field.attname
        if model_field.primary_key or model_field.name in NOT_SHOWN or name not in new:
            continue
        before, after = old.get(name), new[name]
        if model_field.many_to_many:
            before, after = sorted(before or []), sorted(after or [])
        if before == after or _shown(model_field, before) == _shown(model_field, after):
            continue
        changes.append(
            FieldChange(
                str(model_field.verbose_name).capitalize(),
                *_shown_pair(model_field, before, after),
            )
        )
    return changes


def rows_changed(model, older: Version | None, newer: Version) -> list[RowChange]:
    """Rows of other kinds saved in the same revision as `newer`, against `older`'s."""
    own = newer.content_type_id

    def others(version):
        if version is None:
            return {}
        return {
            (row.content_type_id, row.object_id): row
            for row in version.revision.version_set.select_related("content_type")
            if row.content_type_id != own
        }

    before, after = others(older), others(newer)
    changes = []
    for key in sorted(before.keys() | after.keys(), key=lambda key: (key[0], str(key[1]))):
        old, new = before.get(key), after.get(key)
        row = new or old
        kind = str(row.content_type.model_class()._meta.verbose_name).capitalize()
        if old is None:
            changes.append(RowChange(kind, new.object_repr, "added"))
        elif new is None:
            changes.append(RowChange(kind, old.object_repr, "removed"))
        elif fields := fields_changed(
            row.content_type.model_class(), old.field_dict, new.field_dict
        ):
            changes.append(RowChange(kind, new.object_repr, "changed", fields))
    return changes


def _shown_pair(model_field, before, after) -> tuple[SafeString, SafeString]:
    old, new = _shown(model_field, before), _shown(model_field, after)
    text = isinstance(model_field, models.TextField | models.CharField) and not model_field.choices
    if text and max(len(old), len(new)) > LONG_TEXT:
        return _word_diff(old, new)
    return escape(old or "—"), escape(new or "—")


def _shown(model_field, value) -> str:
    """`value` of `model_field` as an editor reads it."""
    if value is None or value == "" or value == []:
        return ""
    if model_field.choices:
        return str(dict(model_field.choices).get(value, value))
    if model_field.many_to_many or model_field.is_relation:
        related = model_field.related_model._default_manager
        keys = value if model_field.many_to_many else [value]
        names = {str(row.pk): str(row) for row in related.filter(pk__in=keys)}
        return ", ".join(names.get(str(key), f"#{key} (deleted)") for key in keys)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.datetime):
        return f"{timezone.localtime(value, datetime.UTC):%-d %b %Y %H:%M} UTC"
    return str(value)


def _word_diff(old: str, new: str) -> tuple[SafeString, SafeString]:
    """Both texts with the words taken out and put in marked (<del>, <ins>)."""
    before, after = old.split(" "), new.split(" ")
    shown_old, shown_new = [], []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        taken, put = " ".join(before[i1:i2]), " ".join(after[j1:j2])
        if tag == "equal":
            shown_old.append(escape(taken))
            shown_new.append(escape(put))
            continue
        if taken:
            shown_old.append(format_html("<del>{}</del>", taken))
        if put:
            shown_new.append(format_html("<ins>{}</ins>", put))
    return mark_safe(" ".join(shown_old)), mark_safe(" ".join(shown_new))
