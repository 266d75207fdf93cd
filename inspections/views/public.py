"""The public summaries: the campaigns the board publishes, open to guests (and cached)."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from portal.pagecache import guest_cached

from ..models import Campaign, CampaignTarget
from .common import page

PUBLIC_PER_PAGE = 20


@require_safe
@guest_cached(params=("trang",))
def public_campaign_list(request):
    """The campaigns the board publishes (public and concluded), newest first."""
    campaigns = (
        Campaign.objects.public()
        .order_by("-start_on", "-id")
        .prefetch_related(
            Prefetch("targets", CampaignTarget.objects.select_related("organization"))
        )
    )
    context = {"page_obj": page(request, campaigns, PUBLIC_PER_PAGE)}
    return render(request, "inspections/public_list.html", context)


@require_safe
@guest_cached()
def public_campaign(request, pk):
    campaign = get_object_or_404(
        Campaign.objects.public()
        .select_related("article")
        .prefetch_related(
            Prefetch("targets", CampaignTarget.objects.select_related("organization"))
        ),
        pk=pk,
    )
    article = campaign.article if campaign.article and campaign.article.is_live else None
    context = {"campaign": campaign, "article": article}
    return render(request, "inspections/public.html", context)
