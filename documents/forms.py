"""Forms of the documents admin: the rules an editor meets when saving a document."""

import re

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils.formats import date_format

from portal.richtext import rich_text_widget

from .models import FIRST_YEAR, LAST_YEAR, Access, Document, DocumentFile, IssuingBody
from .services import document_duplicates

# How many people each rule admits, loosest first; chosen groups count as narrow as reporters.
_BREADTH = {Access.PUBLIC: 3, Access.MEMBERS: 2, Access.REPORTERS: 1, Access.GROUPS: 1}

# As printed before the symbol: 80 in 80-BC/BTGTU; numbers restart each term.
NUMBER_PATTERN = re.compile(r"[0-9]{1,10}[A-Za-z]{0,3}")

CLASSIFIED_REFUSAL = (
    "Văn bản mật không được đưa lên mạng (Luật Bảo vệ bí mật nhà nước): văn bản chưa được lưu."
)


def _check_year(value, label):
    if value and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise forms.ValidationError(f"{label} phải trong khoảng năm {FIRST_YEAR} đến {LAST_YEAR}.")
    return value


class DocumentForm(forms.ModelForm):
    """A document: refuses secrets, exact duplicates and group rules without groups; collects
    warnings (a likely duplicate of another term, a download rule looser than viewing)."""

    M2M = ["fields", "categories", "related", "replaces", "view_groups", "download_groups"]

    class Meta:
        model = Document
        fields = [
            "number",
            "kind",
            "issuing_body",
            "symbol",
            "code",
            "summary",
            "slug",
            "issued_on",
            "effective_from",
            "effective_to",
            "signer",
            "description",
            "fields",
            "categories",
            "related",
            "replaces",
            "secret",
            "view_access",
            "view_groups",
            "download_access",
            "download_groups",
            "is_published",
            "published_at",
        ]
        help_texts = {
            "download_access": (
                "Người tải về phải vừa được xem văn bản vừa được tải: quyền tải rộng hơn "
                "quyền xem không mở thêm cho ai."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.M2M:
            if name in self.fields:
                # Django's own message for a tampered id is not translated.
                self.fields[name].error_messages["invalid_pk_value"] = (
                    "“%(pk)s” không phải là lựa chọn hợp lệ."
                )
        self.warnings = []
        if "description" in self.fields:
            self.fields["description"].widget = rich_text_widget()
        if "issuing_body" in self.fields:
            # Merged bodies stay choosable (old documents keep them), marked as such.
            self.fields["issuing_body"].label_from_instance = _body_label
        for name in ("related", "replaces"):
            if name in self.fields and self.instance.pk:
                field = self.fields[name]
                field.queryset = field.queryset.exclude(pk=self.instance.pk)

    def clean_secret(self):
        if self.cleaned_data.get("secret"):
            message = CLASSIFIED_REFUSAL
            if self.instance.pk and self.instance.is_published:
                # Ticking "mật" is how an editor may first try to take a document down.
                message += (
                    " Văn bản này đang được đăng: để gỡ xuống ngay, hãy bỏ chọn "
                    "“Đăng trên trang” rồi lưu, hoặc xóa văn bản."
                )
            raise forms.ValidationError(message, code="secret")
        return False

    def clean_number(self):
        number = (self.cleaned_data.get("number") or "").strip()
        if number and not NUMBER_PATTERN.fullmatch(number):
            raise forms.ValidationError(
                "Số văn bản chỉ gồm chữ số, có thể thêm chữ cái ở cuối (ví dụ 80, 04, 12a); "
                "phần ký hiệu như -BC/BTGTU được tạo từ loại văn bản và cơ quan ban hành.",
                code="number",
            )
        return number

    def clean_issued_on(self):
        return _check_year(self.cleaned_data.get("issued_on"), "Ngày ban hành")

    def clean_effective_from(self):
        return _check_year(self.cleaned_data.get("effective_from"), "Ngày có hiệu lực")

    def clean_effective_to(self):
        return _check_year(self.cleaned_data.get("effective_to"), "Ngày hết hiệu lực")

    def clean_published_at(self):
        return _check_year(self.cleaned_data.get("published_at"), "Thời điểm đăng")

    def clean(self):
        data = super().clean()
        for prefix, label in (("view", "xem"), ("download", "tải về")):
            if data.get(f"{prefix}_access") == Access.GROUPS and not data.get(f"{prefix}_groups"):
                self.add_error(
                    f"{prefix}_groups",
                    f"Hãy chọn ít nhất một nhóm được {label}, hoặc đổi “ai được {label}”.",
                )
        self._check_duplicates(data)
        self._check_access_breadth(data)
        return data

    def _check_duplicates(self, data):
        number, kind, issued_on = data.get("number"), data.get("kind"), data.get("issued_on")
        if not (number and kind and issued_on):
            return
        probe = Document(
            pk=self.instance.pk, number=number, kind=kind, issuing_body=data.get("issuing_body")
        )
        for other in document_duplicates(probe).select_related("kind", "issuing_body"):
            when = date_format(other.issued_on, "d/m/Y")
            if other.issued_on == issued_on:
                self.add_error(
                    "issued_on",
                    f"Đã có văn bản {other.display_code} cùng số, loại, cơ quan ban hành và "
                    f"cùng ngày ban hành {when}: đây là văn bản trùng, chưa được lưu.",
                )
                return
            self.warnings.append(
                f"Lưu ý: đã có văn bản {other.display_code} cùng số, loại và cơ quan ban hành, "
                f"ban hành ngày {when} (có thể của nhiệm kỳ khác). Hãy kiểm tra đây không phải "
                "văn bản trùng."
            )

    def _check_access_breadth(self, data):
        view, download = data.get("view_access"), data.get("download_access")
        if view in _BREADTH and download in _BREADTH and _BREADTH[download] > _BREADTH[view]:
            self.warnings.append(
                f"Quyền tải về (“{Access(download).label}”) rộng hơn quyền xem "
                f"(“{Access(view).label}”): chỉ người được xem văn bản mới tải được tệp."
            )


def _body_label(body):
    if body.active_to:
        return f"{body} – hoạt động đến {date_format(body.active_to, 'd/m/Y')}"
    return str(body)


class _StoredFile:
    """What the file input shows of a stored private file: its name and download link."""

    def __init__(self, name, url):
        self.name, self.url = name, url

    def __str__(self):
        return self.name


class PrivateFileInput(forms.ClearableFileInput):
    """A file input for private storage, whose files have no URL of their own: the stored
    file is shown by its original name, linked to the checked download view."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stored_name = self.download_url = ""

    def is_initial(self, value):
        return bool(value and getattr(value, "name", None))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.is_initial(value):
            context["widget"]["value"] = _StoredFile(
                self.stored_name or value.name, self.download_url
            )
        return context


class UploadField(forms.FileField):
    """A file field that leaves an empty upload to the document validator, whose message
    names the file; Django's own ("Tập tin được gửi là rỗng.") would come instead of it."""

    def to_python(self, data):
        try:
            return super().to_python(data)
        except forms.ValidationError as error:
            if error.code == "empty":
                return data
            raise


class DocumentFileForm(forms.ModelForm):
    """A file row: the upload's name is remembered as typed by the uploader's computer."""

    class Meta:
        model = DocumentFile
        fields = ["file", "title", "order"]
        widgets = {"file": PrivateFileInput}
        field_classes = {"file": UploadField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            widget = self.fields["file"].widget
            widget.stored_name = self.instance.original_name
            # The admin's own link: it sends drafts' files too, and counts nothing.
            widget.download_url = reverse("admin:documents_document_file", args=[self.instance.pk])

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            # A new upload replaces the old one's name; the save takes the new one's.
            self.instance.original_name = ""
        return upload


class IssuingBodyForm(forms.ModelForm):
    class Meta:
        model = IssuingBody
        fields = ["name", "abbreviation", "slug", "active_from", "active_to", "order"]

    def clean_active_from(self):
        return _check_year(self.cleaned_data.get("active_from"), "Ngày bắt đầu hoạt động")

    def clean_active_to(self):
        return _check_year(self.cleaned_data.get("active_to"), "Ngày kết thúc hoạt động")
