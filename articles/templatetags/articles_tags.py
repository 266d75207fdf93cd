"""The news in templates: the date line, home page columns, the most-read block, metadata."""

import json
import zoneinfo

from django import template
from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import F, Window
from django.db.models.functions import Coalesce, RowNumber
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles.models import Article, Category
from portal import pagecache

register = template.Library()

WEEKDAYS = ["Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật"]
HOME_FEATURED = 5
HOME_PER_CATEGORY = 5
MOST_READ = 8
MOST_READ_SECONDS = 5 * 60


@register.filter
def ngay_dang(value):
    """`Thứ hai - 12/06/2017 22:28`, the date line of the old site, in the board's time zone."""
    if not value:
        return ""
    local = timezone.localtime(value, zoneinfo.ZoneInfo(settings.TIME_ZONE))
    return f"{WEEKDAYS[local.weekday()]} - {local:%d/%m/%Y %H:%M}"


# JSON inside <script> must not be able to close the element or open a comment.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """A schema.org block; the JSON is escaped so no text in it can end the script."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


@register.inclusion_tag("articles/includes/featured.html")
def featured_articles(count=HOME_FEATURED):
    articles = Article.objects.published().for_listing().filter(is_featured=True)[:count]
    return {"articles": list(articles)}


@register.inclusion_tag("articles/includes/category_columns.html")
def category_columns(count=HOME_PER_CATEGORY):
    """The latest articles of each top category, categories in their order: two queries."""
    categories = list(Category.objects.top_level())
    top = Coalesce(F("category__parent_id"), F("category_id"))
    rows = (
        Article.objects.published()
        .for_listing()
        .annotate(
            top_id=top,
            rank=Window(RowNumber(), partition_by=[top], order_by=[F("published_at").desc()]),
        )
        .filter(rank__lte=count)
        .order_by("-published_at", "-id")
    )
    by_category = {}
    for article in rows:
        by_category.setdefault(article.top_id, []).append(article)
    return {
        "columns": [(c, by_category[c.pk]) for c in categories if c.pk in by_category],
    }


def most_read_context(context, title):
    """The sidebar block "Tin đọc nhiều": one query, then none for MOST_READ_SECONDS."""
    # Views change without a save, so the list also expires by itself; a save (a new or
    # hidden article) changes the content version and so the key.
    key = f"articles:most-read:{pagecache.content_version()}"
    articles = cache.get(key)
    if articles is None:
        articles = list(
            Article.objects.published()
            .order_by("-view_count", "-published_at")
            .only("title", "slug", "view_count")[:MOST_READ]
        )
        cache.set(key, articles, MOST_READ_SECONDS)
    if not articles:
        return None
    return {"block_title": title, "articles": articles}


@register.inclusion_tag("articles/blocks/most_read.html", takes_context=True)
def most_read(context, title="Tin đọc nhiều"):
    return most_read_context(context, title) or {"hidden": True}


def _live_rows(request, ids):
    """The articles' live figures, read once per request for both live fragments."""
    from django.db.models import Count, Q

    pks = tuple(sorted(int(pk) for pk in ids if str(pk).isdigit()))
    memo = getattr(request, "_article_live_rows", None)
    if memo is None or memo[0] != pks:
        rows = (
            Article.objects.filter(pk__in=pks)
            .annotate(comment_total=Count("comments", filter=Q(comments__status="approved")))
            .only("view_count", "rating_total", "rating_count")
        )
        memo = (pks, list(rows))
        if request is not None:
            request._article_live_rows = memo
    return memo[1]


def render_article_rating(request, ids):
    """{pk: html} of the rating line of these articles, as votes move it."""
    return {
        str(a.pk): render_to_string("articles/includes/rating_summary.html", {"article": a})
        for a in _live_rows(request, ids)
    }


def render_article_stats(request, ids):
    """{pk: html} of the live figures of these articles (views, rating, comments)."""
    return {
        str(a.pk): render_to_string("articles/includes/article_stats.html", {"article": a})
        for a in _live_rows(request, ids)
    }
