"""Whole pages kept for guests, with holes for what differs per request.

A guest (no session, no pending message) reading a public page gets the same HTML as every
other guest, except for two things: the CSRF token of the sidebar login form, and the live
blocks (the visit statistics). Such a page is rendered once with a placeholder for the
token and a hole for each live block, kept in the cache, and on each request the holes are
filled: a cached page costs two queries (the statistics) instead of the whole page.
Pages can have live fragments of their own too (an article's view count): `{% live key arg %}`
leaves a hole filled by the renderer registered with register_live(), one call per key.

Any save or delete of site content bumps one version number, so an editor's change shows
at once; figures that change without a save (scheduled publication, banner windows) show
within PAGE_CACHE_SECONDS.
"""

import functools
import hashlib
import math
import re

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template import Context
from django.utils import timezone
from django.utils.html import escape

from . import blocks
from .blockrender import render_block

CSRF_PLACEHOLDER = "__portal_csrf_token__"
# Only the token field is filled: the same text typed by a visitor into the URL (and echoed
# in the page, e.g. in a "next" field) stays as it was.
_CSRF_FIELD = f'name="csrfmiddlewaretoken" value="{CSRF_PLACEHOLDER}"'
HOLE = "<!--portal:live:{key}-->"
VERSION_KEY = "portal:content-version"
_RENDERING = "_portal_page_cache_render"


# The apps whose rows make up public pages, as they opt in (register_content_app), and
# their models that never do (the visit statistics are live, never kept).
_content_apps = set()
_not_content = set()


def register_content_app(app_label, except_models=()):
    """Saves and deletes in this app's models change what guests see: they drop kept pages."""
    _content_apps.add(app_label)
    _not_content.update(except_models)


def is_content(model):
    """Whether a save of this model may change a public page (see register_content_app)."""
    return model._meta.app_label in _content_apps and model not in _not_content


def rendering_for_cache(request):
    """Whether this request renders a page to keep for other guests."""
    return getattr(request, _RENDERING, False)


def hole(key):
    return HOLE.format(key=key)


# Live fragments inside the page itself (an article's view count): key -> render(request,
# args) returning {arg: html}, called once per key with every arg of the page, so filling
# costs one query per kind of fragment however many the page has.
_live_fragments = {}
_LIVE_HOLE = re.compile(r"<!--portal:live:([\w-]+):([\w-]+)-->")


def register_live(key, render):
    """Register the renderer of a live fragment, `{% live key arg %}` in templates."""
    _live_fragments[key] = render


def render_live(request, key, args):
    """{arg: html} of a registered live fragment, for these args (strings)."""
    return _live_fragments[key](request, [str(arg) for arg in args])


def live_hole(key, arg):
    return f"<!--portal:live:{key}:{arg}-->"


def _fill_live_fragments(request, html):
    wanted = {}
    for key, arg in _LIVE_HOLE.findall(html):
        if key in _live_fragments:
            wanted.setdefault(key, set()).add(arg)
    for key, args in wanted.items():
        rendered = render_live(request, key, sorted(args))
        for arg in args:
            html = html.replace(live_hole(key, arg), rendered.get(arg, ""))
    return html


# Functions returning the next moment (aware datetime or None) at which public pages change
# without anyone saving: a scheduled article's publication time.
_next_changes = []


def register_next_change(func):
    _next_changes.append(func)


def kept_page_seconds(now=None):
    """How long a page may be kept: PAGE_CACHE_SECONDS, or less if a change is due sooner."""
    now = now or timezone.now()
    seconds = settings.PAGE_CACHE_SECONDS
    for next_change in _next_changes:
        moment = next_change(now)
        if moment is not None and moment > now:
            seconds = min(seconds, max(1, math.ceil((moment - now).total_seconds())))
    return seconds


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


