"""What two officers ran into using the inspection pages and admin, each fixed."""

import datetime
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inspections.models import Campaign, CampaignEvent, RemediationItem
from portal.groups import sync_group_permissions
from tests.factories import StaffFactory, UserFactory
from tests.inspections.factories import (
    CampaignEventFactory,
    CampaignFactory,
    NoticeFactory,
    PartyOrganizationFactory,
    RemediationItemFactory,
)
from tests.inspections.page_helpers import form_data, inspector_user

pytestmark = pytest.mark.django_db
S = Campaign.Status


@pytest.fixture(autouse=True)
def _groups():
    sync_group_permissions()


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def staff_inspector():
    return StaffFactory(groups=[settings.INSPECTORS_GROUP])


def page_url(campaign):
    return reverse("inspections:campaign", args=[campaign.pk])


# --- 1. A session that expired while a step form was open ----------------------------------


@pytest.mark.parametrize("name", ["transition", "campaign-action"])
def test_a_step_posted_after_the_session_expired_goes_to_login_and_back_to_the_campaign(name):
    campaign = CampaignFactory()
    client = Client()
    response = client.post(
        reverse(f"inspections:{name}", args=[campaign.pk]),
        {"buoc": "decided", "decided-note": "Đã gửi"},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("portal:login"))
    assert "next=" + page_url(campaign) in unquote(response["Location"])
    page = client.get(response["Location"]).content.decode()
    assert "Phiên đăng nhập đã hết hạn" in page and "CHƯA được ghi nhận" in page
    assert not CampaignEvent.objects.filter(campaign=campaign).exists()


@pytest.mark.parametrize("method", ["get", "head"])
def test_opening_an_action_url_leads_to_the_campaign_page(method):
    campaign = CampaignFactory()
    item = RemediationItemFactory(campaign=campaign)
    client = logged_in(inspector_user())
    for name, pk, target in (
        ("transition", campaign.pk, page_url(campaign)),
        ("campaign-action", campaign.pk, page_url(campaign)),
        ("remediation-action", item.pk, page_url(campaign) + "#khac-phuc"),
    ):
        response = getattr(client, method)(reverse(f"inspections:{name}", args=[pk]))
        assert response.status_code == 302, name
        assert response["Location"] == target
    # A guest coming back from the login page is sent to the page too (and then to log in).
    response = Client().get(reverse("inspections:transition", args=[campaign.pk]))
    assert response["Location"] == page_url(campaign)


# --- 2. The keyword ignores diacritics and case ---------------------------------------------


def test_the_keyword_finds_campaigns_without_diacritics_on_every_part():
    organization = PartyOrganizationFactory(name="Đảng bộ xã Đắk Tăng")
    tem = CampaignFactory(title="Giám sát Ngọc Tem", decision_number="125-QĐ/HU")
    by_target = CampaignFactory(title="Cuộc thứ hai", targets=[organization])
    by_notice = CampaignFactory(title="Cuộc thứ ba", status=S.CONCLUDED)
    NoticeFactory(campaign=by_notice, number="77-TB/HU")
    CampaignFactory(title="Kiểm tra khác")
    client = logged_in(inspector_user())

    def found(query):
        page = client.get(reverse("inspections:campaigns"), {"q": query}).content.decode()
        titles = (tem.title, by_target.title, by_notice.title, "Kiểm tra khác")
        return {title for title in titles if title in page}

    assert found("Ngọc Tem") == {tem.title}
    assert found("ngoc tem") == {tem.title}
    assert found("NGOC") == {tem.title}
    assert found("125-qd") == {tem.title}
    assert found("dak tang") == {by_target.title}
    assert found("77-tb") == {by_notice.title}
    # A target renamed, added or removed later is found by its new name.
    organization.name = "Đảng bộ xã Măng Cành"
    organization.save()
    assert found("mang canh") == {by_target.title}
    by_target.targets.all().delete()
    assert found("mang canh") == set()


