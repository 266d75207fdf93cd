"""Forms of the news pages: readers' comments."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.text import nfc

from .models import Comment

# The honeypot's name looks like a field a spam bot wants to fill; people never see it.
HONEYPOT_FIELD = "website"


class CommentForm(forms.Form):
    name = forms.CharField(
        label=_("Họ và tên"),
        max_length=Comment._meta.get_field("name").max_length,
        error_messages={"required": _("Vui lòng nhập họ và tên.")},
    )
    email = forms.EmailField(
        label=_("Email"),
        help_text=_("Không hiển thị công khai."),
        error_messages={
            "required": _("Vui lòng nhập email."),
            "invalid": _("Email không hợp lệ."),
        },
    )
    body = forms.CharField(
        label=_("Ý kiến của bạn"),
        max_length=Comment._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Vui lòng nhập ý kiến."),
            "max_length": _("Ý kiến dài quá %(limit_value)d ký tự (hiện có %(show_value)d)."),
        },
    )
    website = forms.CharField(
        label=_("Để trống ô này"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_name(self):
        return nfc(self.cleaned_data["name"]).strip()

    def clean_body(self):
        body = nfc(self.cleaned_data["body"]).strip()
        if not body:
            raise forms.ValidationError(_("Vui lòng nhập ý kiến."))
        return body

    def is_bot(self):
        """Whether the hidden field was filled: only a program sees it."""
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())
