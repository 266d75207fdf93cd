from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from . import idle, views
from .richtext import uploads
from .search.views import search
from .sitemaps import SITEMAPS

portal_patterns = [
    path("", views.home, name="home"),
    path("lien-ket/<int:pk>/", views.banner_click, name="banner-click"),
    path("hinh-anh/", views.album_list, name="albums"),
    path("hinh-anh/<slug:slug>/", views.album_detail, name="album"),
    path("anh/<int:pk>/", views.photo_detail, name="photo"),
    path("phien/duy-tri/", idle.keepalive, name="keepalive"),
    path("phien/het-han/", idle.idle_logout, name="idle-logout"),
    path("tai-khoan/", include("portal.account_urls")),
    path("tim-kiem/", search, name="search"),
]

urlpatterns = [
    path("", include((portal_patterns, "portal"))),
    path("", include("documents.urls")),
    path("", include("inspections.urls")),
    path("", include("articles.urls")),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    # Named as ckeditor_uploader names it, so that its widget posts here (see portal.richtext.uploads).
    path("admin/ckeditor/upload/", uploads.upload, name="ckeditor_upload"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
