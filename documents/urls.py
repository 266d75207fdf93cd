from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("van-ban/", views.document_list, name="list"),
    path("van-ban/danh-muc/<slug:slug>/", views.category, name="category"),
    path("van-ban/rss/", views.feed, name="feed"),
    path("tai-lieu-bao-cao-vien/", views.mine, name="mine"),
    path("van-ban/tep/<int:pk>/", views.download, name="download"),
    path("van-ban/tep/<int:pk>/xem/", views.preview, name="preview"),
    path("van-ban/<slug:slug>/", views.detail, name="detail"),
]
