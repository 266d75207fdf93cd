"""Who sees the inspection records: guests log in, members are refused, editors read,
inspection officers and superusers act; files go through the same check."""

import pytest
from django.test import Client
from django.urls import reverse

from inspections.models import Campaign
from tests.inspections.factories import CampaignFactory
from tests.inspections.page_helpers import (
    PDF,
    editor_user,
    full_campaign,
    inspector_user,
    member_user,
    superuser_user,
)


@pytest.fixture
def inspector(db):
    return inspector_user()


@pytest.fixture
def editor(db):
    return editor_user()


@pytest.fixture
def member(db):
    return member_user()


@pytest.fixture
def superuser(db):
    return superuser_user()


S = Campaign.Status


def pages(campaign):
    organization = campaign.targets.get().organization
    return [
        reverse("inspections:dashboard"),
        reverse("inspections:campaigns"),
        reverse("inspections:campaign-export", args=["csv"]),
        reverse("inspections:campaign-export", args=["xlsx"]),
        reverse("inspections:campaign", args=[campaign.pk]),
        reverse("inspections:campaign-print", args=[campaign.pk]),
        reverse("inspections:remediations"),
        reverse("inspections:remediation-export", args=["csv"]),
        reverse("inspections:remediation-export", args=["xlsx"]),
        reverse("inspections:plan", args=[campaign.plan_id]),
        reverse("inspections:organizations"),
        reverse("inspections:organization", args=[organization.pk]),
    ]


def files(campaign):
    return [
        reverse("inspections:file", args=["ke-hoach", campaign.plan_id]),
        reverse("inspections:file", args=["quyet-dinh", campaign.pk]),
        reverse("inspections:file", args=["buoc", campaign.events.get().pk]),
        reverse("inspections:file", args=["thong-bao", campaign.notice.pk]),
        reverse("inspections:file", args=["khac-phuc", campaign.remediations.get().pk]),
    ]


@pytest.mark.django_db
def test_guests_are_sent_to_log_in_with_the_page_to_come_back_to(client):
    campaign = full_campaign()
    for url in pages(campaign) + files(campaign):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("portal:login"))
        assert "next=" in response["Location"]
    response = client.post(reverse("inspections:transition", args=[campaign.pk]))
    assert response.status_code == 302


@pytest.mark.django_db
def test_members_without_the_right_get_a_vietnamese_refusal(client, member):
    campaign = full_campaign()
    client.force_login(member)
    for url in pages(campaign) + files(campaign):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "cán bộ kiểm tra, giám sát" in response.content.decode()
    response = client.post(reverse("inspections:transition", args=[campaign.pk]))
    assert response.status_code == 403


@pytest.mark.django_db
def test_editors_read_everything_but_have_no_buttons_and_cannot_move(client, editor):
    campaign = full_campaign(status=S.WORKING)
    client.force_login(editor)
    for url in pages(campaign) + files(campaign):
        assert client.get(url).status_code == 200, url
    page = client.get(reverse("inspections:campaign", args=[campaign.pk])).content.decode()
    assert "Bước tiếp theo" not in page
    assert "Sửa trong trang quản trị" not in page
    response = client.post(
        reverse("inspections:transition", args=[campaign.pk]),
        {"buoc": S.DRAFT_REPORT, f"{S.DRAFT_REPORT}-tu": S.WORKING},
    )
    assert response.status_code == 403
    assert "chỉ được xem" in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.status == S.WORKING


@pytest.mark.django_db
def test_inspection_officers_read_and_see_the_next_step(client, inspector):
    campaign = full_campaign(status=S.WORKING)
    client.force_login(inspector)
    for url in pages(campaign) + files(campaign):
        assert client.get(url).status_code == 200, url
    page = client.get(reverse("inspections:campaign", args=[campaign.pk])).content.decode()
    assert "Trình dự thảo báo cáo" in page
    assert 'name="csrfmiddlewaretoken"' in page


@pytest.mark.django_db
def test_superusers_act_and_get_the_admin_link(client, superuser):
    campaign = full_campaign(status=S.WORKING)
    client.force_login(superuser)
    for url in pages(campaign) + files(campaign):
        assert client.get(url).status_code == 200, url
    page = client.get(reverse("inspections:campaign", args=[campaign.pk])).content.decode()
    assert "Bước tiếp theo" in page


@pytest.mark.django_db
def test_files_are_sent_privately_under_their_vietnamese_names(client, inspector):
    campaign = full_campaign()
    client.force_login(inspector)
    response = client.get(reverse("inspections:file", args=["buoc", campaign.events.get().pk]))
    assert b"".join(response.streaming_content) == PDF
    assert "private" in response["Cache-Control"]
    assert "Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh" in response["Content-Disposition"]
    response = client.get(reverse("inspections:file", args=["thong-bao", campaign.notice.pk]))
    assert "filename*=UTF-8''Th%C3%B4ng%20b%C3%A1o" in response["Content-Disposition"]


