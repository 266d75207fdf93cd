"""Inspection (kiểm tra) and supervision (giám sát) campaigns of the board, and their follow-up.

Records are internal: only the Kiểm tra – Giám sát group and staff keep them; editors read.
Files live in the private storage (portal.files) and are sent by an access-checked view.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .campaigns import PUBLIC_STATUSES, Campaign, CampaignQuerySet
from .common import DUE_SOON_DAYS, MAX_PERIOD_YEARS, UPLOAD_TO, add_years, private_file
from .organizations import InspectionPlan, PartyOrganization
from .records import CampaignEvent, CampaignTarget, DelegationMember, Finding, Notice
from .remediation import RemediationItem, RemediationQuerySet, ReminderSent

__all__ = [
    "DUE_SOON_DAYS",
    "MAX_PERIOD_YEARS",
    "PUBLIC_STATUSES",
    "UPLOAD_TO",
    "Campaign",
    "CampaignEvent",
    "CampaignQuerySet",
    "CampaignTarget",
    "DelegationMember",
    "Finding",
    "InspectionPlan",
    "Notice",
    "PartyOrganization",
    "RemediationItem",
    "RemediationQuerySet",
    "ReminderSent",
    "add_years",
    "private_file",
]


# The campaign's search text holds its notice number and its targets' names: refresh it
# when they change, as they are saved apart from the campaign.


def _refresh_campaign(campaign_id):
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is not None:
        campaign.refresh_search_text()


@receiver([post_save, post_delete], sender=CampaignTarget)
@receiver([post_save, post_delete], sender=Notice)
def _campaign_part_changed(sender, instance, **kwargs):
    _refresh_campaign(instance.campaign_id)


@receiver(post_save, sender=PartyOrganization)
def _organization_renamed(sender, instance, created, **kwargs):
    if created:
        return
    for campaign in Campaign.objects.filter(targets__organization=instance).distinct():
        campaign.refresh_search_text()


# The many-to-many tables Django makes have English names ("Campaign-issuingbody
# relationships"), shown on the admin's delete confirmation: name them in Vietnamese.
# Auto-created models are not in the migrations, so this changes no schema.
for _field, _singular, _plural in (
    ("coordinating_bodies", "cơ quan phối hợp của cuộc", "cơ quan phối hợp của cuộc"),
    (
        "directives",
        "văn bản được kiểm tra, giám sát của cuộc",
        "văn bản được kiểm tra, giám sát của cuộc",
    ),
):
    _through = Campaign._meta.get_field(_field).remote_field.through._meta
    _through.verbose_name = _singular
    _through.verbose_name_plural = _plural
