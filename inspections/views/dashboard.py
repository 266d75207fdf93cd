"""The dashboard: a year's campaigns, plan progress, organizations not reached, deadlines."""

from django.contrib import messages
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from .. import charts, reports
from ..access import readers_only
from ..models import Campaign


def _int_param(request, name, default, low, high, message):
    raw = request.GET.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        messages.warning(request, message)
        return default
    return value


@readers_only
@require_safe
def dashboard(request):
    today = timezone.localdate()
    years = reports.years_with_records()
    # This year, or the latest year with records when this year has none yet (a board
    # that starts using the site in January sees last year's work, not empty charts).
    default_year = today.year if today.year in years or not years else max(years)
    # `nam` is the year shown, as in the lists' filters; `so_nam` the span of "not reached".
    year = _int_param(
        request,
        "nam",
        default_year,
        1930,
        2100,
        f"Năm xem không hợp lệ; đang hiện năm {default_year}.",
    )
    span = _int_param(
        request,
        "so_nam",
        reports.DEFAULT_YEARS,
        1,
        reports.MAX_YEARS,
        f"Số năm phải là số nguyên từ 1 đến {reports.MAX_YEARS}; "
        f"đang dùng {reports.DEFAULT_YEARS} năm.",
    )
    # A past year is judged at its last day; this year (or a later one) at today.
    until = today if year >= today.year else today.replace(year=year, month=12, day=31)
    by_year = reports.by_year_and_kind()
    kinds = [label for _value, label in Campaign.Kind.choices]
    statuses = reports.by_status(year)
    progress = reports.plan_progress(year)
    overdue, due_soon = reports.remediation_alerts(today)
    context = {
        "today": today,
        "year": year,
        "years": sorted(set(years) | {today.year, year}, reverse=True),
        "span": span,
        "by_year": [
            {"year": y, "counts": [counts[k] for k in Campaign.Kind.values], "total": total}
            for y, counts, total in by_year
        ],
        "kinds": kinds,
        "kind_totals": [sum(counts[k] for _y, counts, _t in by_year) for k in Campaign.Kind.values],
        "grand_total": sum(total for _y, _c, total in by_year),
        "year_chart": charts.stacked_bars(
            [(str(y), [counts[k] for k in Campaign.Kind.values]) for y, counts, _t in by_year],
            kinds,
        ),
        "statuses": statuses,
        "status_total": sum(n for _v, _l, n in statuses),
        "status_chart": charts.horizontal_bars([(label, n) for _v, label, n in statuses]),
        "progress": progress,
        "progress_chart": charts.progress(progress.done, progress.planned),
        "not_reached": reports.not_reached(span, until),
        "overdue": overdue,
        "due_soon": due_soon,
        "totals": reports.totals(),
    }
    return render(request, "inspections/dashboard.html", context)
