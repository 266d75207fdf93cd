"""Readers' comments: moderated, rate-limited, trapped for bots, never lost on an error."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.template import RequestContext, Template
from django.test import Client, RequestFactory
from django.urls import path, reverse
from django.utils import timezone

from articles import services
from articles.models import Article, Comment
from portal import pagecache
from portal.urls import urlpatterns as site_urlpatterns
from tests.articles.factories import ArticleFactory, CommentFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
BLOCK = Template('{% include "articles/includes/comments.html" %}')


@pagecache.guest_cached
def kept_article_page(request, slug):
    """The comment block in a page kept for guests, as the article page keeps it."""
    article = Article.objects.published().get(slug=slug)
    return HttpResponse(BLOCK.render(RequestContext(request, {"article": article})))


urlpatterns = [
    *site_urlpatterns,
    path("thu/bai-viet/<slug:slug>/", kept_article_page, name="kept-article"),
]


def browser(ip="203.0.113.7", user_agent=FIREFOX):
    return Client(REMOTE_ADDR=ip, HTTP_USER_AGENT=user_agent)


def good(**changes):
    data = {"name": "Trần Thị Bình", "email": "binh@example.com", "body": "Bài viết rất hay."}
    return {**data, **changes}


def send(client, article, data):
    return client.post(reverse("articles:comment", args=[article.slug]), data)


def messages_of(response):
    """The messages this response added (earlier ones wait unread)."""
    return [str(m) for m in response.wsgi_request._messages._queued_messages]


def block_for(client, article):
    """The comment block as the reader of `client` sees it on the article page."""
    request = RequestFactory().get(article.get_absolute_url())
    request.user = AnonymousUser()
    request.session = client.session
    html = BLOCK.render(RequestContext(request, {"article": article}))
    request.session.save()
    return html


def block_for_a_stranger(article):
    request = RequestFactory().get(article.get_absolute_url())
    request.user = AnonymousUser()
    return BLOCK.render(RequestContext(request, {"article": article}))


# --- Sending --------------------------------------------------------------------------------


def test_a_guests_comment_waits_for_moderation_and_they_see_it_marked():
    article = ArticleFactory()
    reader = browser()
    response = send(reader, article, good())
    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}#y-kien-ban-doc"
    assert messages_of(response) == ["Ý kiến của bạn đã được gửi và đang chờ duyệt."]
    comment = Comment.objects.get()
    assert (comment.status, comment.name, comment.email, comment.body) == (
        Comment.Status.PENDING,
        "Trần Thị Bình",
        "binh@example.com",
        "Bài viết rất hay.",
    )
    assert comment.ip_address == "203.0.113.7"
    html = block_for(reader, article)
    assert "Bài viết rất hay." in html
    assert "đang chờ duyệt" in html


def test_another_reader_does_not_see_a_pending_comment():
    article = ArticleFactory()
    send(browser(), article, good(body="Ý kiến chưa duyệt"))
    assert "Ý kiến chưa duyệt" not in block_for(browser(ip="198.51.100.9"), article)
    assert "Ý kiến chưa duyệt" not in block_for_a_stranger(article)


def test_the_page_kept_for_guests_never_carries_one_guests_pending_comment(settings):
    settings.ROOT_URLCONF = __name__
    settings.PAGE_CACHE_SECONDS = 60
    article = ArticleFactory(slug="bai-co-y-kien")
    kept = reverse("kept-article", args=[article.slug])
    stranger = browser(ip="198.51.100.9")
    stranger.get(kept)  # the page is now kept for guests
    author = browser()
    send(author, article, good(body="Ý kiến của tôi"))
    # The author now has a session (and a message): the kept page is not served to them.
    assert settings.SESSION_COOKIE_NAME in author.cookies
    mine = author.get(kept).content.decode()
    assert "Ý kiến của tôi" in mine
    assert "đang chờ duyệt" in mine
    assert "Ý kiến của tôi" not in stranger.get(kept).content.decode()
    assert "Ý kiến của tôi" not in browser(ip="192.0.2.1").get(kept).content.decode()


def test_approved_comments_show_in_order_with_name_and_date_never_the_email():
    article = ArticleFactory()
    when = timezone.make_aware(datetime.datetime(2017, 6, 12, 22, 28))
    first = CommentFactory(article=article, status=Comment.Status.APPROVED, name="Lê Văn Cường")
    second = CommentFactory(
        article=article, status=Comment.Status.APPROVED, name="Phạm Thị Dung", body="Đồng ý."
    )
    Comment.objects.filter(pk=first.pk).update(created_at=when)
    Comment.objects.filter(pk=second.pk).update(created_at=when + datetime.timedelta(hours=1))
    for status in (Comment.Status.PENDING, Comment.Status.REJECTED, Comment.Status.SPAM):
        CommentFactory(article=article, status=status, body=f"Không hiện {status}")
    html = block_for_a_stranger(article)
    assert "Ý kiến bạn đọc" in html
    assert html.index("Lê Văn Cường") < html.index("Phạm Thị Dung")
    assert "12/06/2017 22:28" in html
    assert "12/06/2017 23:28" in html
    assert "an@example.com" not in html
    assert "Không hiện" not in html
    assert "đang chờ duyệt" not in html


def test_readers_text_is_never_markup():
    article = ArticleFactory()
    CommentFactory(
        article=article,
        status=Comment.Status.APPROVED,
        name='<img src=x onerror="alert(1)">',
        body="<script>alert('xss')</script>\nDòng hai",
    )
    html = block_for_a_stranger(article)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;<br>Dòng hai" in html
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


def test_the_text_is_saved_as_typed_in_nfc():
    article = ArticleFactory()
    decomposed = "Đảng".replace("ả", "a\u0309")
    send(browser(), article, good(body=f"  {decomposed} <b>in đậm</b>  "))
    assert Comment.objects.get().body == "Đảng <b>in đậm</b>"


def test_the_form_asks_for_name_email_and_text_and_hides_the_trap():
    html = block_for_a_stranger(ArticleFactory())
    for field in ('name="name"', 'name="email"', 'name="body"', 'name="csrfmiddlewaretoken"'):
        assert field in html
    trap = html[html.index('class="comment-form__trap"') :]
    assert trap.split(">", 1)[0].endswith('hidden aria-hidden="true"')
    assert 'name="website"' in trap


# --- Errors keep the text -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        (good(name=""), "name", "Vui lòng nhập họ và tên."),
        (good(email=""), "email", "Vui lòng nhập email."),
        (good(email="khong-phai-email"), "email", "Email không hợp lệ."),
        (good(body="   "), "body", "Vui lòng nhập ý kiến."),
        (good(body="x" * 3001), "body", "Ý kiến dài quá 3000 ký tự"),
    ],
)
def test_a_mistake_shows_the_form_again_with_the_text_typed_and_the_error_by_the_field(
    data, field, error
):
    article = ArticleFactory()
    reader = browser()
    response = send(reader, article, data)
    assert response["Location"] == f"{article.get_absolute_url()}#gui-y-kien"
    assert messages_of(response) == ["Ý kiến chưa được gửi: vui lòng xem lại các ô được đánh dấu."]
    assert not Comment.objects.exists()
    html = block_for(reader, article)
    assert error in html
    assert f'id="id_{field}_loi"' in html
    assert 'value="Trần Thị Bình"' in html or field == "name"
    if field != "body":
        assert "Bài viết rất hay." in html
    # Shown once: a reload shows the empty form again.
    assert error not in block_for(reader, article)


def test_a_draft_stays_with_its_article():
    article, other = ArticleFactory(), ArticleFactory()
    reader = browser()
    send(reader, article, good(email="sai"))
    assert "Bài viết rất hay." not in block_for(reader, other)
    assert "Bài viết rất hay." in block_for(reader, article)


# --- Rate limit -----------------------------------------------------------------------------


def test_a_fourth_comment_within_ten_minutes_is_refused_and_its_text_kept():
    article = ArticleFactory()
    reader = browser()
    for n in range(3):
        send(reader, article, good(body=f"Ý kiến {n}"))
    response = send(reader, article, good(body="Ý kiến thứ tư"))
    assert messages_of(response)[0].startswith("Bạn đã gửi nhiều ý kiến trong thời gian ngắn.")
    assert Comment.objects.count() == 3
    html = block_for(reader, article)
    assert "Ý kiến thứ tư" in html
    assert "Bạn đã gửi nhiều ý kiến trong thời gian ngắn." in html


def test_the_limit_is_per_reader():
    article = ArticleFactory()
    for n in range(3):
        send(browser(), article, good(body=f"Ý kiến {n}"))
    send(browser(ip="198.51.100.9"), article, good(body="Người khác"))
    assert Comment.objects.filter(body="Người khác").exists()


def test_deleting_cookies_does_not_lift_the_limit_of_an_address():
    article = ArticleFactory()
    # A new browser each time, and a new user agent: only the address stays.
    for n in range(12):
        send(browser(user_agent=f"{FIREFOX} n{n}"), article, good(body=f"Ý kiến {n}"))
    assert Comment.objects.count() == services.COMMENTS_PER_ADDRESS


def test_the_limit_ends_with_its_window(monkeypatch):
    article = ArticleFactory()
    monkeypatch.setattr(services, "COMMENT_WINDOW_SECONDS", 1)
    reader = browser()
    for n in range(4):
        send(reader, article, good(body=f"Ý kiến {n}"))
    assert Comment.objects.count() == 3
    import time

    time.sleep(1.2)
    send(reader, article, good(body="Sau khi chờ"))
    assert Comment.objects.filter(body="Sau khi chờ").exists()


# --- Bots -----------------------------------------------------------------------------------


def test_a_bot_filling_the_trap_is_thanked_and_ignored():
    article = ArticleFactory()
    response = send(browser(), article, good(website="http://spam.example"))
    assert response["Location"] == f"{article.get_absolute_url()}#y-kien-ban-doc"
    assert messages_of(response) == ["Ý kiến của bạn đã được gửi và đang chờ duyệt."]
    assert not Comment.objects.exists()


# --- Members --------------------------------------------------------------------------------


def test_members_comments_wait_too_unless_the_setting_lets_them_through(settings):
    article = ArticleFactory()
    member = UserFactory()
    reader = browser()
    reader.force_login(member)
    settings.COMMENTS_MEMBERS_SKIP_MODERATION = False
    send(reader, article, good(body="Chờ duyệt"))
    settings.COMMENTS_MEMBERS_SKIP_MODERATION = True
    response = send(reader, article, good(body="Đăng ngay"))
    assert messages_of(response) == ["Ý kiến của bạn đã được đăng."]
    send(browser(ip="198.51.100.9"), article, good(body="Khách"))
    statuses = dict(Comment.objects.values_list("body", "status"))
    assert statuses == {
        "Chờ duyệt": Comment.Status.PENDING,
        "Đăng ngay": Comment.Status.APPROVED,
        "Khách": Comment.Status.PENDING,
    }
    assert Comment.objects.get(body="Đăng ngay").user == member
    assert "Đăng ngay" in block_for_a_stranger(article)


def test_the_setting_is_off_unless_the_environment_turns_it_on():
    from django.conf import settings

    assert settings.COMMENTS_MEMBERS_SKIP_MODERATION is False


def test_a_members_form_is_filled_with_their_name_and_email():
    member = UserFactory(last_name="Nguyễn Văn", first_name="An", email="an@tuyengiao.vn")
    request = RequestFactory().get("/")
    request.user = member
    request.session = Client().session
    html = BLOCK.render(RequestContext(request, {"article": ArticleFactory()}))
    assert 'value="Nguyễn Văn An"' in html
    assert 'value="an@tuyengiao.vn"' in html


# --- Closed, unpublished, wrong method ------------------------------------------------------


def test_comments_closed_means_no_form_and_a_refused_post():
    article = ArticleFactory(allow_comments=False)
    CommentFactory(article=article, status=Comment.Status.APPROVED, body="Ý kiến cũ")
    html = block_for_a_stranger(article)
    assert 'name="body"' not in html
    assert "Ý kiến cũ" in html
    assert send(browser(), article, good()).status_code == 403
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.HIDDEN])
def test_an_unpublished_article_takes_no_comment(status):
    article = ArticleFactory(status=status)
    assert send(browser(), article, good()).status_code == 404
    assert not Comment.objects.exists()


def test_reading_the_comment_address_sends_nothing():
    article = ArticleFactory()
    assert browser().get(reverse("articles:comment", args=[article.slug])).status_code == 405


def test_a_comment_needs_the_csrf_token():
    article = ArticleFactory()
    reader = Client(enforce_csrf_checks=True, HTTP_USER_AGENT=FIREFOX)
    assert send(reader, article, good()).status_code == 403
    assert not Comment.objects.exists()


def test_the_block_costs_one_query(django_assert_num_queries):
    article = ArticleFactory()
    CommentFactory.create_batch(5, article=article, status=Comment.Status.APPROVED)
    block_for_a_stranger(article)  # the site-wide values are cached from now on
    with django_assert_num_queries(1):
        block_for_a_stranger(article)


# --- Through the article page ---------------------------------------------------------------


def test_on_the_article_page_the_author_sees_their_comment_waiting_and_others_do_not(settings):
    settings.PAGE_CACHE_SECONDS = 60
    article = ArticleFactory()
    stranger = browser(ip="198.51.100.9")
    assert "Ý kiến bạn đọc" in stranger.get(article.get_absolute_url()).content.decode()
    author = browser()
    response = author.post(
        reverse("articles:comment", args=[article.slug]),
        good(body="<script>alert(1)</script> Ủng hộ"),
        follow=True,
    )
    page = response.content.decode()
    assert "Ý kiến của bạn đã được gửi và đang chờ duyệt." in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Ủng hộ" in page
    assert "đang chờ duyệt" in page
    assert "<script>alert(1)</script>" not in page
    assert "Ủng hộ" not in stranger.get(article.get_absolute_url()).content.decode()
    assert "Ủng hộ" not in browser(ip="192.0.2.1").get(article.get_absolute_url()).content.decode()


def test_on_the_article_page_a_mistake_keeps_the_text():
    article = ArticleFactory()
    reader = browser()
    response = reader.post(
        reverse("articles:comment", args=[article.slug]),
        good(email="sai", body="Ý kiến dài tôi đã viết"),
        follow=True,
    )
    page = response.content.decode()
    assert "Email không hợp lệ." in page
    assert "Ý kiến dài tôi đã viết" in page
