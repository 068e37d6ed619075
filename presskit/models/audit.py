"""What matters to a press office, who did it and when: the audit log.

Written in the same transaction as the act (presskit/audit.py), so an act
rolled back leaves no entry; never changed afterwards. The admin's own log
(LogEntry) keeps every edit; this keeps the acts a press office answers
for: who published or withdrew what, who moved an embargo or opened a
file to more people, who accredited whom, who sent which release, who
deleted or restored what, who showed a preview to whom and when it was opened.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn to draft"
        SCHEDULED = "scheduled", "Publication or withdrawal scheduled"
        SCHEDULE_CANCELLED = "schedule_cancelled", "Schedule cancelled"
        EMBARGO = "embargo", "Embargo set or changed"
        ACCESS = "access", "Access level changed"
        ACCREDITATION = "accreditation", "Accreditation decided"
        RELEASE_SENT = "release_sent", "Release sent by email"
        DELETED = "deleted", "Deleted"
        RESTORED = "restored", "Restored"
        PREVIEW_MADE = "preview_made", "Preview link made"
        PREVIEW_OPENED = "preview_opened", "Preview link opened"
        PREVIEW_REVOKED = "preview_revoked", "Preview link revoked"

    at = models.DateTimeField("when", default=timezone.now, db_index=True, help_text="In UTC.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who did it; empty for the site itself.",
    )
    username = models.CharField(
        "who", max_length=150, blank=True, help_text="Their user name, kept if the account goes."
    )
    action = models.CharField(max_length=32, choices=Action, db_index=True, help_text="What.")
    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text="The kind of record it was done to.",
    )
    object_id = models.CharField(max_length=64, blank=True, help_text="Which record of that kind.")
    what = models.CharField(
        max_length=300, help_text="What the record was called then; it may be gone since."
    )
    detail = models.TextField(blank=True, help_text="The change: from what to what, to whom.")

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "audit log entry"
        verbose_name_plural = "audit log"
        default_permissions = ("view",)
        indexes = [models.Index(fields=["content_type", "object_id"], name="audit_of_record")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username or 'the site'}: {self.get_action_display()} {self.what}"
