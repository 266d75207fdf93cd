"""Pages of the inspection records: dashboard, lists, campaign, exports, files, public summary.

Every page but the public summary needs the right to read the records (access.readers_only);
moves are POSTs made through inspections.services, which judge them again on the locked row.
"""

import mimetypes
import os

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_POST, require_safe

from documents.files import send_private_file
from documents.models import Document
from portal.pagecache import guest_cached

from . import charts, exports, lifecycle, reports
from .access import action_endpoint, can_act, readers_only
from .filters import CampaignFilter, RemediationFilter, filter_errors
from .models import (
    Campaign,
    CampaignEvent,
    CampaignTarget,
    InspectionPlan,
    Notice,
    PartyOrganization,
    RemediationItem,
)
from .page_forms import (
    EscalateForm,
    ExtendForm,
    RemediationReportForm,
    RemediationVerifyForm,
    form_for,
    issues_notice,
)

S = Campaign.Status
PER_PAGE = 20
ORGANIZATIONS_PER_PAGE = 60


def _page(request, queryset, per_page=PER_PAGE):
    # get_page turns a missing, bad or too large ?trang= into a real page, never an error.
    return Paginator(queryset, per_page).get_page(request.GET.get("trang"))


def _query_without_page(request):
    return urlencode([(k, v) for k, v in request.GET.items() if k != "trang"])


def _warn(request, texts):
    for text in texts:
        messages.warning(request, text)


# --- Dashboard ---------------------------------------------------------------------------


def _int_param(request, name, default, low, high, message):
    raw = request.GET.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        messages.warning(request, message)
        return default
    return value


@readers_only
@require_safe
def dashboard(request):
    today = timezone.localdate()
    years = reports.years_with_records()
    # This year, or the latest year with records when this year has none yet (a board
    # that starts using the site in January sees last year's work, not empty charts).
    default_year = today.year if today.year in years or not years else max(years)
    # `nam` is the year shown, as in the lists' filters; `so_nam` the span of "not reached".
    year = _int_param(
        request,
        "nam",
        default_year,
        1930,
        2100,
        f"Năm xem không hợp lệ; đang hiện năm {default_year}.",
    )
    span = _int_param(
        request,
        "so_nam",
        reports.DEFAULT_YEARS,
        1,
        reports.MAX_YEARS,
        f"Số năm phải là số nguyên từ 1 đến {reports.MAX_YEARS}; "
        f"đang dùng {reports.DEFAULT_YEARS} năm.",
    )
    # A past year is judged at its last day; this year (or a later one) at today.
    until = today if year >= today.year else today.replace(year=year, month=12, day=31)
    by_year = reports.by_year_and_kind()
    kinds = [label for _value, label in Campaign.Kind.choices]
    statuses = reports.by_status(year)
    progress = reports.plan_progress(year)
    overdue, due_soon = reports.remediation_alerts(today)
    context = {
        "today": today,
        "year": year,
        "years": sorted(set(years) | {today.year, year}, reverse=True),
        "span": span,
        "by_year": [
            {"year": y, "counts": [counts[k] for k in Campaign.Kind.values], "total": total}
            for y, counts, total in by_year
        ],
        "kinds": kinds,
        "kind_totals": [sum(counts[k] for _y, counts, _t in by_year) for k in Campaign.Kind.values],
        "grand_total": sum(total for _y, _c, total in by_year),
        "year_chart": charts.stacked_bars(
            [(str(y), [counts[k] for k in Campaign.Kind.values]) for y, counts, _t in by_year],
            kinds,
        ),
        "statuses": statuses,
        "status_total": sum(n for _v, _l, n in statuses),
        "status_chart": charts.horizontal_bars([(label, n) for _v, label, n in statuses]),
        "progress": progress,
        "progress_chart": charts.progress(progress.done, progress.planned),
        "not_reached": reports.not_reached(span, until),
        "overdue": overdue,
        "due_soon": due_soon,
        "totals": reports.totals(),
    }
    return render(request, "inspections/dashboard.html", context)


# --- Lists and exports ---------------------------------------------------------------------


def _campaign_filter(request):
    campaigns = Campaign.objects.select_related("presiding_body", "plan").prefetch_related(
        Prefetch("targets", CampaignTarget.objects.select_related("organization"))
    )
    return CampaignFilter(request.GET or None, queryset=campaigns, request=request)


