"""Visit statistics ("Thống kê"): who is online, visits per day and month, and their history.

Times are passed explicitly (`now=`) so that every rule is checked at its edge, without
sleeping. The concurrent tests run on whatever database is configured (SQLite or
PostgreSQL); the Redis tests use their own key prefix in Redis database 15, and the tests
that take the `store` fixture run once on each store.
"""

import datetime
import re
import threading
import time
import types
import uuid
from io import StringIO

import factory
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.cache.backends import locmem
from django.core.management import call_command
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve
from django.utils import timezone
from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

from portal import visits
from portal.middleware import VisitStatisticsMiddleware
from portal.models import SiteProfile, VisitDay, VisitorPresence
from tests.concurrency import in_parallel
from tests.factories import UserFactory

UTC = datetime.UTC
# 10:00 in Vietnam (UTC+7).
T0 = datetime.datetime(2025, 3, 10, 3, 0, tzinfo=UTC)
MINUTE = datetime.timedelta(minutes=1)

BROWSER = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
COCCOC_BROWSER = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "coc_coc_browser/117.0.184 Chrome/111.0.0.0 Safari/537.36"
)
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
BINGBOT = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"
COCCOCBOT = "Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)"
FACEBOOK = "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"


class VisitDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VisitDay
        django_get_or_create = ["day"]

    day = factory.Sequence(lambda n: datetime.date(2020, 1, 1) + datetime.timedelta(days=n))
    visits = 10


class PresenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VisitorPresence

    key = factory.LazyFunction(lambda: uuid.uuid4().hex)
    kind = VisitorPresence.Kind.GUEST
    last_seen = T0


class SiteProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SiteProfile
        django_get_or_create = ["id"]

    id = 1
    board_name = "Trang thông tin điện tử Ban Tuyên giáo Tỉnh ủy Kon Tum"


def vid():
    """A fresh visitor cookie, as a browser that was given one sends it."""
    return uuid.uuid4().hex


def page_request(path="/", *, cookie=None, ua=BROWSER, ip="203.0.113.7", user=None, method="get"):
    headers = {"HTTP_USER_AGENT": ua, "REMOTE_ADDR": ip}
    if cookie:
        headers["HTTP_COOKIE"] = f"{visits.VISITOR_COOKIE}={cookie}"
    request = getattr(RequestFactory(), method)(path, **headers)
    request.user = user or AnonymousUser()
    try:
        request.resolver_match = resolve(request.path_info)
    except Resolver404:
        request.resolver_match = None
    return request


def visit(now, path="/", **kwargs):
    """One request through visits.record(); return (counted, response)."""
    response = HttpResponse()
    return visits.record(page_request(path, **kwargs), response, now=now), response


def cookie_of(response):
    """The visitor cookie a response gives, or None."""
    cookie = response.cookies.get(visits.VISITOR_COOKIE)
    return cookie.value if cookie else None


def stats(now):
    return visits.snapshot(now=now)


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture(autouse=True)
def _database_store(settings):
    settings.VISIT_BACKEND = "db"


@pytest.fixture(params=["db", "redis"])
def store(request):
    """Run the test on the database store, then on the Redis one."""
    if request.param == "redis":
        request.getfixturevalue("redis_store")
    return request.param


@pytest.fixture
def no_prune(monkeypatch):
    """Keep the occasional prune out of statement counts."""
    monkeypatch.setattr(visits.DatabaseBackend, "_next_prune", float("inf"))


# --- Who is online ------------------------------------------------------------------------


@pytest.mark.django_db
def test_online_counts_the_visitors_of_the_last_five_minutes():
    first, second = vid(), vid()
    visit(T0, cookie=first)
    visit(T0 + 3 * MINUTE, cookie=second)

    assert stats(T0 + 5 * MINUTE)["online"] == 2
    later = stats(T0 + 6 * MINUTE)
    assert (later["online"], later["guests"]) == (1, 1)
    assert stats(T0 + 9 * MINUTE)["online"] == 0
    # Gone from the online list, the visits stay counted.
    assert stats(T0 + 9 * MINUTE)["today"] == 2


