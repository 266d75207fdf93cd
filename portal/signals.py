"""Cached site-wide values are dropped when their rows change, so a save shows at once."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import (
    MENU_CACHE_KEY,
    SIDEBAR_CACHE_KEY,
    SITE_PROFILE_CACHE_KEY,
    MenuItem,
    SidebarBlock,
    SiteProfile,
)

_CACHE_KEYS = {
    SiteProfile: SITE_PROFILE_CACHE_KEY,
    MenuItem: MENU_CACHE_KEY,
    SidebarBlock: SIDEBAR_CACHE_KEY,
}


@receiver(post_save)
@receiver(post_delete)
def drop_cached_site_values(sender, **kwargs):
    key = _CACHE_KEYS.get(sender)
    if key:
        cache.delete(key)