@readers_only
@require_safe
def campaign_list(request):
    filterset = _campaign_filter(request)
    page_obj = _page(request, filterset.qs)
    _warn(request, filter_errors(filterset))
    context = {
        "filter": filterset,
        "page_obj": page_obj,
        "query_string": _query_without_page(request),
        "export_query": _query_without_page(request),
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
    _warn(request, filter_errors(filterset))
    context = {
        "filter": filterset,
        "page_obj": _page(request, filterset.qs),
        "query_string": _query_without_page(request),
        "export_query": _query_without_page(request),
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
        "page_obj": _page(request, organizations, ORGANIZATIONS_PER_PAGE),
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


# --- The campaign -----------------------------------------------------------------------


def _campaign(pk):
    campaigns = Campaign.objects.select_related(
        "plan__issued_by", "presiding_body", "escalated_from", "article", "responsible", "notice"
    ).prefetch_related(
        "coordinating_bodies",
        Prefetch("directives", Document.objects.select_related("kind", "issuing_body")),
        "delegation",
        "escalations",
        Prefetch("targets", CampaignTarget.objects.select_related("organization", "finding")),
        Prefetch("events", CampaignEvent.objects.select_related("actor")),
        Prefetch("remediations", RemediationItem.objects.select_related("organization")),
    )
    return get_object_or_404(campaigns, pk=pk)


def _notice(campaign):
    try:
        return campaign.notice
    except Notice.DoesNotExist:
        return None


def _admin_url(user, campaign):
    if not (user.is_staff and can_act(user)):
        return ""
    try:
        return reverse("admin:inspections_campaign_change", args=[campaign.pk])
    except NoReverseMatch:
        return ""


def _campaign_context(request, campaign):
    return {
        "campaign": campaign,
        "notice": _notice(campaign),
        "targets": campaign.targets.all(),
        "events": campaign.events.all(),
        "items": campaign.remediations.all(),
        "today": timezone.localdate(),
    }


EXTENDABLE = (S.PLANNED, S.DECIDED, S.NOTIFIED, S.SELF_REPORTED, S.WORKING, S.DRAFT_REPORT)
ESCALATABLE = (S.WORKING, S.DRAFT_REPORT, S.CONCLUDED, S.FOLLOW_UP, S.CLOSED)


def _other_actions(campaign, bound):
    """The forms besides the lifecycle's: extension, escalation, remediation follow-up.

    Offered only where the service would accept them (it judges again on the locked row);
    `bound` replaces the empty form of the action that failed, shown open with its errors.
    """
    bound = bound or {}
    actions = []
    if campaign.status in EXTENDABLE and not campaign.extended_to:
        actions.append(
            {
                "key": "gia_han",
                "label": "Gia hạn thời gian làm việc",
                "form": bound.get("gia_han") or ExtendForm(),
                "open": "gia_han" in bound,
            }
        )
    found_violations = any(
        getattr(target, "finding", None) and target.finding.has_violations
        for target in campaign.targets.all()
    )
    if (
        campaign.is_supervision
        and campaign.status in ESCALATABLE
        and found_violations
        and not campaign.escalations.all()
    ):
        actions.append(
            {
                "key": "chuyen_kiem_tra",
                "label": "Chuyển thành cuộc kiểm tra khi có dấu hiệu vi phạm",
                "form": bound.get("chuyen_kiem_tra") or EscalateForm(),
                "open": "chuyen_kiem_tra" in bound,
            }
        )
    for item in campaign.remediations.all():
        key = f"kp{item.pk}"
        if item.status == RemediationItem.Status.OPEN:
            item.action = {
                "key": "bao_cao",
                "label": "Ghi nhận báo cáo khắc phục",
                "form": bound.get(key) or RemediationReportForm(item=item),
                "open": key in bound,
            }
        elif item.status == RemediationItem.Status.REPORTED:
            item.action = {
                "key": "xac_nhan",
                "label": "Xác nhận đã khắc phục",
                "form": bound.get(key) or RemediationVerifyForm(item=item),
                "open": key in bound,
            }
    return actions


def _detail(request, campaign, bound=None, kept=None, status=200, other=None):
    """The campaign page; `bound` is the form of a move that failed, shown open with errors;
    `other` maps the key of another action that failed to its bound form."""
    can = can_act(request.user)
    actions = []
    other_actions = []
    if can:
        for move in lifecycle.next_moves(campaign):
            if bound is not None and bound.move.to_status == move.to_status:
                actions.append({"move": move, "form": bound, "open": True})
            else:
                actions.append({"move": move, "form": form_for(move, campaign), "open": False})
        other_actions = _other_actions(campaign, other)
    context = {
        **_campaign_context(request, campaign),
        "can_act": can,
        "actions": actions,
        "other_actions": other_actions,
        "kept": kept or [],
        "admin_url": _admin_url(request.user, campaign),
    }
    return render(request, "inspections/campaign_detail.html", context, status=status)


@readers_only
@require_safe
def campaign_detail(request, pk):
    return _detail(request, _campaign(pk))


def _campaign_page(pk):
    return reverse("inspections:campaign", args=[pk])


def _item_page(pk):
    campaign_pk = RemediationItem.objects.filter(pk=pk).values_list("campaign_id", flat=True)
    campaign_pk = campaign_pk.first()
    if campaign_pk is None:
        return reverse("inspections:remediations")
    return reverse("inspections:campaign", args=[campaign_pk]) + "#khac-phuc"


@action_endpoint(_campaign_page)
@readers_only
@require_POST
def campaign_transition(request, pk):
    from .services import CampaignError, campaign_advance, campaign_conclude

    campaign = _campaign(pk)
    to_status = request.POST.get("buoc", "")
    shown = request.POST.get(f"{to_status}-tu", "")
    if shown and shown != campaign.status:
        # The page was made for another status: someone moved the campaign meanwhile.
        messages.error(
            request,
            f"Cuộc vừa được chuyển sang bước “{campaign.get_status_display()}” (có thể do người "
            "khác). Xem lại trước khi thao tác; nội dung bạn đã nhập vẫn còn dưới đây.",
        )
        return _detail(request, campaign, kept=_kept_from_post(request, to_status), status=409)
    move = {move.to_status: move for move in lifecycle.next_moves(campaign)}.get(to_status)
    if move is None:
        reason = lifecycle.refusal(campaign, to_status) if to_status else None
        messages.error(request, reason or "Bước này không hợp lệ ở trạng thái hiện tại của cuộc.")
        return _detail(request, campaign, kept=_kept_from_post(request, to_status), status=409)
    form = form_for(move, campaign, request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Chưa chuyển bước: xem lại các ô được đánh dấu.")
        return _detail(request, campaign, bound=form, status=400)
    data = form.cleaned_data
    try:
        if issues_notice(move, campaign):
            campaign_conclude(
                campaign,
                request.user,
                number=data["number"],
                issued_on=data["issued_on"],
                signer=data["signer"],
                recipients=data["recipients"],
                text=data["text"],
                file=data.get("file"),
                summary=data["summary"],
            )
        else:
            extra = {}
            if move.needs == lifecycle.NEEDS_DECISION:
                extra = {
                    "decision_number": data["decision_number"],
                    "decision_date": data["decision_date"],
                }
            campaign_advance(
                campaign,
                move.to_status,
                request.user,
                note=data["note"],
                document_kind=data["document_kind"],
                file=data.get("file"),
                **extra,
            )
    except CampaignError as error:
        messages.error(request, " ".join(error.messages))
        return _detail(request, _campaign(pk), bound=form, status=409)
    messages.success(request, f"Đã chuyển cuộc sang bước “{move.to_label}”.")
    return redirect(reverse("inspections:campaign", args=[pk]) + "#dien-bien")


def _kept_from_post(request, to_status):
    """What was typed in a form whose move no longer exists, as (label, text) pairs."""
    prefix = f"{to_status}-"
    labels = {
        "note": "Ghi chú",
        "decision_number": "Số quyết định",
        "decision_date": "Ngày quyết định",
        "number": "Số thông báo",
        "issued_on": "Ngày ban hành",
        "signer": "Người ký",
        "recipients": "Nơi nhận",
        "text": "Nội dung thông báo",
        "summary": "Tóm tắt kết quả",
    }
    kept = []
    for name, label in labels.items():
        value = request.POST.get(prefix + name, "").strip()
        if value:
            kept.append((label, value))
    return kept


def _refused(request, pk, key, form, error):
    messages.error(request, " ".join(error.messages))
    return _detail(request, _campaign(pk), other={key: form}, status=409)


@action_endpoint(_campaign_page)
@readers_only
@require_POST
def campaign_action(request, pk):
    """Extend the working window, or open a kiểm tra from a supervision (?viec=…)."""
    from .services import CampaignError, campaign_escalate, campaign_extend

    campaign = _campaign(pk)
    action = request.POST.get("viec", "")
    if action == "gia_han":
        form = ExtendForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Chưa gia hạn: xem lại các ô được đánh dấu.")
            return _detail(request, campaign, other={action: form}, status=400)
        try:
            campaign_extend(
                campaign, form.cleaned_data["new_end"], request.user, form.cleaned_data["note"]
            )
        except CampaignError as error:
            return _refused(request, pk, action, form, error)
        messages.success(
            request, f"Đã gia hạn thời gian làm việc đến {campaign.extended_to:%d/%m/%Y}."
        )
        return redirect(campaign.get_absolute_url() + "#dien-bien")
    if action == "chuyen_kiem_tra":
        form = EscalateForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Chưa chuyển: xem lại các ô được đánh dấu.")
            return _detail(request, campaign, other={action: form}, status=400)
        try:
            created = campaign_escalate(
                campaign,
                request.user,
                title=form.cleaned_data["title"],
                start_on=form.cleaned_data["start_on"],
                end_on=form.cleaned_data["end_on"],
            )
        except CampaignError as error:
            return _refused(request, pk, action, form, error)
        messages.success(request, f"Đã lập cuộc kiểm tra “{created.title}”.")
        return redirect(created.get_absolute_url())
    messages.error(request, "Thao tác không hợp lệ.")
    return _detail(request, campaign, status=400)


@action_endpoint(_item_page)
@readers_only
@require_POST
def remediation_action(request, pk):
    """Record an organization's remediation report, or confirm it (?viec=…)."""
    from .services import CampaignError, remediation_report, remediation_verify

    item = get_object_or_404(RemediationItem, pk=pk)
    campaign_pk = item.campaign_id
    key = f"kp{item.pk}"
    action = request.POST.get("viec", "")
    try:
        if action == "bao_cao":
            form = RemediationReportForm(request.POST, request.FILES, item=item)
            if not form.is_valid():
                messages.error(request, "Chưa ghi nhận: xem lại các ô được đánh dấu.")
                return _detail(request, _campaign(campaign_pk), other={key: form}, status=400)
            data = form.cleaned_data
            remediation_report(
                item, request.user, data["number"], data["date"], data.get("file"), data["note"]
            )
            messages.success(request, "Đã ghi nhận báo cáo khắc phục.")
        elif action == "xac_nhan":
            form = RemediationVerifyForm(request.POST, item=item)
            if not form.is_valid():
                messages.error(request, "Chưa xác nhận: xem lại các ô được đánh dấu.")
                return _detail(request, _campaign(campaign_pk), other={key: form}, status=400)
            remediation_verify(item, request.user, form.cleaned_data["note"])
            messages.success(request, "Đã xác nhận nội dung đã được khắc phục.")
        else:
            messages.error(request, "Thao tác không hợp lệ.")
            return _detail(request, _campaign(campaign_pk), status=400)
    except CampaignError as error:
        return _refused(request, campaign_pk, key, form, error)
    return redirect(reverse("inspections:campaign", args=[campaign_pk]) + "#khac-phuc")


@readers_only
@require_safe
def campaign_print(request, pk):
    campaign = _campaign(pk)
    context = {**_campaign_context(request, campaign), "printed_at": timezone.localtime()}
    return render(request, "inspections/campaign_print.html", context)


# --- Files --------------------------------------------------------------------------------


def _name(label, fieldfile):
    extension = os.path.splitext(fieldfile.name)[1].lower()
    return f"{label}{extension}"


def _plan_file(pk):
    plan = get_object_or_404(InspectionPlan, pk=pk)
    return plan.file, _name(f"Kế hoạch {plan.number}", plan.file)


def _decision_file(pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    label = f"Quyết định {campaign.decision_number}" if campaign.decision_number else "Quyết định"
    return campaign.decision_file, _name(label, campaign.decision_file)


def _event_file(pk):
    event = get_object_or_404(CampaignEvent, pk=pk)
    if event.original_name:
        return event.file, event.original_name
    label = event.get_document_kind_display() or "Văn bản"
    return event.file, _name(label, event.file)


def _notice_file(pk):
    notice = get_object_or_404(Notice, pk=pk)
    return notice.file, _name(f"Thông báo {notice.number}", notice.file)


def _remediation_file(pk):
    item = get_object_or_404(RemediationItem, pk=pk)
    label = f"Báo cáo khắc phục {item.report_number}".strip()
    return item.report_file, _name(label, item.report_file)


FILES = {
    "ke-hoach": _plan_file,
    "quyet-dinh": _decision_file,
    "buoc": _event_file,
    "thong-bao": _notice_file,
    "khac-phuc": _remediation_file,
}


@readers_only
@require_safe
def file_download(request, kind, pk):
    finder = FILES.get(kind)
    if finder is None:
        raise Http404
    fieldfile, download_name = finder(pk)
    if not fieldfile:
        raise Http404("Không có tệp.")
    # Names like "12-KH/HU" hold a slash: not a path in a file name.
    download_name = download_name.replace("/", "-")
    content_type = mimetypes.guess_type(fieldfile.name)[0] or "application/octet-stream"
    return send_private_file(request, fieldfile, download_name, content_type)


# --- Public summary -----------------------------------------------------------------------


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
    context = {"page_obj": _page(request, campaigns, PUBLIC_PER_PAGE)}
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
