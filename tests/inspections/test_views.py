"""The inspection pages as officers and readers use them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from inspections.models import Campaign, CampaignEvent, Notice
from tests.inspections.factories import (
    CampaignFactory,
    PartyOrganizationFactory,
    RemediationItemFactory,
)
from tests.inspections.page_helpers import PDF, full_campaign, inspector, editor  # noqa: F401

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
