"""The admin's front page: what needs the press office's attention now, for each role.

Each section is shown to whoever may view what it lists, and links to where
the work is done. Times are read on the clocks they concern: a screening's
on its venue's, an embargo's in the zone it was entered in.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from config.lib.filters import in_zone, zone_in_words
from festivals.models import Screening

from .models import Accreditation, Asset, Booking, Download, Film, PressRelease, Review
from .publishing.admin import may_publish
from .publishing.models import Publication, can_preview
from .publishing.workflow import publishable_models, schedule_url

WEEK = datetime.timedelta(days=7)
SOON = datetime.timedelta(hours=48)
LISTED = 10  # rows a section shows before "and N more"


@dataclass(frozen=True)
class Line:
    """One row of a section: what, when or how many, and where to act on it."""

    text: str
    detail: str = ""
    url: str = ""


@dataclass
class Section:
    title: str
    lines: list[Line] = field(default_factory=list)
    empty: str = "Nothing."
    more_url: str = ""
    more: int = 0  # rows beyond those listed


def _admin_url(record) -> str:
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


def _moment(moment: datetime.datetime, zone: str) -> str:
    """'Sat 19 Sep, 18:00 Madrid time', with the year when it is not this one."""
    local = in_zone(moment, zone)
    year = f" {local:%Y}" if local.year != in_zone(timezone.now(), zone).year else ""
    return f"{local:%a %-d %b}{year}, {local:%H:%M} {zone_in_words(zone)}"


def screenings_this_week(now: datetime.datetime) -> Section:
    week = Screening.objects.outside_bin().filter(starts_at__gte=now, starts_at__lt=now + WEEK)
    lines = []
    # Whole rows with their film: whether each is public is read from them.
    for screening in week.select_related("film", "venue").order_by("starts_at", "pk")[:LISTED]:
        said = [_moment(screening.starts_at, screening.time_zone or "UTC"), screening.place_label]
        if screening.status != Screening.Status.SCHEDULED:
            said.append(screening.get_status_display().lower())
        if not screening.is_published(at=now):
            said.append("not public")
        lines.append(
            Line(
                f"{screening.film.title}: {screening.title or screening.get_kind_display()}",
                " · ".join(said),
                _admin_url(screening),
            )
        )
    return Section(
        "Screenings in the next seven days",
        lines,
        empty="No screening in the next seven days.",
        more_url=reverse("admin:festivals_screening_changelist"),
        more=max(week.count() - LISTED, 0),
    )


def press_screenings(now: datetime.datetime) -> Section:
    screenings = (
        Screening.objects.taking_bookings()
        .outside_bin()
        .filter(starts_at__gte=now)
        .exclude(status=Screening.Status.CANCELLED)
        .select_related("film", "venue")
        .annotate(
            booked=Count("bookings", filter=Q(bookings__status=Booking.Status.BOOKED)),
            waiting=Count("bookings", filter=Q(bookings__status=Booking.Status.WAITING)),
        )
        .order_by("starts_at", "pk")
    )
    lines = []
    for screening in screenings:
        left = max(screening.seats - screening.booked, 0)
        said = f"{left} of {screening.seats} seats left" if left else "Full"
        if screening.waiting:
            said += f" · {screening.waiting} on the waiting list"
        lines.append(
            Line(
                f"{screening.film.title}: {screening.get_kind_display()}",
                f"{said} · {_moment(screening.starts_at, screening.time_zone or 'UTC')}",
                reverse("admin:presskit_booking_changelist") + f"?screening={screening.pk}",
            )
        )
    return Section("Press screenings", lines, empty="No press screening ahead takes bookings.")


def accreditation_requests() -> Section:
    waiting = Accreditation.objects.filter(status=Accreditation.Status.PENDING).order_by("pk")
    count = waiting.count()
    return Section(
        "Accreditation requests waiting",
        [
            Line(
                f"{request.name}, {request.outlet_name}",
                request.get_role_display(),
                _admin_url(request),
            )
            for request in waiting.select_related("outlet")[:LISTED]
        ],
        empty="No request is waiting for a decision.",
        more_url=reverse("admin:presskit_accreditation_changelist") + "?status=pending",
        more=max(count - LISTED, 0),
    )


def embargoes_lifting(now: datetime.datetime, user) -> Section:
    """Embargoes that lift within 48 hours: releases, files, whole kits and films' reviews."""
    soon = {"embargo_until__gt": now, "embargo_until__lte": now + SOON}
    lifting = []  # (moment, zone, what, url)
    for model, label in ((PressRelease, "Release"), (Asset, "File"), (Film, "Press kit")):
        if can_preview(user, model):
            for record in model.objects.outside_bin().filter(**soon):
                lifting.append(
                    (record.embargo_until, record.embargo_zone(), f"{label}: {record}", record)
                )
    if can_preview(user, Film):
        for film in (
            Film.objects.outside_bin()
            .filter(reviews_embargo_until__gt=now, reviews_embargo_until__lte=now + SOON)
            .select_related("reviews_embargo_screening")
        ):
            lifting.append(
                (film.reviews_embargo_until, film.reviews_embargo_zone(), f"Reviews: {film}", film)
            )
    lifting.sort(key=lambda row: row[0])
    return Section(
        "Embargoes lifting in the next 48 hours",
        [
            Line(
                what, f"lifts {_moment(moment, zone)} (in {_in(moment - now)})", _admin_url(record)
            )
            for moment, zone, what, record in lifting
        ],
        empty="No embargo lifts in the next 48 hours.",
    )


