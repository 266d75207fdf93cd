"""Dates in the site's time zone."""

import datetime

from django.utils import timezone


def local_midnight(day):
    """Midnight starting `day` in the site's time zone, or None at the ends of the calendar
    (year 1, year 9999), where no bound is needed and none can be computed."""
    try:
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
        moment.astimezone(datetime.UTC)
    except OverflowError:
        return None
    return moment
