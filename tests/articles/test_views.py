"""Reader pages of the news: lists, the article, preview, print, save, old links, budgets."""

import datetime
import re
import zoneinfo
from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.template import Context, Template
from django.test import Client
from django.utils import timezone

from articles.models import Article
from articles.templatetags.articles_tags import ngay_dang
from tests.articles.factories import ArticleFactory, CategoryFactory, TagFactory
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"}


def text_of(response):
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def main_of(response):
    """The text of the main column, without the sidebar's lists of articles."""
    html = response.content.decode()
    main = re.search(r'<main id="noi-dung".*?</main>', html, flags=re.S).group(0)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def section(response, heading):
    """The text of the <section> whose title is `heading`."""
    html = response.content.decode()
    match = re.search(rf">{heading}</h2>(.*?)</section>", html, flags=re.S)
    assert match, heading
    return re.sub(r"<[^>]+>", "\n", match.group(1))


def guest():
    return Client(**BROWSER)


# --- The date line ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (12, "Thứ hai - 12/06/2017 22:28"),
        (13, "Thứ ba - 13/06/2017 22:28"),
        (14, "Thứ tư - 14/06/2017 22:28"),
        (15, "Thứ năm - 15/06/2017 22:28"),
        (16, "Thứ sáu - 16/06/2017 22:28"),
        (17, "Thứ bảy - 17/06/2017 22:28"),
        (18, "Chủ nhật - 18/06/2017 22:28"),
    ],
)
def test_the_date_line_names_the_vietnamese_weekday(day, expected):
    assert ngay_dang(datetime.datetime(2017, 6, day, 22, 28, tzinfo=TZ)) == expected


def test_the_date_line_turns_at_midnight_in_vietnam_not_utc():
    utc = datetime.UTC
    # 16:59 UTC on Saturday is 23:59 in Vietnam; a minute later it is Sunday there.
    assert ngay_dang(datetime.datetime(2017, 6, 17, 16, 59, tzinfo=utc)) == (
        "Thứ bảy - 17/06/2017 23:59"
    )
    assert ngay_dang(datetime.datetime(2017, 6, 17, 17, 0, tzinfo=utc)) == (
        "Chủ nhật - 18/06/2017 00:00"
    )
    # 23:30 UTC on Sunday is already Monday morning in Vietnam.
    assert ngay_dang(datetime.datetime(2017, 6, 18, 23, 30, tzinfo=utc)) == (
        "Thứ hai - 19/06/2017 06:30"
    )


def test_the_date_line_ignores_the_active_time_zone():
    with timezone.override(zoneinfo.ZoneInfo("Europe/Paris")):
        assert ngay_dang(datetime.datetime(2017, 6, 12, 15, 28, tzinfo=datetime.UTC)) == (
            "Thứ hai - 12/06/2017 22:28"
        )


# --- The article page -------------------------------------------------------------------


