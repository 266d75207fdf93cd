"""Pages of the site shell: home, banners, activity photos, robots, error pages."""

import sys

from django.core.paginator import Paginator
from django.db import InterfaceError, OperationalError
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseRedirect,
    HttpResponseServerError,
)
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from .models import Banner, Photo, PhotoAlbum
from .pagecache import guest_cached
from .services import banner_register_click


@require_safe
@guest_cached
def home(request):
    return render(request, "portal/home.html")


@require_safe
def banner_click(request, pk):
    """Count a click and go to the banner's own link, and only there."""
    banner = get_object_or_404(Banner.objects.live(), pk=pk)
    if not banner.link:
        raise Http404("Liên kết không có địa chỉ.")
    banner_register_click(banner)
    return HttpResponseRedirect(banner.link)


@require_safe
@guest_cached(params=("trang",))
def album_list(request):
    albums = PhotoAlbum.objects.published()
    page = Paginator(albums, 12).get_page(request.GET.get("trang"))
    covers = {}
    for photo in Photo.objects.filter(album__in=page.object_list).order_by("album", "order", "id"):
        covers.setdefault(photo.album_id, photo)
    return render(
        request,
        "portal/album_list.html",
        {"page_obj": page, "albums": [(album, covers.get(album.pk)) for album in page.object_list]},
    )


@require_safe
@guest_cached
def album_detail(request, slug):
    album = get_object_or_404(PhotoAlbum.objects.published(), slug=slug)
    photos = album.photos.all()
    return render(request, "portal/album_detail.html", {"album": album, "photos": photos})


@require_safe
@guest_cached
def photo_detail(request, pk):
    photo = get_object_or_404(Photo.objects.published().select_related("album"), pk=pk)
    siblings = list(photo.album.photos.values_list("pk", flat=True))
    index = siblings.index(photo.pk)
    return render(
        request,
        "portal/photo_detail.html",
        {
            "photo": photo,
            "album": photo.album,
            "previous_pk": siblings[index - 1] if index > 0 else None,
            "next_pk": siblings[index + 1] if index + 1 < len(siblings) else None,
            "position": index + 1,
            "count": len(siblings),
        },
    )


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /tai-khoan/",
        "Disallow: /lien-ket/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    return HttpResponseRedirect(static("img/favicon.svg"))


# --- Error pages, in Vietnamese and in the site's layout ---------------------------------


def _error_page(request, template, status, response_class, **context):
    try:
        body = loader.render_to_string(template, context, request)
    except Exception:  # the layout needs the database; fall back to the bare page
        body = loader.render_to_string("500.html")
    return response_class(body, status=status)


@requires_csrf_token
def page_not_found(request, exception=None):
    return _error_page(request, "404.html", 404, HttpResponseNotFound)


@requires_csrf_token
def permission_denied(request, exception=None):
    message = str(exception) if exception and str(exception) else ""
    return _error_page(request, "403.html", 403, HttpResponseForbidden, message=message)


@requires_csrf_token
def bad_request(request, exception=None):
    return _error_page(request, "400.html", 400, HttpResponseBadRequest)


# A database or Redis that cannot be reached: the site is down for a while, not broken.
OUTAGES = (OperationalError, InterfaceError, RedisConnectionError, RedisTimeoutError)


def server_error(request):
    # Called while the exception is being handled: a database that cannot be reached is a
    # 503 (try again later), anything else a 500. No context processors: they need the
    # database, which may be what failed.
    if isinstance(sys.exc_info()[1], OUTAGES):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = "60"
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))


def csrf_failure(request, reason=""):
    return _error_page(request, "403_csrf.html", 403, HttpResponseForbidden, reason=reason)
