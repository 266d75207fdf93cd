"""Readers as the content apps tell them apart, and what they count once per visit.

A Visitor is known the way the visit statistics know a browser (identity.py), with a
member known by the account instead. first_in_visit() tells whether a visitor meets
something for the first time in their visit; count_once_per_visit() is the one counter of
the content apps built on it: an article's views, a document's views and downloads.

Per visit, not per Django session: guests have no session. What a visitor was counted for
is remembered in the cache (shared by every process when Redis is used) until
VISIT_GAP_SECONDS pass without them coming back to it; only a counted event writes, with
one atomic UPDATE per row (F() + 1), never a read-modify-write.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import F

from .identity import address_key, is_bot, user_agent_of, visitor_cookie

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Visitor:
    """Who is reading, as the news app tells readers apart.

    key: "u:<id>" for a member, "c:<vid cookie>" for a browser that keeps the visit cookie,
    "a:<address key>" for one that does not (the keyed hash of IP and user agent that the
    visit statistics use). address: the address key of the request, whoever sends it.
    new_key: the key the browser will have from its next request, when this response gives
    it its first vid cookie.
    """

    key: str
    address: str
    is_member: bool = False
    is_bot: bool = False
    new_key: str | None = None

    @property
    def lasting_key(self):
        """The key this browser keeps from now on: what its vote or comment is filed under."""
        return self.new_key or self.key


def visitor_of(request):
    """The Visitor of a request, known the way portal.visits knows it."""
    user_agent = user_agent_of(request)
    address = address_key(request, user_agent)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return Visitor(key=f"u:{user.pk}", address=address, is_member=True)
    cookie = visitor_cookie(request, address)
    given = getattr(request, "_visitor_cookie", None)
    return Visitor(
        key=f"c:{cookie}" if cookie else f"a:{address}",
        address=address,
        is_bot=is_bot(user_agent),
        new_key=f"c:{given}" if given and not cookie else None,
    )


def first_in_visit(request, subject):
    """Whether this visitor meets `subject` (e.g. "articles:seen:12") for the first time in
    their visit; False for bots, and when the cache cannot tell.

    A visit is the visit statistics' one: it ends after VISIT_GAP_SECONDS without meeting
    the subject again. What was met is remembered in the cache (shared by every process
    when Redis is used), not the database, so only a first meeting costs a write.
    """
    visitor = visitor_of(request)
    if visitor.is_bot:
        return False
    gap = settings.VISIT_GAP_SECONDS
    try:
        if not cache.add(f"{subject}:{visitor.key}", 1, gap):
            # Meeting it again keeps the visit open, as any request does for the statistics.
            cache.touch(f"{subject}:{visitor.key}", gap)
            return False
        if visitor.new_key:
            # A browser's first request is known by its address, the next by the cookie it
            # is given now: both stand for the same visitor.
            cache.set(f"{subject}:{visitor.new_key}", 1, gap)
    except Exception:
        # The cache is Redis in production; without it nothing is counted.
        logger.exception("Could not check %s in the cache", subject)
        return False
    return True


def count_once_per_visit(request, subject, rows, field, *, what, also=()):
    """Add 1 to `field` of `rows` the first time this visitor meets `subject` in their
    visit (see first_in_visit); return whether it counted.

    rows: a queryset, whose filter is the rule too (a page no longer published counts
    nothing). also: (queryset, field) pairs that move with it, only when rows matched and
    in the same transaction, so that they never disagree (a file's downloads and its
    document's total). Each is one UPDATE with F(), so that parallel counts all add up.
    A database error is logged ("<what> could not be counted") and counts nothing.
    """
    if not first_in_visit(request, subject):
        return False
    try:
        if not also:
            # One statement is atomic by itself: no transaction, no savepoint to pay for.
            return bool(_add_one(rows, field))
        with transaction.atomic():
            counted = _add_one(rows, field)
            if counted:
                for more_rows, more_field in also:
                    _add_one(more_rows, more_field)
    except DatabaseError:
        logger.exception("%s could not be counted", what)
        return False
    return bool(counted)


def _add_one(rows, field):
    return rows.update(**{field: F(field) + 1})