def test_the_article_page_shows_every_part():
    parent = CategoryFactory(name="Tin tức – Sự kiện", slug="tin-tuc-su-kien")
    category = CategoryFactory(name="Tin trong tỉnh", slug="tin-trong-tinh", parent=parent)
    tag = TagFactory(name="Kon Plông")
    article = ArticleFactory(
        title="Hội nghị báo cáo viên tháng 6",
        category=category,
        summary="Tóm tắt của bài.",
        body='<p>Đoạn một.</p><figure><img src="/media/a.png" alt="Ảnh">'
        "<figcaption>Chú thích ảnh trong bài</figcaption></figure>",
        byline="Bài và ảnh: Ngô Đức Hải",
        source="Báo Kon Tum",
        published_at=datetime.datetime(2017, 6, 12, 22, 28, tzinfo=TZ),
        tags=[tag],
    )
    response = guest().get(article.get_absolute_url())
    assert response.status_code == 200
    html, page = response.content.decode(), text_of(response)
    assert "<title>Hội nghị báo cáo viên tháng 6 – " in html
    assert re.search(
        r"Trang chủ\s*</a>\s*» <a href=\"/chuyen-muc/tin-tuc-su-kien/\">Tin tức – Sự kiện</a>"
        r" » <a href=\"/chuyen-muc/tin-trong-tinh/\">Tin trong tỉnh</a> »",
        html,
    )
    for part in [
        "Thứ hai - 12/06/2017 22:28",
        "Tóm tắt của bài.",
        "Đoạn một.",
        "Chú thích ảnh trong bài",
        "Bài và ảnh: Ngô Đức Hải",
        "Nguồn: Báo Kon Tum",
        "Thẻ: Kon Plông",
        "Lượt xem:",
        "Ý kiến bạn đọc",
        "Những tin mới hơn",
        "Những tin cũ hơn",
        "Bản in",
        "Lưu bài viết",
    ]:
        assert part in page, part
    canonical = f"http://testserver{article.get_absolute_url()}"
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert '<meta property="og:title" content="Hội nghị báo cáo viên tháng 6">' in html
    assert "https://www.facebook.com/sharer/sharer.php?u=" + quote(canonical, safe="") in html
    assert "zalo.me" in html and "mailto:?subject=" in html
    assert '<script type="application/ld+json">' in html
    assert '"@type": "NewsArticle"' in html
    assert "Bản xem trước" not in page


def test_the_cover_has_its_caption_and_size():
    from tests.portal.factories import png

    article = ArticleFactory(cover_caption="Đoàn Giám sát tại xã Ngọc Tem")
    article.cover_image.save("anh.png", png(size=(640, 400)), save=True)
    html = guest().get(article.get_absolute_url()).content.decode()
    assert re.search(
        r'<img src="/media/[^"]+" alt="Đoàn Giám sát tại xã Ngọc Tem" '
        r'width="640" height="400">',
        html,
    )
    assert "<figcaption>Đoàn Giám sát tại xã Ngọc Tem</figcaption>" in html


def test_text_in_the_metadata_cannot_end_the_script():
    article = ArticleFactory(title="</script><script>alert(1)</script>", summary="a & b <!--")
    html = guest().get(article.get_absolute_url()).content.decode()
    json_ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert "<" not in json_ld.group(1) and "\\u003C/script\\u003E" in json_ld.group(1)
    assert "<script>alert(1)" not in html


def test_unknown_addresses_are_404():
    client = guest()
    for url in ["/bai-viet/khong-co/", "/chuyen-muc/khong-co/", "/the/khong-co/", "/rss/khong-co/"]:
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.HIDDEN])
def test_drafts_and_hidden_articles_are_404_for_readers(client, status):
    article = ArticleFactory(status=status)
    assert guest().get(article.get_absolute_url()).status_code == 404
    client.force_login(UserFactory())
    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get(reverse_print(article)).status_code == 404
    assert client.get(reverse_save(article)).status_code == 404


def reverse_print(article):
    return f"{article.get_absolute_url()}in/"


def reverse_save(article):
    return f"{article.get_absolute_url()}luu/"


def article_reader():
    """Staff allowed to read articles in the admin (as editors are)."""
    from django.contrib.auth.models import Permission

    staff = StaffFactory()
    staff.user_permissions.add(Permission.objects.get(codename="view_article"))
    return staff


def test_staff_see_a_preview_with_a_banner(client):
    article = ArticleFactory(status=Article.Status.DRAFT, title="Bài chưa đăng")
    client.force_login(article_reader())
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Bản xem trước – chưa đăng." in text_of(response)
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    assert "Bản xem trước – chưa đăng." in text_of(client.get(reverse_print(article)))
    assert Article.objects.get(pk=article.pk).view_count == 0  # a preview is not a read


