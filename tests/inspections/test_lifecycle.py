"""The lifecycle as data: which moves are offered, with which labels, and which are refused."""

import pytest

from inspections import lifecycle
from inspections.models import Campaign, RemediationItem
from tests.inspections.factories import CampaignFactory, RemediationItemFactory

pytestmark = pytest.mark.django_db
S = Campaign.Status


def moves(campaign):
    return [(move.to_status, str(move.label)) for move in lifecycle.next_moves(campaign)]


def test_each_step_offers_the_next_one_with_its_vietnamese_button():
    campaign = CampaignFactory(kind=Campaign.Kind.KIEM_TRA)
    expected = {
        S.PLANNED: [(S.DECIDED, "Quyết định thành lập đoàn")],
        S.DECIDED: [(S.NOTIFIED, "Gửi thông báo cho tổ chức")],
        S.NOTIFIED: [(S.SELF_REPORTED, "Nhận báo cáo tự kiểm tra")],
        S.SELF_REPORTED: [(S.WORKING, "Bắt đầu làm việc")],
        S.WORKING: [(S.DRAFT_REPORT, "Trình dự thảo báo cáo")],
        S.DRAFT_REPORT: [(S.CONCLUDED, "Ban hành thông báo kết luận")],
        S.CONCLUDED: [(S.FOLLOW_UP, "Theo dõi khắc phục"), (S.CLOSED, "Kết thúc")],
        S.FOLLOW_UP: [(S.CLOSED, "Kết thúc")],
        S.CLOSED: [],
    }
    for status, offered in expected.items():
        campaign.status = status
        assert moves(campaign) == offered, status


def test_a_supervision_ends_in_a_result_notice():
    campaign = CampaignFactory(kind=Campaign.Kind.GIAM_SAT_CHUYEN_DE, status=S.DRAFT_REPORT)
    assert moves(campaign) == [(S.CONCLUDED, "Ban hành thông báo kết quả giám sát")]
    campaign.status = S.NOTIFIED
    assert moves(campaign) == [(S.SELF_REPORTED, "Nhận báo cáo tự giám sát")]


def test_each_step_names_the_documents_it_carries():
    campaign = CampaignFactory(status=S.DECIDED)
    (move,) = lifecycle.next_moves(campaign)
    assert [str(label) for _kind, label in move.document_choices()] == [
        "Kế hoạch",
        "Đề cương gợi ý báo cáo",
    ]
    campaign.status = S.PLANNED
    (move,) = lifecycle.next_moves(campaign)
    assert move.needs == lifecycle.NEEDS_DECISION
    assert [str(label) for _kind, label in move.document_choices()] == ["Quyết định"]
    campaign.status = S.DRAFT_REPORT
    (move,) = lifecycle.next_moves(campaign)
    assert move.needs == lifecycle.NEEDS_NOTICE


def test_closing_is_offered_only_when_nothing_is_left_to_remediate():
    campaign = CampaignFactory(status=S.CONCLUDED)
    item = RemediationItemFactory(campaign=campaign)
    assert moves(campaign) == [(S.FOLLOW_UP, "Theo dõi khắc phục")]
    campaign.status = S.FOLLOW_UP
    assert moves(campaign) == []
    assert "Còn 1 nội dung khắc phục" in lifecycle.refusal(campaign, S.CLOSED)
    item.status = RemediationItem.Status.REPORTED
    item.save()
    assert moves(campaign) == [(S.CLOSED, "Kết thúc")]


@pytest.mark.parametrize(
    ("current", "target", "message"),
    [
        (S.PLANNED, S.NOTIFIED, "phải qua bước “Đã quyết định thành lập đoàn” trước"),
        (S.WORKING, S.DECIDED, "Không thể quay lại bước"),
        (S.WORKING, S.WORKING, "Cuộc đã ở bước “Đoàn đang làm việc”"),
        (S.CLOSED, S.PLANNED, "Cuộc đã kết thúc"),
        (S.PLANNED, "bogus", "không tồn tại"),
    ],
)
def test_illegal_moves_say_why(current, target, message):
    campaign = CampaignFactory(status=current)
    assert message in str(lifecycle.refusal(campaign, target))
