"""Visit statistics as NukeViet boards show them: who is online, and visits per day.

A visitor is a browser, known by its ``vid`` cookie or, without one, by a keyed hash of its
address and user agent; a member, a guest or a bot (identity.py). A visit: a visitor counts
again after VISIT_GAP_SECONDS without a request; bots never do. Presence lives in the
database or in Redis (stores.py); the visits per day of the site's TIME_ZONE are always in
the database, kept for good (days.py). The middleware counts every request, the sidebar
block shows the figures (counting.py), the admin draws their history (admin_page.py,
charts.py). The content apps count their readers' views and downloads once per visit with
the same notion of a visitor (readers.py).

The names below are the package's public face: ``from portal import visits`` and then
``visits.record(...)``. Importing it needs the models (the apps must be loaded).
"""

from .counting import prune, record, snapshot
from .days import BEFORE_MONTH_KEY, BEFORE_MONTH_SECONDS, day_totals, history, local_day
from .identity import (
    BOT,
    BOT_MARKERS,
    GUEST,
    MEMBER,
    VISITOR_COOKIE,
    VISITOR_COOKIE_MAX_AGE,
    address_key,
    is_bot,
    is_page_view,
    remember_visitor,
    visitor_cookie,
    visitor_kind,
)
from .readers import Visitor, count_once_per_visit, first_in_visit, visitor_of
from .stores import DatabaseBackend, RedisBackend, count_visit_day, get_backend

__all__ = [
    "BEFORE_MONTH_KEY",
    "BEFORE_MONTH_SECONDS",
    "BOT",
    "BOT_MARKERS",
    "GUEST",
    "MEMBER",
    "VISITOR_COOKIE",
    "VISITOR_COOKIE_MAX_AGE",
    "DatabaseBackend",
    "RedisBackend",
    "Visitor",
    "address_key",
    "count_once_per_visit",
    "count_visit_day",
    "day_totals",
    "first_in_visit",
    "get_backend",
    "history",
    "is_bot",
    "is_page_view",
    "local_day",
    "prune",
    "record",
    "remember_visitor",
    "snapshot",
    "visitor_cookie",
    "visitor_kind",
    "visitor_of",
]