def test_the_data_migration_fills_the_search_text_of_existing_campaigns():
    import importlib

    from django.apps import apps

    campaign = CampaignFactory(title="Giám sát Ngọc Tem", status=S.CONCLUDED)
    NoticeFactory(campaign=campaign, number="25-TB/HU")
    Campaign.objects.update(search_text="")
    migration = importlib.import_module("inspections.migrations.0004_campaign_search_text")
    migration.fill_search_text(apps, None)
    campaign.refresh_from_db()
    assert campaign.search_text.startswith("giam sat ngoc tem")
    assert "25 tb hu" in campaign.search_text


# --- 3. The public summaries have a list, a breadcrumb and a sitemap -------------------------


def test_the_public_list_shows_only_published_campaigns_newest_first(client):
    old = CampaignFactory(
        title="Giám sát năm 2016",
        is_public=True,
        status=S.CLOSED,
        start_on=datetime.date(2016, 3, 1),
        end_on=datetime.date(2016, 3, 20),
    )
    new = CampaignFactory(
        title="Giám sát năm 2017",
        is_public=True,
        status=S.CONCLUDED,
        start_on=datetime.date(2017, 3, 1),
        end_on=datetime.date(2017, 3, 20),
    )
    CampaignFactory(title="Cuộc đang làm việc", is_public=True, status=S.WORKING)
    CampaignFactory(title="Cuộc nội bộ", is_public=False, status=S.CLOSED)
    page = client.get(reverse("inspections:public-list")).content.decode()
    assert page.index(new.title) < page.index(old.title)
    assert "Cuộc đang làm việc" not in page and "Cuộc nội bộ" not in page
    summary = client.get(reverse("inspections:public", args=[new.pk])).content.decode()
    assert f'href="{reverse("inspections:public-list")}"' in summary
    sitemap = client.get("/sitemap.xml").content.decode()
    assert reverse("inspections:public-list") in sitemap
    assert reverse("inspections:public", args=[new.pk]) in sitemap
    assert reverse("inspections:public", args=[old.pk]) in sitemap
    assert "Cuộc nội bộ" not in sitemap
    dashboard = logged_in(inspector_user()).get(reverse("inspections:dashboard"))
    assert reverse("inspections:public-list") in dashboard.content.decode()


def test_the_public_list_pages_and_is_kept_for_guests(client, django_assert_max_num_queries):
    for n in range(23):
        CampaignFactory(title=f"Cuộc công khai {n}", is_public=True, status=S.CLOSED)
    url = reverse("inspections:public-list")
    second = client.get(url + "?trang=2").content.decode()
    assert "Trang 2 / 2" in second
    client.get(url)
    with django_assert_max_num_queries(3):  # served from the cache (the visit counter aside)
        assert client.get(url).status_code == 200


# --- 6. Names in Vietnamese order -----------------------------------------------------------


def test_people_are_named_family_name_first_on_the_pages_and_the_admin(staff_inspector):
    lan = UserFactory(first_name="Lan", last_name="Võ Thị")
    campaign = CampaignFactory(responsible=lan)
    CampaignEventFactory(campaign=campaign, actor=lan)
    page = logged_in(inspector_user()).get(page_url(campaign)).content.decode()
    assert "Võ Thị Lan" in page and "Lan Võ Thị" not in page
    admin_page = logged_in(staff_inspector).get(
        f"/admin/inspections/campaign/{campaign.pk}/change/"
    )
    text = admin_page.content.decode()
    assert "Võ Thị Lan" in text and "Lan Võ Thị" not in text


# --- 7. The targets' "Kết quả" column is short ----------------------------------------------


def test_the_targets_result_column_is_short(staff_inspector):
    campaign = CampaignFactory()
    page = logged_in(staff_inspector).get(f"/admin/inspections/campaign/{campaign.pk}/change/")
    text = page.content.decode()
    assert "Chưa ghi" in text and "bấm “Thay đổi” để ghi" not in text


