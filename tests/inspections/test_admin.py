"""The inspections admin: who may enter, the rules the forms refuse, the "chuyển bước" page."""

import datetime

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from inspections.models import Campaign, CampaignEvent, Notice, RemediationItem
from portal.groups import sync_group_permissions
from tests.factories import StaffFactory, UserFactory
from tests.inspections.factories import (
    CampaignFactory,
    NoticeFactory,
    PartyOrganizationFactory,
    RemediationItemFactory,
)
from tests.inspections.page_helpers import form_data

pytestmark = pytest.mark.django_db
S = Campaign.Status
ADD = "/admin/inspections/campaign/add/"
LIST = "/admin/inspections/campaign/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def change_url(campaign):
    return f"/admin/inspections/campaign/{campaign.pk}/change/"


def advance_url(campaign):
    return f"/admin/inspections/campaign/{campaign.pk}/chuyen-buoc/"


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _groups():
    """The groups and their permissions, as the data migration makes them (a transactional
    test elsewhere may have flushed them)."""
    sync_group_permissions()


@pytest.fixture
def inspector():
    return logged_in(StaffFactory(groups=[settings.INSPECTORS_GROUP]))


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def errors_of(response):
    assert response.status_code == 200, response.status_code
    return str(response.context["adminform"].form.errors) + str(
        [
            inline.formset.non_form_errors() or inline.formset.errors
            for inline in response.context["inline_admin_formsets"]
        ]
    )


# --- Who may enter --------------------------------------------------------------------------


def test_an_inspector_adds_a_campaign_and_its_creation_is_the_first_step(inspector):
    response = inspector.post(ADD, form_data())
    assert response.status_code == 302, errors_of(response)
    campaign = Campaign.objects.get()
    assert campaign.status == S.PLANNED
    event = campaign.events.get()
    assert (event.from_status, event.to_status) == ("", S.PLANNED)
    for url in (
        LIST,
        change_url(campaign),
        "/admin/inspections/remediationitem/",
        "/admin/inspections/partyorganization/",
        "/admin/inspections/inspectionplan/",
        "/admin/inspections/campaigntarget/",
        advance_url(campaign),
    ):
        assert inspector.get(url).status_code == 200, url


def test_an_editor_reads_but_changes_nothing():
    editor = logged_in(StaffFactory(groups=[settings.EDITORS_GROUP]))
    campaign = CampaignFactory(title="Giám sát tại xã Ngọc Tem")
    assert "Giám sát tại xã Ngọc Tem" in editor.get(LIST).content.decode()
    page = editor.get(change_url(campaign))
    assert page.status_code == 200
    assert "Chuyển bước" not in page.content.decode()
    assert editor.post(change_url(campaign), form_data(campaign, title="Đổi")).status_code == 403
    assert editor.get(ADD).status_code == 403
    assert editor.get(advance_url(campaign)).status_code == 403
    assert editor.post(advance_url(campaign), {"to_status": S.DECIDED}).status_code == 403
    campaign.refresh_from_db()
    assert campaign.title == "Giám sát tại xã Ngọc Tem" and campaign.status == S.PLANNED


def test_a_member_who_is_not_staff_cannot_enter():
    member = logged_in(UserFactory(groups=[settings.INSPECTORS_GROUP]))
    response = member.get(LIST)
    assert response.status_code == 302 and "/login/" in response["Location"]
    guest = Client().get(LIST)
    assert guest.status_code == 302


# --- The rules the form refuses --------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"end_on": "2017-04-30"}, "Ngày kết thúc làm việc phải sau ngày bắt đầu."),
        ({"period_to": "2015-12-31"}, "ngày cuối phải sau ngày đầu"),
        (
            {"period_from": "2011-01-01"},
            "không quá 5 năm: từ 01/01/2011 chỉ đến muộn nhất 31/12/2015",
        ),
        (
            {"extended_to": "2017-06-10"},
            "một phần ba thời gian làm việc ban đầu: muộn nhất đến 09/06/2017",
        ),
        ({"extended_to": "2017-05-20"}, "sau ngày kết thúc ban đầu"),
        ({"start_on": "9999-01-01", "end_on": "9999-01-05"}, "Năm phải trong khoảng"),
    ],
)
def test_bad_dates_are_refused_with_a_message(inspector, overrides, message):
    response = inspector.post(ADD, form_data(**overrides))
    assert message in errors_of(response)
    assert not Campaign.objects.exists()


def test_five_years_exactly_is_allowed(inspector):
    response = inspector.post(ADD, form_data(period_from="2012-01-01", period_to="2016-12-31"))
    assert response.status_code == 302


