"""Model rules: due states by the calendar of Asia/Ho_Chi_Minh, the five-year period, the
one extension of a third, the notice's moment."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from inspections.models import Campaign, Notice, RemediationItem, add_years
from tests.inspections.factories import CampaignFactory, RemediationItemFactory

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
S = Campaign.Status


def vn_today(utc_instant):
    """The day in Kon Tum at a UTC instant: what timezone.localdate() gives the app then."""
    return timezone.localdate(utc_instant)


def test_an_item_becomes_overdue_at_midnight_in_vietnam_not_in_utc():
    item = RemediationItemFactory(deadline=datetime.date(2017, 6, 11))
    before = vn_today(datetime.datetime(2017, 6, 11, 16, 59, 59, tzinfo=UTC))  # 23:59:59 +07
    after = vn_today(datetime.datetime(2017, 6, 11, 17, 0, 0, tzinfo=UTC))  # 00:00 on the 12th
    assert (before, after) == (datetime.date(2017, 6, 11), datetime.date(2017, 6, 12))
    assert not item.is_overdue(before) and item.is_due_soon(before)
    assert item.is_overdue(after) and not item.is_due_soon(after)
    assert list(RemediationItem.objects.overdue(before)) == []
    assert list(RemediationItem.objects.overdue(after)) == [item]
    assert list(RemediationItem.objects.due_soon(before)) == [item]


def test_due_soon_is_today_to_seven_days_ahead():
    today = datetime.date(2017, 6, 12)
    items = {
        days: RemediationItemFactory(deadline=today + datetime.timedelta(days=days))
        for days in (-1, 0, 7, 8)
    }
    soon = set(RemediationItem.objects.due_soon(today))
    assert soon == {items[0], items[7]}
    assert [d for d, item in items.items() if item.is_due_soon(today)] == [0, 7]
    assert set(RemediationItem.objects.overdue(today)) == {items[-1]}


def test_a_reported_item_is_neither_overdue_nor_due():
    item = RemediationItemFactory(
        deadline=datetime.date(2017, 1, 1),
        status=RemediationItem.Status.REPORTED,
        report_number="3-BC/ĐU",
        report_date=datetime.date(2017, 1, 2),
    )
    assert not item.is_overdue(datetime.date(2017, 6, 1))
    assert not RemediationItem.objects.overdue(datetime.date(2017, 6, 1)).exists()


def test_a_period_of_five_years_at_most():
    campaign = CampaignFactory.build(
        period_from=datetime.date(2012, 1, 1),
        period_to=datetime.date(2016, 12, 31),
        start_on=datetime.date(2017, 5, 1),
        end_on=datetime.date(2017, 5, 30),
    )
    campaign.clean()
    campaign.period_to = datetime.date(2017, 1, 1)
    with pytest.raises(ValidationError) as caught:
        campaign.clean()
    assert "không quá 5 năm" in str(caught.value.message_dict["period_to"])
    assert add_years(datetime.date(2016, 2, 29), 5) == datetime.date(2021, 2, 28)


def test_end_before_start_and_period_backwards_are_refused():
    campaign = CampaignFactory.build(
        period_from=datetime.date(2016, 1, 1),
        period_to=datetime.date(2015, 1, 1),
        start_on=datetime.date(2017, 5, 1),
        end_on=datetime.date(2017, 4, 1),
    )
    with pytest.raises(ValidationError) as caught:
        campaign.clean()
    errors = caught.value.message_dict
    assert errors["end_on"] == ["Ngày kết thúc làm việc phải sau ngày bắt đầu."]
    assert "ngày cuối phải sau ngày đầu" in errors["period_to"][0]


def test_one_extension_only_and_never_taken_back():
    campaign = CampaignFactory(
        start_on=datetime.date(2017, 5, 1), end_on=datetime.date(2017, 5, 30)
    )
    campaign.extended_to = datetime.date(2017, 6, 5)
    campaign.clean()
    campaign.save()
    campaign.extended_to = datetime.date(2017, 6, 7)
    with pytest.raises(ValidationError, match="lần thứ hai"):
        campaign.clean()
    campaign.extended_to = None
    with pytest.raises(ValidationError, match="Không thể bỏ gia hạn"):
        campaign.clean()


def test_a_notice_needs_a_draft_report_first():
    notice = Notice(
        campaign=CampaignFactory(status=S.WORKING),
        number="25-TB/HU",
        issued_on=datetime.date(2017, 7, 1),
        signer="Trần Văn Hùng",
    )
    with pytest.raises(ValidationError, match="Chỉ ban hành thông báo khi cuộc đã có dự thảo"):
        notice.full_clean()
    notice.campaign.status = S.DRAFT_REPORT
    notice.full_clean()


def test_a_supervision_names_its_notice_differently():
    assert str(CampaignFactory.build().notice_name) == "Thông báo kết quả giám sát"
    inspection = CampaignFactory.build(kind=Campaign.Kind.KIEM_TRA)
    assert str(inspection.notice_name) == "Thông báo kết luận kiểm tra"
