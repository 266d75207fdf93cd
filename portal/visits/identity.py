"""Who a request comes from, as the visit statistics tell visitors apart.

A visitor is a browser, known by the ``vid`` cookie, a random value of its own. A request
without one is known by a keyed hash of its IP address and user agent (its address key), so
that a client that never keeps cookies is one visitor, not one per request; the browser is
given a new random cookie with the response (remember_visitor). Many readers share one
address and browser (office PCs behind one NAT, carrier-grade NAT on mobile networks):
deriving the cookie from the address would merge them for good.

Each visitor is of one kind: a bot (by user agent), a member (signed in) or a guest.
"""

import functools
import re

from django.conf import settings
from django.utils.crypto import salted_hmac

from ..models import VisitorPresence
from ..net import client_ip

VISITOR_COOKIE = "vid"
VISITOR_COOKIE_MAX_AGE = 2 * 365 * 24 * 60 * 60
_VISITOR_KEY = re.compile(r"[0-9a-f]{32}")

GUEST = VisitorPresence.Kind.GUEST.value
MEMBER = VisitorPresence.Kind.MEMBER.value
BOT = VisitorPresence.Kind.BOT.value

# Lower-case pieces of user agents that are not a person reading: search engines first,
# then link previews, SEO crawlers and scripts. The generic "bot/", "bot;" … catch the
# many "SomethingBot/1.0" without matching phone names such as "CUBOT".
BOT_MARKERS = (
    "googlebot",
    "google-inspectiontool",
    "googleother",
    "adsbot-google",
    "mediapartners-google",
    "storebot-google",
    "bingbot",
    "bingpreview",
    "msnbot",
    "coccocbot",
    "yandexbot",
    "yandex.com/bots",
    "baiduspider",
    "duckduckbot",
    "slurp",
    "sogou",
    "seznambot",
    "applebot",
    "petalbot",
    "facebookexternalhit",
    "facebookcatalog",
    "meta-externalagent",
    "twitterbot",
    "linkedinbot",
    "ahrefsbot",
    "semrushbot",
    "mj12bot",
    "dotbot",
    "bytespider",
    "gptbot",
    "claudebot",
    "ccbot",
    "amazonbot",
    "headlesschrome",
    "python-requests",
    "curl/",
    "wget/",
    "bot/",
    "bot;",
    "bot)",
    "bot-",
    "crawler",
    "spider",
)
_BOT_PATTERN = re.compile("|".join(re.escape(marker) for marker in BOT_MARKERS))

# Only this much of a user agent is looked at: real ones are far shorter.
USER_AGENT_LIMIT = 512

# Requests that are not a page view: keep-alive pings of signed-in pages, and the files a
# browser fetches on its own.
_SKIPPED_VIEWS = frozenset({"portal:keepalive", "portal:idle-logout", "robots", "favicon"})
_SKIPPED_PATHS = ("/favicon.ico", "/robots.txt")


@functools.lru_cache(maxsize=4096)
def is_bot(user_agent):
    """Whether a user agent is a crawler or a script; an empty one is never a browser."""
    if not user_agent:
        return True
    return _BOT_PATTERN.search(user_agent.lower()) is not None


def user_agent_of(request):
    """The request's user agent, as much of it as is looked at."""
    return request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_LIMIT]


def address_key(request, user_agent):
    """A keyed hash of the client's IP address and user agent, shaped like a cookie."""
    # Keyed with SECRET_KEY so that the table never holds an address one could read back.
    # The salt stays whatever module this lives in: another would change every address key.
    digest = salted_hmac("portal.visits.visitor", f"{client_ip(request)}\n{user_agent}")
    return digest.hexdigest()[:32]


def visitor_cookie(request, address):
    """The request's visitor cookie, or None when it has none worth keeping."""
    cookie = request.COOKIES.get(VISITOR_COOKIE)
    if not cookie or not _VISITOR_KEY.fullmatch(cookie):
        return None
    # Cookies handed out before they were random are the address key of the browser's first
    # request, shared by every browser that made it from there: such a browser is treated as
    # one without a cookie, which gives it a random one and hands its presence over to it.
    return None if cookie == address else cookie


def visitor_kind(request, user_agent):
    # Crawlers do not sign in: whoever did is a member, whatever the browser says.
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return MEMBER
    return BOT if is_bot(user_agent) else GUEST


def is_page_view(request):
    """Whether a request counts at all: not static, media, robots, favicon or keep-alive."""
    # Nobody reads the answer to a HEAD: uptime monitors and link checkers send them.
    if request.method in ("HEAD", "OPTIONS"):
        return False
    path = request.path
    if path.startswith(_SKIPPED_PATHS) or path.startswith(_file_prefixes()):
        return False
    match = getattr(request, "resolver_match", None)
    return match is None or match.view_name not in _SKIPPED_VIEWS


def _file_prefixes():
    # A STATIC_URL on another host (a CDN) never reaches Django, so it needs no check.
    return tuple(
        prefix
        for prefix in (settings.STATIC_URL, settings.MEDIA_URL)
        if prefix and prefix.startswith("/")
    )


def remember_visitor(request, response):
    """Give a browser counted without a visitor cookie a new random one."""
    key = getattr(request, "_visitor_cookie", None)
    # A proxy could hand one visitor's cookie to everybody with a public response.
    if key is None or "public" in response.get("Cache-Control", ""):
        return
    response.set_cookie(
        VISITOR_COOKIE,
        key,
        max_age=VISITOR_COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
