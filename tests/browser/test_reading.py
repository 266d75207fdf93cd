"""A reader's journey in a real browser: search, read, rate, comment, and moderation.

A guest finds an article by typing without diacritics, rates it in place (static/js/rating.js
sends the vote without leaving the page), writes a comment that only they see until an editor
approves it in the admin; then another guest sees it too. Along the way the pages kept for
guests (portal.pagecache) must never show one reader another's pending comment, and must show
the approved one at once.
"""

import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from playwright.sync_api import expect

from articles import services
from articles.models import Article, Comment, Rating
from tests.articles.factories import ArticleFactory
from tests.factories import StaffFactory

pytestmark = pytest.mark.browser

TITLE = "Kinh nghiệm kiểm tra, giám sát ở cơ sở"
QUERY = "kiem tra giam sat"
SUMMARY_AFTER_VOTE = "Tổng số điểm của bài viết là: 4 trong 1 đánh giá"
NAME = "Trần Thị Bình"
EMAIL = "binh@example.com"
TEXT = "Chi bộ chúng tôi đã làm theo cách này và thấy rất hiệu quả."
PENDING = "đang chờ duyệt"
# Set before a click; a page load would lose it.
MARK_DOCUMENT = "() => { window.sameDocument = 'chưa tải lại'; }"
SAME_DOCUMENT = "() => window.sameDocument === 'chưa tải lại'"


@pytest.fixture
def new_context(browser, live_server):
    """new_context(): another browser context, as `context` is made, closed after the test."""
    opened = []

    def new_context():
        other = browser.new_context(base_url=live_server.url, locale="vi-VN")
        other.set_default_timeout(10_000)
        opened.append(other)
        return other

    yield new_context
    for other in opened:
        other.close()


@pytest.fixture
def article(transactional_db):
    ArticleFactory(title="Hội nghị tổng kết công tác tuyên giáo năm 2024")
    return ArticleFactory(
        title=TITLE,
        summary="Những cách làm hay của các chi bộ.",
        body="<p>Công tác kiểm tra, giám sát được chi bộ tiến hành thường xuyên.</p>",
    )


@pytest.fixture
def editor(transactional_db):
    """A staff member allowed to moderate comments, and nothing else."""
    user = StaffFactory()
    # Given directly: transactional tests flush the groups the data migration made.
    permissions = Permission.objects.filter(
        content_type__app_label="articles", codename__in=["change_comment", "view_comment"]
    )
    assert permissions.count() == 2
    user.user_permissions.add(*permissions)
    return user


def totals(article):
    row = Article.objects.get(pk=article.pk)
    return row.rating_total, row.rating_count


def stars(page):
    return page.locator("[data-rating-form] .rating__star")


def rating_ready(page):
    """Wait until rating.js has wired the form: before that, a star click posts the form."""
    expect(page.locator("[data-rating-form]")).to_have_attribute("data-rating-ready", "1")


def vote_in_place(page, article, score):
    """Click a star; return the JSON answer. Fails if the page was loaded again."""
    url = page.url
    loads = []

    def record(frame):
        if frame == page.main_frame:
            loads.append(frame.url)

    page.on("framenavigated", record)
    page.evaluate(MARK_DOCUMENT)
    rate = reverse("articles:rate", args=[article.slug])
    with page.expect_response(
        lambda r: r.url.endswith(rate) and r.request.method == "POST"
    ) as answer:
        page.get_by_role("button", name=f"{score} điểm", exact=True).click()
    assert answer.value.request.headers.get("x-requested-with") == "XMLHttpRequest"
    result = answer.value.json()
    # The answer is written into the page by the script before anything else is checked.
    expect(page.locator("[data-rating-message]")).to_have_text(result["message"])
    page.remove_listener("framenavigated", record)
    assert page.url == url
    assert page.evaluate(SAME_DOCUMENT), "the page was loaded again"
    assert loads == []
    return result


