"""The visibility gate: what the public may see, decided in one place.

Every record the public can see declares, in `visibility`, each field that
decides whether it may, and how (a `Rule`). Nothing else decides:

- `published()` builds its query from the declaration, and
  `is_published()` checks one row by the same rules (tests keep the two in
  step);
- `visible_to(user)` is what the user's audience may see (`Audience`: the
  public, or journalists the press office has accredited, who also see
  what is for the press and what is under embargo), or everything for
  staff who may preview (`can_preview`) but what is in the bin
  (`staff_condition()`); `listed_for(user)` is the same for lists,
  without drafts;
- the admin locks every declared field an editor could widen with
  (publication, embargo, access), and refuses any other change by an editor
  that would make a hidden record public (presskit/publishing/admin.py);
- the page cache ends its pages at the next moment a declared time field
  reaches (`Gated.public_changes_at`).

A field added later that changes who sees a record goes into the
declaration, and every one of those channels follows it.

Queries are judged at the moment `published()` is called: build them per
request, never once in a module or class attribute (a test walks the code
for that).
"""

import datetime
import enum
from abc import ABC, abstractmethod
from collections.abc import Iterable
from typing import Any, ClassVar

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext, pgettext

from config.lib.filters import date, in_zone, zone_in_words
from config.lib.models import Record
from festivals.time_zones import TimeZoneField


class Publication(models.TextChoices):
    """Where a record is on its way to the public: the same few states for every model.

    Editors write drafts and submit them for review; a press officer
    publishes, schedules, or sends them back as drafts with a comment
    (presskit/publishing/workflow.py). Only the published and, from their
    moment, the scheduled are seen outside the admin.
    """

    DRAFT = "draft", "Draft"
    REVIEW = "review", "Waiting for review"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHED = "published", "Published"


class Audience(enum.Enum):
    """Who is looking, apart from staff (who may preview everything)."""

    PUBLIC = "public"  # anyone, signed in or not
    PRESS = "press"  # journalists with a valid accreditation


class Access(models.TextChoices):
    """Who may see a published record: an access level (`OpenTo`)."""

    PUBLIC = "public", "Anyone"
    PRESS = "press", "Accredited journalists only"
    STAFF = "staff", "Staff only"


def valid_accreditation(user, at: datetime.datetime | None = None):
    """`user`'s accreditation if it is valid at `at` (now), else None.

    Read afresh on each request (the user is loaded per request), so a
    revoked or expired accreditation, or a deactivated account, counts from
    the journalist's next request.
    """
    try:
        accreditation = user.accreditation
    except (AttributeError, ObjectDoesNotExist):  # anonymous, staff, or never applied
        return None
    return accreditation if accreditation.is_valid(at) else None


def audience_of(user, at: datetime.datetime | None = None) -> Audience:
    """The audience `user` belongs to at `at`: the press while their accreditation is valid."""
    return Audience.PUBLIC if valid_accreditation(user, at) is None else Audience.PRESS


def reader_zone(user) -> str | None:
    """The time zone an accredited journalist reads times in, or None for anyone else."""
    accreditation = valid_accreditation(user)
    return accreditation.reader_zone() if accreditation else None


class Rule(ABC):
    """How one field decides whether an audience may see a row.

    `condition()` says it as a query condition, `holds()` for one row's
    value; the two must agree. `locked` fields are changed only by those who
    may publish: the admin shows them read-only to editors.
    """

    locked = True
    # Fields the value is derived from (an embargo tied to a screening): locked with it.
    fed_by: tuple[str, ...] = ()

    @abstractmethod
    def condition(
        self, model, name: str, prefix: str, at: datetime.datetime, audience: Audience
    ) -> Q: ...

    @abstractmethod
    def holds(self, value, at: datetime.datetime, audience: Audience) -> bool: ...

    def value_of(self, record, name: str):
        return getattr(record, name)

    def staff_condition(self, model, name: str, prefix: str, at: datetime.datetime) -> Q:
        """What it holds back even from staff who preview: nothing, but for the bin."""
        return Q()


class Is(Rule):
    """The field must hold one of some values: a state that may be seen, a file that is ready."""

    def __init__(self, *values):
        self.values = values

    def condition(self, model, name, prefix, at, audience):
        if len(self.values) == 1:
            return Q(**{f"{prefix}{name}": self.values[0]})
        return Q(**{f"{prefix}{name}__in": self.values})

    def holds(self, value, at, audience):
        return value in self.values