def test_a_scheduled_article_appears_at_its_time_without_cron(monkeypatch, settings):
    settings.PAGE_CACHE_SECONDS = 0  # kept pages follow within PAGE_CACHE_SECONDS; see pagecache
    now = timezone.now()
    article = ArticleFactory(title="Tin hẹn giờ", published_at=now + datetime.timedelta(hours=1))
    assert guest().get(article.get_absolute_url()).status_code == 404
    assert "Tin hẹn giờ" not in text_of(guest().get("/tin-tuc/"))
    assert "Tin hẹn giờ" not in text_of(guest().get(article.category.get_absolute_url()))

    later = now + datetime.timedelta(hours=1, seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert guest().get(article.get_absolute_url()).status_code == 200
    assert "Tin hẹn giờ" in text_of(guest().get("/tin-tuc/"))
    assert "Tin hẹn giờ" in text_of(guest().get(article.category.get_absolute_url()))


def test_staff_preview_a_scheduled_article_with_its_time(client):
    article = ArticleFactory(published_at=datetime.datetime(2099, 1, 4, 8, 0, tzinfo=TZ))
    client.force_login(article_reader())
    page = text_of(client.get(article.get_absolute_url()))
    assert "Bản xem trước – chưa đăng." in page
    assert "hẹn đăng lúc Chủ nhật - 04/01/2099 08:00" in page


def test_newer_and_older_are_ten_each_of_the_same_category_nearest_first():
    category, other = CategoryFactory(), CategoryFactory()
    start = timezone.now() - datetime.timedelta(days=60)
    articles = [
        ArticleFactory(
            title=f"Bài {n:02d}", category=category, published_at=start + datetime.timedelta(days=n)
        )
        for n in range(25)
    ]
    ArticleFactory(title="Bài khác chuyên mục", category=other, published_at=start)
    ArticleFactory(
        title="Bài nháp", category=category, status=Article.Status.DRAFT, published_at=start
    )
    response = guest().get(articles[12].get_absolute_url())
    newer = re.findall(r"Bài \d\d", section(response, "Những tin mới hơn"))
    older = re.findall(r"Bài \d\d", section(response, "Những tin cũ hơn"))
    assert newer == [f"Bài {n:02d}" for n in range(13, 23)]
    assert older == [f"Bài {n:02d}" for n in range(11, 1, -1)]
    page = main_of(response)
    assert "Bài khác chuyên mục" not in page and "Bài nháp" not in page

    first = guest().get(articles[0].get_absolute_url())
    assert "Không có tin cũ hơn." in text_of(first)


def test_the_print_view_has_the_article_without_the_layout():
    article = ArticleFactory(title="Bài để in", body="<p>Nội dung để in.</p>")
    response = guest().get(reverse_print(article))
    html = response.content.decode()
    assert response.status_code == 200
    assert "css/print.css" in html and "css/site.css" not in html
    assert "Bài để in" in html and "Nội dung để in." in html
    assert 'class="sidebar"' not in html and "main-menu" not in html


def test_save_downloads_a_standalone_file_named_in_vietnamese():
    article = ArticleFactory(title='Kế hoạch "quý III/2017"', body="<p>Nội dung lưu.</p>")
    response = guest().get(reverse_save(article))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    disposition = response["Content-Disposition"]
    assert disposition.startswith(f'attachment; filename="{article.slug}.html"; ')
    # RFC 5987: the title, without the characters a file name cannot hold, percent-encoded.
    assert disposition.endswith("filename*=UTF-8''" + quote("Kế hoạch quý III 2017.html"))
    html = response.content.decode()
    assert html.startswith("<!DOCTYPE html>")
    assert "Nội dung lưu." in html and "<style>" in html
    assert '<base href="http://testserver/">' in html
    assert "css/site.css" not in html


# --- Lists ------------------------------------------------------------------------------


def test_a_category_lists_its_own_and_its_children_articles_newest_first():
    parent = CategoryFactory(name="Tuyên truyền")
    child = CategoryFactory(name="Đề cương", parent=parent)
    elsewhere = CategoryFactory()
    now = timezone.now()
    ArticleFactory(title="Bài cha", category=parent, published_at=now - datetime.timedelta(hours=2))
    ArticleFactory(title="Bài con", category=child, published_at=now - datetime.timedelta(hours=1))
    extra = ArticleFactory(title="Bài phụ", category=elsewhere)
    extra.extra_categories.add(parent)
    ArticleFactory(title="Bài ngoài", category=elsewhere)
    ArticleFactory(title="Bài nháp", category=parent, status=Article.Status.DRAFT)
    response = guest().get(parent.get_absolute_url())
    page = main_of(response)
    assert re.findall(r"Bài (?:cha|con|phụ|ngoài|nháp)", page) == ["Bài phụ", "Bài con", "Bài cha"]
    assert "<title>Tuyên truyền – " in response.content.decode()
    child_page = guest().get(child.get_absolute_url()).content.decode()
    assert f'» <a href="{parent.get_absolute_url()}">Tuyên truyền</a> »' in child_page


def test_list_items_have_thumbnail_title_date_and_summary():
    from tests.portal.factories import png

    article = ArticleFactory(
        summary="Tóm tắt ngắn.", published_at=datetime.datetime(2017, 6, 18, 8, 0, tzinfo=TZ)
    )
    article.cover_image.save("anh.png", png(size=(800, 600)), save=True)
    article.refresh_from_db()
    response = guest().get(article.category.get_absolute_url())
    html, page = response.content.decode(), text_of(response)
    assert f'<img src="{article.cover_thumbnail.url}" alt="" width="180" height="120"' in html
    assert 'loading="lazy"' in html
    assert article.title in page and "Chủ nhật - 18/06/2017 08:00" in page
    assert "Tóm tắt ngắn." in page


@pytest.mark.parametrize("trang", ["abc", "0", "-1", "99999", "1.5", "", "%00"])
def test_bad_page_numbers_give_a_page_not_an_error(trang):
    category = CategoryFactory()
    ArticleFactory.create_batch(3, category=category)
    for url in [category.get_absolute_url(), "/tin-tuc/"]:
        assert guest().get(f"{url}?trang={trang}").status_code == 200


def test_pages_follow_trang():
    category = CategoryFactory()
    start = timezone.now() - datetime.timedelta(days=1)
    for n in range(20):
        ArticleFactory(
            title=f"Tin {n:02d}",
            category=category,
            published_at=start + datetime.timedelta(minutes=n),
        )
    first = main_of(guest().get(category.get_absolute_url()))
    second = main_of(guest().get(f"{category.get_absolute_url()}?trang=2"))
    assert "Tin 19" in first and "Tin 04" not in first and "Trang 1 / 2" in first
    assert "Tin 04" in second and "Tin 19" not in second and "Trang 2 / 2" in second


def test_the_tag_page_lists_its_published_articles():
    tag = TagFactory(name="Nghị quyết")
    ArticleFactory(title="Có thẻ", tags=[tag])
    ArticleFactory(title="Không thẻ")
    ArticleFactory(title="Nháp có thẻ", tags=[tag], status=Article.Status.DRAFT)
    response = guest().get(tag.get_absolute_url())
    page = main_of(response)
    assert "Có thẻ" in page and "Không thẻ" not in page and "Nháp có thẻ" not in page
    assert "<title>Thẻ: Nghị quyết – " in response.content.decode()


def test_home_shows_featured_and_the_latest_of_each_top_category_in_order():
    second = CategoryFactory(name="Văn hóa – Xã hội", order=2)
    first = CategoryFactory(name="Tin tức – Sự kiện", order=1)
    child = CategoryFactory(name="Tin trong tỉnh", parent=first)
    CategoryFactory(name="Chuyên mục trống", order=3)
    ArticleFactory(title="Tin nổi bật", category=second, is_featured=True)
    ArticleFactory(title="Tin của mục con", category=child)
    for n in range(7):
        ArticleFactory(
            title=f"Văn hóa {n}",
            category=second,
            published_at=timezone.now() - datetime.timedelta(hours=n + 1),
        )
    page = main_of(guest().get("/"))
    assert "Tin nổi bật" in page
    assert page.index("Tin tức – Sự kiện") < page.index("Văn hóa – Xã hội")
    assert "Tin của mục con" in page
    assert "Văn hóa 3" in page and "Văn hóa 4" not in page  # five per category
    assert "Chuyên mục trống" not in page


def test_the_most_read_block_replaces_the_placeholder():
    few, many = ArticleFactory(title="Ít người đọc"), ArticleFactory(title="Nhiều người đọc")
    Article.objects.filter(pk=few.pk).update(view_count=3)
    Article.objects.filter(pk=many.pk).update(view_count=900)
    html = guest().get("/tin-tuc/").content.decode()
    block = re.search(r"block--most-read.*?</section>", html, re.S).group(0)
    assert "Tin đọc nhiều" in block
    assert block.index("Nhiều người đọc") < block.index("Ít người đọc")


# --- Old links --------------------------------------------------------------------------


def test_an_old_nukeviet_link_redirects_permanently():
    category = CategoryFactory(legacy_alias="Tin-tuc")
    article = ArticleFactory(category=category, legacy_id=1290, legacy_alias="Mot-vai-kinh-nghiem")
    response = guest().get("/Tin-tuc/Mot-vai-kinh-nghiem-1290.html")
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_unknown_or_unpublished_old_links_are_404():
    category = CategoryFactory(legacy_alias="Tin-tuc")
    ArticleFactory(category=category, legacy_id=1290, legacy_alias="Mot-vai")
    ArticleFactory(
        category=category, legacy_id=77, legacy_alias="Nhap", status=Article.Status.DRAFT
    )
    for url in [
        "/Tin-tuc/Mot-vai-1291.html",
        "/Tin-tuc/Khac-1290.html",
        "/Van-hoa/Mot-vai-1290.html",
        "/Tin-tuc/Nhap-77.html",
        "/Tin-tuc/Mot-vai-1290.htm",
    ]:
        assert guest().get(url).status_code == 404, url


# --- Kept pages: live figures, counting, tokens ----------------------------------------


def test_a_kept_article_page_counts_views_and_shows_them_live():
    article = ArticleFactory()
    url = article.get_absolute_url()
    pages = [
        Client(HTTP_USER_AGENT=f"Mozilla/5.0 bạn đọc {n}").get(url).content.decode()
        for n in range(3)
    ]
    assert Article.objects.get(pk=article.pk).view_count == 3
    # Each reader sees the count before their own view, read when their page was served.
    for n, page in enumerate(pages):
        assert f"Lượt xem: <strong>{n}</strong>" in page
        assert "<!--portal:live:" not in page
    assert any(":portal:page:" in key for key in cache._cache)


def test_the_kept_article_page_gives_each_guest_a_working_token():
    article = ArticleFactory()
    guest().get(article.get_absolute_url())  # keeps the page
    reader = Client(enforce_csrf_checks=True, **BROWSER)
    html = reader.get(article.get_absolute_url()).content.decode()
    assert "__portal_csrf_token__" not in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = reader.post(
        f"{article.get_absolute_url()}danh-gia/", {"score": "5", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302


def test_the_live_tag_renders_in_place_outside_a_kept_page(rf):
    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(view_count=1234)
    request = rf.get("/")
    html = Template('{% load portal_tags %}{% live "article-stats" pk %}').render(
        Context({"request": request, "pk": article.pk})
    )
    assert "Lượt xem: <strong>1.234</strong>" in html


# --- Query budgets: the same with 10 or 1,000 articles ----------------------------------


def make_articles(count, categories, tag):
    """`count` published articles without save(): bulk_create, the way a migration would."""
    now = timezone.now()
    articles = Article.objects.bulk_create(
        Article(
            title=f"Tin hàng loạt {n}",
            slug=f"tin-hang-loat-{n}",
            category=categories[n % len(categories)],
            summary="Tóm tắt.",
            body="<p>Nội dung.</p>",
            status=Article.Status.PUBLISHED,
            published_at=now - datetime.timedelta(minutes=n + 5),
            is_featured=n % 4 == 0,
            view_count=n,
        )
        for n in range(count)
    )
    Through = Article.tags.through
    Through.objects.bulk_create(Through(article_id=a.pk, tag_id=tag.pk) for a in articles)
    extra = Article.extra_categories.through
    extra.objects.bulk_create(
        extra(article_id=a.pk, category_id=categories[0].pk) for a in articles[::5]
    )


@pytest.fixture(params=[10, 1000], ids=["10", "1000"])
def news(request):
    from tests.portal.factories import SiteProfileFactory

    SiteProfileFactory()
    top = CategoryFactory(name="Tin tức", slug="tin-tuc-budget", order=1)
    child = CategoryFactory(name="Tin trong tỉnh", slug="tin-trong-tinh-budget", parent=top)
    other = CategoryFactory(name="Văn hóa", slug="van-hoa-budget", order=2)
    tag = TagFactory(name="Kon Tum", slug="kon-tum")
    make_articles(request.param, [top, child, other], tag)
    article = ArticleFactory(
        title="Bài đang đọc",
        category=top,
        published_at=timezone.now() - datetime.timedelta(minutes=100),
        tags=[tag, TagFactory()],
    )
    return {
        "home": "/",
        "latest": "/tin-tuc/",
        "category": top.get_absolute_url(),
        "category-page-2": f"{top.get_absolute_url()}?trang=2",
        "tag": tag.get_absolute_url(),
        "article": article.get_absolute_url(),
    }


# Every request pays the visit statistics: a new visitor's presence and day (five
# statements with the savepoint) and the two reads of the block: 7.
# Guests get the kept page: only that, plus on the article its live figures, the lookup of
# the article to count and the count itself.
GUEST_BUDGET = {"home": 7, "latest": 7, "category": 7, "category-page-2": 7, "tag": 7,
                "article": 10}  # fmt: skip
# Members get the whole page, the N+1 guard: session, user, presence and statistics (the
# most-read block is cached), then a fixed number for the page itself (lists: count and page; the
# article: it, tags, newer, older, live figures, comments; a reread is not counted again);
# the documents' two blocks add the member's groups and one read of both.
MEMBER_BUDGET = {"home": 14, "latest": 13, "category": 16, "category-page-2": 16, "tag": 14,
                 "article": 17}  # fmt: skip


@pytest.mark.parametrize("page", list(GUEST_BUDGET))
def test_a_guest_page_costs_the_same_whatever_the_number_of_articles(
    news, page, django_assert_num_queries
):
    url = news[page]
    assert guest().get(url).status_code == 200  # keeps the page
    with django_assert_num_queries(GUEST_BUDGET[page]):
        assert Client(HTTP_USER_AGENT="Mozilla/5.0 khách mới").get(url).status_code == 200


@pytest.mark.parametrize("page", list(MEMBER_BUDGET))
def test_a_member_page_costs_the_same_whatever_the_number_of_articles(
    news, page, client, django_assert_num_queries
):
    client.force_login(UserFactory())
    url = news[page]
    assert client.get(url).status_code == 200  # warms the site-wide caches
    with django_assert_num_queries(MEMBER_BUDGET[page]):
        assert client.get(url).status_code == 200


def test_live_fragments_of_a_kind_are_filled_with_one_call(rf, monkeypatch):
    from portal import pagecache

    calls = []

    def render(request, args):
        calls.append(args)
        return {arg: f"<b>{arg}</b>" for arg in args}

    monkeypatch.setitem(pagecache._live_fragments, "test-kind", render)
    html = "a <!--portal:live:test-kind:1--> b <!--portal:live:test-kind:2--> c"
    html += " <!--portal:live:test-kind:1--> <!--portal:live:unknown:3-->"
    request = rf.get("/")
    request.user = AnonymousUser()
    filled = pagecache.fill(request, html)
    assert filled == "a <b>1</b> b <b>2</b> c <b>1</b> <!--portal:live:unknown:3-->"
    assert calls == [["1", "2"]]


def test_staff_without_the_right_to_read_articles_get_no_preview(client):
    article = ArticleFactory(status=Article.Status.DRAFT)
    client.force_login(StaffFactory(groups=[settings.INSPECTORS_GROUP]))
    for url in [article.get_absolute_url(), reverse_print(article)]:
        assert client.get(url).status_code == 404
