"""RSS and sitemap.xml of the news: published articles only."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from articles.models import Article
from tests.articles.factories import ArticleFactory, CategoryFactory
from tests.portal.factories import SiteProfileFactory

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def news():
    SiteProfileFactory()
    parent = CategoryFactory(name="Tin tức – Sự kiện", slug="tin-tuc-su-kien")
    child = CategoryFactory(name="Tin trong tỉnh", slug="tin-trong-tinh", parent=parent)
    other = CategoryFactory(name="Văn hóa – Xã hội", slug="van-hoa-xa-hoi")
    return {
        "parent": parent,
        "other": other,
        "own": ArticleFactory(title="Tin của mục cha", category=parent, summary="Tóm tắt & <b>"),
        "child": ArticleFactory(title="Tin của mục con", category=child),
        "other_article": ArticleFactory(title="Tin văn hóa", category=other),
        "draft": ArticleFactory(title="Tin nháp", category=parent, status=Article.Status.DRAFT),
        "hidden": ArticleFactory(title="Tin đã ẩn", category=parent, status=Article.Status.HIDDEN),
        "future": ArticleFactory(
            title="Tin hẹn giờ",
            category=parent,
            published_at=timezone.now() + datetime.timedelta(days=1),
        ),
    }


def rss(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(response.content).find("channel")  # noqa: S314 - our own output


def test_the_feed_of_all_news_has_the_published_articles_only(client, news):
    channel = rss(client, "/rss/")
    assert channel.findtext("title") == "Tin mới – Ban Tuyên giáo Tỉnh ủy Kon Tum"
    assert channel.findtext("language") == "vi"
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert set(titles) == {"Tin của mục cha", "Tin của mục con", "Tin văn hóa"}
    item = next(i for i in channel.findall("item") if i.findtext("title") == "Tin của mục cha")
    assert item.findtext("link") == f"http://testserver{news['own'].get_absolute_url()}"
    assert item.findtext("description") == "Tóm tắt &amp; &lt;b&gt;"
    assert item.findtext("category") == "Tin tức – Sự kiện"


def test_a_category_feed_has_its_own_and_its_children_articles(client, news):
    channel = rss(client, "/rss/tin-tuc-su-kien/")
    assert channel.findtext("title") == "Tin tức – Sự kiện – Ban Tuyên giáo Tỉnh ủy Kon Tum"
    titles = {item.findtext("title") for item in channel.findall("item")}
    assert titles == {"Tin của mục cha", "Tin của mục con"}


def test_the_sitemap_lists_published_articles_and_the_categories(client, news):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    locations = {loc.text for loc in root.findall("s:url/s:loc", SITEMAP_NS)}
    base = "http://testserver"
    for key in ["own", "child", "other_article"]:
        assert base + news[key].get_absolute_url() in locations
    for key in ["draft", "hidden", "future"]:
        assert base + news[key].get_absolute_url() not in locations
    assert base + news["parent"].get_absolute_url() in locations
    assert base + "/" in locations  # the shell's own section is still there