class NotInBin(Is):
    """A record deleted in the admin waits in the bin (presskit/the_bin.py), hidden from everyone.

    Staff too: it is gone from their pages and previews until a press
    officer restores it. Set only by the bin's own pages, never in a form.
    """

    locked = False

    def __init__(self):
        super().__init__(None)

    def staff_condition(self, model, name, prefix, at):
        return self.condition(model, name, prefix, at, Audience.PUBLIC)


class OpenTo(Rule):
    """An access level (`Access`): anyone, accredited journalists, or staff only."""

    LEVELS = {
        Audience.PUBLIC: (Access.PUBLIC,),
        Audience.PRESS: (Access.PUBLIC, Access.PRESS),
    }

    def condition(self, model, name, prefix, at, audience):
        return Q(**{f"{prefix}{name}__in": self.LEVELS[audience]})

    def holds(self, value, at, audience):
        return value in self.LEVELS[audience]


class PartOpenTo(Rule):
    """An access level for part of a record (a still's print size): the row itself stays seen.

    The part is open to the audiences `OpenTo` opens the level to; staff
    preview every part. Locked like every declared field: only publishers
    widen it.
    """

    def condition(self, model, name, prefix, at, audience):
        return Q()

    def holds(self, value, at, audience):
        return True

    def opens(self, value, audience: Audience) -> bool:
        return value in OpenTo.LEVELS[audience]


class AtMoment(Rule):
    """A moment that decides who sees the row, entered on the clocks of a zone (`zone_field`).

    `words` say, before the moment, why the row is hidden: 'embargoed
    until', 'appears', 'withdrawn'.
    """

    words = ""

    def __init__(self, *, zone_field: str, fed_by: tuple[str, ...] = ()):
        self.zone_field = zone_field
        self.fed_by = (zone_field, *fed_by)

    def zone_of(self, record) -> str:
        """The zone the moment was entered in: its own, or the press office's."""
        return getattr(record, self.zone_field) or settings.PRESS_OFFICE_TIME_ZONE


class NotBefore(AtMoment):
    """An embargo: the public sees the row from this moment; empty means none.

    Accredited journalists see it before, with the embargo stated: sharing
    news early under embargo is what a press office is for. The moment may
    be derived from other fields (`fed_by`), which are then locked with it.
    """

    words = "embargoed until"

    def condition(self, model, name, prefix, at, audience):
        if audience is Audience.PRESS:
            return Q()
        return Q(**{f"{prefix}{name}__isnull": True}) | Q(**{f"{prefix}{name}__lte": at})

    def holds(self, value, at, audience):
        return audience is Audience.PRESS or value is None or value <= at


class From(AtMoment):
    """A scheduled publication: nobody outside the admin sees the row before it; empty: none."""

    words = "appears"

    def condition(self, model, name, prefix, at, audience):
        return Q(**{f"{prefix}{name}__isnull": True}) | Q(**{f"{prefix}{name}__lte": at})

    def holds(self, value, at, audience):
        return value is None or value <= at


class Until(AtMoment):
    """A scheduled withdrawal: nobody outside the admin sees the row from it; empty: none."""

    words = "withdrawn"

    def condition(self, model, name, prefix, at, audience):
        return Q(**{f"{prefix}{name}__isnull": True}) | Q(**{f"{prefix}{name}__gt": at})

    def holds(self, value, at, audience):
        return value is None or value > at


class PublicRecord(Rule):
    """A related record that must itself be public: a screening's film, a quote's speaker.

    An optional relation left empty hides nothing. Editors may change the
    link; the admin refuses the change if it would make the row public.
    """

    locked = False

    def condition(self, model, name, prefix, at, audience):
        field = model._meta.get_field(name)
        related = field.related_model.condition_for(audience, prefix=f"{prefix}{name}__", at=at)
        if field.null:
            related |= Q(**{f"{prefix}{name}__isnull": True})
        return related

    def holds(self, value, at, audience):
        return value is None or value.is_visible_to_audience(audience, at=at)

    def staff_condition(self, model, name, prefix, at):
        field = model._meta.get_field(name)
        related = field.related_model.staff_condition(prefix=f"{prefix}{name}__", at=at)
        if related and field.null:
            related |= Q(**{f"{prefix}{name}__isnull": True})
        return related


