"""A draft handed to the press office for review, and what became of it.

The record's own `publication_status` says where it is (waiting for review,
scheduled, published, a draft again): that is what the visibility gate
reads. A `Review` keeps the conversation beside it: the editor's note, the
press officer's decision and comment, who and when. Made and closed only by
presskit/publishing/workflow.py.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


class Review(models.Model):
    class Outcome(models.TextChoices):
        WAITING = "waiting", "Waiting for review"
        PUBLISHED = "published", "Published"
        SCHEDULED = "scheduled", "Scheduled"
        SENT_BACK = "sent_back", "Sent back"
        TAKEN_BACK = "taken_back", "Taken back by the editor"

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, help_text="The kind of record to review."
    )
    object_id = models.PositiveBigIntegerField(help_text="Which record of that kind.")
    record = GenericForeignKey()
    label = models.CharField(
        "what", max_length=300, help_text="What the record was called when it was submitted."
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="reviews_asked",
        help_text="The editor who asked for the review.",
    )
    submitted_at = models.DateTimeField(
        "submitted", default=timezone.now, help_text="When the editor asked."
    )
    note = models.TextField(blank=True, help_text="What the editor asks the press office to check.")
    outcome = models.CharField(
        max_length=16,
        choices=Outcome,
        default=Outcome.WAITING,
        db_index=True,
        help_text="Waiting, or what the press officer (or the editor, taking it back) decided.",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviews_decided",
        help_text="Who decided: a press officer, or the editor taking it back.",
    )
    decided_at = models.DateTimeField(
        "decided", null=True, blank=True, help_text="When it was decided."
    )
    comment = models.TextField(blank=True, help_text="The press officer's words to the editor.")

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="review_of_record")]
        constraints = [
            # One open request per record: a second would be decided twice.
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(outcome="waiting"),
                name="review_one_waiting_per_record",
            ),
            models.CheckConstraint(
                condition=Q(outcome="waiting", decided_at__isnull=True)
                | (~Q(outcome="waiting") & Q(decided_at__isnull=False)),
                name="review_decided_has_moment",
            ),
        ]

    def __str__(self):
        return f"{self.label} ({self.get_outcome_display().lower()})"

    @property
    def is_waiting(self) -> bool:
        return self.outcome == self.Outcome.WAITING

    def record_admin_url(self) -> str:
        return reverse(
            f"admin:{self.content_type.app_label}_{self.content_type.model}_change",
            args=[self.object_id],
        )

    def review_url(self) -> str:
        return reverse(
            f"admin:{self.content_type.app_label}_{self.content_type.model}_review",
            args=[self.object_id],
        )
