"""The news of load_demo: the seed's article exactly, more around it, and a second run adds none."""

import datetime
import zoneinfo

import pytest
from django.core.management import call_command
from django.test import Client

from articles import demo
from articles.models import Article, Category, Tag
from portal.models import MenuItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    call_command("load_demo", force=True)


def test_load_demo_twice_adds_nothing(loaded):
    counts = (
        Article.objects.count(),
        Category.objects.count(),
        Tag.objects.count(),
        MenuItem.objects.count(),
    )
    call_command("load_demo", force=True)
    assert counts == (
        Article.objects.count(),
        Category.objects.count(),
        Tag.objects.count(),
        MenuItem.objects.count(),
    )
    assert Article.objects.published().count() >= 30
    assert Article.objects.filter(is_featured=True).count() >= 3


def test_the_seed_article_is_as_the_seed_shows_it(loaded):
    article = Article.objects.get(slug=demo.SEED_SLUG)
    assert article.title == (
        "Một vài kinh nghiệm trong công tác kiểm tra, giám sát của Ban Tuyên giáo Huyện ủy Kon Plông"
    )
    local = article.published_at.astimezone(zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh"))
    assert local.replace(tzinfo=None) == datetime.datetime(2017, 6, 12, 22, 28)
    assert article.summary.startswith("Sau 15 năm tái thành lập huyện (2002-2017)")
    assert article.cover_caption.endswith(
        "giám stá việc thực hiện các nghị quyết của Tỉnh ủy, "
        "Ban Thường vụ Tỉnh ủy ban hành năm 2016 tại xã Ngọc Tem"
    )
    assert article.cover_image and article.cover_thumbnail
    assert article.byline == "Bài và ảnh: Ngô Đức Hải"
    assert article.body.count("<p>") == len(demo.SEED_BODY) == 9
    assert article.is_live


def test_the_categories_are_in_the_menu(loaded):
    urls = set(MenuItem.objects.values_list("url", flat=True))
    for category in Category.objects.in_menu():
        assert category.get_absolute_url() in urls
    child = MenuItem.objects.get(url=Category.objects.get(slug="tin-trong-tinh").get_absolute_url())
    assert child.parent.title == "Tin tức – Sự kiện"
    html = Client().get("/").content.decode()
    assert '<a href="/chuyen-muc/kiem-tra-giam-sat/"' in html


def test_the_old_link_of_the_demo_answers(loaded):
    title, legacy_id, alias = demo.LEGACY_ARTICLE
    response = Client().get(f"/Bao-cao-vien/{alias}-{legacy_id}.html")
    assert response.status_code == 301
    assert response["Location"] == Article.objects.get(title=title).get_absolute_url()


def test_the_demo_draft_is_hidden_from_readers(loaded):
    draft = Article.objects.get(status=Article.Status.DRAFT)
    assert Client().get(draft.get_absolute_url()).status_code == 404