@pytest.mark.django_db
def test_search_engines_are_online_as_bots_but_never_counted_as_visits():
    for agent in (GOOGLEBOT, BINGBOT, COCCOCBOT, FACEBOOK, ""):
        counted, response = visit(T0, ua=agent, ip="66.249.66.1")
        assert counted is False
        assert visits.VISITOR_COOKIE not in response.cookies  # crawlers keep none anyway
    figures = stats(T0 + MINUTE)
    assert figures["bots"] == 5
    assert (figures["guests"], figures["members"], figures["online"]) == (0, 0, 5)
    assert (figures["today"], figures["month"], figures["total"]) == (0, 0, 0)

    # A bot coming back after an hour is still no visit.
    visit(T0 + 60 * MINUTE, ua=GOOGLEBOT, ip="66.249.66.1")
    assert stats(T0 + 61 * MINUTE)["total"] == 0


def test_bots_are_told_by_user_agent_and_browsers_are_not():
    for agent in (GOOGLEBOT, BINGBOT, COCCOCBOT, FACEBOOK, "YandexBot/3.0", "Baiduspider/2.0"):
        assert visits.is_bot(agent), agent
    assert visits.is_bot("")  # no browser sends no user agent
    for agent in (BROWSER, FIREFOX, COCCOC_BROWSER, "Mozilla/5.0 (Linux; Android 12; CUBOT X50)"):
        assert not visits.is_bot(agent), agent


@pytest.mark.django_db
def test_members_and_guests_are_told_apart():
    member = UserFactory()
    visit(T0, cookie=vid())
    visit(T0, cookie=vid(), user=member)
    figures = stats(T0 + MINUTE)
    assert (figures["online"], figures["guests"], figures["members"]) == (2, 1, 1)


@pytest.mark.django_db
def test_whoever_signed_in_is_a_member_whatever_the_browser_says():
    visit(T0, cookie=vid(), ua="HeadlessChrome/126.0", user=UserFactory())
    figures = stats(T0 + MINUTE)
    assert (figures["members"], figures["bots"], figures["today"]) == (1, 0, 1)


@pytest.mark.django_db
def test_a_guest_who_signs_in_becomes_a_member_without_a_second_visit():
    browser = vid()
    visit(T0, cookie=browser)
    visit(T0 + MINUTE, cookie=browser, user=UserFactory())
    figures = stats(T0 + 2 * MINUTE)
    assert (figures["online"], figures["guests"], figures["members"]) == (1, 0, 1)
    assert figures["today"] == 1


# --- What a visit is ----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_visit_lasts_while_requests_come_within_thirty_minutes():
    reader = vid()
    assert visit(T0, cookie=reader)[0] is True
    assert visit(T0 + 10 * MINUTE, cookie=reader)[0] is False
    assert visit(T0 + 39 * MINUTE, cookie=reader)[0] is False  # 29 minutes after the last
    assert stats(T0 + 40 * MINUTE)["today"] == 1

    assert visit(T0 + 70 * MINUTE, cookie=reader)[0] is True  # 31 minutes without a request
    assert stats(T0 + 71 * MINUTE)["today"] == 2


@pytest.mark.django_db
def test_a_client_that_keeps_no_cookie_is_one_visitor_per_address_and_user_agent(store):
    given = set()
    for minute in range(5):  # a client that never sends back the cookie it is given
        counted, response = visit(T0 + minute * MINUTE, ip="198.51.100.20", ua=BROWSER)
        assert counted is (minute == 0)
        given.add(cookie_of(response))
    assert len(given) == 5  # each one new, none the key it is counted under
    visit(T0, ip="198.51.100.20", ua=FIREFOX)  # another browser behind the same address
    visit(T0, ip="198.51.100.21", ua=BROWSER)  # the same browser elsewhere
    figures = stats(T0 + 5 * MINUTE)
    assert (figures["online"], figures["guests"], figures["today"]) == (3, 3, 3)


@pytest.mark.django_db
def test_bots_keeping_no_cookie_are_one_visitor_per_address_and_user_agent(store):
    for minute in range(5):
        visit(T0 + minute * MINUTE, ua=GOOGLEBOT, ip="66.249.66.1")
    figures = stats(T0 + 5 * MINUTE)
    assert (figures["online"], figures["bots"], figures["today"]) == (1, 1, 0)


