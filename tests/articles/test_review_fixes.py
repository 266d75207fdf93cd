"""Behaviour found missing by review: scheduled articles and kept pages, odd page numbers,
iframe hosts written to fool a URL parser, the eth letter, oversized refused comments."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from portal import pagecache
from portal.text import clean_html, fold, slugify_vi
from tests.articles.factories import ArticleFactory

BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"}


@pytest.mark.django_db
def test_kept_pages_expire_when_the_next_scheduled_article_appears(settings):
    settings.PAGE_CACHE_SECONDS = 60
    now = timezone.now()
    assert pagecache.kept_page_seconds(now) == 60
    ArticleFactory(published_at=now + datetime.timedelta(seconds=30))
    assert pagecache.kept_page_seconds(now) == 30
    ArticleFactory(status=Article.Status.DRAFT, published_at=now + datetime.timedelta(seconds=5))
    assert pagecache.kept_page_seconds(now) == 30  # a draft appears at no time


@pytest.mark.django_db
def test_odd_page_numbers_are_served_but_not_kept():
    from django.core.cache import cache

    ArticleFactory()
    for value in ["abc", "0002", "-1", "9" * 30]:
        assert (
            Client(**BROWSER).get(f"{reverse('articles:latest')}?trang={value}").status_code == 200
        )
    assert not [key for key in cache._cache if ":portal:page:" in key]
    Client(**BROWSER).get(f"{reverse('articles:latest')}?trang=1")
    assert [key for key in cache._cache if ":portal:page:" in key]


@pytest.mark.parametrize(
    "src",
    [
        "https://evil.example\\@www.youtube.com/embed/x",
        "https://user@www.youtube.com/embed/x",
        "https://www.youtube.com.evil.example/embed/x",
        "http://www.youtube.com/embed/x",
        "javascript:alert(1)//www.youtube.com",
    ],
)
def test_iframes_from_hosts_that_only_look_allowed_are_removed(src):
    assert "<iframe" not in clean_html(f'<iframe src="{src}"></iframe>')


def test_the_eth_letter_of_old_texts_folds_like_d():
    assert fold("Ðảng") == "dang"
    assert slugify_vi("Ðảng ủy xã") == "dang-uy-xa"


@pytest.mark.django_db
def test_a_huge_refused_comment_is_not_stored_whole_in_the_session():
    from articles import services

    article = ArticleFactory()
    client = Client(**BROWSER)
    client.post(
        reverse("articles:comment", args=[article.slug]),
        {"name": "", "email": "khong-hop-le", "body": "x" * 1_000_000},
    )
    draft = client.session[services.COMMENT_DRAFT_SESSION_KEY]
    assert len(draft["data"]["body"]) <= 6000


@pytest.mark.django_db
def test_the_article_page_shows_a_resized_cover_not_the_original(client):
    from tests.portal.factories import png

    article = ArticleFactory()
    article.cover_image.save("bia.png", png("bìa", (2400, 1600)), save=True)
    article.refresh_from_db()
    assert (article.cover_large_width, article.cover_large_height) == (960, 640)
    body = client.get(article.get_absolute_url()).content.decode()
    assert article.cover_large.url in body
    assert 'width="960" height="640"' in body
    assert article.cover_image.url not in body


def test_bodies_keep_the_editors_classes_but_not_the_sites():
    cleaned = clean_html(
        '<p class="messages message--error text-center">x</p><figure class="image">y</figure>'
    )
    assert 'class="text-center"' in cleaned
    assert "message" not in cleaned
    assert '<figure class="image">' in cleaned


def test_protocol_relative_images_and_links_are_dropped():
    cleaned = clean_html('<img src="//evil.example/t.gif"><a href="//evil.example/">x</a>')
    assert "evil.example" not in cleaned


@pytest.mark.django_db
def test_bulk_publishing_an_old_draft_dates_it_now(admin_client):
    draft = ArticleFactory(
        status=Article.Status.DRAFT, published_at=timezone.now() - datetime.timedelta(days=90)
    )
    hidden = ArticleFactory(
        status=Article.Status.HIDDEN, published_at=timezone.now() - datetime.timedelta(days=90)
    )
    admin_client.post(
        "/admin/articles/article/",
        {"action": "publish_selected", "_selected_action": [draft.pk, hidden.pk]},
    )
    draft.refresh_from_db()
    hidden.refresh_from_db()
    assert draft.status == hidden.status == Article.Status.PUBLISHED
    assert timezone.now() - draft.published_at < datetime.timedelta(minutes=1)
    assert timezone.now() - hidden.published_at > datetime.timedelta(days=89)


@pytest.mark.django_db
def test_categories_and_tags_of_the_same_name_get_distinct_slugs_wherever_saved():
    from articles.models import Category, Tag

    parents = [Category.objects.create(name=f"Huyện {n}") for n in range(2)]
    first, second = (Category.objects.create(name="Tin tức", parent=p) for p in parents)
    assert (first.slug, second.slug) == ("tin-tuc", "tin-tuc-2")
    assert Tag.objects.create(name="Đảng").slug == "dang"
    assert Tag.objects.create(name="Dang").slug == "dang-2"
