"""Writes of the inspections app, each with its rule.

Every refusal is a CampaignError (a ValidationError) with a Vietnamese message, so pages
and the admin can show it as it is. Moves lock the campaign's row and judge it again
inside the transaction: two officers pressing the same button at once make one move.
"""

import datetime
import functools
import os

from django.core.exceptions import ValidationError
from django.db import OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.files.validators import validate_and_describe

from . import lifecycle
from .models import Campaign, CampaignEvent, CampaignTarget, Notice, RemediationItem

S = Campaign.Status
D = CampaignEvent.DocumentKind


class CampaignError(ValidationError):
    """A write refused by a rule of the inspections; its message is for the user."""


def _message(error):
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


def check_upload(file):
    """Refuse a file whose content is not an allowed document (by content, not name)."""
    if not file:
        return
    try:
        validate_and_describe(file)
    except ValidationError as error:
        raise CampaignError(_message(error)) from error


def _vn(day):
    return day.strftime("%d/%m/%Y")


def _locked(campaign):
    """The campaign's row, locked until the transaction ends (PostgreSQL; SQLite takes its
    write lock at BEGIN as the settings ask)."""
    try:
        return Campaign.objects.select_for_update().get(pk=campaign.pk)
    except Campaign.DoesNotExist as error:
        raise CampaignError(_("Cuộc kiểm tra, giám sát không còn tồn tại.")) from error


def _record(campaign, from_status, to_status, user, note="", document_kind="", file=None):
    event = CampaignEvent(
        campaign=campaign,
        from_status=from_status,
        to_status=to_status,
        actor=user if user and user.is_authenticated else None,
        note=note.strip(),
        document_kind=document_kind,
    )
    if file:
        event.original_name = os.path.basename(file.name or "")[:255]
        event.file.save(file.name, file, save=False)
    event.save()
    return event


def _check_document_kind(to_status, document_kind, file):
    allowed = lifecycle.STEP_DOCUMENTS.get(to_status, ())
    if document_kind and document_kind not in allowed and document_kind != D.KHAC:
        raise CampaignError(
            _("Bước “%(step)s” không kèm loại văn bản “%(kind)s”.")
            % {"step": S(to_status).label, "kind": D(document_kind).label}
        )
    if file and not document_kind:
        document_kind = allowed[0] if allowed else D.KHAC
    return document_kind


def _guarded(function):
    """A lock that timed out (a long concurrent write) becomes a message, not a 500."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except OperationalError as error:
            raise CampaignError(
                _("Cuộc đang được người khác cập nhật; vui lòng tải lại trang và thử lại.")
            ) from error

    return wrapper


@_guarded
def campaign_advance(
    campaign,
    to_status,
    user,
    note="",
    document_kind="",
    file=None,
    decision_number="",
    decision_date=None,
):
    """Move the campaign one legal step and record who did it, when, with which document.

    `decided` needs the decision's number and date (given here or already on the campaign);
    `concluded` needs the notice (see campaign_conclude). Returns the CampaignEvent.
    """
    check_upload(file)
    document_kind = _check_document_kind(to_status, document_kind, file)
    with transaction.atomic():
        locked = _locked(campaign)
        reason = lifecycle.refusal(locked, to_status)
        if reason:
            raise CampaignError(reason)
        if to_status == S.DECIDED:
            locked.decision_number = (decision_number or locked.decision_number).strip()
            locked.decision_date = decision_date or locked.decision_date
            if not (locked.decision_number and locked.decision_date):
                raise CampaignError(
                    _("Cần số và ngày của quyết định thành lập đoàn trước khi chuyển bước.")
                )
        if to_status == S.CONCLUDED and not Notice.objects.filter(campaign=locked).exists():
            raise CampaignError(
                _("Chưa có %(notice)s: ban hành thông báo để kết luận cuộc.")
                % {"notice": str(locked.notice_name).lower()}
            )
        from_status = locked.status
        event = _record(locked, from_status, to_status, user, note, document_kind, file)
        locked.status = to_status
        fields = ["status", "updated_at"]
        if to_status == S.DECIDED:
            fields += ["decision_number", "decision_date"]
            if event.file and not locked.decision_file:
                locked.decision_file.name = event.file.name
                fields.append("decision_file")
        locked.save(update_fields=fields)
    _refresh(campaign, locked)
    return event


def _refresh(campaign, locked):
    """Bring the caller's instance up to the saved row (it may show it right after)."""
    for field in ("status", "decision_number", "decision_date", "decision_file", "summary"):
        setattr(campaign, field, getattr(locked, field))
    campaign.extended_to = locked.extended_to


