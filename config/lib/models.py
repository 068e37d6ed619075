"""Abstract models every editorial record builds on.

`Record` stamps creation and change times. `Searchable` keeps a folded copy
of a record's names so that search ignores accents and case on every
database. `Publishable` gives a record its publication state and the one
QuerySet method, `published()`, that decides what the public may see;
`Embargoable` narrows it with an embargo time.
"""

import datetime
from typing import ClassVar

from django.db import models
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

from .text import fold

_CHOICE_LABELS: dict = {}


class Record(models.Model):
    created_at = models.DateTimeField("created", auto_now_add=True)
    updated_at = models.DateTimeField("last changed", auto_now=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "updated_at"}
        super().save(*args, **kwargs)

    def _get_FIELD_display(self, field):
        # Behind every get_<field>_display(). Django rebuilds the field's
        # dict of choices on each call and the public pages call it dozens of
        # times per page, so each field's labels are gathered once.
        labels = _CHOICE_LABELS.get(field)
        if labels is None:
            labels = _CHOICE_LABELS[field] = dict(make_hashable(field.flatchoices))
        value = getattr(self, field.attname)
        return force_str(labels.get(make_hashable(value), value), strings_only=True)


class Searchable(models.Model):
    """A record found by its names whatever the accents: "aron" finds "Arón Piper".

    Subclasses name the fields that feed the search in `search_sources`; the
    folded text is derived on every save.
    """

    search_sources: ClassVar[tuple[str, ...]] = ()

    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.search_text = fold(
            " ".join(str(getattr(self, name) or "") for name in self.search_sources)
        )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) & set(self.search_sources):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)


class Publication(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class PublishableQuerySet(models.QuerySet):
    def published(self, at: datetime.datetime | None = None):
        """Return what the public may see: the rows that meet `public_condition()`.

        Every page, feed, sitemap, calendar and download reads through this
        method; `is_published()` is its one-row mirror. Embargoes are judged
        at `at`, now unless given.
        """
        known = self._known_public_relations()
        if known is None:
            return self.none()
        return self.filter(self.model.public_condition(skip=known, at=at))

    def _known_public_relations(self) -> frozenset[str] | None:
        """Relations already fixed to known records, e.g. `film.screenings`: the film is given.

        For those the condition is the record's own `is_published()`, its
        tested mirror, rather than a join: None when one of them is not
        public (nothing can be), else the names to leave out of the query.
        """
        known = set()
        for field, instances in self._known_related_objects.items():
            if field.name in self.model.published_requires:
                if not all(instance.is_published() for instance in instances.values()):
                    return None
                known.add(field.name)
        return frozenset(known)

    def visible_to(self, user):
        """What `user` may open: drafts too for staff who may view them (previews), else published()."""
        opts = self.model._meta
        if user.is_staff and user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            return self.all()
        return self.published()


class Publishable(Record):
    # Relations that must be public for this row to be public.
    published_requires: ClassVar[tuple[str, ...]] = ()

    publication_status = models.CharField(
        "publication",
        max_length=16,
        choices=Publication,
        default=Publication.DRAFT,
        db_index=True,
        help_text="Drafts are seen only in the admin. Only press officers can publish.",
    )
    first_published_at = models.DateTimeField(
        "first published",
        null=True,
        blank=True,
        editable=False,
        help_text="Set the first time this is published; never changed afterwards.",
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        # "publish" lets press officers publish and set embargoes; editors prepare drafts.
        default_permissions = ("add", "change", "delete", "view", "publish")

    def save(self, *args, **kwargs):
        if self.publication_status == Publication.PUBLISHED and self.first_published_at is None:
            self.first_published_at = timezone.now()
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "first_published_at"}
        super().save(*args, **kwargs)

    @classmethod
    def public_condition(
        cls,
        prefix: str = "",
        skip: frozenset[str] = frozenset(),
        at: datetime.datetime | None = None,
    ) -> models.Q:
        """The condition for a row to be public, as seen from a relation path `prefix`.

        A row is public when it is published and every record named in
        `published_requires` (the film a screening shows, say) is public by
        its own condition. Conditions compose into joins, so one query
        checks the whole chain. Subclasses narrow it (an embargo). `skip`
        names relations the caller has already found public.
        """
        condition = models.Q(**{f"{prefix}publication_status": Publication.PUBLISHED})
        for name in cls.published_requires:
            if name in skip:
                continue
            field = cls._meta.get_field(name)
            related = field.related_model.public_condition(f"{prefix}{name}__", at=at)
            if field.null:
                related |= models.Q(**{f"{prefix}{name}__isnull": True})
            condition &= related
        return condition

    def is_published(self) -> bool:
        """The one-row mirror of `published()`: True if the public may see this row."""
        if self.publication_status != Publication.PUBLISHED:
            return False
        related = (getattr(self, name) for name in self.published_requires)
        return all(record is None or record.is_published() for record in related)


class Embargoable(Publishable):
    embargo_until = models.DateTimeField(
        "embargoed until",
        null=True,
        blank=True,
        help_text=(
            "Leave empty for no embargo. Until this moment the item stays hidden from the "
            "public even when published. Entered in UTC."
        ),
    )

    class Meta(Publishable.Meta):
        abstract = True

    @classmethod
    def public_condition(
        cls,
        prefix: str = "",
        skip: frozenset[str] = frozenset(),
        at: datetime.datetime | None = None,
    ) -> models.Q:
        not_embargoed = models.Q(**{f"{prefix}embargo_until__isnull": True}) | models.Q(
            **{f"{prefix}embargo_until__lte": at or timezone.now()}
        )
        return super().public_condition(prefix, skip, at) & not_embargoed

    def is_published(self) -> bool:
        return super().is_published() and (
            self.embargo_until is None or self.embargo_until <= timezone.now()
        )

    def is_under_embargo(self) -> bool:
        return self.embargo_until is not None and self.embargo_until > timezone.now()
