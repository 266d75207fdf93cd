"""Users and data shared by the tests of the inspection pages."""

import datetime

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from inspections.models import Campaign, CampaignEvent
from portal.groups import sync_group_permissions
from tests.documents.factories import IssuingBodyFactory
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


# The campaign admin's inline formsets, posted empty ("left as they are").
INLINES = ["targets", "delegation", "notice", "remediations", "events"]


def form_data(campaign=None, **overrides):
    """The campaign form as the browser posts it, inlines left as they are."""
    body = campaign.presiding_body if campaign else IssuingBodyFactory()
    data = {
        "kind": campaign.kind if campaign else Campaign.Kind.KIEM_TRA,
        "title": campaign.title if campaign else "Kiểm tra việc thực hiện Chỉ thị 05",
        "presiding_body": body.pk,
        "decision_number": "",
        "decision_date": "",
        "period_from": "2016-01-01",
        "period_to": "2016-12-31",
        "start_on": "2017-05-01",
        "end_on": "2017-05-30",
        "extended_to": "",
        "summary": "",
    }
    if campaign:
        for field in ("period_from", "period_to", "start_on", "end_on", "extended_to"):
            value = getattr(campaign, field)
            data[field] = value.isoformat() if value else ""
    for prefix in INLINES:
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
    data.update(overrides)
    return data
