"""The records' files, served only through the access check (they live in private storage)."""

import mimetypes
import os

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from portal.files.sending import send_private_file

from ..access import readers_only
from ..models import Campaign, CampaignEvent, InspectionPlan, Notice, RemediationItem


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