# --- 8. An inspector picks the officer and the article --------------------------------------


def test_an_inspector_sets_the_officer_and_the_article(staff_inspector):
    from tests.articles.factories import ArticleFactory

    article = ArticleFactory(title="Huyện ủy giám sát tại xã Ngọc Tem")
    officer = UserFactory(first_name="Lan", last_name="Võ Thị", groups=[settings.INSPECTORS_GROUP])
    outsider = UserFactory(first_name="Bình", last_name="Trần")
    campaign = CampaignFactory(targets=[])
    client = logged_in(staff_inspector)
    change = f"/admin/inspections/campaign/{campaign.pk}/change/"
    page = client.get(change)
    field = page.context["adminform"].form.fields["responsible"]
    names = [label for _value, label in field.choices]
    assert "Võ Thị Lan" in names and "Trần Bình" not in names
    assert outsider.pk not in [user.pk for user in field.queryset]
    # The article is chosen among published news (no right to read drafts is needed).
    draft = ArticleFactory(title="Bản nháp chưa đăng", status="draft")
    articles = page.context["adminform"].form.fields["article"]
    labels = [label for _value, label in articles.choices]
    assert any(label.endswith("– Huyện ủy giám sát tại xã Ngọc Tem") for label in labels)
    assert draft.pk not in [a.pk for a in articles.queryset]
    response = client.post(change, form_data(campaign, responsible=officer.pk, article=article.pk))
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.responsible == officer and campaign.article == article
    response = client.post(change, form_data(campaign, responsible=outsider.pk))
    assert response.status_code == 200
    assert "responsible" in response.context["adminform"].form.errors


# --- 9. A stale "Chuyển bước" page ----------------------------------------------------------


def test_a_stale_advance_page_says_where_the_campaign_is_and_keeps_the_note(staff_inspector):
    lan = UserFactory(first_name="Lan", last_name="Võ Thị")
    campaign = CampaignFactory(status=S.FOLLOW_UP)
    CampaignEventFactory(
        campaign=campaign, from_status=S.CONCLUDED, to_status=S.FOLLOW_UP, actor=lan
    )
    client = logged_in(staff_inspector)
    url = f"/admin/inspections/campaign/{campaign.pk}/chuyen-buoc/"
    response = client.post(url, {"to_status": "follow_up", "note": "Ghi chú của tôi"})
    text = response.content.decode()
    assert "Cuộc hiện ở bước “Theo dõi khắc phục” (do Võ Thị Lan chuyển lúc" in text
    assert "chưa được ghi nhận" in text
    assert "follow_up không phải" not in text
    assert "Ghi chú của tôi" in text
    assert 'class="errornote"' in text
    assert CampaignEvent.objects.filter(campaign=campaign).count() == 1


# --- 10. Remediation follows the notice, for the campaign's targets -------------------------


