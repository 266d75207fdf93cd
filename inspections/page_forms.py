"""Forms behind the campaign page's step buttons: a note, a document, and what a step needs.

One form per legal next move, prefixed by the status it leads to so that several can sit
on one page; `tu` carries the status the page was showing, to tell a stale page.
"""

from django import forms
from django.core.exceptions import ValidationError

from portal.files.validators import validate_and_describe

from . import lifecycle
from .forms import MAX_YEAR, MIN_YEAR
from .models import CampaignEvent, Notice

DATE_FORMAT = "%d/%m/%Y"
NOTE_MAX = 5000


class YearRangeDateField(forms.DateField):
    """A date whose year is within reason: 01/01/0001 or 31/12/9999 is a typing slip (and
    the date arithmetic on it overflows)."""

    def validate(self, value):
        super().validate(value)
        if value and not MIN_YEAR <= value.year <= MAX_YEAR:
            raise ValidationError(f"Năm phải trong khoảng {MIN_YEAR} đến {MAX_YEAR}.")


def date_field(label, required=True, help_text=""):
    return YearRangeDateField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=[DATE_FORMAT],
        widget=forms.DateInput(format=DATE_FORMAT, attrs={"placeholder": "ngày/tháng/năm"}),
        error_messages={
            "invalid": "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 25/12/2017.",
            "required": f"Cần nhập {label.lower()}.",
        },
    )


def check_file(upload):
    """Refuse a file whose content is not an allowed document, whatever its name says."""
    if not upload:
        return upload
    validate_and_describe(upload)
    upload.seek(0)
    return upload


class StepForm(forms.Form):
    """A move to the next step, with its note and the document it carries."""

    tu = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(
        label="Ghi chú",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Ghi chú dài quá %(limit_value)d ký tự."},
    )
    document_kind = forms.ChoiceField(label="Loại văn bản kèm theo", required=False)
    file = forms.FileField(
        label="Tệp văn bản",
        required=False,
        help_text="PDF, Word, Excel, ảnh… Loại tệp được kiểm tra theo nội dung.",
    )

    def __init__(self, *args, move, campaign, **kwargs):
        kwargs.setdefault("prefix", move.to_status)
        kwargs.setdefault("initial", {"tu": campaign.status})
        super().__init__(*args, **kwargs)
        self.move = move
        self.campaign = campaign
        choices = list(move.document_choices())
        if CampaignEvent.DocumentKind.KHAC not in move.document_kinds:
            choices.append((CampaignEvent.DocumentKind.KHAC, CampaignEvent.DocumentKind.KHAC.label))
        self.fields["document_kind"].choices = [("", "— Không kèm văn bản —"), *choices]
        if move.needs == lifecycle.NEEDS_DECISION:
            self.fields["decision_number"] = forms.CharField(
                label="Số quyết định thành lập đoàn",
                max_length=60,
                help_text="Ví dụ 125-QĐ/HU.",
                initial=campaign.decision_number,
                error_messages={"required": "Cần nhập số quyết định."},
            )
            self.fields["decision_date"] = date_field(
                "Ngày quyết định", help_text="Ngày/tháng/năm."
            )
            if campaign.decision_date:
                self.fields["decision_date"].initial = campaign.decision_date

    def clean_file(self):
        return check_file(self.cleaned_data.get("file"))


class ConcludeForm(StepForm):
    """The conclusion step: the notice (thông báo kết luận / kết quả giám sát) it issues."""

    number = forms.CharField(
        label="Số và ký hiệu thông báo",
        max_length=60,
        help_text="Ví dụ 25-TB/HU.",
        error_messages={"required": "Cần nhập số thông báo."},
    )
    issued_on = date_field("Ngày ban hành", help_text="Ngày/tháng/năm.")
    signer = forms.CharField(
        label="Người ký",
        max_length=150,
        error_messages={"required": "Cần nhập người ký thông báo."},
    )
    recipients = forms.CharField(
        label="Nơi nhận", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    text = forms.CharField(
        label="Nội dung thông báo", required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    summary = forms.CharField(
        label="Tóm tắt kết quả",
        required=False,
        help_text="Hiện trên trang công khai nếu cuộc được công khai.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    field_order = ["number", "issued_on", "signer", "recipients", "text", "summary", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The notice is the document of this step; note and kind are written by the service.
        del self.fields["note"]
        del self.fields["document_kind"]
        self.fields["file"].label = "Tệp thông báo"

    def clean_issued_on(self):
        issued_on = self.cleaned_data["issued_on"]
        if issued_on and issued_on < self.campaign.start_on:
            raise ValidationError(
                "Ngày ban hành không thể trước ngày đoàn bắt đầu làm việc "
                f"({self.campaign.start_on.strftime(DATE_FORMAT)})."
            )
        return issued_on


def issues_notice(move, campaign):
    """Whether the move is the conclusion and the notice is still to be written here (a
    notice entered in the admin makes the conclusion a plain step)."""
    if move.needs != lifecycle.NEEDS_NOTICE:
        return False
    try:
        campaign.notice  # noqa: B018 - the reverse one-to-one raises when there is none
    except Notice.DoesNotExist:
        return True
    return False


def form_for(move, campaign, data=None, files=None):
    """The form of one move, bound when data is given."""
    form_class = ConcludeForm if issues_notice(move, campaign) else StepForm
    return form_class(data, files, move=move, campaign=campaign)


class ExtendForm(forms.Form):
    """The one extension of the working window (at most a third of it, checked by the service)."""

    new_end = date_field("Gia hạn đến ngày", help_text="Ngày/tháng/năm.")
    note = forms.CharField(
        label="Lý do", required=False, max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "gia_han")
        super().__init__(*args, **kwargs)


class EscalateForm(forms.Form):
    """A kiểm tra campaign opened from a supervision that found signs of violation."""

    title = forms.CharField(
        label="Tên cuộc kiểm tra",
        required=False,
        max_length=300,
        help_text="Để trống để đặt tên theo cuộc giám sát.",
    )
    start_on = date_field("Bắt đầu làm việc", required=False, help_text="Để trống: hôm nay.")
    end_on = date_field("Kết thúc làm việc", required=False, help_text="Để trống: sau 30 ngày.")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "chuyen_kiem_tra")
        super().__init__(*args, **kwargs)


class RemediationReportForm(forms.Form):
    """The organization's report that it has remedied an item."""

    number = forms.CharField(
        label="Số báo cáo khắc phục",
        max_length=60,
        error_messages={"required": "Cần nhập số báo cáo."},
    )
    date = date_field("Ngày báo cáo")
    file = forms.FileField(label="Tệp báo cáo", required=False)
    note = forms.CharField(
        label="Ghi chú",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, item, **kwargs):
        kwargs.setdefault("prefix", f"bao_cao_{item.pk}")
        super().__init__(*args, **kwargs)

    def clean_file(self):
        return check_file(self.cleaned_data.get("file"))


class RemediationVerifyForm(forms.Form):
    """The delegation's confirmation that a reported item was remedied."""

    note = forms.CharField(
        label="Ý kiến kiểm tra xác nhận",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, item, **kwargs):
        kwargs.setdefault("prefix", f"xac_nhan_{item.pk}")
        super().__init__(*args, **kwargs)