def _in(delta: datetime.timedelta) -> str:
    hours, seconds = divmod(int(delta.total_seconds()), 3600)
    return f"{hours} h {seconds // 60:02d} min" if hours else f"{seconds // 60} min"


def most_downloaded(now: datetime.datetime) -> Section:
    """The files most downloaded in the last seven days, and by which outlets."""
    week = Download.objects.filter(downloaded_at__gte=now - WEEK, asset__isnull=False)
    ranked = list(
        week.values("asset_id").annotate(count=Count("pk")).order_by("-count", "asset_id")[:LISTED]
    )
    assets = Asset.objects.outside_bin().in_bulk([row["asset_id"] for row in ranked])
    top = [row for row in ranked if row["asset_id"] in assets]  # none deleted meanwhile
    outlets: dict[int, list[str]] = {}
    for row in (
        week.filter(asset_id__in=assets)
        .exclude(outlet="")
        .values("asset_id", "outlet")
        .annotate(count=Count("pk"))
        .order_by("asset_id", "-count", "outlet")
    ):
        outlets.setdefault(row["asset_id"], []).append(f"{row['outlet']} ({row['count']})")
    return Section(
        "Most downloaded this week",
        [
            Line(
                str(assets[row["asset_id"]].label),
                f"{row['count']} download{'s' if row['count'] != 1 else ''}"
                + (
                    f" · {', '.join(outlets[row['asset_id']])}"
                    if row["asset_id"] in outlets
                    else ""
                ),
                _admin_url(assets[row["asset_id"]]),
            )
            for row in top
        ],
        empty="No file was downloaded this week.",
    )


def files_to_finish() -> Section:
    """Pictures whose copies are not made yet or failed, or that lack a caption or a credit."""
    unfinished = (
        Asset.objects.outside_bin()
        .exclude(kind=Asset.Kind.DOCUMENT)
        .filter(
            ~Q(processing=Asset.Processing.READY)
            | Q(caption="")
            | Q(credit_line="", copyright_holder="")
        )
        .select_related("film", "person")
        .order_by("pk")
    )
    count = unfinished.count()
    lines = []
    for asset in unfinished[:LISTED]:
        wanting = []
        if asset.processing != Asset.Processing.READY:
            wanting.append(asset.get_processing_display().lower())
        if not asset.caption:
            wanting.append("no caption")
        if not (asset.credit_line or asset.copyright_holder):
            wanting.append("no credit")
        owner = asset.film or asset.person
        lines.append(Line(f"{asset.label} · {owner}", ", ".join(wanting), _admin_url(asset)))
    return Section(
        "Files to finish",
        lines,
        empty="Every picture has its copies, a caption and a credit.",
        more_url=reverse("admin:presskit_asset_changelist"),
        more=max(count - LISTED, 0),
    )


def _kind(record) -> str:
    return str(record._meta.verbose_name).capitalize()


def _records_in_sight() -> GenericPrefetch:
    """Each review's record, or None if it is deleted, in the bin or gone there with what it
    belongs to: read with the reviews, one query per kind of record."""
    return GenericPrefetch(
        "record", [model._default_manager.outside_bin() for model in publishable_models()]
    )


def reviews_waiting(user) -> Section:
    """Drafts waiting for review: all that `user` may decide on, or else their own."""
    models = [model for model in publishable_models() if can_preview(user, model)]
    deciding = [model for model in models if may_publish(user, model)]
    waiting = Review.objects.filter(outcome=Review.Outcome.WAITING).select_related(
        "submitted_by", "content_type"
    )
    if deciding:
        waiting = waiting.filter(content_type__in=_content_types(deciding))
        title, empty = "Waiting for your review", "No draft is waiting for review."
    else:
        waiting = waiting.filter(submitted_by=user, content_type__in=_content_types(models))
        title, empty = "Your drafts waiting for review", "None of your drafts waits for review."
    lines = []
    for review in waiting.prefetch_related(_records_in_sight()).order_by("submitted_at", "pk"):
        if review.record is None or review.record.publication_status != Publication.REVIEW:
            continue  # deleted, in the bin, or out of review another way (workflow.waiting_review)
        said = [f"submitted {_ago(timezone.now() - review.submitted_at)} ago"]
        if deciding and review.submitted_by:
            said.append(f"by {review.submitted_by.get_username()}")
        if review.note:
            said.append(f"“{Truncator(review.note).chars(80)}”")
        lines.append(
            Line(
                f"{review.content_type.name.capitalize()}: {review.label}",
                " · ".join(said),
                review.review_url() if deciding else review.record_admin_url(),
            )
        )
    return Section(title, lines, empty=empty)


