"""Where presence lives: the database (VisitorPresence) or, when VISIT_BACKEND is "redis",
Redis.

- online: visitors seen in the last VISIT_ONLINE_WINDOW_SECONDS, by kind;
- a visit: a visitor counts again after VISIT_GAP_SECONDS without a request; bots never do.
  When a cookie starts a visit while its address key was seen within the visit gap, it is
  taken as the same browser coming back with the cookie it was given: the address key's
  presence goes, and no second visit is counted.

Either way a request costs at most one write transaction, and the day counters are always in
the database (count_visit_day) so that history survives Redis, which keeps nothing on disk.
"""

import datetime
import functools
import logging
import threading
import time

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, router, transaction
from redis import Redis, RedisError

from ..models import VisitDay, VisitorPresence
from .days import local_day
from .identity import BOT, GUEST, MEMBER

logger = logging.getLogger(__name__)


def _gap():
    return datetime.timedelta(seconds=settings.VISIT_GAP_SECONDS)


def _window():
    return datetime.timedelta(seconds=settings.VISIT_ONLINE_WINDOW_SECONDS)


def count_visit_day(connection, day):
    """Add one visit to `day` with one atomic upsert (the row may not exist yet)."""
    with connection.cursor() as cursor:
        cursor.execute(
            _statements(connection.alias)["day"], [connection.ops.adapt_datefield_value(day)]
        )


@functools.cache
def _statements(alias):
    """The SQL of the database store for one connection, built once.

    Raw SQL because the ORM has no upsert that updates only under a condition and tells
    whether it did; identifiers come quoted from the models, values are always parameters.
    """
    connection = connections[alias]
    if not connection.features.supports_update_conflicts_with_target:
        raise ImproperlyConfigured(
            "Visit statistics need INSERT … ON CONFLICT (PostgreSQL or SQLite 3.24+)."
        )
    quote = connection.ops.quote_name
    presence = VisitorPresence._meta
    table = quote(presence.db_table)
    key = quote(presence.get_field("key").column)
    kind = quote(presence.get_field("kind").column)
    seen = quote(presence.get_field("last_seen").column)
    days = VisitDay._meta
    day_table = quote(days.db_table)
    day = quote(days.get_field("day").column)
    visits = quote(days.get_field("visits").column)
    # Rows another transaction holds are left for the next prune: waiting for them while
    # holding our own row could deadlock two requests that prune at once.
    skip_locked = (
        " FOR UPDATE SKIP LOCKED" if connection.features.has_select_for_update_skip_locked else ""
    )
    return {
        "refresh": (
            f"UPDATE {table} SET {kind} = %s, {seen} = %s "  # noqa: S608
            f"WHERE {key} = %s AND {seen} >= %s"
        ),
        # Inserts a new visitor or takes over a stale row; a row refreshed by a concurrent
        # request is left alone, so exactly one request wins the new visit.
        "start": (
            f"INSERT INTO {table} ({key}, {kind}, {seen}) VALUES (%s, %s, %s) "  # noqa: S608
            f"ON CONFLICT ({key}) DO UPDATE SET {kind} = excluded.{kind}, {seen} = excluded.{seen} "
            f"WHERE {table}.{seen} < %s"
        ),
        # The address key of a browser that now shows its cookie, seen within the gap: the
        # rowcount tells whether this visit was already counted under that key.
        "hand_over": f"DELETE FROM {table} WHERE {key} = %s AND {seen} >= %s",  # noqa: S608
        "day": (
            f"INSERT INTO {day_table} ({day}, {visits}) VALUES (%s, 1) "  # noqa: S608
            f"ON CONFLICT ({day}) DO UPDATE SET {visits} = {day_table}.{visits} + 1"
        ),
        # Written out rather than built by the ORM: on every page, compiling the query would
        # cost more than running it.
        "online": f"SELECT {kind}, COUNT(*) FROM {table} WHERE {seen} >= %s GROUP BY {kind}",  # noqa: S608
        "prune": (
            f"DELETE FROM {table} WHERE {key} IN (SELECT {key} FROM {table} "  # noqa: S608
            f"WHERE {seen} < %s LIMIT %s{skip_locked})"
        ),
    }


class DatabaseBackend:
    """Presence in VisitorPresence rows; shared by every process through the database."""

    # Stale rows are deleted at most this often per process, in the new-visit path.
    PRUNE_EVERY_SECONDS = 60

    _next_prune = 0.0
    _prune_lock = threading.Lock()

    def touch(self, key, kind, now, address=None):
        """Refresh a visitor's presence; return True when this request starts a new visit.

        key is the visitor's cookie or, without one, its address key; address is the address
        key of a request that has a cookie.
        """
        connection = connections[router.db_for_write(VisitorPresence)]
        sql = _statements(connection.alias)
        adapt = connection.ops.adapt_datetimefield_value
        seen, cutoff = adapt(now), adapt(now - _gap())
        # The usual request: a visitor seen within the gap. One statement, its own
        # transaction; it writes nothing when it matches no row.
        with connection.cursor() as cursor:
            cursor.execute(sql["refresh"], [kind, seen, key, cutoff])
            if cursor.rowcount:
                return False
        with transaction.atomic(using=connection.alias):
            with connection.cursor() as cursor:
                cursor.execute(sql["start"], [key, kind, seen, cutoff])
                started = cursor.rowcount == 1
                # Of browsers that show their cookie at once, only the first finds the row:
                # the others wait for its lock and then see it gone.
                handed_over = False
                if started and address:
                    cursor.execute(sql["hand_over"], [address, cutoff])
                    handed_over = cursor.rowcount > 0
            new_visit = started and not handed_over and kind != BOT
            if new_visit:
                count_visit_day(connection, local_day(now))
            if started and self._prune_due():
                self.prune(now, connection=connection)
        return new_visit

    def _prune_due(self):
        clock = time.monotonic()
        with self._prune_lock:
            if clock < DatabaseBackend._next_prune:
                return False
            DatabaseBackend._next_prune = clock + self.PRUNE_EVERY_SECONDS
            return True

    def prune(self, now, batch=1000, until_done=False, connection=None):
        """Delete up to `batch` stale rows (all of them with until_done); return the count."""
        connection = connection or connections[router.db_for_write(VisitorPresence)]
        sql = _statements(connection.alias)["prune"]
        cutoff = connection.ops.adapt_datetimefield_value(now - _gap())
        deleted = 0
        while True:
            with connection.cursor() as cursor:
                cursor.execute(sql, [cutoff, batch])
                deleted += max(cursor.rowcount, 0)
                if not until_done or cursor.rowcount < batch:
                    return deleted

    def online(self, now):
        """{kind: visitors seen in the online window} in one query."""
        connection = connections[router.db_for_read(VisitorPresence)]
        since = connection.ops.adapt_datetimefield_value(now - _window())
        counts = dict.fromkeys((GUEST, MEMBER, BOT), 0)
        with connection.cursor() as cursor:
            cursor.execute(_statements(connection.alias)["online"], [since])
            counts.update(cursor.fetchall())
        return counts