@pytest.mark.django_db
def test_missing_files_and_unknown_kinds_are_not_found(client, inspector):
    campaign = CampaignFactory()
    client.force_login(inspector)
    assert (
        client.get(reverse("inspections:file", args=["quyet-dinh", campaign.pk])).status_code == 404
    )
    assert (
        client.get(reverse("inspections:file", args=["mat-khau", campaign.pk])).status_code == 404
    )
    assert client.get(reverse("inspections:file", args=["buoc", 999999])).status_code == 404


@pytest.mark.django_db
def test_internal_pages_are_not_kept_by_shared_caches(client, inspector):
    client.force_login(inspector)
    response = client.get(reverse("inspections:dashboard"))
    assert "private" in response["Cache-Control"]


# --- The public summary ------------------------------------------------------------------


@pytest.mark.django_db
def test_public_summary_shows_the_conclusion_without_findings_files_or_names(client):
    campaign = full_campaign(is_public=True, summary="Các cấp ủy đã lãnh đạo thực hiện tốt.")
    response = client.get(reverse("inspections:public", args=[campaign.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert campaign.title in page
    assert "Các cấp ủy đã lãnh đạo thực hiện tốt." in page
    assert campaign.targets.get().organization.name in page
    assert "Nguyễn Văn Trưởng" not in page  # the delegation
    assert "Chưa lập biên bản" not in page  # the findings
    assert "/tep/" not in page  # the files


@pytest.mark.django_db
def test_public_summary_of_a_campaign_not_public_is_not_found_even_for_officers(client, inspector):
    campaign = full_campaign(is_public=False)
    url = reverse("inspections:public", args=[campaign.pk])
    assert client.get(url).status_code == 404
    client.force_login(inspector)
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_public_summary_is_kept_for_guests():
    campaign = full_campaign(is_public=True, title="Giám sát tại xã Ngọc Tem")
    url = reverse("inspections:public", args=[campaign.pk])

    def guest_page():
        return Client(HTTP_USER_AGENT="Mozilla/5.0 Firefox/128.0").get(url).content.decode()

    guest_page()  # the first request of the site creates its profile, a save
    assert "Giám sát tại xã Ngọc Tem" in guest_page()
    # Changed without a save signal: only a kept page still shows the old title.
    Campaign.objects.filter(pk=campaign.pk).update(title="Tên mới")
    assert "Giám sát tại xã Ngọc Tem" in guest_page()
    campaign.refresh_from_db()
    campaign.save()  # a save makes kept pages stale
    assert "Tên mới" in guest_page()


@pytest.mark.django_db
def test_unticking_public_removes_the_kept_page_for_guests_at_once():
    campaign = full_campaign(is_public=True, title="Giám sát tại xã Ngọc Tem")
    url = reverse("inspections:public", args=[campaign.pk])

    def guest_get():
        return Client(HTTP_USER_AGENT="Mozilla/5.0 Firefox/128.0").get(url)

    guest_get()  # the first request of the site creates its profile, a save
    assert guest_get().status_code == 200  # now kept for guests
    stored = Campaign.objects.get(pk=campaign.pk)
    stored.is_public = False
    stored.save()
    assert guest_get().status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["planned", "working", "draft_report"])
def test_public_summary_waits_for_the_notice(client, status):
    campaign = full_campaign(is_public=True, status=status)
    url = reverse("inspections:public", args=[campaign.pk])
    assert client.get(url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["concluded", "follow_up", "closed"])
def test_public_summary_shows_once_concluded(client, status):
    campaign = full_campaign(is_public=True, status=status)
    assert client.get(reverse("inspections:public", args=[campaign.pk])).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("published", [True, False])
def test_public_summary_links_its_news_article_only_once_published(client, published):
    from articles.models import Article
    from tests.articles.factories import ArticleFactory

    status = Article.Status.PUBLISHED if published else Article.Status.DRAFT
    article = ArticleFactory(title="Đoàn Giám sát làm việc tại xã Ngọc Tem", status=status)
    campaign = full_campaign(is_public=True, summary="Kết quả tốt.")
    campaign.article = article
    campaign.save()
    page = client.get(reverse("inspections:public", args=[campaign.pk])).content.decode()
    assert ("Đọc bài viết: Đoàn Giám sát làm việc tại xã Ngọc Tem" in page) is published
    assert (article.get_absolute_url() in page) is published
