"""The dashboard's numbers, each one bounded query whatever the number of campaigns."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Max, OuterRef, Q, Subquery, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone

from .models import Campaign, CampaignTarget, InspectionPlan, PartyOrganization, RemediationItem

DONE_STATUSES = (Campaign.Status.CONCLUDED, Campaign.Status.FOLLOW_UP, Campaign.Status.CLOSED)
DEFAULT_YEARS = 3
MAX_YEARS = 30
NOT_REACHED_SHOWN = 100


def years_with_records():
    """Years that have campaigns or plans, newest first (two small queries)."""
    years = {day.year for day in Campaign.objects.dates("start_on", "year")}
    years.update(InspectionPlan.objects.order_by().values_list("year", flat=True).distinct())
    return sorted(years, reverse=True)


def by_year_and_kind():
    """[(year, {kind: count}, total)] oldest first, from one grouped query."""
    rows = (
        Campaign.objects.annotate(year=ExtractYear("start_on"))
        .values("year", "kind")
        .annotate(n=Count("id"))
        .order_by("year", "kind")
    )
    table = {}
    for row in rows:
        table.setdefault(row["year"], {})[row["kind"]] = row["n"]
    return [
        (year, {kind: counts.get(kind, 0) for kind in Campaign.Kind.values}, sum(counts.values()))
        for year, counts in sorted(table.items())
    ]


def by_status(year=None):
    """[(status, label, count)] in lifecycle order, every status listed (one query)."""
    campaigns = Campaign.objects.all() if year is None else Campaign.objects.of_year(year)
    counts = dict(campaigns.values_list("status").annotate(n=Count("id")).order_by())
    return [(value, label, counts.get(value, 0)) for value, label in Campaign.Status.choices]


@dataclass
class PlanProgress:
    year: int
    plans: list
    planned: int
    done: int
    in_plan: int

    @property
    def percent(self):
        if not self.planned:
            return 0
        return min(100, round(100 * self.done / self.planned))


def plan_progress(year):
    """The year's plans: campaigns planned against campaigns concluded (two queries)."""
    plans = list(InspectionPlan.objects.filter(year=year).select_related("issued_by"))
    counts = Campaign.objects.filter(plan__year=year).aggregate(
        in_plan=Count("id"), done=Count("id", filter=Q(status__in=DONE_STATUSES))
    )
    return PlanProgress(
        year=year,
        plans=plans,
        planned=sum(plan.planned_count for plan in plans),
        done=counts["done"],
        in_plan=counts["in_plan"],
    )


def reached_campaigns(since, until):
    """Campaigns that actually worked at their targets between two days (not only planned)."""
    return Campaign.objects.exclude(status=Campaign.Status.PLANNED).filter(
        start_on__gte=since, start_on__lte=until
    )


def with_last_reached(organizations, until=None):
    """Annotate each organization with `last_reached`: the start of its latest campaign."""
    latest = (
        CampaignTarget.objects.filter(organization=OuterRef("pk"))
        .exclude(campaign__status=Campaign.Status.PLANNED)
        .order_by("-campaign__start_on")
    )
    if until is not None:
        latest = latest.filter(campaign__start_on__lte=until)
    return organizations.annotate(last_reached=Subquery(latest.values("campaign__start_on")[:1]))


def years_ago(day, years):
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@dataclass
class NotReached:
    years: int
    since: datetime.date
    until: datetime.date
    count: int
    organizations: list = field(default_factory=list)


def not_reached(years, until):
    """Active organizations no campaign worked at in the `years` years up to `until`."""
    since = years_ago(until, years)
    organizations = with_last_reached(PartyOrganization.objects.filter(is_active=True), until)
    missing = organizations.filter(Q(last_reached__isnull=True) | Q(last_reached__lt=since))
    shown = list(missing.order_by("order", "name")[: NOT_REACHED_SHOWN + 1])
    count = len(shown) if len(shown) <= NOT_REACHED_SHOWN else missing.count()
    return NotReached(years, since, until, count, shown[:NOT_REACHED_SHOWN])


def remediation_alerts(today=None):
    """(overdue items, items due within 7 days), with their organization and campaign."""
    today = today or timezone.localdate()
    items = RemediationItem.objects.select_related("organization", "campaign")
    return (
        list(items.overdue(today).order_by("deadline", "id")),
        list(items.due_soon(today).order_by("deadline", "id")),
    )


def totals():
    """Active organizations and their members, in one query."""
    return PartyOrganization.objects.filter(is_active=True).aggregate(
        organizations=Count("id"), members=Sum("member_count", default=0)
    )


def organization_last_dates(organizations):
    """Annotate organizations with the last day a campaign of each kind family reached them."""
    return with_last_reached(organizations).annotate(
        last_kiem_tra=Max(
            "targets__campaign__start_on",
            filter=Q(targets__campaign__kind=Campaign.Kind.KIEM_TRA)
            & ~Q(targets__campaign__status=Campaign.Status.PLANNED),
        ),
        last_giam_sat=Max(
            "targets__campaign__start_on",
            filter=~Q(targets__campaign__kind=Campaign.Kind.KIEM_TRA)
            & ~Q(targets__campaign__status=Campaign.Status.PLANNED),
        ),
    )