# The whole of a request's work in Redis, atomic because a script runs alone.
# KEYS: presence of the visitor, the online sorted sets of guests, members and bots, then
# for a visitor known by its cookie the presence of its address key.
# ARGV: kind, visitor key, now (ms), gap (ms), online window (ms), presence TTL (s), then
# the address key when KEYS[5] is given.
# The presence value "kind:last-seen" tells a new visit and in which set the visitor was;
# its last-seen, not the TTL, decides, so that the rule is the database store's.
_TOUCH_SCRIPT = """
local sets = {guest = KEYS[2], member = KEYS[3], bot = KEYS[4]}
local kind, visitor = ARGV[1], ARGV[2]
local now, gap, window = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local function seen_within_gap(value)
  local sep = string.find(value, ':', 1, true)
  return now - tonumber(string.sub(value, sep + 1)) <= gap, string.sub(value, 1, sep - 1)
end
local new_visit = 1
local previous = redis.call('GET', KEYS[1])
if previous then
  local recent, previous_kind = seen_within_gap(previous)
  if recent then new_visit = 0 end
  if previous_kind ~= kind and sets[previous_kind] then
    redis.call('ZREM', sets[previous_kind], visitor)
  end
end
if new_visit == 1 and KEYS[5] then
  local before = redis.call('GET', KEYS[5])
  if before and seen_within_gap(before) then
    new_visit = 0
    redis.call('DEL', KEYS[5])
    for i = 2, 4 do redis.call('ZREM', KEYS[i], ARGV[7]) end
  end
end
redis.call('SET', KEYS[1], kind .. ':' .. ARGV[3], 'EX', ARGV[6])
redis.call('ZADD', sets[kind], ARGV[3], visitor)
for i = 2, 4 do
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', '(' .. (now - window))
end
return new_visit
"""


class RedisBackend:
    """Presence in Redis (a key per visitor, a sorted set per kind); days in the database."""

    _connections = {}

    def _connection(self):
        """Return (client, touch script) for REDIS_URL, made once per process and URL."""
        url = getattr(settings, "REDIS_URL", None)
        if not url:
            raise ImproperlyConfigured('VISIT_BACKEND = "redis" needs REDIS_URL.')
        found = self._connections.get(url)
        if found is None:
            # Short timeouts: a Redis that hangs must not hold every page with it.
            client = Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
            found = self._connections[url] = (client, client.register_script(_TOUCH_SCRIPT))
        return found

    def _keys(self, key=None, address=None):
        prefix = getattr(settings, "VISIT_REDIS_PREFIX", "portal:visits:")
        sets = [f"{prefix}online:{kind}" for kind in (GUEST, MEMBER, BOT)]
        keys = ([f"{prefix}p:{key}"] if key else []) + sets
        return (keys + [f"{prefix}p:{address}"]) if address else keys

    def touch(self, key, kind, now, address=None):
        """Like DatabaseBackend.touch, in one script run."""
        _client, script = self._connection()
        gap = settings.VISIT_GAP_SECONDS
        args = [
            kind,
            key,
            _millis(now),
            gap * 1000,
            settings.VISIT_ONLINE_WINDOW_SECONDS * 1000,
            gap + 60,
        ]
        new_visit = script(
            keys=self._keys(key, address), args=(args + [address]) if address else args
        )
        if not new_visit or kind == BOT:
            return False
        count_visit_day(connections[router.db_for_write(VisitDay)], local_day(now))
        return True

    def online(self, now):
        since = _millis(now - _window())
        try:
            pipe = self._connection()[0].pipeline(transaction=False)
            for name in self._keys():
                pipe.zcount(name, since, "+inf")
            guests, members, bots = pipe.execute()
        except RedisError:
            logger.exception("Online visitors could not be read from Redis")
            guests = members = bots = 0
        return {GUEST: guests, MEMBER: members, BOT: bots}


def _millis(moment):
    return int(moment.timestamp() * 1000)


_backends = {"db": DatabaseBackend(), "redis": RedisBackend()}


def get_backend():
    try:
        return _backends[settings.VISIT_BACKEND]
    except KeyError:
        raise ImproperlyConfigured(
            f"VISIT_BACKEND must be 'db' or 'redis', not {settings.VISIT_BACKEND!r}."
        ) from None
