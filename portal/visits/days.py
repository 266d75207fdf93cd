"""Visits per day: the site's day, the sums the sidebar block shows, the admin's history.

Visits are added up per day of the site's TIME_ZONE in VisitDay, kept for good, always in
the database (also when presence is in Redis, which keeps nothing on disk).
"""

import datetime
from collections import Counter

from django.core.cache import cache
from django.db import connections, router
from django.db.models import Sum
from django.utils import timezone

from ..models import VisitDay


def local_day(now):
    """The day of `now` in the site's TIME_ZONE, whatever zone a request activated."""
    return timezone.localtime(now, timezone.get_default_timezone()).date()


BEFORE_MONTH_KEY = "portal:visits:before-month:v1"
# Kept briefly, though the admin's saves drop it, because some changes reach no signal: a
# visit begun on a month's last day and written just after midnight, a bulk import, or a save
# in another process when each process has its own local-memory cache.
BEFORE_MONTH_SECONDS = 5 * 60


def day_totals(today):
    """Visits today, this month, and in every day recorded up to today.

    Days before this month hardly change, so their sum is cached; the page reads only this
    month's rows, with plain SQL because building the ORM query cost more than running it.
    """
    first = today.replace(day=1)
    cached = cache.get(BEFORE_MONTH_KEY)
    if cached is not None and cached[0] == first.isoformat():
        before = cached[1]
    else:
        before = VisitDay.objects.filter(day__lt=first).aggregate(s=Sum("visits", default=0))["s"]
        cache.set(BEFORE_MONTH_KEY, (first.isoformat(), before), BEFORE_MONTH_SECONDS)
    db = connections[router.db_for_read(VisitDay)]
    table = db.ops.quote_name(VisitDay._meta.db_table)
    with db.cursor() as cursor:
        cursor.execute(
            f"SELECT day, visits FROM {table} WHERE day >= %s",  # noqa: S608
            [first.isoformat()],
        )
        rows = [(str(day), visits) for day, visits in cursor.fetchall()]
    iso_today = today.isoformat()
    month = sum(visits for day, visits in rows if day <= iso_today)
    today_visits = sum(visits for day, visits in rows if day == iso_today)
    return {"today": today_visits, "month": month, "total": before + sum(v for _d, v in rows)}


def history(today, days=30, months=12):
    """Return (daily, monthly) visits up to `today`, oldest first, from one query.

    daily is [(date, visits)] for the last `days` days, monthly [(first day of the month,
    visits)] for the last `months` months; days without a row count 0.
    """
    first_day = today - datetime.timedelta(days=days - 1)
    first_month = _add_months(today.replace(day=1), -(months - 1))
    counts = dict(
        VisitDay.objects.filter(day__gte=min(first_day, first_month), day__lte=today)
        .order_by()
        .values_list("day", "visits")
    )
    daily = [
        (day, counts.get(day, 0))
        for day in (first_day + datetime.timedelta(days=n) for n in range(days))
    ]
    per_month = Counter()
    for day, visits in counts.items():
        if day >= first_month:
            per_month[day.replace(day=1)] += visits
    monthly = [
        (month, per_month[month]) for month in (_add_months(first_month, n) for n in range(months))
    ]
    return daily, monthly


def _add_months(first_of_month, months):
    index = first_of_month.year * 12 + first_of_month.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)
