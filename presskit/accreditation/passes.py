"""Accredited journalists answered from the page cache, as the public is.

The page cache keeps pages per audience (config/lib/page_cache.py). An
accredited journalist's audience is the press reading times in their zone
("press:Asia/Almaty"): the pages differ from the public's by what the gate
lets the press see and by the zone their embargo notices add, and by
nothing personal (no name, no form with a CSRF token). `PressPassMiddleware`
gives them the pass that says so, and takes it back the moment they are no
longer press; the receivers below void every pass when an accreditation or
an account changes, or someone signs out, so that a revoked, shortened or
deactivated journalist, or a copy of a signed-out browser's cookies, is
read afresh on the next request and never answered from the cache.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_out
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from config.lib.page_cache import keep_pass, pass_audience, pass_token, passes_changed

from ..models import Accreditation
from ..publishing.models import valid_accreditation

FOREVER = datetime.datetime.max.replace(tzinfo=datetime.UTC).timestamp()


def press_audience(user) -> tuple[str, float] | None:
    """(audience, until when) of an accredited journalist; None for anyone else (staff too)."""
    if user.is_staff:  # staff see drafts: never answered as the press
        return None
    if (accreditation := valid_accreditation(user)) is None:
        return None
    return f"press:{accreditation.reader_zone()}", _last_moment(accreditation)


def _last_moment(accreditation: Accreditation) -> float:
    """When the accreditation ends: the end of its last day on the press office's clocks."""
    if accreditation.valid_until is None:
        return FOREVER
    next_day = accreditation.valid_until + datetime.timedelta(days=1)
    zone = zoneinfo.ZoneInfo(settings.PRESS_OFFICE_TIME_ZONE)
    return datetime.datetime.combine(next_day, datetime.time(), tzinfo=zone).timestamp()


class PressPassMiddleware:
    """Give the pass to accredited journalists, and take it from everyone else who has one.

    After AuthenticationMiddleware. Visitors with neither a session nor a
    pass are not read at all.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cookies = request.COOKIES
        if (
            settings.SESSION_COOKIE_NAME not in cookies
            and settings.PUBLIC_CACHE_PASS_COOKIE not in cookies
        ):
            return self.get_response(request)
        token = pass_token()  # before the visitor is read (see pass_token)
        response = self.get_response(request)
        audience, until = press_audience(request.user) or (None, 0.0)
        session_key = request.session.session_key
        keep_pass(request, response, audience, token=token, until=until, session_key=session_key)
        return response


@receiver(user_logged_out)
def signed_out(sender, request, user, **kwargs):
    """Signing out ends the session on the server: a copy of its cookies must not still admit.

    Only a sign-out that held a pass voids (Django also signals one with no
    one signed in, and staff hold none). Such sign-outs are few beside page
    views, so every pass is voided rather than one remembered across processes.
    """
    if request is not None and pass_audience(request) is not None:
        passes_changed()


@receiver(post_save, sender=Accreditation)
@receiver(post_delete, sender=Accreditation)
@receiver(post_save, sender=get_user_model())
@receiver(post_delete, sender=get_user_model())
def access_may_have_narrowed(sender, instance, created=False, update_fields=None, **kwargs):
    """Void every pass when an accreditation or an account changes or goes.

    Not for what takes nobody's access away, the day's common changes: a
    new account or application, an application confirmed or waiting (it
    never held a pass: no step leads back to waiting), a sign-in recorded.
    """
    if (
        created
        or getattr(instance, "status", None) in Accreditation.WAITING
        or (update_fields is not None and set(update_fields) == {"last_login"})
    ):
        return
    passes_changed()
