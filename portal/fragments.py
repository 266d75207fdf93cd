"""Rendered HTML of blocks that change only when an editor saves: cached until then.

Each fragment has one cache key; saving or deleting a row it shows drops the key (see
signals.py), and a fragment whose content changes by itself at a known time (a banner's
display window) is cached only until then.
"""

import datetime

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from .models import Banner, Photo

BANNERS_KEY = "portal:fragment:banners:{position}:v1"
PHOTOS_KEY = "portal:fragment:photos:v1"
LONGEST = 60 * 60


def _cached(key, build):
    html = cache.get(key)
    if html is None:
        html, timeout = build()
        cache.set(key, html, timeout)
    # The fragment was rendered by the template engine, which escaped what it printed.
    return mark_safe(html)  # noqa: S308


def banners(position):
    """The live banners of a position as HTML ("" when there are none)."""

    def build():
        now = timezone.now()
        candidates = list(Banner.objects.filter(is_active=True, position=position))
        live = [
            b
            for b in candidates
            if (not b.show_from or b.show_from <= now) and (not b.show_until or b.show_until > now)
        ]
        # The list changes by itself when a window opens or closes: cache until the next one.
        changes = [t for b in candidates for t in (b.show_from, b.show_until) if t and t > now]
        timeout = LONGEST
        if changes:
            timeout = max(
                1, min(LONGEST, int((min(changes) - now) / datetime.timedelta(seconds=1)) + 1)
            )
        template = (
            "includes/header_banners.html"
            if position == Banner.Position.HEADER
            else "includes/banner_list.html"
        )
        html = render_to_string(template, {"banners": live}) if live else ""
        return html, timeout

    return _cached(BANNERS_KEY.format(position=position), build)


def photos(count=6):
    """The newest activity photos as a grid of thumbnails linking to the larger view."""

    def build():
        latest = list(
            Photo.objects.published()
            .select_related("album")
            .order_by("-album__event_date", "-created_at", "-id")[:count]
        )
        html = render_to_string("includes/photo_grid.html", {"photos": latest}) if latest else ""
        return html, LONGEST

    return _cached(PHOTOS_KEY, build)


def drop_banners():
    cache.delete_many([BANNERS_KEY.format(position=p) for p in Banner.Position.values])


def drop_photos():
    cache.delete(PHOTOS_KEY)
