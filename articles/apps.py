from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Tin tức"

    def ready(self):
        from portal import blocks, pagecache
        from portal.search.providers import register_provider
        from portal.sitemaps import SITEMAPS

        from .search import ArticleSearch
        from .sitemaps import ArticleSitemap, CategorySitemap
        from .templatetags import articles_tags

        blocks.register("most-read", "Tin đọc nhiều", "articles/blocks/most_read.html", 60)(
            articles_tags.most_read_context
        )
        pagecache.register_live("article-stats", articles_tags.render_article_stats)
        pagecache.register_live("article-rating", articles_tags.render_article_rating)
        pagecache.register_next_change(next_scheduled_publication)
        pagecache.register_content_app(self.label)
        # Registered first: news is the search page's default kind. The module also
        # rewrites the articles' search text when their tags change.
        register_provider(ArticleSearch())

        SITEMAPS.update({"articles": ArticleSitemap, "categories": CategorySitemap})


def next_scheduled_publication(now):
    """When the next scheduled article appears: kept pages must not outlive that moment."""
    from .models import Article

    return (
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
