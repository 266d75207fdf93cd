"""The inspection pages as officers and readers use them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from inspections.models import Campaign, CampaignEvent, Notice
from tests.inspections.factories import (
    CampaignFactory,
    NoticeFactory,
    PartyOrganizationFactory,
    RemediationItemFactory,
)
from tests.inspections.page_helpers import PDF, editor_user, full_campaign, inspector_user


@pytest.fixture
def inspector(db):
    return inspector_user()


@pytest.fixture
def editor(db):
    return editor_user()


S = Campaign.Status


def url(name, *args):
    return reverse(f"inspections:{name}", args=args)


@pytest.mark.django_db
def test_every_page_renders_for_an_officer(client, inspector):
    campaign = full_campaign()
    client.force_login(inspector)
    pages = [
        url("dashboard"),
        url("campaigns"),
        url("campaign", campaign.pk),
        url("campaign-print", campaign.pk),
        url("remediations"),
        url("plan", campaign.plan_id),
        url("organizations"),
        url("organization", campaign.targets.get().organization_id),
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page


def move(client, campaign, to_status, shown=None, **fields):
    data = {"buoc": to_status, f"{to_status}-tu": shown or campaign.status}
    data.update({f"{to_status}-{name}": value for name, value in fields.items()})
    return client.post(url("transition", campaign.pk), data)


@pytest.mark.django_db
def test_an_officer_moves_a_campaign_one_step_with_a_note_and_a_file(client, inspector):
    from django.core.files.uploadedfile import SimpleUploadedFile

    campaign = CampaignFactory(status=S.DECIDED, decision_number="1-QĐ/HU")
    client.force_login(inspector)
    response = client.post(
        url("transition", campaign.pk),
        {
            "buoc": S.NOTIFIED,
            "notified-tu": S.DECIDED,
            "notified-note": "Đã gửi kế hoạch và đề cương.",
            "notified-document_kind": CampaignEvent.DocumentKind.DE_CUONG,
            "notified-file": SimpleUploadedFile("Đề cương.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == S.NOTIFIED
    event = campaign.events.get()
    assert event.actor == inspector
    assert event.note == "Đã gửi kế hoạch và đề cương."
    page = client.get(url("campaign", campaign.pk)).content.decode()
    assert "Đã chuyển cuộc sang bước" in page
    assert "Đã gửi kế hoạch và đề cương." in page
    assert url("file", "buoc", event.pk) in page


@pytest.mark.django_db
def test_the_decision_step_asks_for_the_number_and_date_and_keeps_what_was_typed(client, inspector):
    campaign = CampaignFactory()
    client.force_login(inspector)
    response = move(client, campaign, S.DECIDED, note="Ghi chú giữ lại", decision_date="31/02/2017")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Cần nhập số quyết định." in page
    assert "Nhập ngày theo dạng ngày/tháng/năm" in page
    assert "Ghi chú giữ lại" in page
    campaign.refresh_from_db()
    assert campaign.status == S.PLANNED
    response = move(
        client, campaign, S.DECIDED, decision_number="125-QĐ/HU", decision_date="03/03/2017"
    )
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == S.DECIDED
    assert campaign.decision_number == "125-QĐ/HU"
    assert campaign.decision_date == datetime.date(2017, 3, 3)


@pytest.mark.django_db
def test_a_file_that_is_not_a_document_is_refused_by_its_content(client, inspector):
    from django.core.files.uploadedfile import SimpleUploadedFile

    campaign = CampaignFactory(status=S.WORKING)
    client.force_login(inspector)
    response = client.post(
        url("transition", campaign.pk),
        {
            "buoc": S.DRAFT_REPORT,
            "draft_report-tu": S.WORKING,
            "draft_report-note": "Dự thảo lần 1",
            "draft_report-file": SimpleUploadedFile("du-thao.pdf", b"<script>x</script>"),
        },
    )
    assert response.status_code == 400
    assert "Dự thảo lần 1" in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.status == S.WORKING


@pytest.mark.django_db
def test_skipping_or_going_back_is_refused_with_a_message(client, inspector):
    campaign = CampaignFactory(status=S.NOTIFIED)
    client.force_login(inspector)
    for target in (S.CONCLUDED, S.PLANNED, "khong-co"):
        response = move(client, campaign, target, note="Nội dung đã gõ")
        assert response.status_code == 409
        page = response.content.decode()
        assert 'class="message message--error"' in page
        assert "Nội dung đã gõ" in page
    campaign.refresh_from_db()
    assert campaign.status == S.NOTIFIED
    assert not campaign.events.exists()


@pytest.mark.django_db
def test_a_stale_page_is_told_and_what_was_typed_is_shown_back(client, inspector):
    campaign = CampaignFactory(status=S.SELF_REPORTED)
    client.force_login(inspector)
    # Someone else moved it on while this officer was typing on the older page.
    Campaign.objects.filter(pk=campaign.pk).update(status=S.WORKING)
    response = move(client, campaign, S.WORKING, shown=S.SELF_REPORTED, note="Biên bản làm việc")
    assert response.status_code == 409
    page = response.content.decode()
    assert "có thể do người khác" in page
    assert "Biên bản làm việc" in page
    assert not CampaignEvent.objects.exists()
    # The same page's form for the very next step still says which status it was made for.
    response = move(client, campaign, S.DRAFT_REPORT, shown=S.SELF_REPORTED, note="Dự thảo")
    assert response.status_code == 409
    assert Campaign.objects.get(pk=campaign.pk).status == S.WORKING


@pytest.mark.django_db
def test_the_conclusion_step_issues_the_notice(client, inspector):
    campaign = CampaignFactory(status=S.DRAFT_REPORT, start_on=datetime.date(2017, 3, 1))
    client.force_login(inspector)
    response = move(
        client,
        campaign,
        S.CONCLUDED,
        number="25-TB/HU",
        issued_on="01/02/2017",
        signer="Trần Văn Hùng",
        text="Nội dung thông báo",
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "không thể trước ngày đoàn bắt đầu làm việc (01/03/2017)" in page
    assert "25-TB/HU" in page  # kept in the form
    response = move(
        client,
        campaign,
        S.CONCLUDED,
        number="25-TB/HU",
        issued_on="20/04/2017",
        signer="Trần Văn Hùng",
        recipients="Các chi bộ",
        text="Nội dung thông báo",
        summary="Thực hiện tốt các nghị quyết.",
    )
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == S.CONCLUDED
    assert campaign.summary == "Thực hiện tốt các nghị quyết."
    notice = Notice.objects.get(campaign=campaign)
    assert (notice.number, notice.issued_on) == ("25-TB/HU", datetime.date(2017, 4, 20))
    page = client.get(url("campaign", campaign.pk)).content.decode()
    assert "25-TB/HU" in page


@pytest.mark.django_db
def test_the_campaign_page_shows_every_record(client, inspector):
    campaign = full_campaign()
    escalation = CampaignFactory(kind=Campaign.Kind.KIEM_TRA, escalated_from=campaign)
    client.force_login(inspector)
    page = client.get(url("campaign", campaign.pk)).content.decode()
    for text in (
        "125-QĐ/HU",
        "Nguyễn Văn Trưởng",
        "Trưởng đoàn",
        "Ưu điểm",
        "Hạn chế, khuyết điểm",
        "Vi phạm",
        "Chưa lập biên bản sinh hoạt.",
        campaign.notice.number,
        "Xây dựng kế hoạch khắc phục",
        escalation.get_absolute_url(),
        "Quyết định thành lập đoàn.pdf",
    ):
        assert text in page, text
    back = client.get(url("campaign", escalation.pk)).content.decode()
    assert campaign.get_absolute_url() in back


@pytest.mark.django_db
def test_remediation_marks_follow_the_local_calendar(client, inspector):
    today = timezone.localdate()
    late = RemediationItemFactory(deadline=today - datetime.timedelta(days=1), what="Việc trễ")
    RemediationItemFactory(deadline=today + datetime.timedelta(days=7), what="Việc sắp đến")
    RemediationItemFactory(deadline=today + datetime.timedelta(days=8), what="Việc còn xa")
    client.force_login(inspector)
    page = client.get(url("remediations") + "?han=qua_han").content.decode()
    assert "Việc trễ" in page and "Việc sắp đến" not in page
    page = client.get(url("remediations") + "?han=sap_den_han").content.decode()
    assert "Việc sắp đến" in page and "Việc trễ" not in page and "Việc còn xa" not in page
    page = client.get(url("campaign", late.campaign_id)).content.decode()
    assert "Quá hạn" in page


@pytest.mark.django_db
def test_bad_filter_values_give_messages_not_errors(client, inspector):
    CampaignFactory(title="Giám sát chuyên đề Ngọc Tem")
    client.force_login(inspector)
    for query in (
        "?nam=abc",
        "?nam=99999999999999",
        "?loai=xyz",
        "?trang_thai=%00",
        "?to_chuc=abc",
        "?to_chuc=999999",
        "?van_ban=-1",
        "?chu_tri=1.5",
        "?trang=abc",
        "?trang=999",
        "?q=" + "x" * 500,
    ):
        response = client.get(url("campaigns") + query)
        assert response.status_code == 200, query
        if "trang=" not in query:
            assert "không hợp lệ; bộ lọc đã được bỏ qua" in response.content.decode(), query
    for query in ("?han=mai", "?nam=-5", "?cuoc=abc", "?to_chuc=0"):
        response = client.get(url("remediations") + query)
        assert response.status_code == 200
        assert "không hợp lệ; bộ lọc đã được bỏ qua" in response.content.decode(), query


@pytest.mark.django_db
def test_lists_filter_by_year_kind_status_organization_directive_and_keyword(client, inspector):
    from tests.documents.factories import DocumentFactory

    organization = PartyOrganizationFactory(name="Đảng bộ xã Ngọc Tem")
    directive = DocumentFactory()
    tem = CampaignFactory(
        title="Giám sát Ngọc Tem",
        targets=[organization],
        start_on=datetime.date(2017, 3, 1),
        end_on=datetime.date(2017, 3, 30),
    )
    tem.directives.add(directive)
    other = CampaignFactory(title="Kiểm tra khác", kind=Campaign.Kind.KIEM_TRA, status=S.WORKING)
    client.force_login(inspector)

    def titles(query):
        page = client.get(url("campaigns") + query).content.decode()
        return {c.title for c in (tem, other) if c.title in page}

    assert titles("") == {tem.title, other.title}
    assert titles("?nam=2017") == {tem.title}
    assert titles("?loai=kiem_tra") == {other.title}
    assert titles("?trang_thai=working") == {other.title}
    assert titles(f"?to_chuc={organization.pk}") == {tem.title}
    assert titles(f"?van_ban={directive.pk}") == {tem.title}
    assert titles("?q=ngọc tem") == {tem.title}


@pytest.mark.django_db
def test_dashboard_bad_numbers_fall_back_with_a_message(client, inspector):
    client.force_login(inspector)
    for query in ("?so_nam=abc", "?so_nam=0", "?so_nam=31", "?nam=x", "?nam=99999"):
        response = client.get(url("dashboard") + query)
        assert response.status_code == 200, query
        assert 'class="message message--warning"' in response.content.decode(), query


@pytest.mark.django_db
def test_the_working_window_is_extended_once_within_a_third(client, inspector):
    campaign = CampaignFactory(
        status=S.WORKING, start_on=datetime.date(2017, 3, 1), end_on=datetime.date(2017, 3, 30)
    )
    client.force_login(inspector)
    action = url("campaign-action", campaign.pk)
    response = client.post(action, {"viec": "gia_han", "gia_han-new_end": "30/04/2017"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "không quá một phần ba" in page
    assert 'value="30/04/2017"' in page  # what was typed stays
    response = client.post(
        action, {"viec": "gia_han", "gia_han-new_end": "09/04/2017", "gia_han-note": "Mưa lũ"}
    )
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.extended_to == datetime.date(2017, 4, 9)
    page = client.get(url("campaign", campaign.pk)).content.decode()
    assert "gia hạn đến 09/04/2017" in page
    assert "Gia hạn thời gian làm việc</summary>" not in page  # no second extension offered
    response = client.post(action, {"viec": "gia_han", "gia_han-new_end": "08/04/2017"})
    assert response.status_code == 409
    assert "không được gia hạn lần thứ hai" in response.content.decode()


@pytest.mark.django_db
def test_a_supervision_with_violations_is_escalated_and_linked_both_ways(client, inspector):
    campaign = full_campaign(status=S.WORKING)  # its finding records a violation
    client.force_login(inspector)
    page = client.get(url("campaign", campaign.pk)).content.decode()
    assert "Chuyển thành cuộc kiểm tra khi có dấu hiệu vi phạm" in page
    response = client.post(url("campaign-action", campaign.pk), {"viec": "chuyen_kiem_tra"})
    created = Campaign.objects.get(escalated_from=campaign)
    assert response["Location"] == created.get_absolute_url()
    assert created.kind == Campaign.Kind.KIEM_TRA
    assert campaign.get_absolute_url() in client.get(created.get_absolute_url()).content.decode()
    response = client.post(url("campaign-action", campaign.pk), {"viec": "chuyen_kiem_tra"})
    assert response.status_code == 409
    assert Campaign.objects.filter(escalated_from=campaign).count() == 1


@pytest.mark.django_db
def test_remediation_is_reported_then_verified_from_the_campaign_page(client, inspector):
    from django.core.files.uploadedfile import SimpleUploadedFile

    item = RemediationItemFactory(campaign=CampaignFactory(status=S.FOLLOW_UP))
    client.force_login(inspector)
    action = url("remediation-action", item.pk)
    prefix = f"bao_cao_{item.pk}"
    response = client.post(action, {"viec": "bao_cao", f"{prefix}-number": "05-BC/ĐU"})
    assert response.status_code == 400
    assert "05-BC/ĐU" in response.content.decode()
    response = client.post(
        action,
        {
            "viec": "bao_cao",
            f"{prefix}-number": "05-BC/ĐU",
            f"{prefix}-date": timezone.localdate().strftime("%d/%m/%Y"),
            f"{prefix}-file": SimpleUploadedFile("bao-cao.pdf", PDF),
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == item.Status.REPORTED and item.report_file
    response = client.post(
        action, {"viec": "xac_nhan", f"xac_nhan_{item.pk}-note": "Đã kiểm tra tại cơ sở."}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == item.Status.VERIFIED
    assert item.verification_note == "Đã kiểm tra tại cơ sở."
    response = client.post(action, {"viec": "xac_nhan"})
    assert response.status_code == 409
    assert "đã được xác nhận" in response.content.decode()


@pytest.mark.django_db
def test_readers_cannot_use_the_other_actions(client, editor):
    item = RemediationItemFactory(campaign=CampaignFactory(status=S.WORKING))
    client.force_login(editor)
    assert (
        client.post(url("campaign-action", item.campaign_id), {"viec": "gia_han"}).status_code
        == 403
    )
    assert client.post(url("remediation-action", item.pk), {"viec": "xac_nhan"}).status_code == 403
    page = client.get(url("campaign", item.campaign_id)).content.decode()
    assert "Ghi nhận báo cáo khắc phục" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("day", ["01/01/0001", "31/12/9999"])
def test_dates_out_of_any_reasonable_year_get_a_message_not_an_error(client, inspector, day):
    campaign = full_campaign(status=S.WORKING)  # a supervision with a violation found
    client.force_login(inspector)
    response = client.post(
        url("campaign-action", campaign.pk),
        {"viec": "chuyen_kiem_tra", "chuyen_kiem_tra-start_on": day},
    )
    assert response.status_code == 400
    assert "Năm phải trong khoảng 1990 đến 2100." in response.content.decode()
    assert not Campaign.objects.filter(escalated_from=campaign).exists()
    response = client.post(
        url("campaign-action", campaign.pk), {"viec": "gia_han", "gia_han-new_end": day}
    )
    assert response.status_code == 400
    assert "Năm phải trong khoảng 1990 đến 2100." in response.content.decode()


@pytest.mark.django_db
def test_a_notice_entered_in_the_admin_makes_the_conclusion_a_plain_step(client, inspector):
    campaign = CampaignFactory(status=S.DRAFT_REPORT)
    NoticeFactory(campaign=campaign, number="31-TB/HU")
    client.force_login(inspector)
    page = client.get(url("campaign", campaign.pk)).content.decode()
    assert "31-TB/HU" in page
    assert 'name="concluded-number"' not in page  # no second notice asked for
    response = move(client, campaign, S.CONCLUDED, note="Thông báo đã nhập ở trang quản trị.")
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == S.CONCLUDED
    assert Notice.objects.filter(campaign=campaign).count() == 1


@pytest.mark.django_db
def test_a_wrong_filter_is_named_with_its_value_and_the_other_filters_still_apply(
    client, inspector
):
    CampaignFactory(
        title="Cuộc năm 2017", start_on=datetime.date(2017, 3, 1), end_on=datetime.date(2017, 3, 20)
    )
    CampaignFactory(
        title="Cuộc năm 2018", start_on=datetime.date(2018, 3, 1), end_on=datetime.date(2018, 3, 20)
    )
    client.force_login(inspector)
    page = client.get(url("campaigns") + "?trang_thai=xyz&nam=2017").content.decode()
    assert "Trạng thái “xyz” không hợp lệ; bộ lọc đã được bỏ qua." in page
    assert "Cuộc năm 2017" in page and "Cuộc năm 2018" not in page
    for query, label in (
        ("?to_chuc=abc", "Tổ chức đảng “abc”"),
        ("?nam=abc", "Năm “abc”"),
        ("?van_ban=9999", "Văn bản được kiểm tra, giám sát “9999”"),
    ):
        page = client.get(url("campaigns") + query).content.decode()
        assert f"{label} không hợp lệ; bộ lọc đã được bỏ qua." in page, query
    page = client.get(url("remediations") + "?han=xyz").content.decode()
    assert "Hạn “xyz” không hợp lệ; bộ lọc đã được bỏ qua." in page
