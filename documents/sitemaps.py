"""sitemap.xml section of the documents: only those everyone may read."""

from django.contrib.sitemaps import Sitemap

from .models import Document


class DocumentSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6
    limit = 5000

    def items(self):
        return Document.objects.public().only("slug", "updated_at").order_by("-published_at", "-id")

    def lastmod(self, document):
        return document.updated_at
