"""RSS of the newest documents that everyone may read."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.html import escape

from portal.models import SiteProfile

from .models import Document

FEED_SIZE = 20


class DocumentFeed(Feed):
    language = "vi"

    def title(self):
        profile = SiteProfile.load()
        return f"Văn bản mới – {profile.short_name or profile.board_name}"

    def link(self):
        return reverse("documents:list")

    def description(self):
        return "Các văn bản, tài liệu mới đăng."

    def items(self):
        # Only what a guest may see: a feed reader never logs in, and feeds get copied.
        return (
            Document.objects.public()
            .select_related("kind", "issuing_body")
            .order_by("-published_at", "-id")[:FEED_SIZE]
        )

    def item_title(self, document):
        return f"{document.display_code} – {document.summary}"

    def item_description(self, document):
        return escape(
            f"{document.display_symbol}, ngày {document.issued_on:%d/%m/%Y}: {document.summary}"
        )

    def item_pubdate(self, document):
        return document.published_at

    def item_updateddate(self, document):
        return document.updated_at

    def item_categories(self, document):
        return [document.kind.name]
