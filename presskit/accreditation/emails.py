"""The emails a journalist gets at each step of their accreditation, sent by the tasks worker.

A request only enqueues (once its transaction commits); the worker renders
and sends, so a slow or failing mail server never holds a page, and an
email is never sent for a change that was rolled back.
"""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone

from config.lib.urls import reverse_path

from ..models import Accreditation

CONFIRM_SALT = "presskit.accreditation.confirm"
# How long a confirmation link works; an application left unconfirmed longer
# no longer holds its email address (presskit/accreditation/forms.py).
CONFIRM_DAYS = 3

# step -> subject; each step's body is templates/press/email/<step>.txt.
SUBJECTS = {
    "confirm": "Confirm your email address to complete your accreditation request",
    "received": "Your accreditation request has reached the press office",
    "approved": "You are accredited",
    "refused": "Your accreditation request was not approved",
    "revoked": "Your accreditation has been withdrawn",
}


def confirmation_token(accreditation: Accreditation) -> str:
    """A signed token naming the application and the address it was sent to."""
    return signing.dumps({"a": accreditation.pk, "e": accreditation.email}, salt=CONFIRM_SALT)


def read_confirmation_token(token: str) -> dict:
    """The token's content; raises signing.BadSignature (or SignatureExpired) if it is not ours."""
    return signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_DAYS * 24 * 3600)


def tell(accreditation: Accreditation, step: str) -> None:
    """Send the journalist the email for `step` once the current transaction commits."""
    transaction.on_commit(
        lambda: send_accreditation_email.enqueue(accreditation_id=accreditation.pk, step=step)
    )


def tell_address_taken(email: str) -> None:
    """Someone applied with an address that has an account: its owner, not they, is told."""
    body = render_to_string(
        "press/email/address_taken.txt",
        {
            "site_name": settings.SITE_NAME,
            "login_url": settings.SITE_URL + reverse_path("press:login"),
            "reset_url": settings.SITE_URL + reverse_path("press:password-reset"),
        },
    )
    subject = f"You already have an account with {settings.SITE_NAME}"
    transaction.on_commit(lambda: send_email.enqueue(subject=subject, body=body, to=[email]))


@task
def send_accreditation_email(accreditation_id: int, step: str) -> str:
    accreditation = Accreditation.objects.select_related("user").filter(pk=accreditation_id).first()
    if accreditation is None:
        return "the application no longer exists"
    context = {
        "accreditation": accreditation,
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "account_url": settings.SITE_URL + reverse_path("press:account"),
        "now": timezone.now(),
    }
    if step == "confirm":
        context["confirm_url"] = settings.SITE_URL + reverse_path(
            "press:confirm", confirmation_token(accreditation)
        )
        context["confirm_days"] = CONFIRM_DAYS
    EmailMessage(
        subject=SUBJECTS[step],
        body=render_to_string(f"press/email/{step}.txt", context),
        to=[accreditation.email],
    ).send()
    return f"sent {step} to {accreditation.email}"


@task
def send_email(subject: str, body: str, to: list[str]) -> str:
    """Send a message written in the request (a password reset link)."""
    EmailMessage(subject=subject, body=body, to=to).send()
    return f"sent to {', '.join(to)}"
