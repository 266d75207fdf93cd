"""Forms of the inspections admin: files checked by content, dates within reason, the
"chuyển bước" form. (The app's own pages have theirs in page_forms.py.)"""

import os

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from portal.accounts import display_name
from portal.files.validators import validate_and_describe

from . import lifecycle
from .models import (
    Campaign,
    CampaignEvent,
    InspectionPlan,
    Notice,
    RemediationItem,
)

MIN_YEAR, MAX_YEAR = 1990, 2100
DONE_STATUSES = (Campaign.Status.CONCLUDED, Campaign.Status.FOLLOW_UP, Campaign.Status.CLOSED)


def is_under_targets(campaign, organization):
    """Whether the organization is a target of the campaign or sits under one."""
    targets = set(campaign.targets.values_list("organization_id", flat=True))
    seen = set()
    current = organization
    while current is not None and current.pk not in seen:
        if current.pk in targets:
            return True
        seen.add(current.pk)
        current = current.parent
    return False


class PrivateFileInput(forms.ClearableFileInput):
    """A file input for private storage: the current file is named, never linked (a
    private file has no URL; the pages' download view checks the reader's right)."""

    def is_initial(self, value):
        return bool(value and getattr(value, "name", ""))

    def render(self, name, value, attrs=None, renderer=None):
        upload = forms.FileInput().render(name, None, self.build_attrs(self.attrs, attrs))
        if not self.is_initial(value):
            return upload
        parts = [format_html("Tệp hiện có: <strong>{}</strong>", os.path.basename(value.name))]
        if not self.is_required:
            checkbox_name = self.clear_checkbox_name(name)
            checkbox_id = self.clear_checkbox_id(checkbox_name)
            parts.append(
                format_html(
                    ' <input type="checkbox" name="{}" id="{}"> <label for="{}">Xóa tệp</label>',
                    checkbox_name,
                    checkbox_id,
                    checkbox_id,
                )
            )
        parts.append(format_html("<br>Thay bằng tệp khác: {}", upload))
        return mark_safe("".join(str(part) for part in parts))  # noqa: S308 - parts escaped


class CheckedFilesForm(forms.ModelForm):
    """Every newly uploaded file is checked by its content (the documents app's rules);
    every date must fall in a plausible year, as a typing slip would otherwise be stored."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.FileField):
                field.widget = PrivateFileInput()

    def clean(self):
        data = super().clean()
        for name, field in self.fields.items():
            value = data.get(name)
            if isinstance(field, forms.FileField) and isinstance(value, UploadedFile):
                try:
                    validate_and_describe(value)
                except ValidationError as error:
                    self.add_error(name, error)
            elif (
                isinstance(field, forms.DateField)
                and value
                and not MIN_YEAR <= value.year <= MAX_YEAR
            ):
                self.add_error(name, f"Năm phải trong khoảng {MIN_YEAR} đến {MAX_YEAR}.")
        return data


class InspectionPlanForm(CheckedFilesForm):
    class Meta:
        model = InspectionPlan
        fields = ["year", "number", "title", "issued_by", "issued_on", "planned_count", "file"]

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise ValidationError(f"Năm phải trong khoảng {MIN_YEAR} đến {MAX_YEAR}.")
        return year


class OfficerChoiceField(forms.ModelChoiceField):
    """Users named family name first, as the board writes them."""

    def label_from_instance(self, user):
        return display_name(user)


def officers(current=None):
    """Who may follow a campaign up: active members of the inspection group, superusers,
    and whoever is already named (kept even if they left the group)."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    condition = Q(is_active=True) & (
        Q(is_superuser=True) | Q(groups__name=settings.INSPECTORS_GROUP)
    )
    if current:
        condition |= Q(pk=current)
    return get_user_model().objects.filter(condition).distinct().order_by("last_name", "first_name")


def _article_label(article):
    return f"{timezone.localtime(article.published_at):%d/%m/%Y} – {article.title}"


