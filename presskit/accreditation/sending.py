"""Sending a press release by email to accredited journalists, and opting out of it.

A press officer chooses who (every accredited journalist, or those of some
outlet countries, languages or a festival edition); the sending is logged
with its recipients in the same transaction, and the tasks worker writes
and sends one message to each once it commits. An embargo is stated in
the subject and on the first line. Every message carries the journalist's
own link to stop these emails.
"""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.template.defaultfilters import pluralize
from django.template.loader import render_to_string

from config.lib.languages import LANGUAGE_NAMES
from config.lib.urls import reverse_path
from festivals.models import Edition

from ..audit import Action, audit
from ..models import Accreditation, PressRelease, ReleaseSending
from ..publishing.models import Audience

OPT_OUT_SALT = "presskit.accreditation.releases-opt-out"


def recipients(*, countries=(), languages=(), edition: Edition | None = None):
    """The accredited journalists a release goes to: valid, not opted out, matching every filter."""
    chosen = Accreditation.objects.valid().filter(receives_releases=True)
    if countries:
        chosen = chosen.filter(country__in=countries)
    if edition is not None:
        # Accredited through the edition's first day at least.
        chosen = chosen.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=edition.starts_on))
    chosen = chosen.order_by("name", "pk")
    # Languages are a short list per journalist (JSON, which SQLite cannot search inside).
    wanted = set(languages)
    return [journalist for journalist in chosen if not wanted or wanted & set(journalist.languages)]


def subject_of(release: PressRelease) -> str:
    embargo = release.embargo_holding_text()
    return f"{embargo}: {release.title}" if embargo else release.title


def describe(*, countries=(), languages=(), edition: Edition | None = None) -> str:
    """The chosen filters in words, for the log."""
    parts = []
    if countries:
        parts.append("outlets in " + ", ".join(str(country) for country in countries))
    if languages:
        parts.append("writing in " + ", ".join(LANGUAGE_NAMES.get(c, c) for c in languages))
    if edition is not None:
        parts.append(f"accredited for {edition}")
    return "Accredited journalists" + (": " + "; ".join(parts) if parts else ", all")


@transaction.atomic
def send_release(release: PressRelease, *, by, **filters) -> ReleaseSending:
    """Log the sending to whoever the filters choose now; the worker sends once it commits."""
    chosen = recipients(**filters)
    with transaction.atomic():
        sending = ReleaseSending.objects.create(
            release=release,
            sent_by=by,
            audience=describe(**filters),
            subject=subject_of(release),
            recipients=[
                {"accreditation": journalist.pk, "name": journalist.name, "email": journalist.email}
                for journalist in chosen
            ],
        )
        audit(
            Action.RELEASE_SENT,
            user=by,
            record=release,
            detail=f"\u201c{sending.subject}\u201d to {len(chosen)} accredited "
            f"journalist{pluralize(len(chosen))} ({sending.audience.lower()})",
        )
        transaction.on_commit(lambda: deliver_release.enqueue(sending_id=sending.pk))
    return sending


def opt_out_token(accreditation_id: int) -> str:
    return signing.dumps(accreditation_id, salt=OPT_OUT_SALT)


def read_opt_out_token(token: str) -> int:
    """The accreditation the token was made for; raises signing.BadSignature if forged."""
    return signing.loads(token, salt=OPT_OUT_SALT)


@task
def deliver_release(sending_id: int) -> str:
    """Write and send the logged sending: one message per journalist, with their opt-out link."""
    sending = ReleaseSending.objects.select_related("release").get(pk=sending_id)
    release = sending.release
    if not release.is_visible_to_audience(Audience.PRESS):
        return "not sent: withdrawn from journalists since"
    # Journalists still accredited and still wanting them, at the moment of sending.
    still_wanted = set(
        Accreditation.objects.valid()
        .filter(
            pk__in=[recipient["accreditation"] for recipient in sending.recipients],
            receives_releases=True,
        )
        .values_list("pk", flat=True)
    )
    messages = [
        EmailMessage(
            subject=sending.subject,
            body=render_to_string(
                "press/email/release.txt",
                {
                    "release": release,
                    "name": recipient["name"],
                    "embargo": release.embargo_holding_text(),
                    "site_name": settings.SITE_NAME,
                    "release_url": settings.SITE_URL + release.get_absolute_url(),
                    "opt_out_url": settings.SITE_URL
                    + reverse_path("press:opt-out", opt_out_token(recipient["accreditation"])),
                },
            ),
            to=[recipient["email"]],
        )
        for recipient in sending.recipients
        if recipient["accreditation"] in still_wanted
    ]
    sent = mailers.default.send_messages(messages) or 0
    return f"sent {sent} of {len(sending.recipients)}"
