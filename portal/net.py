"""The client's address, right also behind a reverse proxy."""

import ipaddress

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
    candidate = forwarded[-proxies] if len(forwarded) >= proxies else (forwarded or [remote])[0]
    # A proxy miscounted, or a request that went around nginx, lets the client write this
    # entry: anything that is not an address is ignored.
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