class CampaignForm(CheckedFilesForm):
    # A plain select, not an autocomplete: the group reads no users in the admin (the
    # autocomplete answered 403), and the officers are a handful.
    responsible = OfficerChoiceField(
        label="Cán bộ theo dõi",
        queryset=None,
        required=False,
        help_text="Người nhận nhắc việc về các nội dung khắc phục.",
        empty_label="— Chưa giao —",
    )

    class Meta:
        model = Campaign
        fields = [
            "kind",
            "title",
            "plan",
            "responsible",
            "presiding_body",
            "coordinating_bodies",
            "decision_number",
            "decision_date",
            "decision_file",
            "directives",
            "period_from",
            "period_to",
            "start_on",
            "end_on",
            "extended_to",
            "summary",
            "is_public",
            "article",
            "escalated_from",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "responsible" in self.fields:
            self.fields["responsible"].queryset = officers(self.instance.responsible_id)
        if "article" in self.fields:
            # Published news only, newest first, dated: the one reporting this campaign.
            field = self.fields["article"]
            Article = field.queryset.model  # the news app's, by the relation
            # The article already linked stays a choice even if it was hidden since.
            linked = Article.objects.filter(pk=self.instance.article_id)
            published = Article.objects.published()
            field.queryset = (published | linked).order_by("-published_at", "-id")
            field.label_from_instance = _article_label

    def clean(self):
        """The lifecycle's rules the fields could otherwise get round: no extension once the
        notice is issued, the original window fixed once extended, and an escalation only
        from another campaign that is a supervision."""
        data = super().clean()
        stored = self.instance if self.instance.pk else None
        concluded = stored is not None and stored.status in (
            Campaign.Status.CONCLUDED,
            Campaign.Status.FOLLOW_UP,
            Campaign.Status.CLOSED,
        )
        if concluded and "extended_to" in self.changed_data:
            self.add_error("extended_to", "Cuộc đã kết luận; không thể gia hạn thời gian làm việc.")
        if stored is not None and stored.extended_to:
            for name in ("start_on", "end_on"):
                if name in self.changed_data:
                    self.add_error(
                        name,
                        "Cuộc đã được gia hạn (đến "
                        f"{stored.extended_to:%d/%m/%Y}); không đổi thời gian làm việc ban đầu.",
                    )
        source = data.get("escalated_from")
        if source is not None:
            if stored is not None and source.pk == stored.pk:
                self.add_error("escalated_from", "Một cuộc không thể chuyển từ chính nó.")
            elif not source.is_supervision:
                self.add_error(
                    "escalated_from", "Chỉ chuyển từ một cuộc giám sát, không từ cuộc kiểm tra."
                )
        return data


class NoticeForm(CheckedFilesForm):
    class Meta:
        model = Notice
        fields = ["number", "issued_on", "signer", "recipients", "text", "file"]

    def __init__(self, *args, campaign=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign

    def clean(self):
        data = super().clean()
        # Inline forms get the campaign only when saved: judge the notice against the
        # campaign being edited, whose status the form cannot change.
        campaign = self.campaign or (self.instance.campaign if self.instance.campaign_id else None)
        if (
            campaign is not None
            and self.has_changed()
            and not self.instance.pk
            and campaign.status not in Notice.ALLOWED_STATUSES
        ):
            raise ValidationError(
                "Chỉ ban hành thông báo khi cuộc đã có dự thảo báo cáo; cuộc đang ở bước "
                f"“{campaign.get_status_display()}”."
            )
        issued_on = data.get("issued_on")
        if campaign is not None and issued_on and issued_on < campaign.start_on:
            self.add_error(
                "issued_on",
                "Ngày ban hành thông báo không thể trước ngày đoàn bắt đầu làm việc "
                f"({campaign.start_on:%d/%m/%Y}).",
            )
        return data


class RemediationItemForm(CheckedFilesForm):
    class Meta:
        model = RemediationItem
        fields = [
            "campaign",
            "organization",
            "what",
            "deadline",
            "report_number",
            "report_date",
            "report_file",
            "verification_note",
        ]

    def clean_report_date(self):
        day = self.cleaned_data.get("report_date")
        if day and day > timezone.localdate():
            raise ValidationError("Ngày báo cáo không thể sau hôm nay.")
        return day

    def clean(self):
        data = super().clean()
        self._check_campaign_open(data)
        self._check_follows_notice(data)
        if not {"report_number", "report_date"} <= set(self.fields):
            # The campaign's inline leaves the report out: it keeps what is stored.
            return data
        number, day = data.get("report_number"), data.get("report_date")
        if bool(number) != bool(day) and not self.errors.get("report_date"):
            raise ValidationError(
                "Nhập cả số và ngày của báo cáo khắc phục (hoặc để trống cả hai)."
            )
        if self.instance.status != RemediationItem.Status.OPEN and not (number and day):
            raise ValidationError(
                "Nội dung đã báo cáo phải giữ số và ngày báo cáo khắc phục của tổ chức."
            )
        return data

    def _campaign(self, data):
        if "campaign" in self.fields:
            return data.get("campaign")
        # The campaign's inline: the campaign being edited.
        return self.instance.campaign if self.instance.campaign_id else None

    def _error(self, field, message):
        self.add_error(field if field in self.fields else None, message)

    def _check_follows_notice(self, data):
        """Remediation follows the notice: an item is added once the campaign is concluded,
        for one of its targets (or an organization under one), reported after the notice."""
        campaign = self._campaign(data)
        if campaign is None:
            return
        new = self.instance.pk is None
        moved = new or "campaign" in self.changed_data
        if moved and campaign.status not in DONE_STATUSES:
            self._error(
                "campaign",
                f"Cuộc “{campaign}” đang ở bước “{campaign.get_status_display()}”: nội dung "
                "khắc phục chỉ được ghi sau khi ban hành thông báo kết luận / kết quả giám sát.",
            )
        organization = data.get("organization")
        if (
            organization is not None
            and (moved or "organization" in self.changed_data)
            and not is_under_targets(campaign, organization)
        ):
            self._error(
                "organization",
                f"“{organization}” không phải đối tượng của cuộc “{campaign}” (hay tổ chức "
                "trực thuộc một đối tượng); chọn đúng tổ chức phải khắc phục.",
            )
        day = data.get("report_date")
        if not day or "report_date" not in self.changed_data:
            return
        notice = Notice.objects.filter(campaign=campaign).only("issued_on").first()
        if notice and day < notice.issued_on:
            self._error(
                "report_date",
                "Ngày báo cáo khắc phục không thể trước ngày ban hành thông báo "
                f"({notice.issued_on:%d/%m/%Y}).",
            )

    def _check_campaign_open(self, data):
        """A closed campaign takes no new unfinished item (nor one moved to it)."""
        if "campaign" in self.fields:
            campaign = data.get("campaign")
        else:  # the campaign's inline: the campaign being edited
            campaign = self.instance.campaign if self.instance.campaign_id else None
        if campaign is None or campaign.status != Campaign.Status.CLOSED:
            return
        moved = self.instance.pk is None or "campaign" in self.changed_data
        reported = data.get("report_number") and data.get("report_date")
        if moved and self.instance.status == RemediationItem.Status.OPEN and not reported:
            message = (
                f"Cuộc “{campaign}” đã kết thúc; không thêm nội dung khắc phục chưa hoàn thành "
                "vào cuộc này."
            )
            if "campaign" in self.fields:
                self.add_error("campaign", message)
            else:
                raise ValidationError(message)


class AdvanceForm(forms.Form):
    """The admin's "chuyển bước": one of the legal next moves, a note and its document."""

    to_status = forms.ChoiceField(label="Chuyển sang bước", widget=forms.RadioSelect)
    note = forms.CharField(
        label="Ghi chú", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    document_kind = forms.ChoiceField(
        label="Loại văn bản kèm theo",
        required=False,
        choices=[("", "—"), *CampaignEvent.DocumentKind.choices],
    )
    file = forms.FileField(
        label="Tệp văn bản",
        required=False,
        help_text="PDF, Word, Excel, ảnh… Loại tệp được kiểm tra theo nội dung.",
    )
    decision_number = forms.CharField(
        label="Số quyết định thành lập đoàn",
        required=False,
        max_length=60,
        help_text="Chỉ cần khi chuyển sang bước quyết định thành lập đoàn.",
    )
    decision_date = forms.DateField(
        label="Ngày quyết định",
        required=False,
        help_text="Ngày/tháng/năm, ví dụ 01/03/2017.",
    )

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.moves = lifecycle.next_moves(campaign)
        self.fields["to_status"].choices = [(move.to_status, move.label) for move in self.moves]
        if len(self.moves) == 1:
            self.fields["to_status"].initial = self.moves[0].to_status
        # The documents the offered steps may carry, the first step's usual one first.
        kinds = []
        for move in self.moves:
            kinds += [kind for kind in move.document_kinds if kind not in kinds]
        if CampaignEvent.DocumentKind.KHAC not in kinds:
            kinds.append(CampaignEvent.DocumentKind.KHAC)
        self.fields["document_kind"].choices = [
            ("", "— Không kèm văn bản —"),
            *[(kind, CampaignEvent.DocumentKind(kind).label) for kind in kinds],
        ]
        if self.moves:
            self.fields["document_kind"].initial = self.moves[0].document_kinds[0]
        if self.is_bound:
            # A page left open while the campaign moved on (or a forged choice): say where
            # it is now rather than Django's "not one of the available choices".
            self.fields["to_status"].error_messages["invalid_choice"] = self.stale_message()
        if not any(move.needs == lifecycle.NEEDS_DECISION for move in self.moves):
            del self.fields["decision_number"]
            del self.fields["decision_date"]
        else:
            self.fields["decision_number"].initial = campaign.decision_number
            self.fields["decision_date"].initial = campaign.decision_date

    def stale_message(self):
        campaign = self.campaign
        text = f"Cuộc hiện ở bước “{campaign.get_status_display()}”"
        last = (
            campaign.events.filter(to_status=campaign.status)
            .exclude(from_status=campaign.status)
            .select_related("actor")
            .order_by("-at", "-id")
            .first()
        )
        if last is not None:
            who = display_name(last.actor) if last.actor else "hệ thống"
            text += f" (do {who} chuyển lúc {timezone.localtime(last.at):%H:%M %d/%m/%Y})"
        # The message goes through "%" formatting with the rejected value.
        text = text.replace("%", "%%")
        return (
            f"{text}; bước bạn chọn chưa được ghi nhận. Ghi chú bạn đã nhập vẫn còn dưới "
            "đây: chọn lại bước nếu vẫn cần."
        )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            validate_and_describe(upload)
        return upload

    def clean_decision_date(self):
        day = self.cleaned_data.get("decision_date")
        if day and not MIN_YEAR <= day.year <= MAX_YEAR:
            raise ValidationError(f"Năm phải trong khoảng {MIN_YEAR} đến {MAX_YEAR}.")
        return day
