from django.urls import path, re_path

from . import feeds, interactions, views

app_name = "articles"

urlpatterns = [
    path("tin-tuc/", views.latest, name="latest"),
    path("chuyen-muc/<slug:slug>/", views.category, name="category"),
    path("the/<slug:slug>/", views.tag, name="tag"),
    path("bai-viet/<slug:slug>/", views.detail, name="detail"),
    path("bai-viet/<slug:slug>/in/", views.print_view, name="print"),
    path("bai-viet/<slug:slug>/luu/", views.save_view, name="save"),
    path("bai-viet/<slug:slug>/danh-gia/", interactions.rate, name="rate"),
    path("bai-viet/<slug:slug>/y-kien/", interactions.comment, name="comment"),
    path("rss/", feeds.LatestFeed(), name="feed"),
    path("rss/<slug:slug>/", feeds.CategoryFeed(), name="category-feed"),
    # Last: its pattern is loose enough to catch addresses meant for the routes above.
    re_path(
        r"^(?P<category_alias>[\w-]+)/(?P<alias>[\w-]+)-(?P<legacy_id>[0-9]+)\.html$",
        views.legacy_redirect,
        name="legacy",
    ),
]
