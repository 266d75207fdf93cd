"""RSS feeds (to be written)."""

from django.contrib.syndication.views import Feed


class LatestFeed(Feed):
    title = "Tin mới"
    link = "/"

    def items(self):
        return []


class CategoryFeed(LatestFeed):
    def get_object(self, request, slug):
        return slug
