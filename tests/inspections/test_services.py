"""The services refuse illegal writes with a Vietnamese message and record each step."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from inspections import services
from inspections.models import Campaign, CampaignEvent, Notice, RemediationItem
from inspections.services import CampaignError
from tests.concurrency import in_parallel
from tests.factories import UserFactory
from tests.inspections.factories import (
    CampaignFactory,
    FindingFactory,
    NoticeFactory,
    PartyOrganizationFactory,
    RemediationItemFactory,
)

pytestmark = pytest.mark.django_db
S = Campaign.Status
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="bien-ban.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def refused(message, function, *args, **kwargs):
    with pytest.raises(CampaignError) as caught:
        function(*args, **kwargs)
    assert message in " ".join(caught.value.messages)


@pytest.fixture
def officer():
    return UserFactory(last_name="Võ Thị", first_name="Lan")


def walk_to(campaign, status, user):
    """Advance a campaign step by step up to `status` through the services."""
    order = [S.DECIDED, S.NOTIFIED, S.SELF_REPORTED, S.WORKING, S.DRAFT_REPORT]
    for step in order[: order.index(status) + 1]:
        services.campaign_advance(
            campaign, step, user, decision_number="15-QĐ/HU", decision_date=campaign.start_on
        )


def test_a_campaign_goes_from_plan_to_close_and_each_step_is_recorded(officer):
    campaign = CampaignFactory(kind=Campaign.Kind.KIEM_TRA)
    event = services.campaign_advance(
        campaign,
        S.DECIDED,
        officer,
        note="Quyết định thành lập đoàn",
        file=pdf("qd.pdf"),
        decision_number="15-QĐ/HU",
        decision_date=datetime.date(2017, 3, 1),
    )
    assert campaign.status == S.DECIDED
    assert event.actor == officer and event.from_status == S.PLANNED
    assert event.document_kind == CampaignEvent.DocumentKind.QUYET_DINH
    assert event.original_name == "qd.pdf"
    campaign.refresh_from_db()
    assert campaign.decision_number == "15-QĐ/HU"
    assert campaign.decision_file.name == event.file.name
    for step in (S.NOTIFIED, S.SELF_REPORTED, S.WORKING, S.DRAFT_REPORT):
        services.campaign_advance(campaign, step, officer)
    notice = services.campaign_conclude(
        campaign,
        officer,
        number="25-TB/HU",
        issued_on=campaign.start_on,
        signer="Trần Văn Hùng",
        recipients="Đảng ủy xã",
        text="Kết luận",
        file=pdf("tb.pdf"),
        summary="Tóm tắt kết luận",
    )
    campaign.refresh_from_db()
    assert campaign.status == S.CONCLUDED and campaign.summary == "Tóm tắt kết luận"
    assert notice.campaign == campaign and notice.file
    services.campaign_advance(campaign, S.CLOSED, officer)
    steps = list(campaign.events.values_list("from_status", "to_status"))
    assert steps == [
        (S.PLANNED, S.DECIDED),
        (S.DECIDED, S.NOTIFIED),
        (S.NOTIFIED, S.SELF_REPORTED),
        (S.SELF_REPORTED, S.WORKING),
        (S.WORKING, S.DRAFT_REPORT),
        (S.DRAFT_REPORT, S.CONCLUDED),
        (S.CONCLUDED, S.CLOSED),
    ]


def test_a_skipped_step_is_refused(officer):
    campaign = CampaignFactory()
    refused("phải qua bước", services.campaign_advance, campaign, S.WORKING, officer)
    campaign.refresh_from_db()
    assert campaign.status == S.PLANNED and not campaign.events.exists()


def test_a_step_backward_is_refused(officer):
    campaign = CampaignFactory(status=S.WORKING)
    refused("Không thể quay lại", services.campaign_advance, campaign, S.NOTIFIED, officer)


def test_the_decision_step_needs_number_and_date(officer):
    campaign = CampaignFactory()
    refused("số và ngày của quyết định", services.campaign_advance, campaign, S.DECIDED, officer)
    campaign.decision_number, campaign.decision_date = "3-QĐ/HU", datetime.date(2017, 3, 1)
    campaign.save()
    services.campaign_advance(campaign, S.DECIDED, officer)
    assert campaign.status == S.DECIDED


def test_concluding_without_a_notice_is_refused(officer):
    campaign = CampaignFactory(status=S.DRAFT_REPORT)
    refused(
        "Chưa có thông báo kết quả giám sát",
        services.campaign_advance,
        campaign,
        S.CONCLUDED,
        officer,
    )
    NoticeFactory(campaign=campaign)
    services.campaign_advance(campaign, S.CONCLUDED, officer)
    assert campaign.status == S.CONCLUDED


def test_concluding_before_the_draft_report_is_refused_and_leaves_no_notice(officer):
    campaign = CampaignFactory(status=S.WORKING)
    refused(
        "phải qua bước",
        services.campaign_conclude,
        campaign,
        officer,
        "25-TB/HU",
        campaign.start_on,
        "Trần Văn Hùng",
    )
    assert not Notice.objects.exists()


def test_a_notice_needs_number_date_and_signer(officer):
    campaign = CampaignFactory(status=S.DRAFT_REPORT)
    refused(
        "số thông báo, người ký",
        services.campaign_conclude,
        campaign,
        officer,
        "",
        campaign.start_on,
        "",
    )
    assert not Notice.objects.exists()


def test_closing_with_open_items_is_refused(officer):
    campaign = CampaignFactory(status=S.CONCLUDED)
    item = RemediationItemFactory(campaign=campaign)
    refused("Theo dõi khắc phục", services.campaign_advance, campaign, S.CLOSED, officer)
    services.campaign_advance(campaign, S.FOLLOW_UP, officer)
    refused("Còn 1 nội dung khắc phục", services.campaign_advance, campaign, S.CLOSED, officer)
    services.remediation_report(item, officer, "12-BC/ĐU", datetime.date(2017, 9, 1))
    services.campaign_advance(campaign, S.CLOSED, officer)
    assert campaign.status == S.CLOSED


def test_a_file_is_checked_by_its_content(officer):
    campaign = CampaignFactory(status=S.SELF_REPORTED)
    fake = SimpleUploadedFile("bien-ban.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    refused(
        "không thuộc loại được nhận",
        services.campaign_advance,
        campaign,
        S.WORKING,
        officer,
        file=fake,
    )
    assert campaign.status == S.SELF_REPORTED and not campaign.events.exists()


def test_one_extension_of_a_third_at_most(officer):
    start = datetime.date(2017, 5, 1)
    campaign = CampaignFactory(start_on=start, end_on=start + datetime.timedelta(days=29))
    assert campaign.max_extension() == datetime.date(2017, 6, 9)
    refused("một phần ba", services.campaign_extend, campaign, datetime.date(2017, 6, 10), officer)
    refused(
        "sau ngày kết thúc ban đầu",
        services.campaign_extend,
        campaign,
        datetime.date(2017, 5, 30),
        officer,
    )
    services.campaign_extend(campaign, datetime.date(2017, 6, 9), officer)
    campaign.refresh_from_db()
    assert campaign.extended_to == datetime.date(2017, 6, 9)
    assert campaign.events.get().note == "Gia hạn thời gian làm việc đến 09/06/2017."
    refused(
        "không được gia hạn lần thứ hai",
        services.campaign_extend,
        campaign,
        datetime.date(2017, 6, 5),
        officer,
    )


def test_a_supervision_with_violations_is_escalated_to_a_linked_inspection(officer):
    first, second = PartyOrganizationFactory(), PartyOrganizationFactory()
    supervision = CampaignFactory(status=S.WORKING, targets=[first, second])
    refused("chưa ghi nhận dấu hiệu vi phạm", services.campaign_escalate, supervision, officer)
    FindingFactory(
        target=supervision.targets.get(organization=first),
        violations="Không tổ chức học tập nghị quyết.",
    )
    inspection = services.campaign_escalate(supervision, officer, title="Kiểm tra chi bộ")
    assert inspection.kind == Campaign.Kind.KIEM_TRA and inspection.status == S.PLANNED
    assert inspection.escalated_from == supervision and inspection.title == "Kiểm tra chi bộ"
    assert set(inspection.targets.values_list("organization", flat=True)) == {first.pk, second.pk}
    assert inspection.events.get().to_status == S.PLANNED
    refused("đã được chuyển", services.campaign_escalate, supervision, officer)
    refused("Chỉ cuộc giám sát", services.campaign_escalate, inspection, officer)


def test_an_early_supervision_is_not_escalated(officer):
    supervision = CampaignFactory(status=S.NOTIFIED)
    refused("đã làm việc", services.campaign_escalate, supervision, officer)


def test_remediation_goes_open_reported_verified_and_not_back(officer):
    item = RemediationItemFactory()
    refused("chưa báo cáo khắc phục", services.remediation_verify, item, officer)
    refused("Cần số và ngày", services.remediation_report, item, officer, "", None)
    services.remediation_report(
        item, officer, "12-BC/ĐU", datetime.date(2017, 9, 1), file=pdf("bc.pdf")
    )
    item.refresh_from_db()
    assert item.status == RemediationItem.Status.REPORTED and item.report_file
    refused(
        "không nhận báo cáo lần nữa",
        services.remediation_report,
        item,
        officer,
        "13-BC/ĐU",
        datetime.date(2017, 9, 2),
    )
    services.remediation_verify(item, officer, "Đã tổ chức học tập đầy đủ.")
    item.refresh_from_db()
    assert item.status == RemediationItem.Status.VERIFIED and item.verified_at
    refused("đã được xác nhận", services.remediation_verify, item, officer)
    assert item.campaign.events.count() == 2


# --- Two officers pressing the same button at once ----------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_advances_at_once_make_one_move():
    officer = UserFactory()
    campaign = CampaignFactory(status=S.NOTIFIED)
    jobs = [
        lambda: services.campaign_advance(
            Campaign.objects.get(pk=campaign.pk), S.SELF_REPORTED, officer
        )
    ] * 4
    results, errors = in_parallel(jobs)
    assert len(results) == 1 and len(errors) == 3
    assert all(isinstance(error, CampaignError) for error in errors), errors
    assert CampaignEvent.objects.filter(campaign=campaign).count() == 1
    campaign.refresh_from_db()
    assert campaign.status == S.SELF_REPORTED


def test_an_escalation_starting_at_the_end_of_the_calendar_is_refused(officer):
    supervision = CampaignFactory(status=S.WORKING)
    FindingFactory(target=supervision.targets.get(), violations="Không học tập nghị quyết.")
    refused(
        "không hợp lệ",
        services.campaign_escalate,
        supervision,
        officer,
        start_on=datetime.date(9999, 12, 31),
    )
    assert not Campaign.objects.filter(escalated_from=supervision).exists()
