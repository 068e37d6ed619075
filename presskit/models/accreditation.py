"""Journalists the press office trusts: their applications and accreditations.

A journalist applies on the public site, confirms their email address by a
link, and waits; a press officer approves (until a date), refuses, or later
revokes. While an accreditation is valid its holder belongs to the press
audience of the visibility gate (`publishing.models.audience_of`): they see
what is for accredited journalists and, with the embargo stated, what is
under embargo. Everything else a journalist can see, anyone can.
"""

import datetime
import uuid
import zoneinfo

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from config.lib.filters import date
from config.lib.models import Record
from festivals.time_zones import TimeZoneField


def letter_path(accreditation, filename: str) -> str:
    """Assignment letters under unguessable names: never served at a media address."""
    return f"accreditation/letters/{uuid.uuid4().hex}.pdf"


def office_date(at: datetime.datetime | None = None) -> datetime.date:
    """The date on the press office's clocks at `at` (now)."""
    zone = zoneinfo.ZoneInfo(settings.PRESS_OFFICE_TIME_ZONE)
    return (at or timezone.now()).astimezone(zone).date()


class AccreditationQuerySet(models.QuerySet):
    def valid(self, at: datetime.datetime | None = None):
        """The accreditations valid at `at`: the query form of `Accreditation.is_valid()`."""
        return self.filter(status=Accreditation.Status.APPROVED, user__is_active=True).filter(
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=office_date(at))
        )


class Accreditation(Record):
    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Email address not confirmed yet")
        PENDING = "pending", _("Waiting for the press office")
        APPROVED = "approved", pgettext_lazy("accreditation status", "Accredited")
        REFUSED = "refused", pgettext_lazy("accreditation status", "Refused")
        REVOKED = "revoked", pgettext_lazy("accreditation status", "Revoked")

    class Role(models.TextChoices):
        CRITIC = "critic", _("Critic or reviewer")
        REPORTER = "reporter", pgettext_lazy("journalist's role", "Reporter")
        EDITOR = "editor", pgettext_lazy("journalist's role", "Editor")
        PICTURE_EDITOR = "picture_editor", _("Picture editor or photographer")
        BROADCASTER = "broadcaster", _("Radio or television")
        FREELANCE = "freelance", _("Freelance journalist")
        OTHER = "other", pgettext_lazy("journalist's role", "Other")

    # The states a press officer decides from, and into.
    DECIDABLE = (Status.PENDING,)
    REVOCABLE = (Status.APPROVED,)
    # Not yet decided, and never again once decided: no step leads back here.
    WAITING = (Status.UNCONFIRMED, Status.PENDING)

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="accreditation",
        help_text="The journalist's account; they sign in with its email address.",
    )
    name = models.CharField(max_length=200, help_text="As it appears in their bylines.")
    email = models.EmailField(
        help_text="Where the press office writes to them; also their sign-in name."
    )
    outlet = models.ForeignKey(
        "Outlet",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accreditations",
        help_text="The outlet they work for, if it is on file.",
    )
    new_outlet = models.CharField(
        "outlet not on file",
        max_length=200,
        blank=True,
        help_text="The outlet they named when it was not on file.",
    )
    role = models.CharField(max_length=20, choices=Role, help_text="What they do there.")
    country = CountryField(help_text="Where they work from.")
    languages = models.JSONField(
        default=list, blank=True, help_text="Languages they write or broadcast in (codes)."
    )
    time_zone = TimeZoneField(
        blank=True,
        help_text="Where they read times; embargoes are shown to them in it as well.",
    )
    work_url = models.URLField(
        "published work", max_length=500, help_text="A link to something they published."
    )
    assignment_letter = models.FileField(
        upload_to=letter_path,
        blank=True,
        help_text="An optional letter of assignment from their editor (PDF).",
    )
    status = models.CharField(
        max_length=16,
        choices=Status,
        default=Status.UNCONFIRMED,
        db_index=True,
        help_text="Changed only by the steps: confirming, approving, refusing, revoking.",
    )
    email_confirmed_at = models.DateTimeField(
        "email confirmed",
        null=True,
        blank=True,
        help_text="When the journalist followed the link sent to their address.",
    )
    valid_until = models.DateField(
        null=True,
        blank=True,
        help_text="The last day the accreditation is valid (press office time zone).",
    )
    decided_at = models.DateTimeField(
        "decided", null=True, blank=True, help_text="When it was last approved, refused or revoked."
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The press officer who approved, refused or revoked it last.",
    )
    reason = models.TextField(
        blank=True, help_text="Why it was refused or revoked; sent to the journalist."
    )
    editions = models.ManyToManyField(
        "festivals.Edition",
        blank=True,
        related_name="accreditations",
        help_text="The festival editions it covers: press screenings kept for an edition's "
        "press take bookings from these journalists only.",
    )
    calendar_key = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Part of the secret address of their calendar feed: a new one voids the old.",
    )
    receives_releases = models.BooleanField(
        "receives press releases",
        default=True,
        help_text="Whether press releases sent by email reach them; they opt out by a link.",
    )

    objects = AccreditationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="one_accreditation_per_email",
                violation_error_message="There is already an application with this email address.",
            ),
        ]
        permissions = [("decide_accreditation", "Can approve, refuse and revoke accreditations")]

    def __str__(self):
        return f"{self.name} ({self.outlet_name})" if self.outlet_name else self.name

    @property
    def outlet_name(self) -> str:
        return self.outlet.name if self.outlet_id else self.new_outlet

    def reader_zone(self) -> str:
        """The zone they read times in: their own, else the press office's."""
        return self.time_zone or settings.PRESS_OFFICE_TIME_ZONE

    def is_valid(self, at: datetime.datetime | None = None) -> bool:
        """Approved, not past its last day (press office's clocks), its account active.

        The holder is press. `Accreditation.objects.valid()` says the same as a query.
        """
        if self.status != self.Status.APPROVED or not self.user.is_active:
            return False
        return not self.is_expired(at)

    def is_expired(self, at: datetime.datetime | None = None) -> bool:
        return (
            self.status == self.Status.APPROVED
            and self.valid_until is not None
            and office_date(at) > self.valid_until
        )

    def state_label(self) -> str:
        """The state as the journalist reads it on their page, in the active language."""
        last_day = date(self.valid_until, pgettext("date format", "j F Y"))  # "" if none
        if self.is_expired():
            return gettext("Expired on %(date)s") % {"date": last_day}
        if self.status == self.Status.APPROVED and self.valid_until:
            return gettext("Accredited until %(date)s") % {"date": last_day}
        return self.get_status_display()


class ReleaseSending(models.Model):
    """One sending of a press release by email to accredited journalists: who, to whom, when."""

    release = models.ForeignKey(
        "PressRelease",
        on_delete=models.PROTECT,
        related_name="sendings",
        help_text="The release sent.",
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The press officer who sent it.",
    )
    sent_at = models.DateTimeField(auto_now_add=True, help_text="When it was sent.")
    audience = models.CharField(
        max_length=300, help_text="Who it was sent to, in words: the filters chosen."
    )
    subject = models.CharField(max_length=300, help_text="The subject line, embargo included.")
    recipients = models.JSONField(
        default=list, help_text="The addresses it was sent to, each with its name."
    )

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self):
        return (
            f"{self.subject} ({len(self.recipients)} recipients, {self.sent_at:%d %b %Y %H:%M} UTC)"
        )
