"""Whole pages kept for guests, with holes for what differs per request.

A guest (no session, no pending message) reading a public page gets the same HTML as every
other guest, except for two things: the CSRF token of the sidebar login form, and the live
blocks (the visit statistics). Such a page is rendered once with a placeholder for the
token and a hole for each live block, kept in the cache, and on each request the holes are
filled: a cached page costs two queries (the statistics) instead of the whole page.

Any save or delete of site content bumps one version number, so an editor's change shows
at once; figures that change without a save (scheduled publication, banner windows) show
within PAGE_CACHE_SECONDS.
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template import Context
from django.utils.html import escape

CSRF_PLACEHOLDER = "__portal_csrf_token__"
HOLE = "<!--portal:live:{key}-->"
VERSION_KEY = "portal:content-version"
_RENDERING = "_portal_page_cache_render"


def rendering_for_cache(request):
    """Whether this request renders a page to keep for other guests."""
    return getattr(request, _RENDERING, False)


def hole(key):
    return HOLE.format(key=key)


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, None)
    return version


def bump_content_version():
    """Make every kept page stale: called when site content is saved or deleted."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def _cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.user.is_authenticated
        and getattr(settings, "PAGE_CACHE_SECONDS", 0) > 0
    )


def _key(request):
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"portal:page:{content_version()}:{path}"


def fill(request, html):
    """Put this request's CSRF token and live blocks into a kept page."""
    from . import blocks
    from .templatetags.portal_tags import render_block

    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, escape(get_token(request)))
    if "<!--portal:live:" in html:
        context = Context(
            {"request": request, "user": request.user, "csrf_token": get_token(request)}
        )
        for block, title in blocks.placement():
            marker = hole(block.key)
            if block.live and marker in html:
                html = html.replace(marker, render_block(block, title, context))
    return html


def guest_cached(view):
    """Serve a public page to guests from the cache, filling its holes per request."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        html = cache.get(key)
        if html is None:
            setattr(request, _RENDERING, True)
            try:
                response = view(request, *args, **kwargs)
                if hasattr(response, "render") and callable(response.render):
                    response = response.render()
            finally:
                setattr(request, _RENDERING, False)
            session = getattr(request, "session", None)
            keep = (
                response.status_code == 200
                and not response.streaming
                and response.get("Content-Type", "").startswith("text/html")
                and not response.cookies
                and not (session is not None and session.modified)
            )
            if not keep:
                # Not a page for everyone: serve it as rendered, holes filled.
                if not response.streaming and response.get("Content-Type", "").startswith(
                    "text/html"
                ):
                    response.content = fill(request, response.content.decode()).encode()
                return response
            html = response.content.decode()
            cache.set(key, html, settings.PAGE_CACHE_SECONDS)
        return HttpResponse(fill(request, html))

    return wrapper