def test_a_guest_finds_rates_and_comments_and_an_editor_approves(
    page, new_context, log_in, article, editor
):
    # 1. Search without diacritics; the words are marked in the title; click through.
    page.goto(reverse("portal:search"))
    page.get_by_label("Từ khóa").fill(QUERY)
    with page.expect_navigation():
        page.locator("form[role=search]").get_by_role("button", name="Tìm").click()
    expect(page.get_by_text("Tìm thấy 1 kết quả cho “kiem tra giam sat”.")).to_be_visible()
    results = page.locator(".search-result")
    expect(results).to_have_count(1)
    title = results.locator(".search-result__title")
    expect(title).to_have_text(TITLE)
    expect(title.locator("mark")).to_have_text(["kiểm", "tra", "giám", "sát"])
    expect(results.locator(".search-result__excerpt mark").first).to_have_text("kiểm")
    with page.expect_navigation():
        title.get_by_role("link", name=TITLE).click()
    expect(page).to_have_url(re.compile(re.escape(article.get_absolute_url()) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)

    # 2. The 4th star: the rating line changes in place, and the stars are then disabled,
    # so the same page cannot vote twice.
    rating_ready(page)
    summary = page.locator("[data-rating-summary]")
    expect(summary).to_have_text("Tổng số điểm của bài viết là: 0 trong 0 đánh giá")
    result = vote_in_place(page, article, 4)
    assert result["ok"] is True
    expect(summary).to_have_text(SUMMARY_AFTER_VOTE)
    expect(page.locator("[data-rating-message]")).to_have_text(services.RATING_DONE)
    for star in stars(page).all():
        expect(star).to_be_disabled()
    assert totals(article) == (4, 1)
    assert list(Rating.objects.filter(article=article).values_list("score", flat=True)) == [4]

    # A second vote from the same browser, on the page read again (the stars of the page
    # that voted stay disabled): refused, in place, with the totals unchanged.
    page.reload()
    rating_ready(page)
    expect(summary).to_have_text(SUMMARY_AFTER_VOTE)
    result = vote_in_place(page, article, 5)
    assert result["ok"] is False
    expect(page.locator("[data-rating-message]")).to_have_text(services.RATING_ALREADY)
    expect(summary).to_have_text(SUMMARY_AFTER_VOTE)
    expect(stars(page).nth(4)).to_be_enabled()
    assert totals(article) == (4, 1)
    assert Rating.objects.filter(article=article).count() == 1

    # 3. A comment: its author sees it, marked as waiting; another guest does not.
    form = page.locator("#gui-y-kien")
    form.get_by_label("Họ và tên").fill(NAME)
    form.get_by_label("Email").fill(EMAIL)
    form.get_by_label("Ý kiến của bạn").fill(TEXT)
    with page.expect_navigation():
        form.get_by_role("button", name="Gửi ý kiến").click()
    expect(page).to_have_url(re.compile(re.escape(article.get_absolute_url()) + "#y-kien-ban-doc$"))
    expect(page.get_by_text(services.COMMENT_PENDING)).to_be_visible()
    comment = Comment.objects.get(article=article)
    assert (comment.name, comment.email, comment.body) == (NAME, EMAIL, TEXT)
    assert comment.status == Comment.Status.PENDING
    mine = page.locator(f"#y-kien-{comment.pk}")
    expect(mine.locator(".comment__name")).to_have_text(NAME)
    expect(mine.locator(".comment__body")).to_have_text(TEXT)
    expect(mine.locator(".comment__status")).to_have_text(PENDING)
    expect(page.get_by_text(EMAIL)).to_have_count(0)

    other = new_context().new_page()
    other.goto(article.get_absolute_url())
    expect(other.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(other.locator(".comment")).to_have_count(0)
    expect(other.get_by_text(TEXT)).to_have_count(0)
    expect(other.get_by_text(PENDING)).to_have_count(0)

    # 4. An editor approves it with the bulk action of the admin's list of pending comments.
    desk = new_context()
    log_in(desk, editor)
    admin = desk.new_page()
    admin.goto(reverse("admin:articles_comment_pending"))
    rows = admin.locator("#result_list tbody tr")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text(NAME)
    rows.locator(f'input[name="_selected_action"][value="{comment.pk}"]').check()
    admin.locator('select[name="action"]').select_option("approve")
    with admin.expect_navigation():
        admin.locator('button[name="index"]').click()
    expect(admin.get_by_text("Đã duyệt 1 ý kiến.")).to_be_visible()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED

    # The other guest, reading the article again, now sees it, as an approved comment.
    other.reload()
    theirs = other.locator(f"#y-kien-{comment.pk}")
    expect(theirs.locator(".comment__body")).to_have_text(TEXT)
    expect(theirs.locator(".comment__name")).to_have_text(NAME)
    expect(other.locator(".comment")).to_have_count(1)
    expect(other.get_by_text(PENDING)).to_have_count(0)
    # And so does its author, no longer marked as waiting.
    page.reload()
    expect(mine.locator(".comment__body")).to_have_text(TEXT)
    expect(mine.locator(".comment__status")).to_have_count(0)
