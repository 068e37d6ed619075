"""Previews: a record not yet public, on its real page, for staff and for a shared link.

Staff who may preview open a draft at its own address (`PreviewMixin` in
views.py). A press officer, who may publish the record, can also share it:
`make_link()` makes a `PreviewLink` that opens, for someone with no
account, that record's page as the public will see it once it is
published, and nothing else:

- the page is the record's own view, given the one record (`shared_link`)
  instead of what the visitor may open; everything else on it goes through
  the visibility gate as for the public (a draft still of a draft film is
  not shown; a published one is);
- the files that page shows (its stills, a headshot) open for the browser
  that opened the link, while the link works (`shared_file()`); any other
  address answers as it does for the public;
- each response is private, never cached, never indexed, and sends no
  referrer, so the link does not travel on from the page.

What a link shows is the record as if published, its moments come and
what it needs public (`preview_assumes`); its access level, its readiness
and the bin still hold. An expired or revoked link, one whose record went
to the bin, or one whose record has been published since (the public page
is then the page; withdrawn again, the link stays ended), answers 410 with
a page that says so; an unknown token is a page that does not exist.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from . import views
from .audit import audit
from .models import Asset, AuditEntry, Film, Person, PressRelease, PreviewLink
from .models.previews import preview_assumes
from .publishing.http import private_preview
from .publishing.models import moment_said

# The links this browser has opened (their ids), so that the files of their pages open too.
SESSION_KEY = "presskit_preview_links"


@dataclass(frozen=True)
class Previewable:
    """How a kind of record is previewed: its page's view, and the files that page shows
    (from the record's id, the assets as the public will see them)."""

    view: type
    files: Callable[[int], QuerySet]


PREVIEWABLE: dict[type, Previewable] = {
    Film: Previewable(
        views.FilmDetailView,
        lambda pk: Asset.objects.published(assuming=("film",)).filter(film_id=pk),
    ),
    Person: Previewable(
        views.PersonDetailView,
        lambda pk: Asset.objects.published(assuming=("person",)).filter(person_id=pk),
    ),
    PressRelease: Previewable(views.PressReleaseDetailView, lambda pk: Asset.objects.none()),
    # A file's own page: the file itself, in the sizes the public will have.
    Asset: Previewable(
        views.AssetDetailView,
        lambda pk: Asset.objects.published(assuming=preview_assumes(Asset)).filter(pk=pk),
    ),
}


def default_expiry(now: datetime.datetime | None = None) -> datetime.datetime:
    return (now or timezone.now()) + datetime.timedelta(days=settings.PRESSKIT_PREVIEW_LINK_DAYS)


@transaction.atomic
def make_link(record, *, user, shown_to: str, expires_at: datetime.datetime) -> PreviewLink:
    """A new link to `record`'s preview for `shown_to`, recorded in the audit log."""
    link = PreviewLink.objects.create(
        record=record,
        label=" ".join(str(record).split())[:300],
        shown_to=shown_to,
        made_by=user,
        expires_at=expires_at,
    )
    audit(
        AuditEntry.Action.PREVIEW_MADE,
        user=user,
        record=record,
        detail=f"For {shown_to}, until {moment_said(expires_at, settings.PRESS_OFFICE_TIME_ZONE)}.",
    )
    return link


@transaction.atomic
def revoke(links: QuerySet, *, user) -> int:
    """Revoke the links among `links` that still work; how many were."""
    revoked = 0
    for link in links.select_for_update(of=("self",)).filter(revoked_at__isnull=True):
        link.revoked_at, link.revoked_by = timezone.now(), user
        link.save(update_fields=["revoked_at", "revoked_by"])
        audit(
            AuditEntry.Action.PREVIEW_REVOKED,
            user=user,
            record=link.record,
            what=link.label,
            detail=f"The link for {link.shown_to}, made {link.made_at:%-d %b %Y}.",
        )
        revoked += 1
    return revoked


@require_safe
def shared_preview(request: HttpRequest, token: str) -> HttpResponse:
    """/preview/<token>/: the one record a press officer shared, as it will look."""
    link = PreviewLink.objects.select_related("content_type").filter(token=token).first()
    if link is None:
        raise Http404("No such preview link.")
    record = link.shown().first() if link.is_usable() else None
    if record is None:
        return _gone(request, link)
    if record.is_published():
        return redirect(record.get_absolute_url())  # out: the public page is the page
    if record.first_published_at and record.first_published_at > link.made_at:
        return _gone(request, link, gettext("This preview ended when the page was published."))
    if request.method == "GET":  # not a HEAD from a link checker or a mail scanner
        _opened(request, link, record)
    view = PREVIEWABLE[type(record)].view.as_view(shared_link=link)
    response = view(request, pk=record.pk)
    response.headers["Referrer-Policy"] = "no-referrer"
    return private_preview(response)


def _gone(request: HttpRequest, link: PreviewLink, reason: str = "") -> HttpResponse:
    """410, saying why: revoked, expired, ended by publication, or its record gone."""
    if not reason:
        reason = _why_gone(link)
    response = render(request, "presskit/preview_gone.html", {"reason": reason}, status=410)
    response.headers["Referrer-Policy"] = "no-referrer"
    return private_preview(response)


def _why_gone(link: PreviewLink) -> str:
    if link.revoked_at is not None:
        return gettext("The press office has withdrawn this preview link.")
    if not link.is_usable():
        until = moment_said(link.expires_at, settings.PRESS_OFFICE_TIME_ZONE)
        return gettext("This preview link expired on %(moment)s.") % {"moment": until}
    return gettext("What this preview link showed is no longer in the press kit.")


def _opened(request: HttpRequest, link: PreviewLink, record) -> None:
    """Count the opening; the first from this browser goes in the audit log."""
    PreviewLink.objects.filter(pk=link.pk).update(
        times_opened=F("times_opened") + 1, last_opened_at=timezone.now()
    )
    opened = request.session.get(SESSION_KEY, [])
    if link.pk not in opened:
        request.session[SESSION_KEY] = [*opened, link.pk][-20:]
        made_by = link.made_by.get_username() if link.made_by else "a former press officer"
        audit(
            AuditEntry.Action.PREVIEW_OPENED,
            user=None,
            record=record,
            detail=f"With the link for {link.shown_to}, made by {made_by}.",
        )


def shared_file(request: HttpRequest, pk: int) -> Asset | None:
    """The asset `pk` if a page this browser opened with a working link shows it, else None."""
    opened = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if not opened:
        return None
    for link in PreviewLink.objects.usable().filter(pk__in=opened).select_related("content_type"):
        model = link.content_type.model_class()
        if model in PREVIEWABLE and link.shown().exists():
            found = PREVIEWABLE[model].files(link.object_id).filter(pk=pk)
            asset = found.select_related("film", "person").first()
            if asset is not None:
                return asset
    return None
