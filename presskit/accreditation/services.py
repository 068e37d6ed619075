"""What changes an accreditation: each step saved in one transaction, the journalist told after it commits."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ..models import Accreditation
from .emails import CONFIRM_DAYS, tell

Status = Accreditation.Status


class NotAllowed(Exception):
    """The step does not follow from the accreditation's state; the message says why."""


def forget_unconfirmed(email: str) -> None:
    """Delete the accounts of applications to `email` never confirmed while their link worked.

    Nobody can confirm them any more, and they would hold the address
    against its owner (one account per address).
    """
    expired = timezone.now() - datetime.timedelta(days=CONFIRM_DAYS)
    get_user_model().objects.filter(
        accreditation__email__iexact=email.strip(),
        accreditation__status=Status.UNCONFIRMED,
        accreditation__created_at__lt=expired,
    ).delete()


@transaction.atomic
def confirm_email(*, accreditation_id: int, email: str) -> Accreditation:
    """The journalist followed their link: the application now reaches the press office."""
    accreditation = Accreditation.objects.select_for_update().get(pk=accreditation_id)
    if accreditation.email.lower() != email.lower():
        raise NotAllowed("This link was sent to another address. Use the newest link you got.")
    if accreditation.status == Status.UNCONFIRMED:
        accreditation.status = Status.PENDING
        accreditation.email_confirmed_at = timezone.now()
        accreditation.save(update_fields=["status", "email_confirmed_at"])
        tell(accreditation, "received")
    return accreditation


def _decide(accreditation_ids, *, by, allowed_from, status, step, **changes) -> list[Accreditation]:
    with transaction.atomic():
        decided = list(
            Accreditation.objects.select_for_update()
            .filter(pk__in=accreditation_ids, status__in=allowed_from)
            .order_by("pk")
        )
        for accreditation in decided:
            accreditation.status = status
            accreditation.decided_at = timezone.now()
            accreditation.decided_by = by
            for name, value in changes.items():
                setattr(accreditation, name, value)
            accreditation.save()
            tell(accreditation, step)
    return decided


def approve(accreditation_ids, *, by, valid_until: datetime.date) -> list[Accreditation]:
    """Accredit the pending applications among `accreditation_ids` until `valid_until`."""
    return _decide(
        accreditation_ids,
        by=by,
        allowed_from=Accreditation.DECIDABLE,
        status=Status.APPROVED,
        step="approved",
        valid_until=valid_until,
        reason="",
    )


def refuse(accreditation_ids, *, by, reason: str) -> list[Accreditation]:
    """Refuse the pending applications among `accreditation_ids`, saying why."""
    return _decide(
        accreditation_ids,
        by=by,
        allowed_from=Accreditation.DECIDABLE,
        status=Status.REFUSED,
        step="refused",
        reason=reason,
    )


def revoke(accreditation_ids, *, by, reason: str) -> list[Accreditation]:
    """Withdraw the accreditations among `accreditation_ids`; effective on the next request."""
    return _decide(
        accreditation_ids,
        by=by,
        allowed_from=Accreditation.REVOCABLE,
        status=Status.REVOKED,
        step="revoked",
        reason=reason,
    )
