"""Writes of the site shell that follow a rule."""

from django.db.models import F

from .models import Banner


def banner_register_click(banner):
    """Count one click on a banner with a single atomic UPDATE."""
    Banner.objects.filter(pk=banner.pk).update(click_count=F("click_count") + 1)
