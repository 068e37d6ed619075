"""A page's Content-Security-Policy, widened for what that page embeds, and nothing more."""

from django.conf import settings
from django.middleware.csp import get_nonce
from django.utils.csp import CSP, build_policy


def allow_frames(request, response, origins) -> None:
    """Let `response` show frames from `origins` (say, the one video host it embeds).

    The site's policy (settings.SECURE_CSP) with `frame-src` set to these
    origins alone; a page that embeds nothing keeps the site's policy, which
    allows no frame at all. Django's middleware leaves a policy a view set.
    """
    if origins:
        policy = {**settings.SECURE_CSP, "frame-src": sorted(set(origins))}
        response.headers[str(CSP.HEADER_ENFORCE)] = build_policy(policy, get_nonce(request))
