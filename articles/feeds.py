"""RSS of the news: all published articles, and one feed per category."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import escape

from portal.models import SiteProfile

from .models import Article, Category

FEED_SIZE = 20


def _site_name():
    profile = SiteProfile.load()
    return profile.short_name or profile.board_name


class LatestFeed(Feed):
    language = "vi"

    def title(self, obj=None):
        return f"Tin mới – {_site_name()}"

    def link(self, obj=None):
        return reverse("articles:latest")

    def description(self, obj=None):
        return "Các tin bài mới đăng."

    def items(self, obj=None):
        return Article.objects.published().for_listing()[:FEED_SIZE]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        # Readers take an RSS description as HTML; the summary is plain text.
        return escape(article.summary)

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.updated_at

    def item_categories(self, article):
        return [article.category.name]

    def item_author_name(self, article):
        return article.byline or None


class CategoryFeed(LatestFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, category):
        return f"{category.name} – {_site_name()}"

    def link(self, category):
        return category.get_absolute_url()

    def description(self, category):
        return category.description or f"Tin bài chuyên mục {category.name}."

    def items(self, category):
        return Article.objects.published().in_category(category).for_listing()[:FEED_SIZE]
