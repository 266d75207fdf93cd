"""The demo inspections: the seed's numbers, the Ngọc Tem supervision, loaded twice alike."""

import datetime
import itertools

import pytest
from django.db.models import Sum

from inspections import demo, lifecycle
from inspections.models import (
    Campaign,
    CampaignEvent,
    CampaignTarget,
    DelegationMember,
    Finding,
    InspectionPlan,
    Notice,
    PartyOrganization,
    RemediationItem,
)

pytestmark = pytest.mark.django_db
S = Campaign.Status
TODAY = datetime.date(2026, 11, 26)


def counts():
    return [
        model.objects.count()
        for model in (
            PartyOrganization,
            InspectionPlan,
            Campaign,
            CampaignTarget,
            DelegationMember,
            Finding,
            Notice,
            RemediationItem,
            CampaignEvent,
        )
    ]


@pytest.fixture
def loaded():
    from portal.demo import load_users

    load_users()  # the demo inspector "kiemtra"
    demo.load(today=TODAY)


def test_fifty_one_organizations_with_2036_members(loaded):
    assert PartyOrganization.objects.count() == 51
    assert PartyOrganization.objects.aggregate(total=Sum("member_count"))["total"] == 2036
    ngoc_tem = PartyOrganization.objects.get(name="Đảng bộ xã Ngọc Tem")
    assert ngoc_tem.kind == PartyOrganization.Kind.DANG_BO_CO_SO
    assert ngoc_tem.children.filter(name__startswith="Chi bộ thôn").count() == 4


def test_five_campaigns_in_2014_to_2016_concluded_and_three_planned_for_2017(loaded):
    earlier = Campaign.objects.filter(start_on__year__in=[2014, 2015, 2016])
    assert earlier.count() == 5
    assert set(earlier.values_list("status", flat=True)) <= {S.CONCLUDED, S.CLOSED}
    assert Notice.objects.filter(campaign__in=earlier).count() == 5
    plan_2017 = InspectionPlan.objects.get(year=2017)
    assert plan_2017.planned_count == 3 and plan_2017.campaigns.count() == 3
    assert set(InspectionPlan.objects.values_list("year", flat=True)) == {2014, 2015, 2016, 2017}


def test_the_ngoc_tem_supervision_as_the_seed_tells_it(loaded):
    campaign = Campaign.objects.get(title=demo.NGOC_TEM_TITLE)
    assert campaign.kind == Campaign.Kind.GIAM_SAT_CHUYEN_DE
    assert campaign.presiding_body.abbreviation == "BTGHU"
    assert campaign.coordinating_bodies.get().abbreviation == "UBKTHU"
    assert campaign.is_public and campaign.summary
    assert campaign.notice.number == "25-TB/HU"
    assert campaign.responsible.username == "kiemtra"
    assert campaign.delegation.filter(role=DelegationMember.Role.TRUONG_DOAN).count() == 1
    finding = Finding.objects.get(
        target__campaign=campaign, target__organization__name="Đảng bộ xã Ngọc Tem"
    )
    assert "kiểm tra, giám sát" in finding.shortcomings and finding.recommendations
    items = campaign.remediations.all()
    assert {item.status for item in items} == {"open", "reported", "verified"}
    assert RemediationItem.objects.overdue(TODAY).filter(campaign=campaign).count() == 1
    assert RemediationItem.objects.due_soon(TODAY).filter(campaign=campaign).count() == 1
    later = items.filter(status="open", deadline__gt=TODAY + datetime.timedelta(days=7))
    assert later.count() == 1
    # Its timeline walks the lifecycle legally, step by step, by the demo inspector.
    steps = list(campaign.events.order_by("at", "id"))
    assert [e.to_status for e in steps] == lifecycle.ORDER[: lifecycle.ORDER.index(S.FOLLOW_UP) + 1]
    assert all(e.actor.username == "kiemtra" for e in steps)
    assert steps[-1].at.date() >= campaign.notice.issued_on


def test_the_seed_article_is_linked_when_the_news_demo_is_loaded():
    from articles.demo import load as load_articles

    load_articles()
    demo.load(today=TODAY)
    campaign = Campaign.objects.get(title=demo.NGOC_TEM_TITLE)
    assert campaign.article is not None and "Kon Plông" in campaign.article.title


def test_every_timeline_is_legal(loaded):
    for campaign in Campaign.objects.all():
        statuses = [""] + list(
            campaign.events.order_by("at", "id").values_list("to_status", flat=True)
        )
        for before, after in itertools.pairwise(statuses):
            if before:
                assert after in lifecycle.reachable(before), (campaign, before, after)
        assert statuses[-1] == campaign.status


def test_loading_twice_changes_nothing(loaded):
    first = counts()
    demo.load(today=TODAY)
    assert counts() == first
    assert PartyOrganization.objects.aggregate(total=Sum("member_count"))["total"] == 2036


def test_the_load_demo_command_runs_it(settings):
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert PartyOrganization.objects.count() == 51
    assert Campaign.objects.filter(plan__year=2017).count() == 3
    # Directives are linked to the documents demo by their code when it has them.
    from documents.models import Document

    if Document.objects.filter(code="CT.05.BCHTW").exists():
        assert Campaign.objects.filter(directives__code="CT.05.BCHTW").count() == 2


@pytest.mark.django_db
def test_ngoc_tem_checks_the_2016_resolutions_of_the_province():
    from documents import demo as documents_demo
    from inspections import demo as inspections_demo
    from inspections.models import Campaign

    documents_demo.load()
    inspections_demo.load()
    ngoc_tem = Campaign.objects.get(title=inspections_demo.NGOC_TEM_TITLE)
    codes = set(ngoc_tem.directives.values_list("code", flat=True))
    assert codes == {"NQ.03.TU", "NQ.07.BTVTU"}
    assert {d.issued_on.year for d in ngoc_tem.directives.all()} == {2016}
