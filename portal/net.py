"""The client's address, right also behind a reverse proxy."""

from django.conf import settings


def client_ip(request, *args, **kwargs):
    """Return the client's IP address.

    Behind TRUSTED_PROXY_COUNT proxies, the address is the one that the outermost trusted
    proxy saw: X-Forwarded-For entries left of it are written by the client and untrusted.
    """
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) >= proxies:
        return forwarded[-proxies]
    return forwarded[0] if forwarded else remote
