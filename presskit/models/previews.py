"""A link that shows one record not yet public to someone with no account.

A press officer makes one on the record's "Share a preview" page
(presskit/previews_admin.py) for a producer or a distributor. The token is
unguessable, the link expires (after `PREVIEW_LINK_DAYS` unless the press
officer chooses) and can be revoked at any time; each opening is counted.
What it shows, and nothing else, is decided in presskit/previews.py.

The token is stored as it is: whoever can read this table can read the
records themselves, so a hash would hide nothing, and the press officer can
copy the link again later.
"""

import datetime
import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from ..publishing.models import AllPublic, AtMoment, PublicRecord


def preview_assumes(model) -> list[str]:
    """The rules a shared preview sets aside: the record's own publication, its moments (an
    embargo, a schedule) and the records it needs public. Its access level, its readiness
    and the bin still hold: a link never shows a staff-only file or what is in the bin."""
    return [
        name
        for name, rule in model.visibility.items()
        if name == "publication_status" or isinstance(rule, AtMoment | PublicRecord | AllPublic)
    ]


def new_token() -> str:
    """43 URL-safe characters, 256 bits from the operating system's randomness."""
    return secrets.token_urlsafe(32)


class PreviewLinkQuerySet(models.QuerySet):
    def usable(self, at: datetime.datetime | None = None):
        """The links that open their preview at `at` (now): neither revoked nor expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=at or timezone.now())

    def of(self, record):
        return self.filter(
            content_type=ContentType.objects.get_for_model(record), object_id=record.pk
        )


class PreviewLink(models.Model):
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, help_text="The kind of record it shows."
    )
    object_id = models.PositiveBigIntegerField(help_text="Which record of that kind.")
    record = GenericForeignKey()
    label = models.CharField(
        "what", max_length=300, help_text="What the record was called when the link was made."
    )
    token = models.CharField(
        max_length=64,
        unique=True,
        default=new_token,
        editable=False,
        help_text="The secret part of the link's address.",
    )
    shown_to = models.CharField(
        "for",
        max_length=200,
        help_text="Who the link is for, e.g. “Marta Ruiz, producer”. Only staff see this.",
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="preview_links_made",
        help_text="The press officer who made the link.",
    )
    made_at = models.DateTimeField(default=timezone.now, help_text="In UTC.")
    expires_at = models.DateTimeField(
        "works until", help_text="In UTC. After this moment the link opens nothing."
    )
    revoked_at = models.DateTimeField(
        null=True, blank=True, help_text="In UTC. Set when a press officer revokes the link."
    )
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The press officer who revoked it.",
    )
    times_opened = models.PositiveIntegerField(
        default=0, help_text="How many times the preview has been opened with this link."
    )
    last_opened_at = models.DateTimeField(
        null=True, blank=True, help_text="In UTC. When it was last opened."
    )

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-made_at", "-pk"]
        verbose_name = "preview link"
        default_permissions = ("view",)  # made and revoked on each record's share page
        indexes = [models.Index(fields=["content_type", "object_id"], name="preview_link_of")]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("made_at")),
                name="presskit_previewlink_expires_after_made",
            )
        ]

    def __str__(self):
        return f"Preview of {self.label} for {self.shown_to}"

    def get_absolute_url(self) -> str:
        return reverse("presskit:shared-preview", args=[self.token])

    def shown(self) -> models.QuerySet:
        """The record, if this link may show it now (see `preview_assumes`); else nothing."""
        model = self.content_type.model_class()
        return model.objects.published(assuming=preview_assumes(model)).filter(pk=self.object_id)

    def is_usable(self, at: datetime.datetime | None = None) -> bool:
        return self.revoked_at is None and self.expires_at > (at or timezone.now())

    @property
    def state(self) -> str:
        if self.revoked_at is not None:
            return "revoked"
        return "works" if self.is_usable() else "expired"
