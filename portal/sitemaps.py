"""sitemap.xml: the shell's pages; other apps add their sections to SITEMAPS."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import PhotoAlbum


class StaticPagesSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self):
        return ["portal:home", "portal:albums"]

    def location(self, item):
        return reverse(item)


class AlbumSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return PhotoAlbum.objects.published()

    def lastmod(self, album):
        return album.created_at


SITEMAPS = {"pages": StaticPagesSitemap, "albums": AlbumSitemap}
