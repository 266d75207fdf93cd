"""Search: diacritics and case do not matter, filters, highlighting, bad input, query budget."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from portal.search.display import highlight
from portal.search.providers import PROVIDERS, register_provider
from portal.search.query import search_words
from portal.text import search_text_of
from tests.articles.factories import ArticleFactory, CategoryFactory, TagFactory

pytestmark = pytest.mark.django_db

URL = "/tim-kiem/"


def _main(response):
    """The page's main column: the sidebar lists articles too."""
    body = response.content.decode()
    return body[body.index('<main id="noi-dung"') : body.index("</main>")]


def _aware(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 9, 0))


def test_words_without_diacritics_find_words_with_them(client):
    wanted = ArticleFactory(title="Hội nghị về công tác kiểm tra, giám sát năm 2025")
    ArticleFactory(title="Tin khác hẳn")
    body = _main(client.get(URL, {"q": "kiem tra giam sat"}))
    assert wanted.get_absolute_url() in body
    assert "Tin khác hẳn" not in body
    assert "Tìm thấy 1 kết quả" in body


def test_dang_finds_dang_with_a_stroke_and_any_case(client):
    wanted = ArticleFactory(title="Xây dựng ĐẢNG trong sạch", summary="")
    ArticleFactory(title="Công tác dân vận")
    body = _main(client.get(URL, {"q": "dang"}))
    assert wanted.get_absolute_url() in body
    assert "<mark>ĐẢNG</mark>" in body
    assert _main(client.get(URL, {"q": "ĐẢNG"})).count("search-result__title") == 1


def test_summary_body_and_tags_are_searched(client):
    in_summary = ArticleFactory(summary="Học tập và làm theo tư tưởng Hồ Chí Minh")
    in_body = ArticleFactory(body="<p>Phong trào <strong>thi đua yêu nước</strong></p>")
    tagged = ArticleFactory(tags=[TagFactory(name="Chuyển đổi số")])
    assert in_summary.get_absolute_url() in _main(client.get(URL, {"q": "tu tuong"}))
    assert in_body.get_absolute_url() in _main(client.get(URL, {"q": "thi dua"}))
    assert tagged.get_absolute_url() in _main(client.get(URL, {"q": "chuyen doi so"}))


def test_a_word_must_begin_a_word(client):
    ArticleFactory(title="Ban chỉ đạo", summary="", body="")
    body = _main(client.get(URL, {"q": "an"}))
    assert "Không tìm thấy kết quả nào" in body


def test_changing_tags_updates_the_search_key():
    article = ArticleFactory(title="Bài", summary="", body="")
    tag = TagFactory(name="Nông thôn mới")
    article.tags.add(tag)
    assert "nong thon moi" in Article.objects.get(pk=article.pk).search_text
    article.tags.remove(tag)
    assert "nong thon" not in Article.objects.get(pk=article.pk).search_text


def test_unpublished_scheduled_and_hidden_articles_are_not_found(client):
    ArticleFactory(title="Kiểm tra nháp", status=Article.Status.DRAFT)
    ArticleFactory(title="Kiểm tra ẩn", status=Article.Status.HIDDEN)
    ArticleFactory(title="Kiểm tra hẹn giờ", published_at=timezone.now() + datetime.timedelta(1))
    assert "Không tìm thấy kết quả nào" in _main(client.get(URL, {"q": "kiem tra"}))


def test_category_filter_includes_children_and_extra_categories(client):
    parent = CategoryFactory(name="Tin tức", slug="tin-tuc")
    child = CategoryFactory(name="Tin trong tỉnh", parent=parent)
    other = CategoryFactory(name="Khác", slug="khac")
    in_child = ArticleFactory(title="Kiểm tra một", category=child)
    extra = ArticleFactory(title="Kiểm tra hai", category=other)
    extra.extra_categories.add(parent)
    outside = ArticleFactory(title="Kiểm tra ba", category=other)
    body = _main(client.get(URL, {"q": "kiem tra", "chuyen-muc": "tin-tuc"}))
    assert in_child.get_absolute_url() in body
    assert extra.get_absolute_url() in body
    assert outside.get_absolute_url() not in body
    assert body.count("search-result__title") == 2