def _canonical(name, value):
    """A parameter worth its own kept page: a page number like 2, not "abc" or "0002"."""
    if name == "trang":
        return bool(re.fullmatch(r"[1-9][0-9]{0,4}", value))
    return len(value) <= 100


def _cacheable_request(request, params):
    return (
        request.method in ("GET", "HEAD")
        and settings.PAGE_CACHE_SECONDS > 0
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        # Only the parameters the view reads: any other would make a new entry per URL.
        and set(request.GET) <= params
        and all(_canonical(name, value) for name, value in request.GET.items())
        and not request.user.is_authenticated
    )


def _key(request):
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(url.encode()).hexdigest()[:32]
    return f"portal:page:{content_version()}:{digest}"


# Headers a kept page does not carry to the next visitor: they belong to one response.
_PER_RESPONSE_HEADERS = {"set-cookie", "content-length", "vary", "date", "expires", "cache-control"}


def fill(request, html):
    """Put this request's CSRF token and live blocks into a kept page."""
    if _CSRF_FIELD in html:
        field = f'name="csrfmiddlewaretoken" value="{escape(get_token(request))}"'
        html = html.replace(_CSRF_FIELD, field)
    if "<!--portal:live:" in html:
        context = Context(
            {"request": request, "user": request.user, "csrf_token": get_token(request)}
        )
        for block, title in blocks.placement():
            marker = hole(block.key)
            if block.live and marker in html:
                html = html.replace(marker, render_block(block, title, context))
        html = _fill_live_fragments(request, html)
    return html


def guest_cached(view=None, *, params=()):
    """Serve a public page to guests from the cache, filling its holes per request.

    `params` names the query parameters the view reads (e.g. "trang"); a request with any
    other parameter is served fresh and not kept.
    """
    if view is None:
        return functools.partial(guest_cached, params=params)
    allowed = set(params)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable_request(request, allowed):
            return view(request, *args, **kwargs)
        key = _key(request)
        kept = cache.get(key)
        if kept is None:
            response, kept = _render_for_cache(view, request, args, kwargs)
            if kept is None:
                return response
            cache.set(key, kept, kept_page_seconds())
        html, headers = kept
        response = HttpResponse(fill(request, html))
        for name, value in headers:
            response[name] = value
        return response

    return wrapper


def counts_view(shown_attribute, find_kept, register):
    """Decorator of a page that counts its reader's view, also when the page was kept.

    The view puts what it shows on the request (`shown_attribute`); a page served from the
    guests' cache did not run the view, so `find_kept(slug)` looks the object up (only its
    pk). `register(request, obj)` then counts the view once per visit. Counting happens
    after the page is made, and only for a GET answered 200.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, slug):
            response = view(request, slug)
            if request.method == "GET" and response.status_code == 200:
                shown = getattr(request, shown_attribute, None)
                if shown is None:  # a kept page: the view did not run
                    shown = find_kept(slug)
                if shown is not None:
                    register(request, shown)
            return response

        return wrapper

    return decorator


def _render_for_cache(view, request, args, kwargs):
    """Render the page with holes; return (response, kept) with kept None if not for all."""
    token_was_set = request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
    setattr(request, _RENDERING, True)
    try:
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
    finally:
        setattr(request, _RENDERING, False)
    is_html = not response.streaming and response.get("Content-Type", "").startswith("text/html")
    session = getattr(request, "session", None)
    storage = getattr(request, "_messages", None)
    for_everyone = (
        is_html
        and response.status_code == 200
        and not response.cookies
        and not (session is not None and session.modified)
        and not getattr(storage, "_queued_messages", None)
        # A view that asked for a token itself printed it somewhere: not for others.
        and request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False) == token_was_set
    )
    if not for_everyone:
        if is_html:
            response.content = fill(request, response.content.decode()).encode()
        return response, None
    headers = [(k, v) for k, v in response.items() if k.lower() not in _PER_RESPONSE_HEADERS]
    return response, (response.content.decode(), headers)
