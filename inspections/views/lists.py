"""The lists and their exports (campaigns, remediation), organizations and plans.

A list and its export read the same filter, so the file holds what the page shows.
"""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from .. import charts, exports, reports
from ..access import readers_only
from ..filters import CampaignFilter, RemediationFilter, filter_errors
from ..models import Campaign, CampaignTarget, InspectionPlan, PartyOrganization, RemediationItem
from .common import page, query_without_page, warn

ORGANIZATIONS_PER_PAGE = 60


def _campaign_filter(request):
    campaigns = Campaign.objects.select_related("presiding_body", "plan").prefetch_related(
        Prefetch("targets", CampaignTarget.objects.select_related("organization"))
    )
    return CampaignFilter(request.GET or None, queryset=campaigns, request=request)


@readers_only
@require_safe
def campaign_list(request):
    filterset = _campaign_filter(request)
    page_obj = page(request, filterset.qs)
    warn(request, filter_errors(filterset))
    context = {
        "filter": filterset,
        "page_obj": page_obj,
        "query_string": query_without_page(request),
        "export_query": query_without_page(request),
    }
    return render(request, "inspections/campaign_list.html", context)


def _remediation_count():
    counted = (
        RemediationItem.objects.filter(campaign=OuterRef("pk"))
        .order_by()
        .values("campaign")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


@readers_only
@require_safe
def campaign_export(request, fmt):
    if fmt not in exports.FORMATS:
        raise Http404
    filterset = _campaign_filter(request)
    campaigns = (
        filterset.qs.select_related("notice")
        .prefetch_related("coordinating_bodies")
        .annotate(remediation_count=_remediation_count())
    )
    return exports.export(
        fmt,
        exports.CAMPAIGN_COLUMNS,
        exports.campaign_rows(campaigns),
        "cuoc-kiem-tra-giam-sat",
        "Cuộc kiểm tra, giám sát",
    )


def _remediation_filter(request):
    items = RemediationItem.objects.select_related("organization", "campaign")
    return RemediationFilter(request.GET or None, queryset=items, request=request)


@readers_only
@require_safe
def remediation_list(request):
    filterset = _remediation_filter(request)
    warn(request, filter_errors(filterset))
    context = {
        "filter": filterset,
        "page_obj": page(request, filterset.qs),
        "query_string": query_without_page(request),
        "export_query": query_without_page(request),
        "today": timezone.localdate(),
    }
    return render(request, "inspections/remediation_list.html", context)


@readers_only
@require_safe
def remediation_export(request, fmt):
    if fmt not in exports.FORMATS:
        raise Http404
    filterset = _remediation_filter(request)
    return exports.export(
        fmt,
        exports.REMEDIATION_COLUMNS,
        exports.remediation_rows(filterset.qs),
        "noi-dung-khac-phuc",
        "Nội dung khắc phục",
    )


@readers_only
@require_safe
def organization_list(request):
    organizations = reports.organization_last_dates(
        PartyOrganization.objects.select_related("parent")
    ).order_by("order", "name")
    context = {
        "page_obj": page(request, organizations, ORGANIZATIONS_PER_PAGE),
        "totals": reports.totals(),
    }
    return render(request, "inspections/organization_list.html", context)


@readers_only
@require_safe
def organization_detail(request, pk):
    organization = get_object_or_404(
        reports.organization_last_dates(PartyOrganization.objects.select_related("parent")),
        pk=pk,
    )
    campaigns = Campaign.objects.filter(targets__organization=organization).select_related(
        "presiding_body"
    )
    context = {
        "organization": organization,
        "children": organization.children.all(),
        "campaigns": campaigns,
        "items": organization.remediations.select_related("campaign"),
        "today": timezone.localdate(),
    }
    return render(request, "inspections/organization_detail.html", context)


@readers_only
@require_safe
def plan_detail(request, pk):
    plan = get_object_or_404(InspectionPlan.objects.select_related("issued_by"), pk=pk)
    campaigns = list(
        plan.campaigns.select_related("presiding_body").prefetch_related(
            Prefetch("targets", CampaignTarget.objects.select_related("organization"))
        )
    )
    done = sum(campaign.status in reports.DONE_STATUSES for campaign in campaigns)
    context = {
        "plan": plan,
        "campaigns": campaigns,
        "done": done,
        "progress_chart": charts.progress(done, plan.planned_count),
    }
    return render(request, "inspections/plan_detail.html", context)
