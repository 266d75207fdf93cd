"""An article's views: once per reader per visit, atomically, never for bots."""

import threading
import time

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory

from articles import services
from articles.models import Article
from portal import visits
from tests.articles.factories import ArticleFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0"


def reader(user_agent=FIREFOX, ip="203.0.113.7", cookie=None, user=None):
    request = RequestFactory().get("/bai-viet/x/", HTTP_USER_AGENT=user_agent, REMOTE_ADDR=ip)
    if cookie:
        request.COOKIES[visits.VISITOR_COOKIE] = cookie
    request.user = user or AnonymousUser()
    return request


def views_of(article):
    return Article.objects.get(pk=article.pk).view_count


def test_a_reader_counts_once_however_often_they_reload():
    article = ArticleFactory()
    assert services.article_register_view(reader(cookie="a" * 32), article) is True
    assert services.article_register_view(reader(cookie="a" * 32), article) is False
    assert services.article_register_view(reader(cookie="a" * 32), article) is False
    assert views_of(article) == 1


def test_a_reload_writes_nothing_to_the_database(django_assert_num_queries):
    article = ArticleFactory()
    services.article_register_view(reader(cookie="a" * 32), article)
    with django_assert_num_queries(0):
        services.article_register_view(reader(cookie="a" * 32), article)


def test_each_reader_and_each_article_counts():
    first, second = ArticleFactory(), ArticleFactory()
    services.article_register_view(reader(cookie="a" * 32), first)
    services.article_register_view(reader(cookie="b" * 32), first)
    services.article_register_view(reader(cookie="a" * 32), second)
    assert views_of(first) == 2
    assert views_of(second) == 1


def test_readers_sharing_an_address_count_apart_by_their_cookie():
    article = ArticleFactory()
    services.article_register_view(reader(cookie="a" * 32, ip="198.51.100.1"), article)
    services.article_register_view(reader(cookie="b" * 32, ip="198.51.100.1"), article)
    assert views_of(article) == 2


def test_a_browser_without_cookies_is_one_reader_by_its_address():
    article = ArticleFactory()
    services.article_register_view(reader(), article)
    services.article_register_view(reader(), article)
    services.article_register_view(reader(user_agent=CHROME), article)
    assert views_of(article) == 2


def test_the_first_page_and_the_cookie_it_gives_are_one_reader():
    article = ArticleFactory()
    first = reader()
    visits.record(first)  # the middleware: gives the browser its cookie with this response
    assert services.article_register_view(first, article) is True
    given = first._visitor_cookie
    second = reader(cookie=given)
    visits.record(second)
    assert services.article_register_view(second, article) is False
    assert views_of(article) == 1


def test_a_member_is_one_reader_on_every_device():
    article = ArticleFactory()
    member = UserFactory()
    services.article_register_view(reader(cookie="a" * 32, user=member), article)
    services.article_register_view(reader(cookie="b" * 32, user=member, ip="192.0.2.9"), article)
    assert views_of(article) == 1


@pytest.mark.parametrize(
    "user_agent",
    ["", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "curl/8.5"],
)
def test_bots_are_not_counted(user_agent):
    article = ArticleFactory()
    assert services.article_register_view(reader(user_agent=user_agent), article) is False
    assert views_of(article) == 0


def test_a_new_visit_counts_again(settings):
    settings.VISIT_GAP_SECONDS = 1
    article = ArticleFactory()
    services.article_register_view(reader(cookie="a" * 32), article)
    time.sleep(1.2)
    assert services.article_register_view(reader(cookie="a" * 32), article) is True
    assert views_of(article) == 2


def test_reading_again_keeps_the_visit_open(settings):
    settings.VISIT_GAP_SECONDS = 2
    article = ArticleFactory()
    services.article_register_view(reader(cookie="a" * 32), article)
    for _ in range(3):
        time.sleep(1)
        assert services.article_register_view(reader(cookie="a" * 32), article) is False
    assert views_of(article) == 1


def test_an_unpublished_article_is_not_counted():
    article = ArticleFactory(status=Article.Status.HIDDEN)
    assert services.article_register_view(reader(cookie="a" * 32), article) is False
    assert views_of(article) == 0


def test_a_kept_page_passes_only_the_pk_and_costs_no_extra_query(django_assert_num_queries):
    ArticleFactory(slug="kept")
    article = Article.objects.only("pk").get(slug="kept")
    with django_assert_num_queries(1):  # the UPDATE
        assert services.article_register_view(reader(cookie="a" * 32), article) is True


@pytest.mark.django_db(transaction=True)
def test_parallel_views_of_different_readers_are_all_counted():
    article = ArticleFactory()
    readers = 12
    barrier = threading.Barrier(readers)
    errors = []

    def read(n):
        try:
            barrier.wait()
            services.article_register_view(reader(cookie=f"{n:032x}"), article)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=read, args=(n,)) for n in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert views_of(article) == readers


# --- Through the article page ---------------------------------------------------------------


def test_the_article_page_counts_its_reader_once():
    from django.test import Client

    article = ArticleFactory()
    reader = Client(HTTP_USER_AGENT=FIREFOX)
    for _ in range(3):
        assert reader.get(article.get_absolute_url()).status_code == 200
    assert views_of(article) == 1


def test_a_page_kept_for_guests_still_counts_each_guest(settings):
    from django.test import Client

    settings.PAGE_CACHE_SECONDS = 60
    article = ArticleFactory()
    for ip in ("198.51.100.1", "198.51.100.2", "198.51.100.3"):
        Client(HTTP_USER_AGENT=FIREFOX, REMOTE_ADDR=ip).get(article.get_absolute_url())
    Client(HTTP_USER_AGENT="Googlebot/2.1").get(article.get_absolute_url())
    assert views_of(article) == 3
