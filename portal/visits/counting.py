"""Counting a request, and the figures of the statistics block.

The middleware calls record() for every request; snapshot() gives the sidebar block its
figures; prune() is the nightly clean-up of the database store (manage.py prune_visitors).
"""

import logging
import secrets

from django.db import DatabaseError
from django.utils import timezone
from redis import RedisError

from ..models import SiteProfile
from .days import day_totals, local_day
from .identity import (
    BOT,
    GUEST,
    MEMBER,
    address_key,
    is_page_view,
    remember_visitor,
    user_agent_of,
    visitor_cookie,
    visitor_kind,
)
from .stores import DatabaseBackend, get_backend

logger = logging.getLogger(__name__)


def record(request, response=None, now=None):
    """Count a request: refresh the visitor's presence and, on a new visit, today's visits.

    Return True when a new visit was counted, False when the request belongs to a visit
    already counted (or to a bot), None when it does not count at all. The middleware calls
    it before the view, so that the page it renders already counts its reader, and gives the
    response to remember_visitor() afterwards; given a response, record() does both.
    """
    if not is_page_view(request):
        return None
    now = now or timezone.now()
    user_agent = user_agent_of(request)
    address = address_key(request, user_agent)
    cookie = visitor_cookie(request, address)
    kind = visitor_kind(request, user_agent)
    if cookie is None and kind != BOT:
        request._visitor_cookie = secrets.token_hex(16)
    try:
        if cookie is None:
            counted = get_backend().touch(address, kind, now)
        else:
            counted = get_backend().touch(cookie, kind, now, address=address)
    except (DatabaseError, RedisError):
        # Statistics never cost a reader the page: a failing store is logged and skipped.
        logger.exception("Visit statistics could not be recorded")
        counted = False
    if response is not None:
        remember_visitor(request, response)
    return counted


def snapshot(now=None):
    """Figures of the sidebar block: online (bots, guests, members), today, month, total.

    Two queries once the site profile is cached, however many rows there are: one
    aggregate over VisitDay and one count over the presence window (or one Redis round trip).
    """
    now = now or timezone.now()
    online = get_backend().online(now)
    days = day_totals(local_day(now))
    return {
        "online": online[BOT] + online[GUEST] + online[MEMBER],
        "bots": online[BOT],
        "guests": online[GUEST],
        "members": online[MEMBER],
        "today": days["today"],
        "month": days["month"],
        "total": days["total"] + SiteProfile.load().visits_before_launch,
    }


def prune(now=None, batch=1000):
    """Delete presence rows older than the visit gap; return how many went."""
    now = now or timezone.now()
    return DatabaseBackend().prune(now, batch=batch, until_done=True)
