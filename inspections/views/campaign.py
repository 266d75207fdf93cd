"""The campaign page, its print version, and its POST actions: the lifecycle's moves,
extension, escalation, and the follow-up of remediation.

An action that fails shows the page again, not a redirect: with the form open and its
errors (400), or with why it was refused (409) and what was typed.
"""

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from documents.models import Document

from .. import lifecycle
from ..access import action_endpoint, can_act, readers_only
from ..models import Campaign, CampaignEvent, CampaignTarget, Notice, RemediationItem
from ..page_forms import (
    EscalateForm,
    ExtendForm,
    RemediationReportForm,
    RemediationVerifyForm,
    form_for,
    issues_notice,
)
from ..services import (
    CampaignError,
    campaign_advance,
    campaign_conclude,
    campaign_escalate,
    campaign_extend,
    remediation_report,
    remediation_verify,
)

S = Campaign.Status


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
