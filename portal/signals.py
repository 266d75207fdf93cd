"""Cached site-wide values are dropped when their rows change, so a save shows at once."""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
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


def _shows_on_public_pages(sender, instance):
    if not pagecache.is_content(sender):
        return False
    # A model may say that a row never changes what guests see (a vote, a comment still
    # waiting for moderation): readers' own actions must not empty every kept page.
    check = getattr(instance, "shows_on_public_pages", None)
    return check() if callable(check) else True


@receiver(post_save)
@receiver(post_delete)
def bump_page_version(sender, instance=None, **kwargs):
    if _shows_on_public_pages(sender, instance):
        _bump_now_and_after_commit()


@receiver(m2m_changed)
def bump_page_version_on_relations(sender, instance=None, action="", **kwargs):
    if action.startswith("post_") and _shows_on_public_pages(type(instance), instance):
        _bump_now_and_after_commit()


def _bump_now_and_after_commit():
    pagecache.bump_content_version()
    # Again after the commit: a guest reading between the save and the commit would
    # otherwise keep the old page under the new version.
    transaction.on_commit(pagecache.bump_content_version)
