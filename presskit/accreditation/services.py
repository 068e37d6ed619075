"""What changes an accreditation: each step saved in one transaction, the journalist told after it commits."""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ..audit import Action, audit
from ..bookings.services import give_back_seats_of
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


@dataclass(frozen=True)
class Decision:
    """A press officer's step: from which states it applies, what it makes, what it emails."""

    applies_to: tuple[str, ...]
    becomes: str
    email: str  # a step of emails.SUBJECTS

    def take(self, accreditation_ids, *, by, **changes) -> list[Accreditation]:
        """Take it for those of `accreditation_ids` it applies to; each journalist is told.

        `changes` are what the step records (a last day, a reason); a step
        without a reason clears the one an earlier step gave.
        """
        changes = {"reason": "", **changes}
        with transaction.atomic():
            decided = list(
                Accreditation.objects.select_for_update()
                .filter(pk__in=accreditation_ids, status__in=self.applies_to)
                .order_by("pk")
            )
            for accreditation in decided:
                was = accreditation.get_status_display()
                accreditation.status = self.becomes
                accreditation.decided_at = timezone.now()
                accreditation.decided_by = by
                for name, value in changes.items():
                    setattr(accreditation, name, value)
                accreditation.save()
                said = [f"{was} \u2192 {accreditation.get_status_display()}"]
                if accreditation.valid_until and self.becomes == Status.APPROVED:
                    said.append(f"until {accreditation.valid_until:%-d %b %Y}")
                if accreditation.reason:
                    said.append(f"reason: {accreditation.reason}")
                audit(
                    Action.ACCREDITATION,
                    user=by,
                    record=accreditation,
                    what=f"{accreditation.name}, {accreditation.outlet_name}",
                    detail="; ".join(said),
                )
                tell(accreditation, self.email)
            if self.becomes == Status.REVOKED:
                # Their seats go to colleagues in line, once the revocation stands.
                ids = [accreditation.pk for accreditation in decided]
                transaction.on_commit(lambda: give_back_seats_of(ids))
        return decided


# Approving takes a last day (valid_until); refusing and revoking take a
# reason, sent to the journalist. Revoking counts from the next request.
APPROVE = Decision(Accreditation.DECIDABLE, Status.APPROVED, "approved")
REFUSE = Decision(Accreditation.DECIDABLE, Status.REFUSED, "refused")
REVOKE = Decision(Accreditation.REVOCABLE, Status.REVOKED, "revoked")