@_guarded
def campaign_conclude(
    campaign, user, number, issued_on, signer, recipients="", text="", file=None, summary=""
):
    """Issue the notice and move the campaign to `concluded`, in one transaction."""
    check_upload(file)
    with transaction.atomic():
        locked = _locked(campaign)
        reason = lifecycle.refusal(locked, S.CONCLUDED)
        if reason:
            raise CampaignError(reason)
        if Notice.objects.filter(campaign=locked).exists():
            raise CampaignError(_("Cuộc này đã có thông báo."))
        notice = Notice(
            campaign=locked,
            number=(number or "").strip(),
            issued_on=issued_on,
            signer=(signer or "").strip(),
            recipients=recipients or "",
            text=text or "",
        )
        missing = [
            label
            for label, value in (
                (_("số thông báo"), notice.number),
                (_("ngày ban hành"), notice.issued_on),
                (_("người ký"), notice.signer),
            )
            if not value
        ]
        if missing:
            raise CampaignError(_("Thông báo cần có: %(fields)s.") % {"fields": ", ".join(missing)})
        if issued_on < locked.start_on:
            raise CampaignError(
                _("Ngày ban hành thông báo không thể trước ngày đoàn bắt đầu làm việc (%(day)s).")
                % {"day": _vn(locked.start_on)}
            )
        if file:
            notice.file.save(file.name, file, save=False)
        notice.save()
        event = _record(
            locked,
            locked.status,
            S.CONCLUDED,
            user,
            note=_("Ban hành %(name)s số %(number)s ngày %(day)s.")
            % {"name": locked.notice_name, "number": notice.number, "day": _vn(issued_on)},
            document_kind=D.THONG_BAO,
        )
        if notice.file:
            event.file.name = notice.file.name
            event.original_name = os.path.basename(file.name or "")[:255]
            event.save(update_fields=["file", "original_name"])
        locked.status = S.CONCLUDED
        fields = ["status", "updated_at"]
        if summary:
            locked.summary = summary
            fields.append("summary")
        locked.save(update_fields=fields)
    _refresh(campaign, locked)
    return notice


@_guarded
def campaign_extend(campaign, new_end, user, note=""):
    """Extend the working window once, by a third of the original window at most."""
    with transaction.atomic():
        locked = _locked(campaign)
        if locked.status in (S.CONCLUDED, S.FOLLOW_UP, S.CLOSED):
            raise CampaignError(_("Cuộc đã kết luận; không thể gia hạn thời gian làm việc."))
        if not new_end:
            raise CampaignError(_("Cần ngày gia hạn."))
        if locked.extended_to:
            raise CampaignError(
                _("Cuộc đã được gia hạn một lần (đến %(day)s); không được gia hạn lần thứ hai.")
                % {"day": _vn(locked.extended_to)}
            )
        reason = locked.extension_error(new_end)
        if reason:
            raise CampaignError(reason)
        locked.extended_to = new_end
        locked.save(update_fields=["extended_to", "updated_at"])
        text = _("Gia hạn thời gian làm việc đến %(day)s.") % {"day": _vn(new_end)}
        event = _record(
            locked, locked.status, locked.status, user, f"{text} {note.strip()}".strip()
        )
    _refresh(campaign, locked)
    return event


# A supervision's findings are written while the delegation works; escalation needs them.
ESCALATION_STATUSES = (S.WORKING, S.DRAFT_REPORT, S.CONCLUDED, S.FOLLOW_UP, S.CLOSED)


