"""Users and data shared by the tests of the inspection pages."""

import datetime

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from inspections.models import Campaign, CampaignEvent
from portal.groups import sync_group_permissions
from tests.factories import StaffFactory, UserFactory
from tests.inspections.factories import (
    CampaignFactory,
    DelegationMemberFactory,
    FindingFactory,
    InspectionPlanFactory,
    NoticeFactory,
    RemediationItemFactory,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def in_group(setting):
    """The portal's group with its permissions; made again if a transactional test (the
    browser's) flushed what the data migration had made."""
    name = getattr(settings, setting)
    if not Group.objects.filter(name=name, permissions__isnull=False).exists():
        sync_group_permissions()
    return Group.objects.get(name=name)


def inspector_user(**kwargs):
    """An inspection officer: in the group, not staff (works on the site's own pages)."""
    return UserFactory(groups=[in_group("INSPECTORS_GROUP")], **kwargs)


def editor_user():
    return StaffFactory(groups=[in_group("EDITORS_GROUP")])


def member_user():
    return UserFactory(groups=[settings.REPORTERS_GROUP])


def superuser_user():
    return StaffFactory(is_superuser=True)


def full_campaign(**kwargs):
    """A concluded campaign with every record: plan, delegation, finding, notice, items, files."""
    plan = kwargs.pop("plan", None) or InspectionPlanFactory()
    campaign = CampaignFactory(
        plan=plan,
        status=kwargs.pop("status", Campaign.Status.CONCLUDED),
        decision_number="125-QĐ/HU",
        decision_date=datetime.date.today(),
        **kwargs,
    )
    campaign.decision_file.save("quyet-dinh.pdf", ContentFile(PDF))
    plan.file.save("ke-hoach.pdf", ContentFile(PDF))
    DelegationMemberFactory(campaign=campaign, name="Nguyễn Văn Trưởng", role="truong_doan")
    target = campaign.targets.get()
    FindingFactory(target=target, violations="Chưa lập biên bản sinh hoạt.")
    notice = NoticeFactory(campaign=campaign)
    notice.file.save("thong-bao.pdf", ContentFile(PDF))
    event = CampaignEvent.objects.create(
        campaign=campaign,
        from_status=Campaign.Status.PLANNED,
        to_status=Campaign.Status.DECIDED,
        document_kind=CampaignEvent.DocumentKind.QUYET_DINH,
        original_name="Quyết định thành lập đoàn.pdf",
    )
    event.file.save("qd.pdf", ContentFile(PDF))
    item = RemediationItemFactory(campaign=campaign, organization=target.organization)
    item.report_file.save("bao-cao.pdf", ContentFile(PDF))
    return campaign
