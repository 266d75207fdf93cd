from django.conf import settings
from django.core.cache import cache

from . import pagecache
from .models import MENU_CACHE_KEY, MenuItem, SiteProfile


def _menu():
    menu = cache.get(MENU_CACHE_KEY)
    if menu is None:
        items = list(MenuItem.objects.visible().order_by("order", "id"))
        children = {}
        for item in items:
            if item.parent_id:
                children.setdefault(item.parent_id, []).append(item)
        menu = [(item, children.get(item.pk, [])) for item in items if not item.parent_id]
        cache.set(MENU_CACHE_KEY, menu, 60 * 60)
    return menu


def site(request):
    """Site-wide values for the layout: all cached, no query once warm."""
    extra = {}
    if pagecache.rendering_for_cache(request):
        # The page is kept for other guests: each gets its own token when it is served.
        extra["csrf_token"] = pagecache.CSRF_PLACEHOLDER
    return {
        **extra,
        "site_profile": SiteProfile.load(),
        "main_menu": _menu(),
        "idle_timeout_seconds": int(settings.IDLE_TIMEOUT_MINUTES * 60),
        "idle_warning_seconds": settings.IDLE_WARNING_SECONDS,
    }