def test_date_range_filter_in_vietnamese_dates(client):
    ArticleFactory(title="Giám sát tháng sáu", published_at=_aware(2017, 6, 12))
    ArticleFactory(title="Giám sát tháng tám", published_at=_aware(2017, 8, 1))
    text = _main(client.get(URL, {"q": "giam sat", "tu": "01/06/2017", "den": "12/06/2017"}))
    assert "tháng sáu" in text and "tháng tám" not in text


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": ""}, "Nhập từ khóa cần tìm"),
        ({"q": "   "}, "Nhập từ khóa cần tìm"),
        ({"q": "?!…—%%%"}, "chỉ gồm dấu câu"),
        ({"q": "a" * 5000}, "Từ khóa quá dài"),
        ({"q": "kiem", "tu": "31/02/2020"}, "không hợp lệ"),
        ({"q": "kiem", "den": "99/99/99999"}, "không hợp lệ"),
        ({"q": "kiem", "tu": "01/01/9999", "den": "31/12/9999"}, "Không tìm thấy"),
        ({"q": "kiem", "tu": "01/01/0001", "den": "31/12/9999"}, "Không tìm thấy"),
        ({"q": "kiem", "chuyen-muc": "khong-co"}, "Không có chuyên mục này"),
        ({"q": "kiem", "trang": "abc"}, "Không tìm thấy"),
        ({"q": "kiem", "trang": "99999999999999999999"}, "Không tìm thấy"),
        ({"q": "%_\\'\"; DROP TABLE"}, "Không tìm thấy"),
        ({"q": "kiem\x00tra"}, "Không tìm thấy"),
    ],
)
def test_empty_or_absurd_input_gets_a_helpful_page(client, params, message):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert message in _main(response)


def test_the_query_is_escaped_everywhere(client):
    ArticleFactory(title="Tin về script")
    payload = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
    body = client.get(URL, {"q": payload}).content.decode()  # whole page
    assert "<script>alert(1)" not in body
    assert "<img src=x" not in body
    assert "&lt;script&gt;" in body


def test_highlight_escapes_and_ignores_diacritics():
    html = highlight("<b>Đảng</b> & Nhà nước: kiểm tra", search_words("dang kiem"))
    assert html == "&lt;b&gt;<mark>Đảng</mark>&lt;/b&gt; &amp; Nhà nước: <mark>kiểm</mark> tra"
    # Composed and decomposed spellings highlight alike.
    assert highlight("\u0110a\u0309ng", ["dang"]) == "<mark>\u0110\u1ea3ng</mark>"


def test_page_has_title_and_breadcrumb(client):
    body = client.get(URL, {"q": "kiểm tra"}).content.decode()
    assert "<title>Tìm kiếm: kiểm tra" in body
    assert 'aria-current="page">Tìm kiếm</span>' in body


def test_results_are_paginated(client):
    for n in range(13):
        ArticleFactory(title=f"Giám sát đợt {n}")
    first = _main(client.get(URL, {"q": "giam sat"}))
    assert first.count("search-result__title") == 10
    assert "trang=2" in first
    second = _main(client.get(URL, {"q": "giam sat", "trang": "2"}))
    assert second.count("search-result__title") == 3


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgres_ranks_title_matches_first_and_lets_near_misses_through(client):
    ArticleFactory(title="Tin tổng hợp", summary="", body="<p>Có nói về kiểm tra giám sát.</p>")
    best = ArticleFactory(title="Kiểm tra giám sát", summary="", published_at=_aware(2000, 1, 1))
    body = _main(client.get(URL, {"q": "kiem tra giam sat"}))
    assert body.index(best.get_absolute_url()) < body.index("Tin tổng hợp")
    near = _main(client.get(URL, {"q": "kiem tra giam saat"}))
    assert best.get_absolute_url() in near


def test_search_providers_hook(client):
    class Trial:
        key = "thu-nghiem"
        label = "Thử nghiệm"

        def results(self, request):
            return Article.objects.none()

        def hit(self, row, words):  # pragma: no cover – no rows
            raise AssertionError

    # The real providers (documents…) stay registered for the tests that follow.
    saved = list(PROVIDERS)
    register_provider(Trial())
    try:
        body = _main(client.get(URL, {"q": "kiem", "loai": "thu-nghiem"}))
        assert '<strong aria-current="page">Thử nghiệm (0)</strong>' in body
        assert "Không tìm thấy kết quả nào" in body
    finally:
        PROVIDERS[:] = saved


def _bulk_articles(count, category):
    now = timezone.now()
    Article.objects.bulk_create(
        Article(
            title=f"Kiểm tra giám sát số {n}",
            slug=f"kiem-tra-giam-sat-{n}",
            category=category,
            summary="Tóm tắt",
            body="<p>Nội dung</p>",
            status=Article.Status.PUBLISHED,
            published_at=now - datetime.timedelta(minutes=n + 1),
            search_text=search_text_of(f"Kiểm tra giám sát số {n}", "Tóm tắt", "Nội dung"),
        )
        for n in range(count)
    )


def _queries(client, params):
    client.get(URL, params)  # warm the site-wide caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "params",
    [{"q": "kiem tra giam sat"}, {"q": "giam sat", "chuyen-muc": "kiem-tra", "trang": "2"}],
)
def test_query_budget_is_the_same_with_10_and_1000_articles(client, params):
    category = CategoryFactory(name="Kiểm tra", slug="kiem-tra")
    _bulk_articles(10, category)
    few = _queries(client, params)
    Article.objects.all().delete()
    _bulk_articles(1000, category)
    many = _queries(client, params)
    assert few == many
    assert many <= 12
