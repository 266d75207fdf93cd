"""Factories of the inspections app.

CampaignFactory()                          # a planned supervision this year, one target
CampaignFactory(kind=Campaign.Kind.KIEM_TRA, status=Campaign.Status.WORKING)
RemediationItemFactory(deadline=date)      # an open item
CampaignEventFactory(campaign=c, to_status=Campaign.Status.DECIDED)  # a timeline step
"""

import datetime

import factory
from django.utils import timezone

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
from tests.documents.factories import IssuingBodyFactory


class PartyOrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartyOrganization

    name = factory.Sequence(lambda n: f"Chi bộ thôn {n}")
    kind = PartyOrganization.Kind.CHI_BO_CO_SO
    member_count = 30


class InspectionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InspectionPlan

    year = factory.LazyFunction(lambda: timezone.localdate().year)
    number = factory.Sequence(lambda n: f"{n + 1}-KH/HU")
    title = "Chương trình kiểm tra, giám sát"
    issued_by = factory.SubFactory(IssuingBodyFactory, name="Huyện ủy Kon Plông", abbreviation="HU")
    issued_on = factory.LazyAttribute(lambda plan: datetime.date(plan.year, 1, 10))
    planned_count = 3


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign
        skip_postgeneration_save = True

    kind = Campaign.Kind.GIAM_SAT_CHUYEN_DE
    title = factory.Sequence(lambda n: f"Giám sát chuyên đề số {n}")
    presiding_body = factory.SubFactory(
        IssuingBodyFactory, name="Ban Thường vụ Huyện ủy", abbreviation="BTVHU"
    )
    period_from = factory.LazyFunction(lambda: datetime.date(timezone.localdate().year - 1, 1, 1))
    period_to = factory.LazyFunction(lambda: datetime.date(timezone.localdate().year - 1, 12, 31))
    start_on = factory.LazyFunction(lambda: timezone.localdate())
    end_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=29))
    status = Campaign.Status.PLANNED

    @factory.post_generation
    def targets(self, create, extracted, **kwargs):
        """One target organization unless a list of organizations is given ([] for none)."""
        if not create:
            return
        organizations = [PartyOrganizationFactory()] if extracted is None else extracted
        for organization in organizations:
            CampaignTarget.objects.create(campaign=self, organization=organization)


class CampaignTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignTarget

    campaign = factory.SubFactory(CampaignFactory, targets=[])
    organization = factory.SubFactory(PartyOrganizationFactory)


class DelegationMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DelegationMember

    campaign = factory.SubFactory(CampaignFactory)
    name = factory.Sequence(lambda n: f"Nguyễn Văn Thành {n}")
    position = "Ủy viên Ban Thường vụ Huyện ủy"
    role = DelegationMember.Role.THANH_VIEN


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Finding

    target = factory.SubFactory(CampaignTargetFactory)
    strengths = "Lãnh đạo, chỉ đạo kịp thời."
    shortcomings = "Việc sơ kết chưa đúng thời gian."


class NoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notice

    campaign = factory.SubFactory(CampaignFactory)
    number = factory.Sequence(lambda n: f"{n + 20}-TB/HU")
    issued_on = factory.LazyFunction(timezone.localdate)
    signer = "Trần Văn Hùng"


class RemediationItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RemediationItem

    campaign = factory.SubFactory(CampaignFactory)
    organization = factory.SubFactory(PartyOrganizationFactory)
    what = "Xây dựng kế hoạch khắc phục hạn chế trong sinh hoạt chi bộ."
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))


class CampaignEventFactory(factory.django.DjangoModelFactory):
    """A step of the timeline as the services record it (for tests that need history
    without walking the lifecycle)."""

    class Meta:
        model = CampaignEvent

    campaign = factory.SubFactory(CampaignFactory)
    from_status = Campaign.Status.PLANNED
    to_status = Campaign.Status.DECIDED
    note = "Quyết định thành lập đoàn."
