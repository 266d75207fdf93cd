"""Campaigns and remediation items as CSV (UTF-8 with a BOM, for Excel) and as .xlsx."""

import csv
import datetime
import io
import re

from django.http import HttpResponse
from django.utils import timezone

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")
DATE_FORMAT = "dd/mm/yyyy"

CAMPAIGN_COLUMNS = [
    ("STT", 6),
    ("Tên cuộc", 48),
    ("Loại", 20),
    ("Trạng thái", 26),
    ("Kế hoạch", 16),
    ("Cơ quan chủ trì", 28),
    ("Cơ quan phối hợp", 28),
    ("Đối tượng", 40),
    ("Thời kỳ từ", 12),
    ("Thời kỳ đến", 12),
    ("Bắt đầu làm việc", 12),
    ("Kết thúc làm việc", 12),
    ("Gia hạn đến", 12),
    ("Số quyết định", 16),
    ("Ngày quyết định", 12),
    ("Số thông báo", 16),
    ("Ngày thông báo", 12),
    ("Số nội dung khắc phục", 10),
    ("Công khai", 10),
]

REMEDIATION_COLUMNS = [
    ("STT", 6),
    ("Nội dung khắc phục", 60),
    ("Tổ chức thực hiện", 32),
    ("Cuộc kiểm tra, giám sát", 40),
    ("Hạn hoàn thành", 12),
    ("Tình trạng", 22),
    ("Theo dõi hạn", 16),
    ("Số báo cáo khắc phục", 16),
    ("Ngày báo cáo", 12),
    ("Ý kiến kiểm tra xác nhận", 40),
]


def campaign_rows(campaigns):
    """One list per campaign; campaigns must come with their relations prefetched."""
    for number, campaign in enumerate(campaigns, start=1):
        notice = getattr(campaign, "notice", None)
        yield [
            number,
            campaign.title,
            campaign.get_kind_display(),
            campaign.get_status_display(),
            campaign.plan.number if campaign.plan else "",
            campaign.presiding_body.name,
            "; ".join(body.name for body in campaign.coordinating_bodies.all()),
            "; ".join(target.organization.name for target in campaign.targets.all()),
            campaign.period_from,
            campaign.period_to,
            campaign.start_on,
            campaign.end_on,
            campaign.extended_to,
            campaign.decision_number,
            campaign.decision_date,
            notice.number if notice else "",
            notice.issued_on if notice else None,
            campaign.remediation_count,
            "Có" if campaign.is_public else "Không",
        ]


def deadline_mark(item, today):
    if item.is_overdue(today):
        return "Quá hạn"
    if item.is_due_soon(today):
        return "Sắp đến hạn"
    return ""


def remediation_rows(items, today=None):
    today = today or timezone.localdate()
    for number, item in enumerate(items, start=1):
        yield [
            number,
            item.what,
            item.organization.name,
            item.campaign.title,
            item.deadline,
            item.get_status_display(),
            deadline_mark(item, today),
            item.report_number,
            item.report_date,
            item.verification_note,
        ]


# A cell starting with one of these would run as a formula in a spreadsheet (a tab or a
# carriage return first is skipped by some of them before they look).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Control characters a spreadsheet cell cannot hold (openpyxl refuses them); tab, newline
# and carriage return are allowed.
ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _defused(value):
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def _clean_text(value):
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS.sub("", value)
    return value


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return f"{value:%d/%m/%Y}"
    return _defused(_clean_text(value))


def _attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def as_csv(columns, rows, basename):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    # The BOM tells Excel the file is UTF-8; without it Vietnamese letters come out garbled.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([heading for heading, _width in columns])
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return _attachment(response, f"{basename}.csv")


def as_xlsx(columns, rows, basename, title):
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append([heading for heading, _width in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append([_clean_text(value) for value in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, datetime.date):
                cell.number_format = DATE_FORMAT
            elif isinstance(cell.value, str) and cell.value[:1] == "=":
                # Stored as text: openpyxl would otherwise write "=…" as a formula.
                cell.data_type = "s"
    for index, (_heading, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX_TYPE)
    return _attachment(response, f"{basename}.xlsx")


def export(fmt, columns, rows, basename, title):
    """The response for fmt ("csv" or "xlsx"), named basename-<today>.<fmt>."""
    basename = f"{basename}-{timezone.localdate():%Y%m%d}"
    if fmt == "csv":
        return as_csv(columns, rows, basename)
    return as_xlsx(columns, rows, basename, title)