def sent_back_to(user) -> Section:
    """`user`'s drafts a press officer sent back, not yet submitted again or published."""
    later = Review.objects.filter(
        content_type=OuterRef("content_type"),
        object_id=OuterRef("object_id"),
        submitted_at__gt=OuterRef("submitted_at"),
    )
    returned = (
        Review.objects.filter(submitted_by=user, outcome=Review.Outcome.SENT_BACK)
        .exclude(Exists(later))
        .select_related("decided_by", "content_type")
        .prefetch_related(_records_in_sight())
        .order_by("-decided_at", "-pk")
    )
    lines = [
        Line(
            f"{review.content_type.name.capitalize()}: {review.record}",
            f"sent back by {review.decided_by.get_username() if review.decided_by else 'a press officer'}"
            f" {_ago(timezone.now() - review.decided_at)} ago · “{Truncator(review.comment).chars(120)}”",
            review.record_admin_url(),
        )
        for review in returned
        if review.record is not None and review.record.publication_status == Publication.DRAFT
    ]
    return Section("Sent back to you", lines, empty="Nothing was sent back to you.")


def scheduled(now: datetime.datetime, user) -> Section:
    """Every publication and withdrawal still to come, soonest first, with where to change it."""
    coming = []  # (moment, line)
    for model in publishable_models():
        if not can_preview(user, model):
            continue
        ahead = Q(publish_at__gt=now) | Q(withdraw_at__gt=now)
        for record in (
            model._default_manager.outside_bin().filter(ahead).select_related("scheduled_by")
        ):
            zone, said = record.schedule_zone(), []
            if record.publish_at and record.publish_at > now:
                said.append(f"publishes {_moment(record.publish_at, zone)}")
            if record.withdraw_at and record.withdraw_at > now:
                said.append(f"withdrawn {_moment(record.withdraw_at, zone)}")
            if record.scheduled_by:
                said.append(f"by {record.scheduled_by.get_username()}")
            url = schedule_url(record) if may_publish(user, model) else _admin_url(record)
            moment = min(m for m in (record.publish_at, record.withdraw_at) if m and m > now)
            coming.append((moment, Line(f"{_kind(record)}: {record}", " · ".join(said), url)))
    coming.sort(key=lambda row: row[0])
    return Section(
        "Scheduled publications and withdrawals",
        [line for _, line in coming],
        empty="Nothing is scheduled.",
    )


def _content_types(models) -> list:
    return list(ContentType.objects.get_for_models(*models).values())


def _ago(delta: datetime.timedelta) -> str:
    if delta < datetime.timedelta(hours=1):
        return f"{max(int(delta.total_seconds() // 60), 1)} min"
    if delta < datetime.timedelta(days=2):
        return f"{int(delta.total_seconds() // 3600)} h"
    return f"{delta.days} days"


def dashboard(user, now: datetime.datetime | None = None) -> list[Section]:
    """The sections `user` may read, most urgent first."""
    now = now or timezone.now()
    sections = []
    if any(can_preview(user, model) for model in publishable_models()):
        reviews, returned = reviews_waiting(user), sent_back_to(user)
        if any(may_publish(user, model) for model in publishable_models()):
            # A press officer's work first; their own returned drafts only if any.
            sections += [reviews, *([returned] if returned.lines else [])]
        else:
            sections += [returned, reviews]
    if any(can_preview(user, model) for model in publishable_models()):
        sections.append(scheduled(now, user))
    if user.has_perm("presskit.decide_accreditation") and can_preview(user, Accreditation):
        sections.append(accreditation_requests())
    if any(can_preview(user, model) for model in (PressRelease, Asset, Film)):
        sections.append(embargoes_lifting(now, user))
    if can_preview(user, Screening):
        sections.append(screenings_this_week(now))
    if can_preview(user, Screening) and can_preview(user, Booking):  # bookings are personal data
        sections.append(press_screenings(now))
    if can_preview(user, Asset):
        sections.append(files_to_finish())
    if can_preview(user, Download) and can_preview(user, Asset):
        sections.append(most_downloaded(now))
    return sections
