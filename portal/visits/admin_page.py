"""The admin's visit statistics page (/admin/thong-ke/): visits per day and per month, as
bar charts (charts.py) and tables.
"""

from django.template.response import TemplateResponse
from django.utils import timezone

from .charts import bar_chart
from .counting import snapshot
from .days import history, local_day


def visit_stats(request, admin_site):
    now = timezone.now()
    today = local_day(now)
    daily, monthly = history(today, days=30, months=12)
    days = [
        {"label": f"{day:%d/%m}", "title": f"{day:%d/%m/%Y}", "visits": count}
        for day, count in daily
    ]
    months = [
        {
            "label": f"{month.month}/{month:%Y}",
            "title": f"Tháng {month.month}/{month:%Y}",
            "visits": count,
        }
        for month, count in monthly
    ]
    context = {
        **admin_site.each_context(request),
        "title": "Thống kê truy cập",
        "stats": snapshot(now),
        "day_chart": bar_chart(days, label_every=5),
        "month_chart": bar_chart(months),
        "days": days[::-1],
        "months": months[::-1],
        "days_total": sum(point["visits"] for point in days),
        "months_total": sum(point["visits"] for point in months),
    }
    return TemplateResponse(request, "admin/visit_stats.html", context)
