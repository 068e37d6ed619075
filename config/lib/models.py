"""Abstract models every editorial record builds on.

`Record` stamps creation and change times. `Searchable` keeps a folded copy
of a record's names so that search ignores accents and case on every
database. `Publishable` gives a record its publication state and the one
QuerySet method, `published()`, that decides what the public may see;
`Embargoable` narrows it with an embargo time.
"""

from typing import ClassVar

from django.db import models
from django.utils import timezone

from .text import fold


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
    def published(self):
        """Return what the public may see.

        This is the only place that decides it: a row is public when it is
        published and every record named in its model's `published_requires`
        (the film a screening shows, say) is public too. Subclasses narrow it
        further (an embargo) by overriding this method; every page, feed,
        sitemap, calendar and download goes through it.
        """
        queryset = self.filter(publication_status=Publication.PUBLISHED)
        for name in self.model.published_requires:
            field = self.model._meta.get_field(name)
            public = models.Q(**{f"{name}__in": field.related_model._default_manager.published()})
            if field.null:
                public |= models.Q(**{f"{name}__isnull": True})
            queryset = queryset.filter(public)
        return queryset

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

    def is_published(self) -> bool:
        """The one-row mirror of `published()`: True if the public may see this row."""
        if self.publication_status != Publication.PUBLISHED:
            return False
        related = (getattr(self, name) for name in self.published_requires)
        return all(record is None or record.is_published() for record in related)


class EmbargoableQuerySet(PublishableQuerySet):
    def published(self):
        return (
            super()
            .published()
            .filter(
                models.Q(embargo_until__isnull=True) | models.Q(embargo_until__lte=timezone.now())
            )
        )


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

    objects = EmbargoableQuerySet.as_manager()

    class Meta(Publishable.Meta):
        abstract = True

    def is_published(self) -> bool:
        return super().is_published() and (
            self.embargo_until is None or self.embargo_until <= timezone.now()
        )

    def is_under_embargo(self) -> bool:
        return self.embargo_until is not None and self.embargo_until > timezone.now()