def test_a_second_extension_is_refused(inspector):
    campaign = CampaignFactory(
        start_on=datetime.date(2017, 5, 1), end_on=datetime.date(2017, 5, 30)
    )
    response = inspector.post(change_url(campaign), form_data(campaign, extended_to="2017-06-05"))
    assert response.status_code == 302, errors_of(response)
    campaign.refresh_from_db()
    assert campaign.extended_to == datetime.date(2017, 6, 5)
    assert "Gia hạn thời gian làm việc đến 05/06/2017." in campaign.events.get().note
    response = inspector.post(change_url(campaign), form_data(campaign, extended_to="2017-06-08"))
    assert "không được gia hạn lần thứ hai" in errors_of(response)
    campaign.refresh_from_db()
    assert campaign.extended_to == datetime.date(2017, 6, 5)


def notice_data(campaign, **fields):
    data = form_data(campaign)
    data.update(
        {
            "notice-TOTAL_FORMS": "1",
            "notice-MAX_NUM_FORMS": "1",
            "notice-0-number": "25-TB/HU",
            "notice-0-issued_on": campaign.start_on.isoformat(),
            "notice-0-signer": "Trần Văn Hùng",
            "notice-0-recipients": "",
            "notice-0-text": "Kết luận",
            "notice-0-campaign": str(campaign.pk),
        }
    )
    data.update(fields)
    return data


def test_a_notice_before_the_draft_report_is_refused(inspector):
    campaign = CampaignFactory(status=S.WORKING)
    response = inspector.post(change_url(campaign), notice_data(campaign))
    assert "Chỉ ban hành thông báo khi cuộc đã có dự thảo báo cáo" in errors_of(response)
    assert not Notice.objects.exists()


def test_a_notice_file_is_checked_by_its_content(inspector):
    campaign = CampaignFactory(status=S.DRAFT_REPORT)
    fake = SimpleUploadedFile("thong-bao.pdf", b"<html>not a pdf</html>", "application/pdf")
    response = inspector.post(
        change_url(campaign), notice_data(campaign, **{"notice-0-file": fake})
    )
    assert "không thuộc loại được nhận" in errors_of(response)
    assert not Notice.objects.exists()
    real = SimpleUploadedFile("thong-bao.pdf", PDF, "application/pdf")
    response = inspector.post(
        change_url(campaign), notice_data(campaign, **{"notice-0-file": real})
    )
    assert response.status_code == 302, errors_of(response)
    assert Notice.objects.get().file
    # A private file has no URL: the page names it instead of failing.
    page = inspector.get(change_url(campaign))
    assert page.status_code == 200 and "Tệp hiện có" in page.content.decode()


def test_the_status_cannot_be_typed(inspector):
    campaign = CampaignFactory()
    response = inspector.post(change_url(campaign), form_data(campaign, status=S.CLOSED))
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == S.PLANNED


# --- "Chuyển bước" ---------------------------------------------------------------------------


def test_moving_a_step_through_the_admin_records_it(inspector):
    campaign = CampaignFactory()
    page = inspector.get(change_url(campaign)).content.decode()
    assert "Chuyển bước" in page and "Quyết định thành lập đoàn" in page
    upload = SimpleUploadedFile("qd.pdf", PDF, "application/pdf")
    response = inspector.post(
        advance_url(campaign),
        {
            "to_status": S.DECIDED,
            "decision_number": "15-QĐ/HU",
            "decision_date": "01/03/2017",
            "document_kind": "quyet_dinh",
            "file": upload,
            "note": "Đã ký",
        },
        follow=True,
    )
    assert "sang bước “Đã quyết định thành lập đoàn”" in " ".join(messages_of(response))
    campaign.refresh_from_db()
    assert campaign.status == S.DECIDED and campaign.decision_number == "15-QĐ/HU"
    assert campaign.events.get().original_name == "qd.pdf"


@pytest.mark.parametrize(
    ("status", "to_status", "message"),
    [
        (S.PLANNED, S.WORKING, "Cuộc hiện ở bước “Theo kế hoạch”"),
        (S.WORKING, S.DECIDED, "Cuộc hiện ở bước “Đoàn đang làm việc”"),
        (S.PLANNED, S.DECIDED, "Cần số và ngày của quyết định thành lập đoàn"),
        (S.DRAFT_REPORT, S.CONCLUDED, "Chưa có thông báo kết quả giám sát"),
    ],
)
def test_illegal_moves_in_the_admin_get_a_message(inspector, status, to_status, message):
    campaign = CampaignFactory(status=status)
    response = inspector.post(advance_url(campaign), {"to_status": to_status})
    assert response.status_code == 200
    assert message in str(response.context["form"].errors)
    campaign.refresh_from_db()
    assert campaign.status == status and not campaign.events.exists()


def test_closing_with_open_items_is_not_offered_and_refused(inspector):
    campaign = CampaignFactory(status=S.FOLLOW_UP)
    RemediationItemFactory(campaign=campaign)
    page = inspector.get(advance_url(campaign)).content.decode()
    assert "không còn bước nào" in page
    response = inspector.post(advance_url(campaign), {"to_status": S.CLOSED})
    assert response.status_code == 200
    campaign.refresh_from_db()
    assert campaign.status == S.FOLLOW_UP