@_guarded
def campaign_escalate(supervision, user, title="", start_on=None, end_on=None):
    """Open a kiểm tra campaign from a supervision that found signs of violation.

    Allowed once the delegation is working (its findings exist) and at least one target's
    finding records a violation; only one escalation per supervision. The new campaign has
    the same targets, directives and bodies, and starts planned.
    """
    with transaction.atomic():
        locked = _locked(supervision)
        if not locked.is_supervision:
            raise CampaignError(_("Chỉ cuộc giám sát mới chuyển thành cuộc kiểm tra."))
        if locked.status not in ESCALATION_STATUSES:
            raise CampaignError(
                _("Chỉ chuyển sang kiểm tra khi đoàn giám sát đã làm việc và có kết quả.")
            )
        targets = list(locked.targets.select_related("organization", "finding"))
        with_violations = [
            target
            for target in targets
            if hasattr(target, "finding") and target.finding.has_violations
        ]
        if not with_violations:
            raise CampaignError(
                _("Kết quả giám sát chưa ghi nhận dấu hiệu vi phạm nên không chuyển sang kiểm tra.")
            )
        if locked.escalations.exists():
            raise CampaignError(_("Cuộc giám sát này đã được chuyển thành cuộc kiểm tra."))
        today = timezone.localdate()
        start_on = start_on or today
        try:
            end_on = end_on or start_on + datetime.timedelta(days=29)
        except OverflowError as error:  # a start at the end of the calendar
            raise CampaignError(_("Ngày bắt đầu làm việc không hợp lệ.")) from error
        if end_on < start_on:
            raise CampaignError(_("Ngày kết thúc làm việc phải sau ngày bắt đầu."))
        campaign = Campaign.objects.create(
            kind=Campaign.Kind.KIEM_TRA,
            title=(title or "").strip()
            or _("Kiểm tra khi có dấu hiệu vi phạm: %(title)s") % {"title": locked.title},
            plan=locked.plan,
            presiding_body=locked.presiding_body,
            period_from=locked.period_from,
            period_to=locked.period_to,
            start_on=start_on,
            end_on=end_on,
            escalated_from=locked,
            responsible=user if user and user.is_authenticated else locked.responsible,
        )
        campaign.coordinating_bodies.set(locked.coordinating_bodies.all())
        campaign.directives.set(locked.directives.all())
        CampaignTarget.objects.bulk_create(
            CampaignTarget(campaign=campaign, organization=t.organization, members=t.members)
            for t in targets
        )
        campaign.refresh_search_text()  # bulk_create sends no signal
        _record(
            campaign,
            "",
            S.PLANNED,
            user,
            _("Chuyển từ cuộc giám sát “%(title)s” do phát hiện dấu hiệu vi phạm.")
            % {"title": locked.title},
        )
        _record(
            locked,
            locked.status,
            locked.status,
            user,
            _("Đề nghị kiểm tra khi có dấu hiệu vi phạm: lập cuộc “%(title)s”.")
            % {"title": campaign.title},
        )
    return campaign


def _locked_item(item):
    try:
        return (
            RemediationItem.objects.select_for_update().select_related("campaign").get(pk=item.pk)
        )
    except RemediationItem.DoesNotExist as error:
        raise CampaignError(_("Nội dung khắc phục không còn tồn tại.")) from error


@_guarded
def remediation_report(item, user, number, date, file=None, note=""):
    """Record the organization's remediation report: open → reported."""
    check_upload(file)
    number = (number or "").strip()
    if not number or not date:
        raise CampaignError(_("Cần số và ngày của báo cáo khắc phục."))
    if date > timezone.localdate():
        raise CampaignError(_("Ngày báo cáo không thể sau hôm nay."))
    with transaction.atomic():
        locked = _locked_item(item)
        if locked.status != RemediationItem.Status.OPEN:
            raise CampaignError(
                _("Nội dung này đã ở trạng thái “%(status)s”; không nhận báo cáo lần nữa.")
                % {"status": locked.get_status_display()}
            )
        notice = Notice.objects.filter(campaign_id=locked.campaign_id).first()
        if notice and date < notice.issued_on:
            raise CampaignError(
                _("Ngày báo cáo khắc phục không thể trước ngày ban hành thông báo (%(day)s).")
                % {"day": _vn(notice.issued_on)}
            )
        locked.report_number = number
        locked.report_date = date
        if file:
            locked.report_file.save(file.name, file, save=False)
        locked.status = RemediationItem.Status.REPORTED
        locked.save()
        campaign = locked.campaign
        _record(
            campaign,
            campaign.status,
            campaign.status,
            user,
            " ".join(
                part
                for part in (
                    _("%(org)s báo cáo khắc phục số %(number)s ngày %(day)s.")
                    % {"org": locked.organization, "number": number, "day": _vn(date)},
                    note.strip(),
                )
                if part
            ),
            document_kind=D.BAO_CAO_KHAC_PHUC,
        )
    _copy_item(item, locked)
    return locked


@_guarded
def remediation_verify(item, user, note=""):
    """Confirm that the reported remediation was done: reported → verified."""
    with transaction.atomic():
        locked = _locked_item(item)
        if locked.status != RemediationItem.Status.REPORTED:
            if locked.status == RemediationItem.Status.OPEN:
                raise CampaignError(
                    _("Tổ chức chưa báo cáo khắc phục nội dung này; chưa thể xác nhận.")
                )
            raise CampaignError(_("Nội dung này đã được xác nhận."))
        locked.status = RemediationItem.Status.VERIFIED
        locked.verification_note = (note or "").strip()
        locked.verified_at = timezone.now()
        locked.save(update_fields=["status", "verification_note", "verified_at"])
        campaign = locked.campaign
        _record(
            campaign,
            campaign.status,
            campaign.status,
            user,
            _("Xác nhận %(org)s đã khắc phục: %(what)s")
            % {"org": locked.organization, "what": locked.what[:200]},
        )
    _copy_item(item, locked)
    return locked


def _copy_item(item, locked):
    for field in (
        "status",
        "report_number",
        "report_date",
        "report_file",
        "verification_note",
        "verified_at",
    ):
        setattr(item, field, getattr(locked, field))
