"""The leadership report: articles published per category and per author in a date range."""

import csv
import datetime
import io
from dataclasses import dataclass

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import urlencode

from portal.dates import local_midnight

from .models import Article

DATE_FORMAT = "%d/%m/%Y"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UNKNOWN_AUTHOR = "(không rõ người đăng)"


class ReportForm(forms.Form):
    tu = forms.DateField(
        label="Từ ngày",
        input_formats=[DATE_FORMAT],
        widget=forms.DateInput(format=DATE_FORMAT, attrs={"placeholder": "ngày/tháng/năm"}),
        error_messages={"invalid": "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 01/06/2025."},
    )
    den = forms.DateField(
        label="Đến ngày",
        input_formats=[DATE_FORMAT],
        widget=forms.DateInput(format=DATE_FORMAT, attrs={"placeholder": "ngày/tháng/năm"}),
        error_messages={"invalid": "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 30/06/2025."},
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("tu"), data.get("den")
        if start and end and start > end:
            raise forms.ValidationError("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.")
        if end and end >= datetime.date.max:
            self.add_error("den", "Ngày kết thúc quá xa.")
        return data


@dataclass
class Report:
    start: datetime.date
    end: datetime.date
    by_category: list  # (category label, count)
    by_author: list  # (author label, count)

    @property
    def total(self):
        return sum(count for _label, count in self.by_category)

    @property
    def period(self):
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"


def build_report(start, end):
    """Counts of articles live now and published between the two days (both included)."""
    published = Article.objects.published()
    if lower := local_midnight(start):
        published = published.filter(published_at__gte=lower)
    if upper := local_midnight(end + datetime.timedelta(days=1)):
        published = published.filter(published_at__lt=upper)
    by_category = [
        (f"{row['category__parent__name']} › {row['category__name']}"
         if row["category__parent__name"] else row["category__name"], row["n"])
        for row in published.values("category_id", "category__name", "category__parent__name")
        .annotate(n=Count("id"))
        .order_by("-n", "category__name")
    ]  # fmt: skip
    by_author = []
    for row in (
        published.values(
            "created_by_id",
            "created_by__username",
            "created_by__last_name",
            "created_by__first_name",
        )
        .annotate(n=Count("id"))
        .order_by("-n", F("created_by__username").asc(nulls_last=True))
    ):
        if row["created_by_id"] is None:
            label = UNKNOWN_AUTHOR
        else:
            full_name = f"{row['created_by__last_name']} {row['created_by__first_name']}".strip()
            label = (
                f"{full_name} ({row['created_by__username']})"
                if full_name
                else (row["created_by__username"])
            )
        by_author.append((label, row["n"]))
    return Report(start, end, by_category, by_author)


def _rows(report):
    yield ["Báo cáo số bài đã đăng", report.period]
    yield []
    yield ["Chuyên mục", "Số bài"]
    yield from ([label, count] for label, count in report.by_category)
    yield ["Tổng cộng", report.total]
    yield []
    yield ["Người đăng", "Số bài"]
    yield from ([label, count] for label, count in report.by_author)
    yield ["Tổng cộng", report.total]


def _filename(report, extension):
    return f"bao-cao-bai-viet-{report.start:%Y%m%d}-{report.end:%Y%m%d}.{extension}"


def report_csv(report):
    # The BOM tells Excel the file is UTF-8; without it Vietnamese letters come out garbled.
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, "csv")}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    for row in _rows(report):
        # A label starting with = + - @ would be run as a formula by a spreadsheet.
        writer.writerow(
            ["'" + c if isinstance(c, str) and c[:1] in "=+-@" and c else c for c in row]
        )
    return response


def report_xlsx(report):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    bold = Font(bold=True)
    sheets = [
        ("Theo chuyên mục", "Chuyên mục", report.by_category),
        ("Theo người đăng", "Người đăng", report.by_author),
    ]
    for index, (title, heading, rows) in enumerate(sheets):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        sheet.title = title
        sheet.append(["Báo cáo số bài đã đăng", report.period])
        sheet.append([heading, "Số bài"])
        for label, count in rows:
            # Written as plain strings: openpyxl would store "=…" as a formula.
            sheet.append([label, count])
            if label.startswith("="):
                sheet.cell(row=sheet.max_row, column=1).data_type = "s"
        sheet.append(["Tổng cộng", report.total])
        for cell in (*sheet[1], *sheet[2], *sheet[sheet.max_row]):
            cell.font = bold
        sheet.column_dimensions["A"].width = 48
        sheet.column_dimensions["B"].width = 24
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, "xlsx")}"'
    return response


def report_view(request, admin_site):
    """The report page (GET ?tu=…&den=…), or its CSV / XLSX export (&xuat=csv|xlsx)."""
    if not request.user.has_perm("articles.view_article"):
        raise PermissionDenied
    today = timezone.localdate()
    if "tu" in request.GET or "den" in request.GET:
        form = ReportForm(request.GET)
    else:
        form = ReportForm(
            {"tu": today.replace(day=1).strftime(DATE_FORMAT), "den": today.strftime(DATE_FORMAT)}
        )
    report = None
    if form.is_valid():
        report = build_report(form.cleaned_data["tu"], form.cleaned_data["den"])
        export = request.GET.get("xuat")
        if export == "csv":
            return report_csv(report)
        if export == "xlsx":
            return report_xlsx(report)
    context = {
        **admin_site.each_context(request),
        "title": "Báo cáo số bài đã đăng",
        "form": form,
        "report": report,
        "query": urlencode({"tu": f"{report.start:%d/%m/%Y}", "den": f"{report.end:%d/%m/%Y}"})
        if report
        else "",
    }
    return TemplateResponse(request, "admin/articles/report.html", context)