def test_remediation_is_refused_before_the_notice_and_for_other_organizations(staff_inspector):
    commune = PartyOrganizationFactory(name="Đảng bộ xã Ngọc Tem")
    village = PartyOrganizationFactory(name="Chi bộ thôn Điek Tem", parent=commune)
    stranger = PartyOrganizationFactory(name="Đảng bộ xã Hiếu")
    planned = CampaignFactory(title="Cuộc mới lập", targets=[commune])
    concluded = CampaignFactory(title="Cuộc đã kết luận", targets=[commune], status=S.CONCLUDED)
    client = logged_in(staff_inspector)
    add = "/admin/inspections/remediationitem/add/"

    def post(campaign, organization):
        return client.post(
            add,
            {
                "campaign": campaign.pk,
                "organization": organization.pk,
                "what": "Khắc phục việc sinh hoạt chi bộ.",
                "deadline": "2030-12-31",
            },
        )

    errors = str(post(planned, commune).context["adminform"].form.errors)
    assert "chỉ được ghi sau khi ban hành thông báo" in errors
    errors = str(post(concluded, stranger).context["adminform"].form.errors)
    assert "“Đảng bộ xã Hiếu” không phải đối tượng của cuộc" in errors
    assert post(concluded, village).status_code == 302  # under a target
    assert post(concluded, commune).status_code == 302
    assert RemediationItem.objects.count() == 2
    # The campaign's inline refuses the same.
    response = client.post(
        f"/admin/inspections/campaign/{planned.pk}/change/",
        form_data(
            planned,
            **{
                "remediations-TOTAL_FORMS": "1",
                "remediations-0-organization": str(commune.pk),
                "remediations-0-what": "Khắc phục.",
                "remediations-0-deadline": "2030-12-31",
            },
        ),
    )
    assert response.status_code == 200
    formset = [i.formset for i in response.context["inline_admin_formsets"]][3]
    assert "chỉ được ghi sau khi ban hành thông báo" in str(formset.errors), str(
        response.context["adminform"].form.errors
    ) + str([i.formset.errors for i in response.context["inline_admin_formsets"]])
    assert not planned.remediations.exists()


def test_the_demo_follows_the_remediation_rules():
    from inspections import demo
    from inspections.forms import DONE_STATUSES, is_under_targets
    from portal.demo import load_users

    load_users()
    demo.load()
    for item in RemediationItem.objects.select_related("campaign", "organization"):
        assert item.campaign.status in DONE_STATUSES, item
        assert is_under_targets(item.campaign, item.organization), item
        notice = item.campaign.notice
        assert item.report_date is None or item.report_date >= notice.issued_on, item


# --- 11. A concluded campaign is not deleted by the group -----------------------------------


def test_a_concluded_campaign_cannot_be_deleted_but_by_a_superuser(staff_inspector):
    closed = CampaignFactory(status=S.CLOSED)
    planned = CampaignFactory()
    client = logged_in(staff_inspector)
    assert client.get(f"/admin/inspections/campaign/{closed.pk}/delete/").status_code == 403
    assert client.get(f"/admin/inspections/campaign/{planned.pk}/delete/").status_code == 200
    changelist = client.get("/admin/inspections/campaign/")
    assert "delete_selected" not in changelist.content.decode()
    superuser = logged_in(StaffFactory(is_superuser=True))
    assert superuser.get(f"/admin/inspections/campaign/{closed.pk}/delete/").status_code == 200
    assert "delete_selected" in superuser.get("/admin/inspections/campaign/").content.decode()


# --- 12. The step page is the admin's own form ----------------------------------------------


def test_the_advance_page_is_laid_out_and_offers_the_steps_documents(staff_inspector):
    campaign = CampaignFactory(status=S.WORKING)
    page = logged_in(staff_inspector).get(f"/admin/inspections/campaign/{campaign.pk}/chuyen-buoc/")
    text = page.content.decode()
    assert "admin/css/forms.css" in text and 'class="module aligned"' in text
    field = page.context["form"].fields["document_kind"]
    assert [value for value, _label in field.choices] == ["", "du_thao", "khac"]
    assert page.context["form"]["document_kind"].value() == "du_thao"


# --- 13. Verifying from the item's own page -------------------------------------------------


