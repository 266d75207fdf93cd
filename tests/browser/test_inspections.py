"""An inspection officer's journey in a real browser: from a planned campaign to its notice.

Each step is a button on the campaign page that opens a small form (a <details>, no script);
the decision step asks for the decision's number and date, the last one for the notice. The
concluded campaign then counts as done against the year's plan on the dashboard.
"""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from inspections import lifecycle
from inspections.models import Campaign, Notice
from portal.groups import sync_group_permissions
from tests.factories import UserFactory
from tests.inspections.factories import CampaignFactory, InspectionPlanFactory

pytestmark = pytest.mark.browser

S = Campaign.Status
STEPS = [S.DECIDED, S.NOTIFIED, S.SELF_REPORTED, S.WORKING, S.DRAFT_REPORT, S.CONCLUDED]


@pytest.fixture
def officer(transactional_db):
    # Transactional tests flush the groups the data migration made: make them again.
    sync_group_permissions()
    group = Group.objects.get(name=settings.INSPECTORS_GROUP)
    return UserFactory(username="canbokiemtra", groups=[group])


@pytest.fixture
def campaign(transactional_db):
    today = timezone.localdate()
    plan = InspectionPlanFactory(year=today.year, number="12-KH/HU", planned_count=3)
    return CampaignFactory(
        plan=plan,
        title="Giám sát việc thực hiện nghị quyết tại xã Ngọc Tem",
        start_on=today - datetime.timedelta(days=10),
        end_on=today + datetime.timedelta(days=10),
    )


def test_an_officer_takes_a_campaign_from_plan_to_conclusion(
    page, context, log_in, officer, campaign
):
    log_in(context, officer)
    page.goto(campaign.get_absolute_url())
    expect(page.locator("h1")).to_have_text(campaign.title)
    for step in STEPS:
        label = str(lifecycle.label_for(campaign, step))
        action = page.locator("details.ins-action", has=page.locator("summary", has_text=label))
        action.locator("summary").click()
        form = action.locator("form")
        if step == S.DECIDED:
            form.get_by_label("Số quyết định thành lập đoàn").fill("125-QĐ/HU")
            form.get_by_label("Ngày quyết định").fill(timezone.localdate().strftime("%d/%m/%Y"))
        if step == S.CONCLUDED:
            form.get_by_label("Số và ký hiệu thông báo").fill("25-TB/HU")
            form.get_by_label("Ngày ban hành").fill(timezone.localdate().strftime("%d/%m/%Y"))
            form.get_by_label("Người ký").fill("Trần Văn Hùng")
            form.get_by_label("Nơi nhận").fill("Đảng ủy xã Ngọc Tem")
            form.get_by_label("Nội dung thông báo").fill("Đảng ủy xã đã lãnh đạo thực hiện tốt.")
            form.get_by_label("Tóm tắt kết quả").fill("Thực hiện tốt các nghị quyết năm 2016.")
        else:
            form.get_by_label("Ghi chú").fill(f"Bước {S(step).label}")
        form.get_by_role("button", name="Xác nhận").click()
        expect(page.locator(".message--success")).to_contain_text(str(S(step).label))
        expect(page.locator(".ins-status").first).to_have_text(str(S(step).label))

    campaign.refresh_from_db()
    assert campaign.status == S.CONCLUDED
    assert campaign.events.count() == len(STEPS)
    assert Notice.objects.get(campaign=campaign).number == "25-TB/HU"
    expect(page.locator(".ins-timeline")).to_contain_text("Bước Đoàn đang làm việc")
    expect(page.locator("#thong-bao + dl")).to_contain_text("25-TB/HU")

    page.get_by_role("link", name="Tổng quan").click()
    expect(page.locator(".ins-progress-text")).to_contain_text("Đã kết luận 01 đợt trong 03 đợt")
    expect(page.locator(".ins-cards")).to_contain_text("01 đợt / 03 đợt")


@pytest.mark.parametrize("width", [1366, 360])
def test_the_admin_campaign_page_fits_the_screen(browser, live_server, log_in, width):
    """The targets' "Kết quả" column once wrapped a long sentence one word a line and made
    the page wider than a 1366 px screen."""
    from tests.factories import StaffFactory
    from tests.inspections.factories import PartyOrganizationFactory, RemediationItemFactory

    sync_group_permissions()
    officer = StaffFactory(groups=[Group.objects.get(name=settings.INSPECTORS_GROUP)])
    organization = PartyOrganizationFactory(name="Đảng bộ xã Ngọc Tem")
    campaign = CampaignFactory(
        title="Giám sát việc thực hiện các nghị quyết của Tỉnh ủy, Ban Thường vụ Tỉnh ủy "
        "ban hành năm 2016 tại Đảng bộ xã Ngọc Tem",
        status=S.FOLLOW_UP,
        targets=[organization],
    )
    RemediationItemFactory(campaign=campaign, organization=organization)
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 800}
    )
    log_in(context, officer)
    page = context.new_page()
    page.goto(f"/admin/inspections/campaign/{campaign.pk}/change/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
