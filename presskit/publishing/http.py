"""What a response that shows staff something the public may not see must say to caches and robots."""

from django.http import HttpResponse
from django.utils.cache import patch_cache_control


def private_preview(response: HttpResponse) -> HttpResponse:
    """Mark `response` as showing more than the public sees (a staff preview, a journalist's
    early page): kept by no browser or proxy, indexed by no robot."""
    patch_cache_control(response, private=True, no_store=True)
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response
