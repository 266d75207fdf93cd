"""Query budgets: the same number of queries with 3 campaigns as with 30, and with one
target, item, step and examining campaign as with eight."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inspections.models import Campaign
from tests.documents.factories import DocumentFactory
from tests.inspections.factories import (
    CampaignFactory,
    DelegationMemberFactory,
    FindingFactory,
    InspectionPlanFactory,
    NoticeFactory,
    RemediationItemFactory,
)
from tests.inspections.page_helpers import inspector_user


@pytest.fixture
def inspector(db):
    return inspector_user()


S = Campaign.Status
BUDGETS = {
    "dashboard": 14,
    "campaigns": 10,
    "campaigns filtered": 10,
    "campaigns csv": 7,
    "campaigns xlsx": 7,
    "remediations": 8,
    "remediations xlsx": 5,
    "organizations": 7,
    "organization": 8,
    "plan": 7,
    "campaign": 12,
    "print": 12,
}
NOT_THE_PAGE = ("portal_visitorpresence", "SAVEPOINT", "portal_visitday")


def make(count):
    plan = InspectionPlanFactory(year=2017)
    directive = DocumentFactory()
    statuses = list(S.values)
    campaigns = []
    for n in range(count):
        campaign = CampaignFactory(
            plan=plan,
            status=statuses[n % len(statuses)],
            start_on=datetime.date(2015 + n % 3, 3, 1),
            end_on=datetime.date(2015 + n % 3, 3, 30),
        )
        campaign.directives.add(directive)
        DelegationMemberFactory(campaign=campaign)
        FindingFactory(target=campaign.targets.get())
        NoticeFactory(campaign=campaign)
        RemediationItemFactory(campaign=campaign, deadline=datetime.date(2017, 6, n % 28 + 1))
        campaigns.append(campaign)
    return plan, campaigns


def queries(client, url):
    client.get(url)  # warms the site-wide caches (profile, menu, sidebar)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    # The visit statistics' middleware writes a varying number of rows per request (a new
    # presence or an update); it is measured by its own tests, the page's queries here.
    return sum(
        1
        for query in captured.captured_queries
        if not any(word in query["sql"] for word in NOT_THE_PAGE)
    )


def budget(client, small):
    plan, campaigns = small
    first = campaigns[0]
    urls = {
        "dashboard": reverse("inspections:dashboard") + "?nam=2017",
        "campaigns": reverse("inspections:campaigns"),
        "campaigns filtered": reverse("inspections:campaigns") + "?nam=2016&q=Giám",
        "campaigns csv": reverse("inspections:campaign-export", args=["csv"]),
        "campaigns xlsx": reverse("inspections:campaign-export", args=["xlsx"]),
        "remediations": reverse("inspections:remediations"),
        "remediations xlsx": reverse("inspections:remediation-export", args=["xlsx"]),
        "organizations": reverse("inspections:organizations"),
        "organization": reverse(
            "inspections:organization", args=[first.targets.get().organization_id]
        ),
        "plan": reverse("inspections:plan", args=[plan.pk]),
        "campaign": reverse("inspections:campaign", args=[first.pk]),
        "print": reverse("inspections:campaign-print", args=[first.pk]),
    }
    return {name: queries(client, url) for name, url in urls.items()}


@pytest.mark.django_db
def test_query_counts_stay_flat_as_campaigns_grow(client, inspector):
    client.force_login(inspector)
    with_3 = budget(client, make(3))
    Campaign.objects.all().delete()
    with_30 = budget(client, make(30))
    assert with_3 == with_30
    # Fixed budgets (session, user and its permissions included), so that a new query per
    # row or per block is noticed.
    assert with_3 == BUDGETS


DETAIL_BUDGETS = {"campaign": 13, "print": 12, "organization": 8, "remediations": 8}


def make_detailed(size):
    """A campaign in follow-up with `size` targets (each with its finding), items, steps and
    delegation members, and an organization that `size` campaigns examined."""
    from tests.inspections.factories import CampaignEventFactory, PartyOrganizationFactory

    organizations = [PartyOrganizationFactory() for _ in range(size)]
    campaign = CampaignFactory(status=S.FOLLOW_UP, targets=organizations)
    campaign.directives.add(DocumentFactory())
    NoticeFactory(campaign=campaign)
    for target in campaign.targets.all():
        FindingFactory(target=target, violations="Chưa lập biên bản.")
    for n, organization in enumerate(organizations):
        DelegationMemberFactory(campaign=campaign)
        RemediationItemFactory(campaign=campaign, organization=organization)
        CampaignEventFactory(campaign=campaign, note=f"Bước {n}")
    examined = organizations[0]
    for _ in range(size):
        other = CampaignFactory(status=S.CLOSED, targets=[examined])
        RemediationItemFactory(campaign=other, organization=examined)
    return campaign, examined


def detail_budget(client, made):
    campaign, examined = made
    urls = {
        "campaign": reverse("inspections:campaign", args=[campaign.pk]),
        "print": reverse("inspections:campaign-print", args=[campaign.pk]),
        "organization": reverse("inspections:organization", args=[examined.pk]),
        "remediations": reverse("inspections:remediations"),
    }
    return {name: queries(client, url) for name, url in urls.items()}


@pytest.mark.django_db
def test_query_counts_stay_flat_as_a_campaigns_records_grow(client, inspector):
    client.force_login(inspector)
    small = detail_budget(client, make_detailed(1))
    Campaign.objects.all().delete()
    large = detail_budget(client, make_detailed(8))
    assert small == large
    assert small == DETAIL_BUDGETS