@pytest.mark.django_db
def test_the_cookie_keeps_a_browser_the_visitor_of_its_first_request(store):
    ip = "198.51.100.30"
    counted, response = visit(T0, ip=ip)
    cookie = response.cookies[visits.VISITOR_COOKIE]
    assert counted is True
    assert re.fullmatch(r"[0-9a-f]{32}", cookie.value)
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) >= 365 * 24 * 60 * 60
    assert cookie.value != visits.address_key(page_request(ip=ip), BROWSER)

    # The next requests show the cookie: the same visit, and still one reader online.
    counted, response = visit(T0 + MINUTE, ip=ip, cookie=cookie.value)
    assert counted is False
    assert visits.VISITOR_COOKIE not in response.cookies
    figures = stats(T0 + 2 * MINUTE)
    assert (figures["online"], figures["guests"], figures["today"]) == (1, 1, 1)
    # A new address (mobile network) changes nothing once the browser has its cookie.
    assert visit(T0 + 3 * MINUTE, ip="192.0.2.99", cookie=cookie.value)[0] is False
    figures = stats(T0 + 4 * MINUTE)
    assert (figures["online"], figures["guests"], figures["today"]) == (1, 1, 1)
    if store == "db":
        assert list(VisitorPresence.objects.values_list("key", flat=True)) == [cookie.value]


@pytest.mark.django_db
def test_browsers_sharing_an_address_and_user_agent_are_told_apart_by_their_cookies(store):
    office = "198.51.100.40"  # two PCs with the same managed browser behind one NAT
    first_counted, first = visit(T0, ip=office)
    second_counted, second = visit(T0 + MINUTE, ip=office)
    first, second = cookie_of(first), cookie_of(second)
    assert first != second
    # Until they show their cookies the two cannot be told apart.
    assert (first_counted, second_counted) == (True, False)

    assert visit(T0 + 2 * MINUTE, ip=office, cookie=first)[0] is False  # the first PC again
    assert visit(T0 + 3 * MINUTE, ip=office, cookie=second)[0] is True
    for minute in range(4, 8):
        visit(T0 + minute * MINUTE, ip=office, cookie=first)
        visit(T0 + minute * MINUTE, ip=office, cookie=second)
    figures = stats(T0 + 8 * MINUTE)
    assert (figures["online"], figures["guests"], figures["today"]) == (2, 2, 2)

    # Back the next morning, each is a visit of its own.
    tomorrow = T0 + datetime.timedelta(days=1)
    assert visit(tomorrow, ip=office, cookie=first)[0] is True
    assert visit(tomorrow, ip=office, cookie=second)[0] is True
    figures = stats(tomorrow + MINUTE)
    assert (figures["online"], figures["today"], figures["total"]) == (2, 2, 4)


@pytest.mark.django_db
def test_a_cookie_after_the_gap_does_not_take_over_an_old_address_visit(store):
    ip = "198.51.100.50"
    _counted, response = visit(T0, ip=ip)
    # Back 40 minutes later: the cookieless request's visit is over, this one is new.
    assert visit(T0 + 40 * MINUTE, ip=ip, cookie=cookie_of(response))[0] is True
    assert stats(T0 + 41 * MINUTE)["today"] == 2


@pytest.mark.django_db
def test_a_cookie_does_not_take_over_a_visitor_of_another_address_or_browser(store):
    visit(T0, ip="198.51.100.60", ua=BROWSER)
    visit(T0, ip="198.51.100.61", ua=FIREFOX)
    assert visit(T0 + MINUTE, ip="198.51.100.60", ua=FIREFOX, cookie=vid())[0] is True
    assert visit(T0 + MINUTE, ip="198.51.100.61", ua=BROWSER, cookie=vid())[0] is True
    figures = stats(T0 + 2 * MINUTE)
    assert (figures["online"], figures["today"]) == (4, 4)


@pytest.mark.django_db
def test_a_cookie_handed_out_as_the_address_key_is_replaced_by_a_random_one(store):
    # Cookies were once the address key of the first request, so every PC behind one NAT
    # with the same browser had the same one.
    office = "198.51.100.70"
    shared = visits.address_key(page_request(ip=office), BROWSER)
    assert visit(T0, ip=office, cookie=shared)[0] is True
    first = cookie_of(visit(T0 + MINUTE, ip=office, cookie=shared)[1])
    second = cookie_of(visit(T0 + MINUTE, ip=office, cookie=shared)[1])
    assert None not in (first, second)
    assert len({first, second, shared}) == 3

    assert visit(T0 + 2 * MINUTE, ip=office, cookie=first)[0] is False
    assert visit(T0 + 2 * MINUTE, ip=office, cookie=second)[0] is True
    figures = stats(T0 + 3 * MINUTE)
    assert (figures["online"], figures["today"]) == (2, 2)