def test_an_item_is_verified_from_its_page_with_the_note(staff_inspector):
    campaign = CampaignFactory(status=S.FOLLOW_UP)
    organization = campaign.targets.get().organization
    reported = RemediationItemFactory(
        campaign=campaign,
        organization=organization,
        status=RemediationItem.Status.REPORTED,
        report_number="18-BC/ĐU",
        report_date=timezone.localdate(),
    )
    still_open = RemediationItemFactory(campaign=campaign, organization=organization)
    client = logged_in(staff_inspector)
    url = f"/admin/inspections/remediationitem/{reported.pk}/change/"
    assert "Xác nhận đã khắc phục" in client.get(url).content.decode()
    data = {
        "campaign": campaign.pk,
        "organization": organization.pk,
        "what": reported.what,
        "deadline": reported.deadline.isoformat(),
        "report_number": "18-BC/ĐU",
        "report_date": reported.report_date.isoformat(),
        "verification_note": "Đã khắc phục đầy đủ.",
        "_xac_nhan": "Xác nhận đã khắc phục",
    }
    response = client.post(url, data)
    assert response["Location"] == url
    reported.refresh_from_db()
    assert reported.status == RemediationItem.Status.VERIFIED
    assert reported.verification_note == "Đã khắc phục đầy đủ."
    url = f"/admin/inspections/remediationitem/{still_open.pk}/change/"
    assert 'name="_xac_nhan"' not in client.get(url).content.decode()
    data.update(what=still_open.what, report_number="", report_date="")
    response = client.post(url, data, follow=True)
    assert (
        any(
            "chỉ xác nhận nội dung mà tổ chức đã báo cáo" in str(m)
            for m in get_messages(response.wsgi_request)
        )
        or "chỉ xác nhận nội dung mà tổ chức đã báo cáo" in response.content.decode()
    )
    still_open.refresh_from_db()
    assert still_open.status == RemediationItem.Status.OPEN


# --- 14. Dates that contradict each other ---------------------------------------------------


def test_a_report_before_the_notice_and_a_notice_before_the_work_are_refused(staff_inspector):
    from inspections import services

    campaign = CampaignFactory(
        status=S.FOLLOW_UP,
        start_on=datetime.date(2017, 6, 5),
        end_on=datetime.date(2017, 6, 16),
    )
    NoticeFactory(campaign=campaign, issued_on=datetime.date(2017, 7, 10))
    organization = campaign.targets.get().organization
    item = RemediationItemFactory(campaign=campaign, organization=organization)
    with pytest.raises(services.CampaignError, match="trước ngày ban hành thông báo"):
        services.remediation_report(item, None, "5-BC/ĐU", datetime.date(2017, 7, 1))
    client = logged_in(staff_inspector)
    response = client.post(
        f"/admin/inspections/remediationitem/{item.pk}/change/",
        {
            "campaign": campaign.pk,
            "organization": organization.pk,
            "what": item.what,
            "deadline": item.deadline.isoformat(),
            "report_number": "5-BC/ĐU",
            "report_date": "2017-07-01",
            "verification_note": "",
        },
    )
    assert "trước ngày ban hành thông báo (10/07/2017)" in str(
        response.context["adminform"].form.errors
    )
    draft = CampaignFactory(
        status=S.DRAFT_REPORT,
        start_on=datetime.date(2017, 6, 5),
        end_on=datetime.date(2017, 6, 16),
    )
    response = client.post(
        f"/admin/inspections/campaign/{draft.pk}/change/",
        form_data(
            draft,
            **{
                "notice-TOTAL_FORMS": "1",
                "notice-0-number": "9-TB/HU",
                "notice-0-issued_on": "2017-06-01",
                "notice-0-signer": "Trần Văn Hùng",
            },
        ),
    )
    assert response.status_code == 200
    assert "trước ngày đoàn bắt đầu làm việc (05/06/2017)" in response.content.decode()


# --- 15. The delete confirmation speaks Vietnamese ------------------------------------------


def test_the_delete_confirmation_names_the_related_rows_in_vietnamese():
    from tests.documents.factories import IssuingBodyFactory

    campaign = CampaignFactory()
    campaign.coordinating_bodies.add(IssuingBodyFactory(name="Ủy ban Kiểm tra Huyện ủy"))
    client = logged_in(StaffFactory(is_superuser=True))
    text = client.get(f"/admin/inspections/campaign/{campaign.pk}/delete/").content.decode()
    assert "relationships" not in text
    assert "Cơ quan phối hợp của cuộc: 1" in text