class AllPublic(Rule):
    """Related records that must all be public: the people a still shows or names."""

    locked = False

    def condition(self, model, name, prefix, at, audience):
        # No link from this row to a related record that is not public, said
        # through the link table (`Model.field.through`): half the ORM work of
        # excluding across the many-to-many relation.
        through = getattr(model, name).through
        related = model._meta.get_field(name).related_model
        own, other = (
            next(f.name for f in through._meta.get_fields() if f.related_model is side)
            for side in (model, related)
        )
        hidden_links = through.objects.filter(**{own: OuterRef(f"{prefix}pk")}).exclude(
            related.condition_for(audience, prefix=f"{other}__", at=at)
        )
        return Q(~Exists(hidden_links))

    def holds(self, value, at, audience):
        return all(record.is_visible_to_audience(audience, at=at) for record in value)

    def value_of(self, record, name):
        return getattr(record, name).all() if record.pk else []


def can_preview(user, model) -> bool:
    """Whether `user` sees `model`'s drafts and embargoed rows: staff who may view it.

    The one definition of a staff preview, for every page and download.
    """
    opts = model._meta
    return user.is_staff and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")


def previews(user, *models) -> bool:
    """Whether `user` previews any of `models` as staff."""
    return any(can_preview(user, model) for model in models)


def sees_more_than_public(user, *models) -> bool:
    """Whether `user` may see more of `models` than the public: staff, or the press."""
    return previews(user, *models) or audience_of(user) is Audience.PRESS


class GatedQuerySet(models.QuerySet):
    def published(self, at: datetime.datetime | None = None, *, assuming: Iterable[str] = ()):
        """The rows the public may see at `at` (now unless given).

        `assuming` names relations the caller has already found public, or
        is previewing as if they were (a draft film's page shown to staff):
        their rules are left out, and so are their joins.
        """
        return self.filter(self.model.condition_for(Audience.PUBLIC, at=at, assuming=assuming))

    def visible_to(
        self, user, *, at: datetime.datetime | None = None, assuming: Iterable[str] = ()
    ):
        """What `user` may open at `at`: everything but the bin for staff who may preview, else
        what their audience may see (`published()` for the public)."""
        if can_preview(user, self.model):
            return self.outside_bin(at=at)
        audience = audience_of(user, at)
        return self.filter(self.model.condition_for(audience, at=at, assuming=assuming))

    def outside_bin(self, *, at: datetime.datetime | None = None):
        """Every row but those in the bin and those that need one that is: what staff work on."""
        return self.filter(self.model.staff_condition(at=at))

    def listed_for(self, user, *, at: datetime.datetime | None = None):
        """What a list shows `user`: their audience's rows, never drafts.

        Staff who may preview see lists as accredited journalists do; their
        drafts stay in the admin and in the previews of single records
        (`visible_to`).
        """
        audience = Audience.PRESS if can_preview(user, self.model) else audience_of(user, at)
        return self.filter(self.model.condition_for(audience, at=at))


