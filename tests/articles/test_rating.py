"""Rating an article: one vote per reader, held on the server; parallel votes add up."""

from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import RequestContext, Template
from django.test import Client, RequestFactory
from django.urls import reverse

from articles import services
from articles.models import Article, Rating
from tests.articles.factories import ArticleFactory
from tests.concurrency import in_parallel
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0"
JSON = {"HTTP_ACCEPT": "application/json", "HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def browser(ip="203.0.113.7", user_agent=FIREFOX):
    return Client(REMOTE_ADDR=ip, HTTP_USER_AGENT=user_agent)


def vote(client, article, score, **extra):
    return client.post(reverse("articles:rate", args=[article.slug]), {"score": score}, **extra)


def totals(article):
    article = Article.objects.get(pk=article.pk)
    return article.rating_total, article.rating_count


def messages_of(response):
    """The messages this response added (earlier ones wait in the cookie, unread)."""
    return [str(m) for m in response.wsgi_request._messages._queued_messages]


def render_block(article):
    request = RequestFactory().get(article.get_absolute_url())
    request.user = AnonymousUser()
    template = Template('{% include "articles/includes/rating.html" %}')
    return template.render(RequestContext(request, {"article": article}))


# --- The block ------------------------------------------------------------------------------


def test_the_block_says_what_the_old_site_said():
    html = render_block(ArticleFactory())
    assert "Tổng số điểm của bài viết là: 0 trong 0 đánh giá" in html
    assert "Click để đánh giá bài viết" in html


def test_the_block_shows_the_current_figures_and_five_stars_posting_to_the_server():
    article = ArticleFactory(rating_total=9, rating_count=2)
    html = render_block(article)
    assert "Tổng số điểm của bài viết là: 9 trong 2 đánh giá" in html
    assert f'action="{reverse("articles:rate", args=[article.slug])}"' in html
    assert 'method="post"' in html
    for score in range(1, 6):
        assert f'name="score" value="{score}"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert "js/rating.js" in html


def test_without_rating_the_block_shows_the_figures_and_no_stars():
    html = render_block(ArticleFactory(allow_rating=False))
    assert "Tổng số điểm của bài viết là: 0 trong 0 đánh giá" in html
    assert "Click để đánh giá bài viết" not in html
    assert 'name="score"' not in html


# --- Voting without JavaScript --------------------------------------------------------------


def test_a_vote_counts_and_the_reader_goes_back_to_the_article_with_thanks():
    article = ArticleFactory()
    response = vote(browser(), article, 4)
    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}#danh-gia"
    assert messages_of(response) == ["Cảm ơn bạn đã đánh giá bài viết."]
    assert totals(article) == (4, 1)
    assert Rating.objects.get(article=article).score == 4


def test_a_second_vote_is_refused_with_a_clear_message():
    article = ArticleFactory()
    reader = browser()
    vote(reader, article, 5)
    response = vote(reader, article, 1)
    assert messages_of(response) == ["Bạn đã đánh giá bài viết này rồi."]
    assert totals(article) == (5, 1)


def test_deleting_the_visit_cookie_gives_no_second_vote():
    article = ArticleFactory()
    reader = browser()
    vote(reader, article, 5)
    reader.cookies.clear()
    response = vote(reader, article, 5)
    assert messages_of(response) == ["Bạn đã đánh giá bài viết này rồi."]
    assert totals(article) == (5, 1)


def test_a_day_later_the_same_browser_still_cannot_vote_again():
    from django.core.cache import cache

    article = ArticleFactory()
    reader = browser()
    vote(reader, article, 5)  # its first request: the vote is filed under the cookie it gets
    cache.clear()  # the address is no longer held
    response = vote(reader, article, 5)
    assert messages_of(response) == ["Bạn đã đánh giá bài viết này rồi."]
    assert totals(article) == (5, 1)


def test_a_member_votes_once_whatever_the_device_or_address():
    article = ArticleFactory()
    member = UserFactory()
    at_work, at_home = browser(ip="198.51.100.1"), browser(ip="192.0.2.50", user_agent=CHROME)
    at_work.force_login(member)
    at_home.force_login(member)
    vote(at_work, article, 3)
    response = vote(at_home, article, 5)
    assert messages_of(response) == ["Bạn đã đánh giá bài viết này rồi."]
    assert totals(article) == (3, 1)
    assert Rating.objects.get().voter == f"u:{member.pk}"


def test_different_readers_each_vote():
    article = ArticleFactory()
    vote(browser(ip="198.51.100.1"), article, 5)
    vote(browser(ip="198.51.100.2"), article, 3)
    member = browser(ip="198.51.100.1")
    member.force_login(UserFactory())
    vote(member, article, 1)
    assert totals(article) == (9, 3)


@pytest.mark.parametrize("score", ["0", "6", "-1", "abc", ""])
def test_a_score_outside_one_to_five_is_refused(score):
    article = ArticleFactory()
    response = vote(browser(), article, score)
    assert messages_of(response) == ["Vui lòng chọn số điểm từ 1 đến 5."]
    assert totals(article) == (0, 0)
    assert not Rating.objects.exists()


def test_a_refused_score_does_not_use_up_the_readers_vote():
    article = ArticleFactory()
    reader = browser()
    vote(reader, article, 9)
    vote(reader, article, 2)
    assert totals(article) == (2, 1)


