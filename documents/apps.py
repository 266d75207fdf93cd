from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "documents"
    verbose_name = "Văn bản"

    def ready(self):
        from portal import blocks, pagecache
        from portal.search.providers import register_provider
        from portal.sitemaps import SITEMAPS

        from .search import DocumentSearch
        from .sitemaps import DocumentSitemap
        from .templatetags import documents_tags

        template = "documents/blocks/documents.html"
        blocks.register("documents-new", "Văn Bản Mới", template, 10)(
            documents_tags.new_documents_context
        )
        # Just after "Văn Bản Mới", where the seed shows its materials.
        blocks.register("documents-materials", "Tài liệu", template, 11)(
            documents_tags.materials_context
        )
        pagecache.register_live("document-stats", documents_tags.render_document_stats)
        pagecache.register_next_change(next_scheduled_document)
        pagecache.register_content_app(self.label)
        register_provider(DocumentSearch())
        blocks.register_member_link(
            "Tài liệu Báo cáo viên", "documents:mine", shows_reporters_link, order=10
        )
        SITEMAPS["documents"] = DocumentSitemap


def next_scheduled_document(now):
    """When the next scheduled document appears: kept pages must not outlive that moment."""
    from .models import Document

    return (
        Document.objects.filter(is_published=True, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )


def shows_reporters_link(user):
    """The reporters' page is offered to Báo cáo viên and staff (any member may still open
    it: it lists what they may download); group names are read once per request anyway."""
    from django.conf import settings

    from .models import user_group_names

    return user.is_staff or settings.REPORTERS_GROUP in user_group_names(user)