class Gated(models.Model):
    """A record whose visibility follows its `visibility` declaration (see the module)."""

    # field name -> how it decides visibility. Subclasses extend it.
    visibility: ClassVar[dict[str, Rule]] = {}
    # Time fields at whose moments public pages change by themselves (an embargo lifts).
    public_changes_at: ClassVar[tuple[str, ...]] = ()

    objects = GatedQuerySet.as_manager()

    class Meta:
        abstract = True

    @classmethod
    def condition_for(
        cls,
        audience: Audience,
        *,
        prefix: str = "",
        at: datetime.datetime | None = None,
        assuming: Iterable[str] = (),
    ) -> Q:
        """The condition for `audience` to see a row, seen from the relation path `prefix`."""
        at = at or timezone.now()
        condition = Q()
        for name, rule in cls.visibility.items():
            if name not in assuming:
                condition &= rule.condition(cls, name, prefix, at, audience)
        return condition

    @classmethod
    def staff_condition(cls, *, prefix: str = "", at: datetime.datetime | None = None) -> Q:
        """What staff who preview may open: all but what is in the bin, or needs what is."""
        at = at or timezone.now()
        condition = Q()
        for name, rule in cls.visibility.items():
            condition &= rule.staff_condition(cls, name, prefix, at)
        return condition

    @classmethod
    def public_condition(cls, **kwargs) -> Q:
        """The condition for the public to see a row (`condition_for(Audience.PUBLIC)`)."""
        return cls.condition_for(Audience.PUBLIC, **kwargs)

    def is_published(self, at: datetime.datetime | None = None) -> bool:
        """The one-row mirror of `published()`: True if the public may see this row."""
        return self.is_visible_to_audience(Audience.PUBLIC, at=at)

    def is_visible_to_audience(
        self, audience: Audience, at: datetime.datetime | None = None
    ) -> bool:
        """The one-row mirror of `condition_for(audience)`."""
        return self.is_public_with({}, at=at, audience=audience)

    def is_public_with(
        self,
        values: dict[str, Any],
        at: datetime.datetime | None = None,
        audience: Audience = Audience.PUBLIC,
    ) -> bool:
        """Whether `audience` could see the row with `values` in place of some declared fields."""
        at = at or timezone.now()
        return all(
            rule.holds(values[name] if name in values else rule.value_of(self, name), at, audience)
            for name, rule in self.visibility.items()
        )

    def embargo_holding(self) -> "Embargoable | None":
        """The embargo that keeps this row from the public longest, or None if none is on.

        Its own, or that of a record it needs public (a release's film, its
        screening's film): a journalist must read the one that binds them.
        """
        held = [
            related.embargo_holding()
            for name, rule in self.visibility.items()
            if isinstance(rule, PublicRecord) and (related := getattr(self, name)) is not None
        ]
        if isinstance(self, Embargoable) and self.is_under_embargo():
            held.append(self)  # last: on a tie, what it needs (its film) holds it
        return max(filter(None, held), key=lambda record: record.embargo_until, default=None)

    def embargo_holding_text(self) -> str:
        """The wording of `embargo_holding()` (see `Embargoable.embargo_text`), or ''."""
        holding = self.embargo_holding()
        return holding.embargo_text() if holding else ""

    @classmethod
    def locked_fields(cls) -> list[str]:
        """The declared fields only those who may publish can change."""
        return [
            locked
            for name, rule in cls.visibility.items()
            if rule.locked
            for locked in (name, *rule.fed_by)
        ]


class Publishable(Record, Gated):
    """A record with a publication state of its own (`Publication`), and perhaps a schedule.

    A scheduled publication or withdrawal is part of the gate (`From`,
    `Until`): the record appears or goes at its moment on every channel by
    itself, and the page cache ends its pages then. The tasks worker later
    records the change as the act of the press officer who scheduled it
    (workflow.settle_schedules); what anyone sees never waits for it.
    """

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
    publish_at = models.DateTimeField(
        "to be published at",
        null=True,
        blank=True,
        editable=False,
        help_text="Set only while the publication is scheduled.",
    )
    withdraw_at = models.DateTimeField(
        "to be withdrawn at",
        null=True,
        blank=True,
        editable=False,
        help_text="When it goes back to draft by itself, if a withdrawal is scheduled.",
    )
    schedule_time_zone = TimeZoneField(
        "schedule's time zone",
        blank=True,
        editable=False,
        help_text="Where the schedule's times were entered: empty for the press office's own.",
    )
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="The press officer whose act the scheduled change is.",
    )

    SCHEDULE = ("publish_at", "withdraw_at", "schedule_time_zone", "scheduled_by")
    visibility = {
        "publication_status": Is(Publication.PUBLISHED, Publication.SCHEDULED),
        "publish_at": From(zone_field="schedule_time_zone", fed_by=("scheduled_by",)),
        "withdraw_at": Until(zone_field="schedule_time_zone", fed_by=("scheduled_by",)),
    }
    public_changes_at = ("publish_at", "withdraw_at")

    class Meta:
        abstract = True
        # "publish" lets press officers publish and set embargoes; editors prepare drafts.
        default_permissions = ("add", "change", "delete", "view", "publish")
        constraints = [
            # Scheduled means a moment to publish at, and only scheduled has one: the
            # gate reads the moment, so a scheduled row without one would be public.
            models.CheckConstraint(
                condition=(
                    Q(publication_status=Publication.SCHEDULED, publish_at__isnull=False)
                    | (~Q(publication_status=Publication.SCHEDULED) & Q(publish_at__isnull=True))
                ),
                name="%(app_label)s_%(class)s_scheduled_has_moment",
            ),
            # A withdrawal is scheduled for what is (or will be) public, after it appears.
            models.CheckConstraint(
                condition=Q(withdraw_at__isnull=True)
                | (
                    Q(publication_status__in=[Publication.PUBLISHED, Publication.SCHEDULED])
                    & (Q(publish_at__isnull=True) | Q(withdraw_at__gt=F("publish_at")))
                ),
                name="%(app_label)s_%(class)s_withdrawal_after_publication",
            ),
        ]

    def save(self, *args, **kwargs):
        changed = self.keep_schedule_in_step()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "publication_status" in update_fields:
            kwargs["update_fields"] = {*update_fields, *changed}
        super().save(*args, **kwargs)

    def keep_schedule_in_step(self) -> set[str]:
        """Make the schedule and the first publication agree with the state; the fields changed.

        A schedule outlives no change of state that ends it (published now,
        back to draft). The first publication is the scheduled moment while
        that is still ahead, and is never changed once it has passed.
        """
        before = {name: getattr(self, name) for name in (*self.SCHEDULE, "first_published_at")}
        status, now = self.publication_status, timezone.now()
        if status != Publication.SCHEDULED:
            self.publish_at = None
        if status not in (Publication.PUBLISHED, Publication.SCHEDULED):
            self.withdraw_at = None
        if self.publish_at is None and self.withdraw_at is None:
            self.schedule_time_zone, self.scheduled_by = "", None
        not_yet = self.first_published_at is None or self.first_published_at > now
        if status == Publication.SCHEDULED and not_yet:
            self.first_published_at = self.publish_at
        elif status == Publication.PUBLISHED and not_yet:
            self.first_published_at = now
        elif not_yet:
            self.first_published_at = None  # a schedule cancelled before its moment
        return {name for name, value in before.items() if getattr(self, name) != value}

    def schedule_zone(self) -> str:
        """The zone the schedule is entered and shown in."""
        return self.schedule_time_zone or settings.PRESS_OFFICE_TIME_ZONE


