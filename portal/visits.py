"""Visit statistics as NukeViet boards show them: who is online, and visits per day.

A visitor is a browser, known by the ``vid`` cookie, a random value of its own. A request
without one is known by a keyed hash of its IP address and user agent (its address key), so
that a client that never keeps cookies is one visitor, not one per request; the browser is
given a new random cookie with the response. Many readers share one address and browser
(office PCs behind one NAT, carrier-grade NAT on mobile networks): deriving the cookie from
the address would merge them for good. When a cookie then starts a visit while its address
key was seen within the visit gap, it is taken as the same browser coming back with the
cookie it was given: the address key's presence goes, and no second visit is counted.

- online: visitors seen in the last VISIT_ONLINE_WINDOW_SECONDS, split into bots (by user
  agent), members (signed in) and guests;
- a visit: a visitor counts again after VISIT_GAP_SECONDS without a request; bots never do.
  Visits are added up per day of the site's TIME_ZONE in VisitDay, kept for good.

Presence lives in the database (VisitorPresence) or, when VISIT_BACKEND is "redis", in Redis.
Either way a request costs at most one write transaction, and the day counters are always in
the database so that history survives Redis, which keeps nothing on disk.
"""

import datetime
import functools
import logging
import re
import secrets
import threading
import time
from collections import Counter

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connections, router, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.crypto import salted_hmac
from redis import Redis, RedisError

from .models import SiteProfile, VisitDay, VisitorPresence
from .net import client_ip

logger = logging.getLogger(__name__)

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
_USER_AGENT_LIMIT = 512

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


def address_key(request, user_agent):
    """A keyed hash of the client's IP address and user agent, shaped like a cookie."""
    # Keyed with SECRET_KEY so that the table never holds an address one could read back.
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


def local_day(now):
    """The day of `now` in the site's TIME_ZONE, whatever zone a request activated."""
    return timezone.localtime(now, timezone.get_default_timezone()).date()


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
    user_agent = request.META.get("HTTP_USER_AGENT", "")[:_USER_AGENT_LIMIT]
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


BEFORE_MONTH_KEY = "portal:visits:before-month:v1"
# Kept briefly, though the admin's saves drop it, because some changes reach no signal: a
# visit begun on a month's last day and written just after midnight, a bulk import, or a save
# in another process when each process has its own local-memory cache.
BEFORE_MONTH_SECONDS = 5 * 60


def day_totals(today):
    """Visits today, this month, and in every day recorded up to today.

    Days before this month hardly change, so their sum is cached; the page reads only this
    month's rows, with plain SQL because building the ORM query cost more than running it.
    """
    first = today.replace(day=1)
    cached = cache.get(BEFORE_MONTH_KEY)
    if cached is not None and cached[0] == first.isoformat():
        before = cached[1]
    else:
        before = VisitDay.objects.filter(day__lt=first).aggregate(s=Sum("visits", default=0))["s"]
        cache.set(BEFORE_MONTH_KEY, (first.isoformat(), before), BEFORE_MONTH_SECONDS)
    db = connections[router.db_for_read(VisitDay)]
    table = db.ops.quote_name(VisitDay._meta.db_table)
    with db.cursor() as cursor:
        cursor.execute(
            f"SELECT day, visits FROM {table} WHERE day >= %s",  # noqa: S608
            [first.isoformat()],
        )
        rows = [(str(day), visits) for day, visits in cursor.fetchall()]
    iso_today = today.isoformat()
    month = sum(visits for day, visits in rows if day <= iso_today)
    today_visits = sum(visits for day, visits in rows if day == iso_today)
    return {"today": today_visits, "month": month, "total": before + sum(v for _d, v in rows)}


def history(today, days=30, months=12):
    """Return (daily, monthly) visits up to `today`, oldest first, from one query.

    daily is [(date, visits)] for the last `days` days, monthly [(first day of the month,
    visits)] for the last `months` months; days without a row count 0.
    """
    first_day = today - datetime.timedelta(days=days - 1)
    first_month = _add_months(today.replace(day=1), -(months - 1))
    counts = dict(
        VisitDay.objects.filter(day__gte=min(first_day, first_month), day__lte=today)
        .order_by()
        .values_list("day", "visits")
    )
    daily = [
        (day, counts.get(day, 0))
        for day in (first_day + datetime.timedelta(days=n) for n in range(days))
    ]
    per_month = Counter()
    for day, visits in counts.items():
        if day >= first_month:
            per_month[day.replace(day=1)] += visits
    monthly = [
        (month, per_month[month]) for month in (_add_months(first_month, n) for n in range(months))
    ]
    return daily, monthly


def _add_months(first_of_month, months):
    index = first_of_month.year * 12 + first_of_month.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def prune(now=None, batch=1000):
    """Delete presence rows older than the visit gap; return how many went."""
    now = now or timezone.now()
    return DatabaseBackend().prune(now, batch=batch, until_done=True)


# --- Stores ---------------------------------------------------------------------------------


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
