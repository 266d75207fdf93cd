"""Exports of the lists: the rows the list shows, opened as a spreadsheet would open them."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from inspections.models import Campaign, RemediationItem
from tests.inspections.factories import (
    CampaignFactory,
    NoticeFactory,
    PartyOrganizationFactory,
    RemediationItemFactory,
)
from tests.inspections.page_helpers import inspector_user


@pytest.fixture
def inspector(db):
    return inspector_user()


def sheet_rows(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


@pytest.fixture
def campaigns(db):
    tem = CampaignFactory(
        title="Giám sát việc thực hiện nghị quyết tại xã Ngọc Tem",
        targets=[PartyOrganizationFactory(name="Đảng bộ xã Ngọc Tem")],
        start_on=datetime.date(2017, 3, 1),
        end_on=datetime.date(2017, 3, 30),
        status=Campaign.Status.CONCLUDED,
    )
    NoticeFactory(campaign=tem, number="25-TB/HU", issued_on=datetime.date(2017, 4, 20))
    RemediationItemFactory(campaign=tem, deadline=datetime.date(2017, 6, 30))
    other = CampaignFactory(
        title="=Kiểm tra chi bộ",
        kind=Campaign.Kind.KIEM_TRA,
        start_on=datetime.date(2016, 5, 2),
        end_on=datetime.date(2016, 5, 20),
    )
    return tem, other


def test_campaigns_as_xlsx_with_a_header_row_and_real_dates(client, inspector, campaigns):
    tem, other = campaigns
    client.force_login(inspector)
    response = client.get(reverse("inspections:campaign-export", args=["xlsx"]))
    assert 'filename="cuoc-kiem-tra-giam-sat-' in response["Content-Disposition"]
    rows = sheet_rows(response)
    header = rows[0]
    assert header[:4] == ("STT", "Tên cuộc", "Loại", "Trạng thái")
    assert len(rows) == 3
    by_title = {row[1]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    row = by_title[tem.title]
    assert row["Loại"] == "Giám sát chuyên đề"
    assert row["Đối tượng"] == "Đảng bộ xã Ngọc Tem"
    assert row["Bắt đầu làm việc"] == datetime.datetime(2017, 3, 1)
    assert row["Số thông báo"] == "25-TB/HU"
    assert row["Ngày thông báo"] == datetime.datetime(2017, 4, 20)
    assert row["Số nội dung khắc phục"] == 1
    # A title starting with "=" stays text, never a formula.
    assert "=Kiểm tra chi bộ" in by_title


def test_exports_honour_the_lists_filters(client, inspector, campaigns):
    tem, _other = campaigns
    client.force_login(inspector)
    response = client.get(reverse("inspections:campaign-export", args=["xlsx"]) + "?nam=2017")
    rows = sheet_rows(response)
    assert [row[1] for row in rows[1:]] == [tem.title]
    response = client.get(
        reverse("inspections:campaign-export", args=["xlsx"]) + "?loai=kiem_tra&nam=abc"
    )
    assert [row[1] for row in sheet_rows(response)[1:]] == ["=Kiểm tra chi bộ"]


def test_campaigns_as_csv_for_excel(client, inspector, campaigns):
    client.force_login(inspector)
    response = client.get(reverse("inspections:campaign-export", args=["csv"]) + "?nam=2016")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0][:2] == ["STT", "Tên cuộc"]
    assert rows[1][1] == "'=Kiểm tra chi bộ"
    assert rows[1][10] == "02/05/2016"
    assert len(rows) == 2


def test_remediation_items_as_xlsx_and_csv_filtered(client, inspector, campaigns):
    tem, _other = campaigns
    RemediationItemFactory(what="Đã xong", status=RemediationItem.Status.VERIFIED)
    client.force_login(inspector)
    base = reverse("inspections:remediation-export", args=["xlsx"])
    rows = sheet_rows(client.get(base))
    assert rows[0][:3] == ("STT", "Nội dung khắc phục", "Tổ chức thực hiện")
    assert len(rows) == 3
    rows = sheet_rows(client.get(base + "?trang_thai=open"))
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Cuộc kiểm tra, giám sát"] == tem.title
    assert row["Hạn hoàn thành"] == datetime.datetime(2017, 6, 30)
    assert row["Theo dõi hạn"] == "Quá hạn"
    text = client.get(
        reverse("inspections:remediation-export", args=["csv"]) + "?trang_thai=verified"
    ).content.decode()
    assert text.startswith("\ufeff") and "Đã xong" in text and "Xây dựng kế hoạch" not in text


def test_unknown_formats_are_not_found(client, inspector):
    client.force_login(inspector)
    for name in ("campaign-export", "remediation-export"):
        for fmt in ("pdf", "CSV", "xls"):
            assert client.get(reverse(f"inspections:{name}", args=[fmt])).status_code == 404


def test_a_control_character_in_a_text_does_not_break_the_spreadsheet(client, inspector):
    RemediationItemFactory(
        what="Khắc phục\x01 việc sinh hoạt\x1f chi bộ", campaign__title="Giám sát\x0b chi bộ"
    )
    client.force_login(inspector)
    for name in ("remediation-export", "campaign-export"):
        response = client.get(reverse(f"inspections:{name}", args=["xlsx"]))
        assert response.status_code == 200
        rows = sheet_rows(response)
        assert len(rows) == 2
    items = sheet_rows(client.get(reverse("inspections:remediation-export", args=["xlsx"])))
    assert items[1][1] == "Khắc phục việc sinh hoạt chi bộ"
    text = client.get(reverse("inspections:remediation-export", args=["csv"])).content.decode()
    assert "Khắc phục việc sinh hoạt chi bộ" in text


@pytest.mark.parametrize("start", ["\t", "\r"])
def test_a_tab_or_carriage_return_first_is_defused_in_csv(client, inspector, start):
    RemediationItemFactory(what=f"{start}=1+1")
    client.force_login(inspector)
    text = client.get(reverse("inspections:remediation-export", args=["csv"])).content.decode()
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[1][1] == f"'{start}=1+1"