def moment_said(moment: datetime.datetime, zone: str, *, for_filename: bool = False) -> str:
    """'1 Oct 2026 21:00 Astana time (17:00 Madrid time, 15:00 UTC)': an embargo's moment in files and emails.

    In the active language: English in the admin, the audit log and the
    kit's files; the reader's on a public page.

    On `zone`'s clocks, then on the other clocks its readers go by
    (`other_clocks`), with the day where it is another. `for_filename`
    leaves out what a file name cannot hold (a colon) or need (other clocks).
    """
    local = in_zone(moment, zone)
    if for_filename:
        return f"{local:%-d %b %Y %H.%M} {zone_in_words(zone)}"
    said = f"{date(local, pgettext('date format', 'j M Y H:i'))} {zone_in_words(zone)}"
    beside = []
    for other, _whose in other_clocks(zone):
        there = in_zone(moment, other)
        time = date(there, pgettext("date format", "H:i"))
        if there.date() == local.date():
            beside.append(f"{time} {zone_in_words(other)}")
        else:
            day = date(there, pgettext("date format", "j M"))
            beside.append(
                gettext("%(time)s %(zone)s on %(day)s")
                % {"time": time, "zone": zone_in_words(other), "day": day}
            )
    return f"{said} ({', '.join(beside)})" if beside else said


def other_clocks(zone: str, reader_zone: str | None = None) -> list[tuple[str, str]]:
    """The clocks an embargo is also read by, beside `zone`'s: [(zone name, whose)].

    The press office's ('office') when `zone` is a venue's elsewhere, UTC
    ('utc'), and the reader's own ('reader') when it is yet another: each
    said once, in that order.
    """
    whose = {settings.PRESS_OFFICE_TIME_ZONE: "office", "UTC": "utc"}
    if reader_zone:
        whose.setdefault(reader_zone, "reader")
    return [(other, who) for other, who in whose.items() if other != zone]


# A record in the bin keeps its address: said when a new one asks for it.
IN_USE_PERHAPS_IN_THE_BIN = (
    "%(model_name)s with this %(field_label)s already exists. If you cannot find it, it may be "
    "in the bin: restore it, or choose another."
)


class Binnable(models.Model):
    """A record that a delete in the admin moves to the bin rather than destroys (presskit/the_bin.py).

    While `binned_at` is set nobody sees it, staff included (`NotInBin`), nor
    what needs it public (its credits, stills, quotes, screenings: their
    `PublicRecord` rules); a press officer restores it with all of them, or
    the bin is emptied of it after `PRESSKIT_BIN_DAYS`.
    """

    # Merged by each model into its own `visibility` ({**Publishable.visibility, **bin_rules}):
    # not called `visibility`, which would hide the model's other rules if listed first.
    bin_rules: ClassVar[dict[str, Rule]] = {"binned_at": NotInBin()}

    binned_at = models.DateTimeField(
        "in the bin since",
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text="Set when it is deleted in the admin; cleared when it is restored.",
    )
    binned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="Who deleted it.",
    )

    class Meta:
        abstract = True


