"""The dashboard's numbers against data whose answers are known."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from inspections import reports
from inspections.models import Campaign, RemediationItem
from tests.inspections.factories import (
    CampaignFactory,
    InspectionPlanFactory,
    PartyOrganizationFactory,
    RemediationItemFactory,
)
from tests.inspections.page_helpers import inspector_user


@pytest.fixture
def inspector(db):
    return inspector_user()


S = Campaign.Status
K = Campaign.Kind


def window(year, month=3):
    start = datetime.date(year, month, 1)
    return {"start_on": start, "end_on": start + datetime.timedelta(days=20)}


@pytest.fixture
def known(db):
    """2017: a plan of 3, two of its campaigns concluded or later, one working; 2016: two."""
    plan = InspectionPlanFactory(year=2017, number="12-KH/HU", planned_count=3)
    tem = PartyOrganizationFactory(name="Đảng bộ xã Ngọc Tem", member_count=120)
    quiet = PartyOrganizationFactory(name="Chi bộ Làng Xốp", member_count=15)
    PartyOrganizationFactory(name="Chi bộ đã giải thể", member_count=9, is_active=False)
    CampaignFactory(plan=plan, status=S.CONCLUDED, targets=[tem], **window(2017))
    CampaignFactory(plan=plan, status=S.CLOSED, kind=K.KIEM_TRA, targets=[tem], **window(2017, 5))
    CampaignFactory(plan=plan, status=S.WORKING, targets=[tem], **window(2017, 8))
    CampaignFactory(status=S.CLOSED, kind=K.KIEM_TRA, targets=[quiet], **window(2016))
    CampaignFactory(status=S.CLOSED, targets=[tem], **window(2016))
    # Planned only: a campaign that has not worked anywhere yet reaches no one.
    CampaignFactory(status=S.PLANNED, targets=[quiet], **window(2017, 11))
    return plan, tem, quiet


def test_campaigns_by_year_and_kind(known):
    rows = reports.by_year_and_kind()
    assert [(year, total) for year, _counts, total in rows] == [(2016, 2), (2017, 4)]
    counts_2017 = rows[1][1]
    assert counts_2017[K.GIAM_SAT_CHUYEN_DE] == 3
    assert counts_2017[K.KIEM_TRA] == 1


def test_plan_done_against_planned(known):
    progress = reports.plan_progress(2017)
    assert (progress.done, progress.planned, progress.in_plan) == (2, 3, 3)


def test_organizations_not_reached(known):
    _plan, tem, quiet = known
    not_reached = reports.not_reached(1, datetime.date(2017, 12, 31))
    assert [o.name for o in not_reached.organizations] == [quiet.name]
    assert not_reached.count == 1
    assert reports.not_reached(3, datetime.date(2017, 12, 31)).count == 0


def test_totals_count_active_organizations_only(known):
    assert reports.totals() == {"organizations": 2, "members": 135}


def test_the_dashboard_page_shows_the_numbers(client, inspector, known):
    today = timezone.localdate()
    RemediationItemFactory(deadline=today - datetime.timedelta(days=1), what="Việc quá hạn")
    RemediationItemFactory(deadline=today + datetime.timedelta(days=3), what="Việc đến hạn")
    client.force_login(inspector)
    page = client.get(reverse("inspections:dashboard") + "?nam=2017&so_nam=1").content.decode()
    assert "Đã kết luận <strong>02 đợt</strong> trong <strong>03 đợt</strong>" in page
    assert 'role="img"' in page and "<title id=" in page
    # Coordinates in SVG are numbers with a dot, whatever the language's decimal separator.
    assert not re.search(r'(?:x|y|width|height)="[0-9]+,[0-9]', page)
    assert re.search(r'<rect class="chart__s1" x="[0-9.]+" y="[0-9.]+"', page)
    assert "Chi bộ Làng Xốp" in page
    assert "Việc quá hạn" in page and "Việc đến hạn" in page
    # 135 in the known data, and 30 in each organization the two items and their campaigns add.
    assert "<dt>Đảng viên</dt><dd>255</dd>" in page
    assert "<script" not in page.split("<main", 1)[1].split("</main>", 1)[0]


def test_the_dashboard_with_no_data(client, inspector):
    client.force_login(inspector)
    response = client.get(reverse("inspections:dashboard"))
    assert response.status_code == 200
    assert "Chưa có cuộc kiểm tra, giám sát nào." in response.content.decode()


def test_the_dashboard_of_the_demo_tells_the_seeds_numbers(client, inspector):
    from inspections import demo
    from portal.demo import load_users

    load_users()  # the demo inspector the timelines name
    demo.load()
    client.force_login(inspector)
    page = client.get(reverse("inspections:dashboard") + "?nam=2017").content.decode()
    assert "<dt>Tổ chức cơ sở đảng</dt><dd>51</dd>" in page
    assert "<dt>Đảng viên</dt><dd>2.036</dd>" in page
    # The seed's numbers, written out: the 2017 plan has done 01 of its 03 đợt.
    assert "<dd>01 đợt / 03 đợt</dd>" in page
    by_year = {year: total for year, _counts, total in reports.by_year_and_kind()}
    assert by_year == {2014: 2, 2015: 2, 2016: 1, 2017: 3}
    overdue = RemediationItem.objects.overdue().count()
    due_soon = RemediationItem.objects.due_soon().count()
    assert overdue and due_soon  # the demo keeps both kinds whenever it is loaded
    assert f'?han=qua_han">{overdue}</a>' in page
    assert f'?han=sap_den_han">{due_soon}</a>' in page
    # Every demo campaign's page and the public summary open.
    for campaign in Campaign.objects.all():
        assert client.get(campaign.get_absolute_url()).status_code == 200
    public = Campaign.objects.get(is_public=True)
    client.logout()
    assert client.get(reverse("inspections:public", args=[public.pk])).status_code == 200


def test_the_dashboard_shows_the_latest_year_with_records_when_this_year_has_none(
    client, inspector, known
):
    client.force_login(inspector)
    response = client.get(reverse("inspections:dashboard"))
    assert response.context["year"] == 2017


def test_nam_is_the_year_shown_as_in_the_lists_and_so_nam_the_span(client, inspector):
    CampaignFactory(start_on=datetime.date(2016, 3, 1), end_on=datetime.date(2016, 3, 20))
    client.force_login(inspector)
    page = client.get(reverse("inspections:dashboard") + "?nam=2016&so_nam=2").content.decode()
    assert "Các cuộc năm 2016 theo trạng thái" in page
    assert "chưa được kiểm tra, giám sát trong 2 năm" in page
    assert 'name="nam"' in page and 'name="so_nam"' in page and "nam_xem" not in page
    # The links to the list carry the same meaning of `nam`.
    assert "?nam=2016&amp;trang_thai=" in page
