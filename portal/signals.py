"""Cached site-wide values are dropped when their rows change, so a save shows at once."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import fragments, pagecache
from .models import (
    MENU_CACHE_KEY,
    SIDEBAR_CACHE_KEY,
    SITE_PROFILE_CACHE_KEY,
    Banner,
    MenuItem,
    Photo,
    PhotoAlbum,
    SidebarBlock,
    SiteProfile,
    VisitDay,
    VisitorPresence,
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


@receiver(post_save, sender=Banner)
@receiver(post_delete, sender=Banner)
def drop_banner_fragments(sender, **kwargs):
    fragments.drop_banners()


@receiver(post_save, sender=Photo)
@receiver(post_delete, sender=Photo)
@receiver(post_save, sender=PhotoAlbum)
@receiver(post_delete, sender=PhotoAlbum)
def drop_photo_fragment(sender, **kwargs):
    fragments.drop_photos()


@receiver(post_save, sender=VisitDay)
@receiver(post_delete, sender=VisitDay)
def drop_visit_totals(sender, **kwargs):
    from .visits import BEFORE_MONTH_KEY

    cache.delete(BEFORE_MONTH_KEY)


# Apps whose rows make up public pages; the visit statistics are live and never kept.
_CONTENT_APPS = {"portal", "articles", "documents", "inspections"}
_NOT_CONTENT = {VisitorPresence, VisitDay}


@receiver(post_save)
@receiver(post_delete)
def bump_page_version(sender, **kwargs):
    if sender._meta.app_label in _CONTENT_APPS and sender not in _NOT_CONTENT:
        pagecache.bump_content_version()
