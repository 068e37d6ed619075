"""Who is asking: the client's network address, as far as this server can trust it."""

from django.conf import settings


def client_address(request) -> str | None:
    """The address the request came from.

    Behind a proxy (DJANGO_BEHIND_PROXY), the last address in
    X-Forwarded-For: the one the proxy itself added, as earlier ones are
    whatever the client claimed. Otherwise the connection's own address.
    """
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if last := forwarded.rsplit(",", 1)[-1].strip():
            return last
    return request.META.get("REMOTE_ADDR")