def test_rating_closed_by_the_editor_is_refused():
    article = ArticleFactory(allow_rating=False)
    response = vote(browser(), article, 5)
    assert messages_of(response) == ["Bài viết này không nhận đánh giá."]
    assert totals(article) == (0, 0)


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.HIDDEN])
def test_an_unpublished_article_cannot_be_rated(status):
    article = ArticleFactory(status=status)
    assert vote(browser(), article, 5).status_code == 404
    assert services.rating_add(article, "c:" + "a" * 32, 5) == (
        False,
        "Bài viết này không nhận đánh giá.",
    )
    assert totals(article) == (0, 0)


def test_the_database_decides_when_the_article_closed_since_the_page_was_read():
    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(allow_rating=False)
    ok, message = services.rating_add(article, "c:" + "a" * 32, 5, address="b" * 32)
    assert (ok, message) == (False, "Bài viết này không nhận đánh giá.")
    assert not Rating.objects.exists()
    # The refusal does not hold the reader's address: once rating reopens, they vote.
    Article.objects.filter(pk=article.pk).update(allow_rating=True)
    assert services.rating_add(article, "c:" + "a" * 32, 5, address="b" * 32)[0] is True


def test_reading_the_vote_form_is_not_voting():
    article = ArticleFactory()
    assert browser().get(reverse("articles:rate", args=[article.slug])).status_code == 405
    assert totals(article) == (0, 0)


def test_a_vote_needs_the_csrf_token():
    article = ArticleFactory()
    reader = Client(enforce_csrf_checks=True, HTTP_USER_AGENT=FIREFOX)
    assert vote(reader, article, 5).status_code == 403
    assert totals(article) == (0, 0)


# --- Voting with JavaScript -----------------------------------------------------------------


def test_the_script_gets_the_new_line_to_show_in_place():
    article = ArticleFactory(rating_total=7, rating_count=2)
    response = vote(browser(), article, 4, **JSON)
    assert response.status_code == 200
    assert response.json() == {
        "ok": True,
        "message": "Cảm ơn bạn đã đánh giá bài viết.",
        "total": 11,
        "count": 3,
        "summary": "Tổng số điểm của bài viết là: 11 trong 3 đánh giá",
    }


def test_the_script_hears_about_a_second_vote():
    article = ArticleFactory()
    reader = browser()
    vote(reader, article, 4, **JSON)
    response = vote(reader, article, 4, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["message"] == "Bạn đã đánh giá bài viết này rồi."
    assert response.json()["summary"] == "Tổng số điểm của bài viết là: 4 trong 1 đánh giá"


def test_the_script_posts_with_the_csrf_token_and_asks_for_json():
    from django.contrib.staticfiles import finders

    script = Path(finders.find("js/rating.js")).read_text(encoding="utf-8")
    assert "X-CSRFToken" in script
    assert "application/json" in script


# --- Parallel votes -------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_parallel_votes_are_counted_exactly():
    article = ArticleFactory()
    voters = 10

    def job(n):
        return lambda: services.rating_add(article, f"c:{n:032x}", n % 5 + 1, address=f"{n:032x}")

    results, errors = in_parallel([job(n) for n in range(voters)])
    assert errors == []
    assert all(ok for ok, _message in results)
    assert totals(article) == (sum(n % 5 + 1 for n in range(voters)), voters)
    assert Rating.objects.filter(article=article).count() == voters


@pytest.mark.django_db(transaction=True)
def test_one_reader_voting_many_times_at_once_counts_once():
    article = ArticleFactory()
    member = f"u:{UserFactory().pk}"

    results, errors = in_parallel([lambda: services.rating_add(article, member, 5)] * 8)
    assert errors == []
    assert sorted(ok for ok, _message in results) == [False] * 7 + [True]
    assert totals(article) == (5, 1)


# --- Through the article page ---------------------------------------------------------------


def test_a_reader_rates_on_the_article_page_and_sees_the_new_figures():
    article = ArticleFactory()
    reader = browser()
    page = reader.get(article.get_absolute_url()).content.decode()
    assert "Tổng số điểm của bài viết là: 0 trong 0 đánh giá" in page
    assert "Click để đánh giá bài viết" in page
    response = reader.post(reverse("articles:rate", args=[article.slug]), {"score": 4}, follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0].endswith("#danh-gia")
    assert "Cảm ơn bạn đã đánh giá bài viết." in page
    assert "Tổng số điểm của bài viết là: 4 trong 1 đánh giá" in page


def test_a_script_changing_its_user_agent_gets_no_more_than_the_address_cap():
    article = ArticleFactory()
    for n in range(services.RATING_VOTES_PER_IP):
        assert vote(browser(user_agent=f"{FIREFOX} bản {n}"), article, 5).status_code == 302
    response = vote(browser(user_agent=f"{FIREFOX} bản cuối"), article, 5)
    assert messages_of(response) == [services.RATING_TOO_MANY]
    assert totals(article) == (5 * services.RATING_VOTES_PER_IP, services.RATING_VOTES_PER_IP)
    # another address is not affected
    assert vote(browser(ip="198.51.100.4"), article, 4).status_code == 302
    assert totals(article)[1] == services.RATING_VOTES_PER_IP + 1


def test_votes_and_pending_comments_keep_the_guests_pages():
    from portal import pagecache
    from tests.articles.factories import CommentFactory

    article = ArticleFactory()
    version = pagecache.content_version()
    vote(browser(), article, 5)
    comment = CommentFactory(article=article)
    assert pagecache.content_version() == version
    comment.status = comment.Status.APPROVED
    comment.save()
    assert pagecache.content_version() > version