@pytest.mark.django_db
def test_a_forged_cookie_is_replaced_by_a_random_one():
    request = page_request(cookie="'; DROP TABLE portal_visitday; --")
    response = HttpResponse()
    assert visits.record(request, response, now=T0) is True
    assert re.fullmatch(r"[0-9a-f]{32}", cookie_of(response))
    # Until the browser shows the new cookie it is known by its address and user agent.
    assert list(VisitorPresence.objects.values_list("key", flat=True)) == [
        visits.address_key(request, BROWSER)
    ]


@pytest.mark.django_db
def test_the_visitor_cookie_is_secure_outside_debugging(settings):
    settings.SESSION_COOKIE_SECURE = True
    _counted, response = visit(T0)
    assert response.cookies[visits.VISITOR_COOKIE]["secure"] is True


@pytest.mark.django_db
def test_a_publicly_cacheable_response_carries_no_visitor_cookie():
    request = page_request()
    response = HttpResponse()
    response["Cache-Control"] = "public, max-age=600"
    assert visits.record(request, response, now=T0) is True
    assert visits.VISITOR_COOKIE not in response.cookies


@pytest.mark.django_db
def test_the_reader_of_a_page_is_already_counted_on_it(client):
    SiteProfileFactory()
    response = client.get("/", HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200
    assert "Đang truy cập 1" in text_of(response)
    assert "Hôm nay 1" in text_of(response)
    assert visits.VISITOR_COOKIE in response.cookies

    again = client.get("/", HTTP_USER_AGENT=BROWSER)  # the client sends the cookie back
    assert "Đang truy cập 1" in text_of(again)
    assert "Hôm nay 1" in text_of(again)


@pytest.mark.django_db
def test_head_requests_count_nothing(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert visits.record(page_request(method="head"), HttpResponse(), now=T0) is None
    response = client.head("/", HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200
    assert visits.VISITOR_COOKIE not in response.cookies
    assert not VisitorPresence.objects.exists()
    assert not VisitDay.objects.exists()


@pytest.mark.django_db
def test_an_address_that_matches_no_page_is_not_counted(client):
    # What scanners probe: no URL pattern matches, so the view middleware never runs.
    response = client.get("/wp-login.php", HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 404
    assert not VisitorPresence.objects.exists()
    assert not VisitDay.objects.exists()


# --- Days and months in Vietnam -----------------------------------------------------------


@pytest.mark.django_db
def test_days_roll_over_at_midnight_in_vietnam():
    late = datetime.datetime(2025, 3, 10, 16, 59, tzinfo=UTC)  # 23:59 on 10/3 in Vietnam
    early = datetime.datetime(2025, 3, 10, 17, 1, tzinfo=UTC)  # 00:01 on 11/3
    visit(late, cookie=vid())
    visit(early, cookie=vid())

    assert dict(VisitDay.objects.values_list("day", "visits")) == {
        datetime.date(2025, 3, 10): 1,
        datetime.date(2025, 3, 11): 1,
    }
    figures = stats(early + MINUTE)
    assert (figures["today"], figures["month"], figures["total"]) == (1, 2, 2)


@pytest.mark.django_db
def test_months_roll_over_at_midnight_in_vietnam():
    visit(datetime.datetime(2025, 1, 31, 16, 59, tzinfo=UTC), cookie=vid())  # 31/1 23:59
    visit(datetime.datetime(2025, 1, 31, 17, 1, tzinfo=UTC), cookie=vid())  # 1/2 00:01
    figures = stats(datetime.datetime(2025, 1, 31, 17, 5, tzinfo=UTC))
    assert (figures["today"], figures["month"], figures["total"]) == (1, 1, 2)


@pytest.mark.django_db
def test_a_visit_across_midnight_counts_once_on_the_day_it_began():
    reader = vid()
    visit(datetime.datetime(2025, 3, 10, 16, 50, tzinfo=UTC), cookie=reader)
    visit(datetime.datetime(2025, 3, 10, 17, 10, tzinfo=UTC), cookie=reader)
    assert list(VisitDay.objects.values_list("day", "visits")) == [(datetime.date(2025, 3, 10), 1)]


# --- The cached sum of past months ------------------------------------------------------------


def previous_month(today):
    return (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


@pytest.mark.django_db
def test_an_edit_of_a_past_month_in_the_admin_shows_at_once(admin_client):
    now = timezone.now()
    today = visits.local_day(now)
    past = VisitDayFactory(day=previous_month(today), visits=1000)
    VisitDayFactory(day=today, visits=5)
    assert visits.snapshot(now)["total"] == 1005  # and the sum of past months is cached

    response = admin_client.post(
        f"/admin/portal/visitday/{past.pk}/change/",
        {"day": f"{past.day:%d/%m/%Y}", "visits": "1500"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    # The editor's request was a visit too, today.
    assert visits.snapshot(now)["total"] == 1500 + 5 + 1

    response = admin_client.post(f"/admin/portal/visitday/{past.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not VisitDay.objects.filter(pk=past.pk).exists()
    assert visits.snapshot(now)["total"] == 5 + 1


@pytest.mark.django_db
def test_a_change_no_signal_reports_shows_within_five_minutes(settings, monkeypatch):
    # A cache of this process alone, whose clock the test can move.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"visits-{uuid.uuid4().hex}",
        }
    }
    VisitDayFactory(day=datetime.date(2025, 2, 10), visits=100)
    assert stats(T0)["total"] == 100

    # A day written by the store's own SQL, a bulk import, or another process's save.
    VisitDay.objects.filter(day=datetime.date(2025, 2, 10)).update(visits=150)
    VisitDay.objects.bulk_create([VisitDay(day=datetime.date(2025, 1, 5), visits=7)])
    assert stats(T0)["total"] == 100  # still cached

    started = time.time()
    clock = types.SimpleNamespace(time=lambda: started + 5 * 60 + 1)
    monkeypatch.setattr(locmem, "time", clock)
    assert stats(T0)["total"] == 157


@pytest.mark.django_db
def test_a_warm_cache_gives_the_new_month_its_own_figures():
    VisitDayFactory(day=datetime.date(2024, 12, 31), visits=100)
    VisitDayFactory(day=datetime.date(2025, 1, 31), visits=10)
    last_evening = datetime.datetime(2025, 1, 31, 15, 0, tzinfo=UTC)  # 31/1 22:00 in Vietnam
    figures = stats(last_evening)
    assert (figures["today"], figures["month"], figures["total"]) == (10, 10, 110)

    VisitDayFactory(day=datetime.date(2025, 2, 1), visits=1)
    first_morning = datetime.datetime(2025, 1, 31, 17, 5, tzinfo=UTC)  # 1/2 00:05
    figures = stats(first_morning)
    assert (figures["today"], figures["month"], figures["total"]) == (1, 1, 111)
    # The sum cached for February holds January, which is no longer read row by row.
    VisitDay.objects.filter(day=datetime.date(2025, 1, 31)).update(visits=20)
    assert stats(first_morning + MINUTE)["total"] == 111
    assert cache.get(visits.BEFORE_MONTH_KEY) == ("2025-02-01", 110)


# --- Totals carried over from NukeViet --------------------------------------------------------


@pytest.mark.django_db
def test_the_total_starts_from_the_visits_before_launch(client):
    SiteProfileFactory(visits_before_launch=9_927_613)
    today = visits.local_day(timezone.now())
    VisitDayFactory(day=today, visits=1)
    figures = visits.snapshot()
    assert (figures["today"], figures["total"]) == (1, 9_927_614)

    page = text_of(client.get("/", HTTP_USER_AGENT=BROWSER))
    assert "Tổng lượt truy cập 9.927.615" in page  # with this reader's visit


@pytest.mark.django_db
def test_days_entered_in_the_admin_are_the_starting_point_of_the_counters(admin_client):
    response = admin_client.post(
        "/admin/portal/visitday/add/", {"day": "10/03/2025", "visits": "1234"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    VisitDayFactory(day=datetime.date(2025, 3, 1), visits=5000)
    visit(T0, cookie=vid())
    figures = stats(T0 + MINUTE)
    # The editor's own request in the admin was a visit too, on the real today.
    assert (figures["today"], figures["month"], figures["total"]) == (1235, 6235, 6236)


# --- What it costs -------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/static/css/site.css"),
        ("get", "/media/banners/anh.png"),
        ("get", "/favicon.ico"),
        ("get", "/robots.txt"),
        ("post", "/phien/duy-tri/"),
    ],
)
def test_files_and_keepalive_pings_cost_no_query(method, path, django_assert_num_queries):
    request = page_request(path, method=method, cookie=vid())
    with django_assert_num_queries(0):
        assert visits.record(request, HttpResponse(), now=T0) is None
    assert not VisitorPresence.objects.exists()


@pytest.mark.django_db
def test_keepalive_pings_through_the_site_count_nothing(client):
    client.post("/phien/duy-tri/", HTTP_USER_AGENT=BROWSER)
    client.get("/robots.txt", HTTP_USER_AGENT=BROWSER)
    assert not VisitorPresence.objects.exists()
    assert not VisitDay.objects.exists()


@pytest.mark.django_db
def test_a_returning_visitor_costs_one_statement(django_assert_num_queries, no_prune):
    reader = vid()
    visit(T0, cookie=reader)
    with django_assert_num_queries(1):
        visit(T0 + MINUTE, cookie=reader)


def statements_of(queries):
    return [
        query["sql"].split()[0].upper()
        for query in queries.captured_queries
        if not re.match(r"(BEGIN|SAVEPOINT|RELEASE|COMMIT)", query["sql"], re.I)
    ]


@pytest.mark.django_db
def test_a_new_visit_is_one_transaction_of_two_upserts(no_prune):
    with CaptureQueriesContext(connection) as queries:
        visit(T0)
    # The refresh finds no row, the presence and the day are inserted.
    assert statements_of(queries) == ["UPDATE", "INSERT", "INSERT"]


@pytest.mark.django_db
def test_a_new_visit_with_a_cookie_also_looks_for_its_address_visit(no_prune):
    with CaptureQueriesContext(connection) as queries:
        visit(T0, cookie=vid())
    assert statements_of(queries) == ["UPDATE", "INSERT", "DELETE", "INSERT"]


@pytest.mark.django_db
def test_the_sidebar_block_costs_two_queries_however_much_history(django_assert_num_queries):
    SiteProfile.load()  # the profile is cached site-wide

    def grow_to(rows):
        VisitDay.objects.bulk_create(
            VisitDayFactory.build_batch(rows - VisitDay.objects.count()), ignore_conflicts=True
        )
        VisitorPresence.objects.bulk_create(
            PresenceFactory.build_batch(rows - VisitorPresence.objects.count())
        )

    grow_to(10)
    visits.snapshot(now=T0 + MINUTE)  # the sum of past months is cached once
    with django_assert_num_queries(2):
        small = visits.snapshot(now=T0 + MINUTE)
    grow_to(1000)
    # bulk_create sends no signal; the admin and load_demo drop the cached sum themselves.
    cache.delete(visits.BEFORE_MONTH_KEY)
    visits.snapshot(now=T0 + MINUTE)
    with django_assert_num_queries(2):
        large = visits.snapshot(now=T0 + MINUTE)
    assert (small["online"], large["online"]) == (10, 1000)
    assert (small["total"], large["total"]) == (100, 10000)


@pytest.mark.django_db
def test_requests_now_and_then_prune_visitors_gone_for_half_an_hour(monkeypatch):
    PresenceFactory.create_batch(3, last_seen=T0)
    PresenceFactory(last_seen=T0 + 20 * MINUTE)
    monkeypatch.setattr(visits.DatabaseBackend, "_next_prune", 0.0)
    visit(T0 + 45 * MINUTE, cookie=vid())
    assert VisitorPresence.objects.count() == 2


@pytest.mark.django_db
def test_the_prune_command_keeps_the_visitors_of_the_last_half_hour():
    now = timezone.now()
    PresenceFactory.create_batch(3, last_seen=now - 31 * MINUTE)
    PresenceFactory(last_seen=now - 29 * MINUTE)
    output = StringIO()
    call_command("prune_visitors", stdout=output)
    assert VisitorPresence.objects.count() == 1
    assert "Đã xóa 3 khách" in output.getvalue()


# --- Concurrent requests ---------------------------------------------------------------------


THREADS = 8


def run_together(jobs):
    """Run each job in its own thread (and database connection), all starting at once."""
    _results, errors = in_parallel(jobs)
    assert not errors, errors


def crowd(now, shared, member, own, repeats):
    """Jobs of THREADS threads: all request the shared visitors, each one its own visitors.

    member is (user, cookie): a signed-in reader, also shared by all threads.
    """
    user, member_cookie = member

    def job(index):
        def requests():
            for repeat in range(repeats):
                moment = now + datetime.timedelta(seconds=repeat)
                for cookie in shared:
                    visit(moment, cookie=cookie)
                visit(moment, cookie=member_cookie, user=user)
                visit(moment, ua=GOOGLEBOT, ip="66.249.66.1")
            for cookie in own[index]:
                visit(now, cookie=cookie)
                visit(now + MINUTE, cookie=cookie)

        return requests

    return [job(index) for index in range(THREADS)]


def check_counts_under_concurrency():
    member = (UserFactory(), vid())
    shared = [vid() for _ in range(4)]
    own = [[vid() for _ in range(6)] for _ in range(THREADS)]

    run_together(crowd(T0, shared, member, own, repeats=5))
    figures = stats(T0 + 2 * MINUTE)
    expected_visits = len(shared) + 1 + THREADS * 6
    assert figures["today"] == expected_visits
    assert (figures["guests"], figures["members"], figures["bots"]) == (
        len(shared) + THREADS * 6,
        1,
        1,
    )

    # Back after 40 minutes, all at once: each shared visitor starts exactly one new visit.
    run_together(crowd(T0 + 40 * MINUTE, shared, member, [[] for _ in own], repeats=3))
    figures = stats(T0 + 41 * MINUTE)
    assert figures["today"] == expected_visits + len(shared) + 1
    assert (figures["guests"], figures["members"], figures["bots"]) == (len(shared), 1, 1)


def check_browsers_behind_one_address_under_concurrency():
    """THREADS browsers with one address and user agent: a first request, then the cookie.

    Whatever the interleaving, the address visit is handed over to exactly one of them, so
    each browser is one visit and one reader online. In the second office all of them show
    their cookie at the same moment, so that they race for the one address visit.
    """

    def browser(office, in_step=None):
        def requests():
            _counted, response = visit(T0, ip=office)
            cookie = cookie_of(response)
            if in_step:
                in_step.wait()
            for second in range(1, 6):
                visit(T0 + datetime.timedelta(seconds=second), ip=office, cookie=cookie)

        return requests

    run_together([browser("198.51.100.90")] * THREADS)
    in_step = threading.Barrier(THREADS)
    run_together([browser("198.51.100.91", in_step)] * THREADS)
    figures = stats(T0 + MINUTE)
    browsers = 2 * THREADS
    assert (figures["online"], figures["guests"], figures["today"]) == (browsers,) * 3


@pytest.mark.django_db(transaction=True)
def test_counts_are_exact_under_concurrent_requests():
    check_counts_under_concurrency()


@pytest.mark.django_db(transaction=True)
def test_browsers_behind_one_address_count_once_each_under_concurrent_requests():
    check_browsers_behind_one_address_under_concurrency()


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_through_the_middleware_count_each_visitor_once():
    middleware = VisitStatisticsMiddleware(lambda request: HttpResponse("trang"))
    shared = [vid() for _ in range(3)]

    def job():
        for cookie in shared * 10:
            request = page_request(cookie=cookie)
            middleware.process_view(request, None, (), {})
            middleware(request)

    run_together([job] * THREADS)
    figures = visits.snapshot()
    assert (figures["online"], figures["today"]) == (3, 3)


# --- Redis ---------------------------------------------------------------------------------


@pytest.fixture
def redis_store(settings):
    """Visit presence in Redis database 15 under a key prefix of this test alone.

    Yields the Redis client; its keys are under settings.VISIT_REDIS_PREFIX.
    """
    prefix = f"test:visits:{uuid.uuid4().hex}:"
    settings.VISIT_BACKEND = "redis"
    settings.REDIS_URL = "redis://127.0.0.1:6379/15"
    settings.VISIT_REDIS_PREFIX = prefix
    client = Redis.from_url(settings.REDIS_URL)
    try:
        client.ping()
    except RedisConnectionError:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    yield client
    keys = list(client.scan_iter(match=f"{prefix}*"))
    if keys:
        client.delete(*keys)
    client.close()


@pytest.mark.django_db
def test_redis_counts_online_visitors_and_visits_like_the_database(redis_store):
    reader, member = vid(), vid()
    assert visit(T0, cookie=reader)[0] is True
    assert visit(T0, ua=GOOGLEBOT)[0] is False
    assert visit(T0 + 2 * MINUTE, cookie=member, user=UserFactory())[0] is True
    figures = stats(T0 + 3 * MINUTE)
    assert (figures["bots"], figures["guests"], figures["members"]) == (1, 1, 1)

    assert visit(T0 + 29 * MINUTE, cookie=reader)[0] is False
    figures = stats(T0 + 29 * MINUTE)
    assert (figures["online"], figures["guests"], figures["today"]) == (1, 1, 2)

    assert visit(T0 + 60 * MINUTE, cookie=reader)[0] is True  # 31 minutes without a request
    # History is in the database, where it survives Redis.
    assert VisitDay.objects.get(day=datetime.date(2025, 3, 10)).visits == 3
    assert not VisitorPresence.objects.exists()


@pytest.mark.django_db
def test_redis_moves_a_guest_who_signs_in_to_the_members(redis_store):
    browser = vid()
    visit(T0, cookie=browser)
    visit(T0 + MINUTE, cookie=browser, user=UserFactory())
    figures = stats(T0 + 2 * MINUTE)
    assert (figures["online"], figures["guests"], figures["members"], figures["today"]) == (
        1,
        0,
        1,
        1,
    )


@pytest.mark.django_db
def test_redis_keeps_only_the_online_window(redis_store, settings):
    for minute in range(20):
        visit(T0 + minute * MINUTE, cookie=vid())
    assert stats(T0 + 19 * MINUTE)["online"] == 6
    # Older entries are trimmed as requests come, so the set stays small.
    assert redis_store.zcard(f"{settings.VISIT_REDIS_PREFIX}online:guest") == 6


@pytest.mark.django_db(transaction=True)
def test_redis_counts_are_exact_under_concurrent_requests(redis_store):
    check_counts_under_concurrency()


@pytest.mark.django_db(transaction=True)
def test_redis_counts_browsers_behind_one_address_once_each_under_concurrency(redis_store):
    check_browsers_behind_one_address_under_concurrency()


# --- The admin page --------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_admin_shows_visits_per_day_and_per_month(client):
    staff = UserFactory(is_staff=True)
    SiteProfileFactory(visits_before_launch=9_927_613)
    today = visits.local_day(timezone.now())
    VisitDayFactory(day=today, visits=4321)
    VisitDayFactory(day=today - datetime.timedelta(days=29), visits=17)
    VisitDayFactory(day=today - datetime.timedelta(days=30), visits=1_000_000)  # not in 30 days
    VisitDayFactory(day=today.replace(day=1) - datetime.timedelta(days=400), visits=999_999)

    client.force_login(staff)
    response = client.get("/admin/thong-ke/", HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200
    page = text_of(response)
    assert "Thống kê truy cập" in page
    assert "Lượt truy cập 30 ngày gần đây" in page
    assert "Lượt truy cập 12 tháng gần đây" in page
    # The staff member reading the page is today's visit number 4.322.
    assert f"{today:%d/%m/%Y} 4.322" in page
    assert f"{today - datetime.timedelta(days=29):%d/%m/%Y} 17" in page
    assert "Cộng 30 ngày 4.339" in page
    assert f"Tháng {today.month}/{today:%Y}" in page
    assert "Cộng 12 tháng 1.004.339" in page
    assert "999.999" not in page  # older than 12 months
    assert "Tổng lượt truy cập 11.931.951" in page
    html = response.content.decode()
    assert html.count("<rect") == 30 + 12  # one bar a day, one a month
    assert "<script" not in html[html.index('id="content-main"') : html.index("</svg>")]
    assert 'href="/admin/">Trang chủ</a>' in html


@pytest.mark.django_db
def test_the_admin_chart_has_dots_not_vietnamese_commas_in_its_coordinates(admin_client):
    VisitDayFactory(day=visits.local_day(timezone.now()), visits=3)
    html = admin_client.get("/admin/thong-ke/").content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert not re.search(r'(x|y|width|height)="[0-9]+,[0-9]', svg)


@pytest.mark.django_db
def test_the_admin_index_links_to_the_statistics(admin_client):
    assert 'href="/admin/thong-ke/"' in admin_client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_the_statistics_page_is_for_staff_only(client):
    response = client.get("/admin/thong-ke/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")

    client.force_login(UserFactory(is_staff=False))
    response = client.get("/admin/thong-ke/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
