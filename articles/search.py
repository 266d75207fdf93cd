"""News in the site search (portal.search): published articles, ranked.

Words are matched without diacritics or case against Article.search_text, a folded copy of
the title, summary, body text and tag names kept up to date on save. Every word must begin
a word of the article ("dang" finds "Đảng", not "bàn giao dang dở" only because of "dở").
On PostgreSQL the results are ranked by full-text search (the portal_unaccent
configuration, migration 0003) plus trigram word similarity, which also lets near misses
through; on SQLite the same filter runs, newest first, with exact phrases ahead. The
search can be narrowed to a category ("chuyen-muc", with its sub-categories).
"""

import datetime
import html

from django.db import connection
from django.db.models import Case, F, IntegerField, Q, When
from django.db.models.signals import m2m_changed
from django.utils.html import strip_tags

from portal.dates import local_midnight
from portal.search.display import excerpt, highlight
from portal.search.query import word_filter

from .models import Article, Category
from .services import article_refresh_search_text

TEXT_SEARCH_CONFIG = "portal_unaccent"
NEAR_MISS = 0.7


class ArticleSearch:
    """Published articles, optionally of one category and its children."""

    key = "bai-viet"
    label = "Tin bài"
    scope_param = "chuyen-muc"
    scope_label = "Chuyên mục"
    scope_all_label = "Tất cả chuyên mục"
    scope_missing = "Không có chuyên mục này; đã tìm trong mọi chuyên mục."

    def find_scope(self, slug):
        return Category.objects.filter(slug=slug).first()

    def scope_choices(self):
        """(category, is_child) pairs: each top category followed by its children; one query."""
        categories = list(Category.objects.all())
        children = {}
        for category in categories:
            children.setdefault(category.parent_id, []).append(category)
        return [
            (item, is_child)
            for top in children.get(None, [])
            for item, is_child in [(top, False), *((c, True) for c in children.get(top.pk, []))]
        ]

    def results(self, request):
        queryset = Article.objects.published().select_related("category")
        if request.scope is not None:
            ids = [request.scope.pk, *request.scope.children.values_list("pk", flat=True)]
            extra = Article.extra_categories.through.objects.filter(category_id__in=ids)
            # A subquery rather than a join: no duplicates, so no DISTINCT under the ranking.
            queryset = queryset.filter(
                Q(category_id__in=ids) | Q(pk__in=extra.values("article_id"))
            )
        start = request.date_from and local_midnight(request.date_from)
        if start:
            queryset = queryset.filter(published_at__gte=start)
        if request.date_to and request.date_to < datetime.date.max:
            end = local_midnight(request.date_to + datetime.timedelta(days=1))
            if end:
                queryset = queryset.filter(published_at__lt=end)
        if connection.vendor == "postgresql":
            return self._ranked_postgres(queryset, request)
        phrase = Q(search_text__contains=request.folded)
        return (
            queryset.filter(word_filter(request.words))
            .annotate(exact=Case(When(phrase, then=1), default=0, output_field=IntegerField()))
            .order_by("-exact", "-published_at", "-id")
        )

    def _ranked_postgres(self, queryset, request):
        from django.contrib.postgres.search import (
            SearchQuery,
            SearchRank,
            SearchVector,
            TrigramWordSimilarity,
        )

        vector = (
            SearchVector("title", weight="A", config=TEXT_SEARCH_CONFIG)
            + SearchVector("summary", weight="B", config=TEXT_SEARCH_CONFIG)
            + SearchVector("search_text", weight="C", config=TEXT_SEARCH_CONFIG)
        )
        query = SearchQuery(request.folded, config=TEXT_SEARCH_CONFIG, search_type="plain")
        # %> (pg_trgm's 0.6 threshold) can use the GIN index; the stricter bound keeps
        # "dang" from finding every "dân".
        near_miss = Q(search_text__trigram_word_similar=request.folded, similarity__gte=NEAR_MISS)
        return (
            queryset.annotate(similarity=TrigramWordSimilarity(request.folded, "search_text"))
            .filter(word_filter(request.words) | near_miss)
            .annotate(rank=SearchRank(vector, query) + F("similarity"))
            .order_by("-rank", "-published_at", "-id")
        )

    def hit(self, article, words):
        body_text = html.unescape(strip_tags(article.body))
        return {
            "title": highlight(article.title, words),
            "url": article.get_absolute_url(),
            "excerpt": excerpt(f"{article.summary} {body_text}".strip(), words),
            "date": article.published_at,
            "category": article.category,
        }


def _tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Tag names are part of the search key: rewrite it when an article's tags change."""
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        article_refresh_search_text([instance.pk])
    elif pk_set:
        article_refresh_search_text(pk_set)


m2m_changed.connect(_tags_changed, sender=Article.tags.through, dispatch_uid="article-tags-search")
