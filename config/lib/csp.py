"""A page's Content-Security-Policy, widened for what that page embeds, and nothing more."""

from django.conf import settings
from django.views.decorators.csp import csp_override


def allow_frames(request, response, origins):
    """`response`, let show frames from `origins` (say, the one video host it embeds).

    The site's policy (settings.SECURE_CSP) with `frame-src` set to these
    origins alone, through Django's own `csp_override`, so the middleware
    writes it once the page has rendered (a nonce it used included). A page
    that embeds nothing keeps the site's policy, which allows no frame.
    """
    if not origins:
        return response
    policy = {**settings.SECURE_CSP, "frame-src": sorted(set(origins))}
    return csp_override(policy)(lambda request: response)(request)