def test_the_action_moves_each_campaign_or_says_why_not(inspector):
    ready = CampaignFactory(status=S.DRAFT_REPORT, title="Có thông báo")
    NoticeFactory(campaign=ready)
    missing = CampaignFactory(status=S.DRAFT_REPORT, title="Chưa có thông báo")
    response = inspector.post(
        LIST,
        {"action": "advance_selected", "_selected_action": [ready.pk, missing.pk]},
        follow=True,
    )
    text = " ".join(messages_of(response))
    assert "“Chưa có thông báo”: Chưa có thông báo kết quả giám sát" in text
    assert "Đã chuyển bước 1 cuộc." in text
    ready.refresh_from_db()
    missing.refresh_from_db()
    assert (ready.status, missing.status) == (S.CONCLUDED, S.DRAFT_REPORT)


def test_an_editor_has_no_advance_action():
    editor = logged_in(StaffFactory(groups=[settings.EDITORS_GROUP]))
    campaign = CampaignFactory()
    editor.post(LIST, {"action": "advance_selected", "_selected_action": [campaign.pk]})
    campaign.refresh_from_db()
    assert campaign.status == S.PLANNED


# --- Remediation ----------------------------------------------------------------------------


def test_the_remediation_list_shows_and_filters_overdue_and_due_soon(inspector):
    today = timezone.localdate()
    RemediationItemFactory(what="Quá hạn rồi", deadline=today - datetime.timedelta(days=3))
    RemediationItemFactory(what="Sắp tới hạn", deadline=today + datetime.timedelta(days=2))
    RemediationItemFactory(what="Còn lâu", deadline=today + datetime.timedelta(days=60))
    page = inspector.get("/admin/inspections/remediationitem/").content.decode()
    assert "Quá hạn 3 ngày" in page and "Sắp đến hạn (còn 2 ngày)" in page
    overdue = inspector.get("/admin/inspections/remediationitem/?han=qua-han").content.decode()
    assert "Quá hạn rồi" in overdue and "Sắp tới hạn" not in overdue
    soon = inspector.get("/admin/inspections/remediationitem/?han=sap-den-han").content.decode()
    assert "Sắp tới hạn" in soon and "Còn lâu" not in soon


def test_a_report_entered_in_the_admin_marks_the_item_reported_then_verified(inspector):
    item = RemediationItemFactory()
    url = f"/admin/inspections/remediationitem/{item.pk}/change/"
    data = {
        "campaign": item.campaign.pk,
        "organization": item.organization.pk,
        "what": item.what,
        "deadline": item.deadline.isoformat(),
        "report_number": "12-BC/ĐU",
        "report_date": (timezone.localdate() + datetime.timedelta(days=1)).isoformat(),
        "verification_note": "",
    }
    response = inspector.post(url, data)
    assert "Ngày báo cáo không thể sau hôm nay." in str(response.context["adminform"].form.errors)
    data["report_date"] = timezone.localdate().isoformat()
    assert inspector.post(url, data).status_code == 302
    item.refresh_from_db()
    assert item.status == RemediationItem.Status.REPORTED
    assert item.campaign.events.filter(
        document_kind=CampaignEvent.DocumentKind.BAO_CAO_KHAC_PHUC
    ).exists()
    inspector.post(
        "/admin/inspections/remediationitem/",
        {"action": "verify_selected", "_selected_action": [item.pk]},
    )
    item.refresh_from_db()
    assert item.status == RemediationItem.Status.VERIFIED


def test_organizations_list_with_totals(inspector):
    PartyOrganizationFactory(name="Đảng bộ xã Ngọc Tem", member_count=120)
    PartyOrganizationFactory(name="Chi bộ thôn 1", member_count=30)
    page = inspector.get("/admin/inspections/partyorganization/").content.decode()
    assert "Đảng bộ xã Ngọc Tem" in page and "2 tổ chức, 150 đảng viên" in page


def test_every_admin_page_of_the_demo_opens(inspector):
    from inspections import demo
    from inspections.models import CampaignTarget

    demo.load()
    for campaign in Campaign.objects.all():
        assert inspector.get(change_url(campaign)).status_code == 200, campaign
    for target in CampaignTarget.objects.all():
        url = f"/admin/inspections/campaigntarget/{target.pk}/change/"
        assert inspector.get(url).status_code == 200
    for url in (
        LIST,
        LIST + "?nam=2017",
        LIST + "?nam=abc",
        LIST + "?status=follow_up",
        "/admin/inspections/inspectionplan/",
        "/admin/inspections/remediationitem/?han=qua-han",
        "/admin/inspections/partyorganization/?kind=dang_bo_co_so",
        "/admin/inspections/remindersent/",
    ):
        assert inspector.get(url).status_code == 200, url
    plans = inspector.get("/admin/inspections/inspectionplan/").content.decode()
    assert "01 / 03 đợt" in plans  # Ngọc Tem concluded, two to come