class Embargoable(Publishable):
    embargo_until = models.DateTimeField(
        "embargoed until",
        null=True,
        blank=True,
        help_text=(
            "Leave empty for no embargo. Until this moment the public does not see it, even "
            "when published; accredited journalists do, with the embargo stated. Entered as "
            "the clocks show it in the embargo's time zone."
        ),
    )
    embargo_time_zone = TimeZoneField(
        "embargo's time zone",
        blank=True,
        help_text=(
            "Where the embargo time is read, as the press office announces it: empty for "
            "the press office's own (PRESSKIT_TIME_ZONE)."
        ),
    )

    # An embargo stated relative to a screening ("reviews from the start of the
    # premiere"): `embargo_until` is then derived from the screening's time on
    # every save, here and when the screening moves (presskit/tied_embargoes.py),
    # so that the gate reads one stored moment.
    embargo_screening = models.ForeignKey(
        "festivals.Screening",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="embargo tied to screening",
        help_text=(
            "Instead of a fixed time: the embargo lifts a set time after this screening starts "
            "(or ends), in its venue's time zone, and moves when the screening moves."
        ),
    )
    embargo_minutes_after = models.PositiveIntegerField(
        "minutes after the screening",
        default=0,
        help_text="How long after the screening's start (or end) the embargo lifts; 0: at once.",
    )
    embargo_from_end = models.BooleanField(
        "counted from its end",
        default=False,
        help_text="Count from the end of the screening rather than its start.",
    )

    TIED = ("embargo_screening", "embargo_minutes_after", "embargo_from_end")
    visibility = {
        **Publishable.visibility,
        "embargo_until": NotBefore(zone_field="embargo_time_zone", fed_by=TIED),
    }
    public_changes_at = (*Publishable.public_changes_at, "embargo_until")
    # Where the public sees such a record, said to a press officer who is about to embargo it.
    shown_publicly_on: ClassVar[str] = "the public site"

    class Meta(Publishable.Meta):
        abstract = True

    def save(self, *args, **kwargs):
        if self.follow_screening() is not None:
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "embargo_until", "embargo_time_zone"}
        super().save(*args, **kwargs)

    def follow_screening(self) -> bool | None:
        """Set an embargo tied to a screening from the screening's current time and zone.

        Whether that moved it; None when the embargo is not tied to a screening.
        """
        if self.embargo_screening_id is None:
            return None
        screening = self.embargo_screening
        moment = screening.moment_after(self.embargo_minutes_after, from_end=self.embargo_from_end)
        moved = (moment, screening.time_zone) != (self.embargo_until, self.embargo_time_zone)
        self.embargo_until, self.embargo_time_zone = moment, screening.time_zone
        return moved

    @classmethod
    def tied_to(cls, screening) -> list["Embargoable"]:
        """Every record whose embargo follows `screening`, of every embargoable model."""
        return [
            record
            for model in apps.get_models()
            if issubclass(model, Embargoable)
            for record in model._default_manager.filter(embargo_screening=screening)
        ]

    def embargo_zone(self) -> str:
        """The zone the embargo is entered and shown in."""
        return self.embargo_time_zone or settings.PRESS_OFFICE_TIME_ZONE

    def embargo_other_clocks(self, reader_zone: str | None = None) -> list[tuple[str, str]]:
        """The clocks a notice also reads the embargo by (`other_clocks`)."""
        return other_clocks(self.embargo_zone(), reader_zone)

    def embargo_text(self, *, for_filename: bool = False) -> str:
        """'EMBARGOED until 25 Sep 2026 21:00 Madrid time (19:00 UTC)', or '' if none is on.

        The one wording of an embargo in emails, kits and notices; `for_filename`
        leaves out what a file name cannot hold (a colon) or need (UTC).
        """
        if not self.is_under_embargo():
            return ""
        said = moment_said(self.embargo_until, self.embargo_zone(), for_filename=for_filename)
        return gettext("EMBARGOED until %(moment)s") % {"moment": said}

    def is_under_embargo(self) -> bool:
        rule = self.visibility["embargo_until"]
        return not rule.holds(self.embargo_until, timezone.now(), Audience.PUBLIC)
