"""Links for the picture desk: what an accredited journalist passes to colleagues without an account.

A link names the journalist and one file or one film's whole kit, signed,
and works for PRESSKIT_DESK_LINK_HOURS (48) from when it was made, and only
while the journalist's accreditation is valid (presskit/downloads.py
`desk_link`). Nothing is stored: the signature is the link's proof.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.utils import timezone

SALT = "presskit.accreditation.desk-link"


def lifetime() -> datetime.timedelta:
    return datetime.timedelta(hours=settings.PRESSKIT_DESK_LINK_HOURS)


def desk_token(
    accreditation_id: int, *, asset_id: int | None = None, film_id: int | None = None
) -> str:
    """A signed token for one asset, or for one film's kit, on behalf of the journalist."""
    content = {"j": accreditation_id, **({"a": asset_id} if asset_id else {"f": film_id})}
    return signing.dumps(content, salt=SALT, compress=True)


def read_desk_token(token: str) -> dict:
    """The token's content; raises signing.BadSignature (SignatureExpired once too old)."""
    return signing.loads(token, salt=SALT, max_age=lifetime())


def expires_at() -> datetime.datetime:
    """When a link made now stops working, at the latest."""
    return timezone.now() + lifetime()
